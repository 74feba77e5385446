import PracticumCore
import PracticumWeb
import Testing

@testable import PracticumClassroom

/// The visible-text fuzz target's first finding (Tests/Fuzz/Seeds/visible-text/finding-open-1), replayed on the
/// two HTML escapers. The escapers were right; the target's check read the page by `Character`.
@Suite("HTML escaping: a combining mark after a reference")
struct HTMLEscapingFindingTests {
    /// The finding's scalars (as HiddenCharactersTests.firstFuzzFinding reads them from the seed).
    static let finding: [UInt32] = [
        0x282E, 0x416E, 0xC20E2, 0x9AEE2, 0xAA6E2, 0xAA7E2, 0xAA8E2, 0xAA9E2, 0x9ACE2, 0x98BEF, 0xBF1B, 0x7C29B,
        0xFACE2, 0x98BEF, 0xBF1B, 0x7C29B, 0xE0041, 0xFE20, 0xF0AFF, 0x1F469, 0x8FFFF, 0xFF40,
    ]

    /// Whether every `&` begins a reference the escapers write, scalar by scalar (as the fixed target checks).
    static func everyAmpersandStartsAReference(_ html: String) -> Bool {
        let scalars = Array(html.unicodeScalars)
        let references = ["amp;", "lt;", "gt;", "quot;", "#39;"].map { Array($0.unicodeScalars) }
        return scalars.indices.filter { scalars[$0] == "&" }.allSatisfy { index in
            references.contains { scalars[(index + 1)...].starts(with: $0) }
        }
    }

    @Test func theFindingIsEscapedWholeByBothEscapers() throws {
        let text = String(String.UnicodeScalarView(try Self.finding.map { try #require(Unicode.Scalar($0)) }))
        let page = Markup.escaped(text)
        #expect(Array(page.unicodeScalars) == Array(HTML.escaped(text).unicodeScalars))
        // The tag character shows as its code, and the combining mark that followed it now follows `&gt;`.
        #expect(page.contains("&lt;U+E0041&gt;\u{FE20}"))
        #expect(!page.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) })
        #expect(Self.everyAmpersandStartsAReference(page))
        // Why the old check failed: `;` and U+FE20 are one `Character`, so `hasPrefix("gt;")` is false.
        let afterAmpersands = page.split(separator: "&", omittingEmptySubsequences: false).dropFirst()
        #expect(afterAmpersands.contains { !$0.hasPrefix("gt;") && $0.unicodeScalars.starts(with: "gt;".unicodeScalars) })
    }

    @Test func aRawAmpersandBeforeACombiningMarkIsStillFound() {
        // A `Character` split would not see this `&` at all; the scalar check does.
        #expect(!Self.everyAmpersandStartsAReference("a&\u{FE20}b"))
        #expect(Self.everyAmpersandStartsAReference(Markup.escaped("a&\u{FE20}b")))
        #expect(Markup.escaped("a&\u{FE20}b") == "a&amp;\u{FE20}b")
    }
}
