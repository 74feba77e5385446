/// Renders diagnostics the way a compiler does:
///
///     cases/maria.scenario:12:6: error: unknown scene 'her-stroy'
///        12 |   -> her-stroy
///           |      ^~~~~~~~~
///       hint: did you mean 'her-story'?
public struct DiagnosticRenderer: Sendable {
    /// The text of each file, by path, for quoting the offending line.
    public var sources: [String: String]
    /// Whether to add ANSI colour (only on a terminal, never with NO_COLOR).
    public var colored: Bool

    public init(sources: [String: String] = [:], colored: Bool = false) {
        self.sources = sources
        self.colored = colored
    }

    /// The diagnostic as lines of text, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        func safe(_ text: String) -> String { VisibleText.make(text, keepNewlines: false) }
        var output = paint("\(safe(diagnostic.location.description)): ", bold: true)
        let label = diagnostic.severity.rawValue
        output += paint(label + ":", color: diagnostic.isError ? "31" : "35", bold: true)
        output += paint(" " + safe(diagnostic.message), bold: true) + " [\(diagnostic.code.rawValue)]\n"
        output += excerpt(at: diagnostic.location, length: diagnostic.length)
        if let hint = diagnostic.hint {
            output += "    " + paint("hint:", color: "36", bold: true) + " \(safe(hint))\n"
        }
        for note in diagnostic.notes {
            output += "\(safe(note.location.description)): " + paint("note:", color: "90", bold: true)
                + " \(safe(note.message))\n"
            output += excerpt(at: note.location, length: 1)
        }
        return output
    }

    /// Every diagnostic in source order, then a summary line ("2 errors, 1 warning").
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.inSourceOrder.map(render).joined()
    }

    /// "1 error and 2 warnings", "no problems".
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (_, 0): return count(errors, "error")
        case (0, _): return count(warnings, "warning")
        default: return count(errors, "error") + " and " + count(warnings, "warning")
        }
    }

    private func excerpt(at location: SourceLocation, length: Int) -> String {
        guard location.line > 0, let text = sources[location.file],
            let line = Self.line(location.line, of: text)
        else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(4, number.count + 2))
        let shown = VisibleText.make(line, keepNewlines: false)
        let padding = String(repeating: " ", count: max(0, location.column - 1))
        let available = max(1, shown.count - (location.column - 1))
        let marks = "^" + String(repeating: "~", count: max(0, min(length, available) - 1))
        return String(gutter.dropLast(number.count)) + number + " | " + shown + "\n"
            + gutter + " | " + padding + paint(marks, color: "32", bold: true) + "\n"
    }

    /// The 1-based line of a text, without its line ending.
    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        let utf8 = text.utf8
        var byteIndex = utf8.startIndex
        while byteIndex != utf8.endIndex {
            if utf8[byteIndex] == UInt8(ascii: "\n") {
                if current == number {
                    index = byteIndex
                    var line = String(text[start..<index])
                    if line.hasSuffix("\r") { line.removeLast() }
                    return line
                }
                current += 1
                start = utf8.index(after: byteIndex)
            }
            byteIndex = utf8.index(after: byteIndex)
        }
        guard current == number else { return nil }
        var line = String(text[start...])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    private func paint(_ text: String, color: String? = nil, bold: Bool = false) -> String {
        guard colored else { return text }
        var codes: [String] = []
        if bold { codes.append("1") }
        if let color { codes.append(color) }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
