// Fuzz target: the policy for hidden characters in every output. Text made of any scalars goes through the
// terminal's `VisibleText`, the HTML escaper (the web pages' `Markup.escaped`, which is the class report's `HTML.escaped`), the
// Markdown escaper of the debriefs, the CSV writer and both JSON writers. No output may hold a control
// character, a direction control, an invisible character or a line separator outside its escape (a newline
// where the output keeps one, and a variation selector or joiner inside an emoji, are the only exceptions);
// `VisibleText` must be idempotent, CSV must read back as written, and JSON must read back to the text.
import Foundation
import PracticumCore
import PracticumWeb

@testable import PracticumClassroom

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVisibleText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let text = VisibleTextFuzz.text(from: bytes.dropFirst(), scalars: mode & 1 == 1)

    for keepNewlines in [true, false] {
        let shown = VisibleText.make(text, keepNewlines: keepNewlines)
        VisibleTextFuzz.expectNoHidden(shown, newlines: keepNewlines, "VisibleText")
        precondition(VisibleText.make(shown, keepNewlines: keepNewlines) == shown, "VisibleText is not idempotent")
    }

    let page = Markup.escaped(text)
    VisibleTextFuzz.expectNoHidden(page, newlines: true, "HTML")
    precondition(!page.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) }, "HTML holds a raw < > \" or '")
    precondition(VisibleTextFuzz.everyAmpersandStartsAReference(page), "HTML holds a raw &")

    VisibleTextFuzz.expectNoHidden(StudentDebrief.escaped(text), newlines: false, "Markdown")

    let cell = CSVWriter.render(.text(text))
    VisibleTextFuzz.expectNoHidden(cell, newlines: true, "CSV")
    guard let back = try? CSVReader.records(cell + "\r\n") else { fatalError("a CSV cell did not read back") }
    let expected = CSVWriter.cellText(text)
    precondition(back.map(\.fields).filter { $0 != [""] } == (expected.isEmpty ? [] : [[expected]]), "a CSV cell did not read back as written")

    let quoted = JSONText.quote(text)
    VisibleTextFuzz.expectNoHidden(quoted, newlines: false, "JSONText.quote", display: false)
    guard case .string(let read)? = try? JSONValue.parse(quoted).kind, read.unicodeScalars.elementsEqual(text.unicodeScalars) else {
        fatalError("a JSON string did not read back to its text")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let encoded = try? encoder.encode(["text": text]) {
        let json = JSONText.escapingHidden(String(decoding: encoded, as: UTF8.self))
        VisibleTextFuzz.expectNoHidden(json, newlines: true, "JSONText.escapingHidden", display: false)
        guard case .object(let members)? = try? JSONValue.parse(json).kind, case .string(let again)? = members.first?.value.kind,
            again.unicodeScalars.elementsEqual(text.unicodeScalars)
        else { fatalError("escaped JSON did not read back to its text") }
    }
    return 0
}

enum VisibleTextFuzz {
    /// The input as text: its bytes as UTF-8 (invalid sequences replaced), or every three bytes as one scalar
    /// anywhere in Unicode (so the fuzzer reaches the tag characters and the other planes without writing UTF-8).
    static func text(from bytes: ArraySlice<UInt8>, scalars: Bool) -> String {
        guard scalars else { return String(decoding: bytes, as: UTF8.self) }
        var view = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex {
            let value = (UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])) % 0x11_0000
            view.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            index += 3
        }
        return String(view)
    }

    /// Whether every `&` of `html` begins one of the references the escapers write. Scalar by scalar, never by
    /// `Character`: a combining mark after the `;` (`&gt;` then U+FE20) makes `;` and the mark one `Character`,
    /// so a `Character` prefix test would call a correct `&gt;` raw, and a combining mark after a raw `&` would
    /// hide it from a `Character` split (finding-open-1).
    static func everyAmpersandStartsAReference(_ html: String) -> Bool {
        let scalars = Array(html.unicodeScalars)
        let references = ["amp;", "lt;", "gt;", "quot;", "#39;"].map { Array($0.unicodeScalars) }
        for (index, scalar) in scalars.enumerated() where scalar == "&" {
            let after = scalars[(index + 1)...]
            guard references.contains(where: { after.starts(with: $0) }) else { return false }
        }
        return true
    }

    /// Stops the run when `output` holds a hidden character raw: anything the policy covers except a newline
    /// (when `newlines`), and on a display the variation selectors and joiners it keeps inside emoji.
    static func expectNoHidden(_ output: String, newlines: Bool, _ name: String, display: Bool = true) {
        let scalars = Array(output.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where HiddenCharacters.kind(of: scalar) != nil {
            if newlines && scalar == "\n" { continue }
            if display && HiddenCharacters.keptOnDisplay(scalars, at: index) { continue }
            fatalError("\(name) wrote \(HiddenCharacters.code(scalar)) raw at scalar \(index)")
        }
    }
}
