import Foundation
import PracticumCore
import PracticumWeb
import Testing
@testable import PracticumClassroom

@Suite struct TmpDiagTests {
    @Test func diag() throws {
        let values: [UInt32] = [0x282e, 0x416e, 0xc20e2, 0x9aee2, 0xaa6e2, 0xaa7e2, 0xaa8e2, 0xaa9e2, 0x9ace2, 0x98bef, 0xbf1b, 0x7c29b, 0xface2, 0x98bef, 0xbf1b, 0x7c29b, 0xe0041, 0xfe20, 0xf0aff, 0x1f469, 0x8ffff, 0xff40]
        var view = String.UnicodeScalarView()
        for v in values { view.append(Unicode.Scalar(v)!) }
        let text = String(view)
        for keep in [true, false] {
            let shown = VisibleText.make(text, keepNewlines: keep)
            print("shown", shown.unicodeScalars.map { String($0.value, radix: 16) })
            for (i, s) in shown.unicodeScalars.enumerated() where HiddenCharacters.kind(of: s) != nil { print("hidden at", i, HiddenCharacters.code(s)) }
            let again = VisibleText.make(shown, keepNewlines: keep)
            print("idempotent", again == shown, Array(again.unicodeScalars) == Array(shown.unicodeScalars))
        }
        let page = Markup.escaped(text)
        print("html same", page == HTML.escaped(text))
        print("raw", page.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) })
        for piece in page.split(separator: "&", omittingEmptySubsequences: false).dropFirst() { print("piece", piece.prefix(5)) }
        let md = StudentDebrief.escaped(text)
        for (i, s) in md.unicodeScalars.enumerated() where HiddenCharacters.kind(of: s) != nil { print("md hidden at", i, HiddenCharacters.code(s)) }
        let cell = CSVWriter.render(.text(text))
        let back = try CSVReader.records(cell + "\r\n")
        print("csv", back.map(\.fields).filter { $0 != [""] } == [[CSVWriter.cellText(text)]])
        let quoted = JSONText.quote(text)
        if case .string(let read)? = try? JSONValue.parse(quoted).kind { print("json q", read == text) } else { print("json q parse failed") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let encoded = try encoder.encode(["text": text])
        let json = JSONText.escapingHidden(String(decoding: encoded, as: UTF8.self))
        if case .object(let members)? = try? JSONValue.parse(json).kind, case .string(let again)? = members.first?.value.kind { print("json e", again == text) } else { print("json e failed") }
    }
}
