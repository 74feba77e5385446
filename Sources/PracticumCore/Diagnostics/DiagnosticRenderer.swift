/// Renders diagnostics the way a compiler does:
///
///     cases/maria.scenario:12:6: error: unknown scene 'her-stroy'
///        12 |   -> her-stroy
///           |      ^~~~~~~~~
///       hint: did you mean 'her-story'?
///
/// Rendering takes time in proportion to what it prints: each file's lines are indexed once, a long
/// line is quoted as a window around the caret, and `render(_:limit:)` prints at most `limit`
/// diagnostics and then says how many more there are.
public struct DiagnosticRenderer: Sendable {
    /// The text of each file, by path, for quoting the offending line.
    public var sources: [String: String]
    /// Whether to add ANSI colour (only on a terminal, never with NO_COLOR).
    public var colored: Bool
    /// The most characters of a line quoted on each side of the caret.
    public static let window = 60
    /// The most diagnostics `check` prints per file by default.
    public static let defaultLimit = 100

    /// Each file's text as UTF-8 with the offsets where its lines start, built once.
    private let indexes: [String: LineIndex]

    public init(sources: [String: String] = [:], colored: Bool = false) {
        self.sources = sources
        self.colored = colored
        indexes = sources.mapValues(LineIndex.init)
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

    /// Every diagnostic in source order, at most `limit` of them, then a line saying how many more there are.
    public func render(_ diagnostics: [Diagnostic], limit: Int = .max) -> String {
        let ordered = diagnostics.inSourceOrder
        var output = ordered.prefix(max(0, limit)).map(render).joined()
        if ordered.count > limit {
            let more = ordered.count - limit
            output += "... and \(more) more \(more == 1 ? "problem" : "problems") (use --json to see them all)\n"
        }
        return output
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
        guard location.line > 0, let index = indexes[location.file], let line = index.line(location.line) else {
            return ""
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(4, number.count + 2))
        // A window of the line around the caret, so that a long line costs what is shown.
        let characters = Array(line)
        let caret = min(max(0, location.column - 1), characters.count)
        let start = max(0, caret - Self.window)
        let end = min(characters.count, caret + max(1, min(length, Self.window)) + Self.window)
        let before = start > 0 ? "…" : ""
        let after = end < characters.count ? "…" : ""
        let shown = before + VisibleText.make(String(characters[start..<end]), keepNewlines: false) + after
        let padding = String(repeating: " ", count: caret - start + before.count)
        let available = max(1, end - caret)
        let marks = "^" + String(repeating: "~", count: max(0, min(length, available, Self.window) - 1))
        return String(gutter.dropLast(number.count)) + number + " | " + shown + "\n"
            + gutter + " | " + padding + paint(marks, color: "32", bold: true) + "\n"
    }

    /// The 1-based line of a text, without its line ending.
    static func line(_ number: Int, of text: String) -> String? {
        LineIndex(text).line(number)
    }

    private func paint(_ text: String, color: String? = nil, bold: Bool = false) -> String {
        guard colored else { return text }
        var codes: [String] = []
        if bold { codes.append("1") }
        if let color { codes.append(color) }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}

/// A text's UTF-8 bytes and the offset where each line starts: any line in constant time.
struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The 1-based line, without its line ending; nil past the end.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard start <= end else { return nil }
        if number == starts.count && start == bytes.count && number > 1 { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
