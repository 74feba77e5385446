import Foundation
import Testing

@testable import PracticumCore

/// The one policy for characters that act, reorder or hide (`HiddenCharacters`), and its two renderings: shown
/// visibly for a person (`VisibleText`) and escaped in JSON (`JSONText`).
@Suite("Hidden characters: the policy, the visible form and the JSON escapes")
struct HiddenCharactersTests {
    @Test(arguments: [
        (0x1B, HiddenCharacters.Kind.control), (0x07, .control), (0x7F, .control), (0x9B, .control), (0x85, .control),
        (0x202E, .bidi), (0x202A, .bidi), (0x202C, .bidi), (0x2066, .bidi), (0x2069, .bidi), (0x200E, .bidi), (0x200F, .bidi),
        (0x061C, .bidi), (0x200B, .invisible), (0x200C, .invisible), (0x200D, .invisible), (0x2060, .invisible),
        (0xFEFF, .invisible), (0x00AD, .invisible), (0xE0041, .invisible), (0xE007F, .invisible), (0xFE0F, .invisible),
        (0x3164, .invisible), (0xFFF9, .invisible), (0x2028, .lineSeparator), (0x2029, .lineSeparator),
    ] as [(UInt32, HiddenCharacters.Kind)])
    func eachHiddenCharacterHasItsKind(value: UInt32, kind: HiddenCharacters.Kind) throws {
        #expect(HiddenCharacters.kind(of: try #require(Unicode.Scalar(value))) == kind)
    }

    @Test func ordinaryTextIsNotHidden() {
        let text = "Ibu Sari — 'rumah' é ñ 中文 العربية עברית 🙂 ½ ·"
        #expect(!HiddenCharacters.occur(in: text))
        #expect(VisibleText.make(text) == text)
        #expect(JSONText.quote(text) == "\"" + text + "\"")
    }

    @Test func aTrojanSourceLineShowsInTheOrderItIsStored() {
        // The override makes "Ana ...1 nimda" display as "Ana ...admin 1": shown visibly, nothing reorders.
        #expect(VisibleText.make("Ana \u{202E}1 nimda\u{202C}") == "Ana <U+202E>1 nimda<U+202C>")
        #expect(VisibleText.make("a\u{200B}b\u{FEFF}c\u{E0041}") == "a<U+200B>b<U+FEFF>c<U+E0041>")
        #expect(VisibleText.make("x\u{1B}[2J\u{9B}\u{7}\ty\nz", keepNewlines: false) == "x␛[2J\u{FFFD}␇ y␤z")
    }

    @Test func emojiStayWholeButASelectorOrJoinerAfterPlainTextShows() {
        let emoji = ["\u{2764}\u{FE0F}", "1\u{FE0F}\u{20E3}", "\u{1F469}\u{200D}\u{2695}\u{FE0F}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"]
        for text in emoji { #expect(VisibleText.make(text) == text, "\(text.unicodeScalars.map { HiddenCharacters.code($0) })") }
        #expect(VisibleText.make("A\u{FE0F}li") == "A<U+FE0F>li", "a selector after ASCII hides a difference")
        #expect(VisibleText.make("a\u{200D}b") == "a<U+200D>b")
        #expect(VisibleText.make("\u{1F469}\u{200D}") == "\u{1F469}<U+200D>", "a joiner with nothing after it")
        #expect(VisibleText.make("\u{202E}\u{FE0F}") == "<U+202E><U+FE0F>")
        // JSON escapes them all the same: nothing is lost, and no program sees them raw.
        #expect(JSONText.quote("\u{2764}\u{FE0F}") == "\"\u{2764}\\ufe0f\"")
    }

    /// The scalars of the visible-text fuzz target's first finding (Tests/Fuzz/Seeds/visible-text/finding-open-1,
    /// scalar mode): a tag character, then a combining mark (U+FE20), private-use and unassigned scalars and an
    /// emoji. The Web tests replay the HTML part of it.
    static let firstFuzzFinding: [UInt32] = [
        0x282E, 0x416E, 0xC20E2, 0x9AEE2, 0xAA6E2, 0xAA7E2, 0xAA8E2, 0xAA9E2, 0x9ACE2, 0x98BEF, 0xBF1B, 0x7C29B,
        0xFACE2, 0x98BEF, 0xBF1B, 0x7C29B, 0xE0041, 0xFE20, 0xF0AFF, 0x1F469, 0x8FFFF, 0xFF40,
    ]

    /// Whether `piece` occurs in `text` scalar by scalar.
    static func holds(_ text: String, _ piece: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let wanted = Array(piece.unicodeScalars)
        return scalars.indices.contains { scalars[$0...].starts(with: wanted) }
    }

    @Test func theFirstVisibleTextFuzzFindingIsShownAndEscapedExactly() throws {
        // The seed as the fuzz target reads it: a mode byte (odd: scalars), then three bytes per scalar.
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Seeds/visible-text/finding-open-1")
        let bytes = Array(try Data(contentsOf: seed))
        #expect(bytes.first.map { $0 & 1 == 1 } == true)
        var values: [UInt32] = []
        for start in stride(from: 1, to: bytes.count - 2, by: 3) {
            let high = UInt32(bytes[start]) << 16
            let middle = UInt32(bytes[start + 1]) << 8
            values.append((high | middle | UInt32(bytes[start + 2])) % 0x11_0000)
        }
        #expect(values == Self.firstFuzzFinding)
        let text = String(String.UnicodeScalarView(try values.map { try #require(Unicode.Scalar($0)) }))
        for keepNewlines in [true, false] {
            let shown = VisibleText.make(text, keepNewlines: keepNewlines)
            // Only the tag character is hidden; the combining mark after it now follows the code's `>`.
            #expect(shown.unicodeScalars.filter { HiddenCharacters.kind(of: $0) != nil }.isEmpty)
            // Compared by scalars: `>` and U+FE20 are one `Character`, so `shown.contains("<U+E0041>")` is false.
            #expect(Self.holds(shown, "<U+E0041>\u{FE20}"))
            #expect(Array(VisibleText.make(shown, keepNewlines: keepNewlines).unicodeScalars) == Array(shown.unicodeScalars))
        }
        let quoted = JSONText.quote(text)
        #expect(Self.holds(quoted, "\\udb40\\udc41\u{FE20}"))
        guard case .string(let read) = try JSONValue.parse(quoted).kind else { Issue.record("not a string"); return }
        #expect(Array(read.unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test func jsonEscapesEveryHiddenCharacterAndReadsBackTheSame() throws {
        let text = "q\"b\\\n\r\t\u{1}\u{7F}\u{85}\u{9B}\u{202E}\u{2066}\u{200B}\u{FEFF}\u{2028}\u{E0041}é🙂"
        let quoted = JSONText.quote(text)
        #expect(quoted == "\"q\\\"b\\\\\\n\\r\\t\\u0001\\u007f\\u0085\\u009b\\u202e\\u2066\\u200b\\ufeff\\u2028\\udb40\\udc41é🙂\"")
        #expect(try JSONValue.parse(quoted).kind == .string(text))
        // JSON another writer made: everything raw escaped, the layout kept.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let encoded = JSONText.escapingHidden(String(decoding: try encoder.encode(["t": text]), as: UTF8.self))
        #expect(!encoded.unicodeScalars.contains { $0.value >= 0x20 && HiddenCharacters.kind(of: $0) != nil })
        #expect(encoded.contains("\n"), "the writer's own line breaks stay")
        guard case .object(let members) = try JSONValue.parse(encoded).kind else { Issue.record("not an object"); return }
        #expect(members.first?.value.kind == .string(text))
    }

    @Test(arguments: ["\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\""])
    func aLoneSurrogateInJSONIsRefused(json: String) {
        #expect(throws: JSONError.self) { try JSONValue.parse(json) }
    }
}
