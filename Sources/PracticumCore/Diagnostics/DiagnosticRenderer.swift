import Foundation

/// Renders diagnostics the way a compiler does:
///
///     cases/maria.scenario:12:6: error: unknown scene 'her-stroy'
///        12 |   -> her-stroy
///           |      ^~~~~~~~~
///       hint: did you mean 'her-story'?
///
/// Rendering takes time in proportion to what it prints: a file is scanned for lines only as far as the
/// furthest line quoted, a long line is quoted as a window around the caret, and `render(_:limit:)` prints
/// at most `limit` diagnostics and then says how many more there are.
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
    ///
    /// `omitted` counts the diagnostics that were found but not kept (`DiagnosticCollector`): they are in
    /// the count of more, and the line says that `--json` lists only those kept.
    public func render(_ diagnostics: [Diagnostic], limit: Int = .max, omitted: Int = 0) -> String {
        let ordered = diagnostics.inSourceOrder
        var output = ordered.prefix(max(0, limit)).map(render).joined()
        let more = max(0, ordered.count - max(0, limit)) + omitted
        if more > 0 {
            let noun = more == 1 ? "problem" : "problems"
            if omitted == 0 {
                output += "... and \(more) more \(noun) (use --json to see them all)\n"
            } else {
                output += "... and \(more) more \(noun) (--json lists the first \(ordered.count) of the file)\n"
            }
        }
        return output
    }

    /// "1 error and 2 warnings", "no problems".
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter(\.isError).count
        return summary(DiagnosticCounts(errors: errors, warnings: diagnostics.count - errors))
    }

    /// "1 error and 2 warnings", "no problems".
    public static func summary(_ counts: DiagnosticCounts) -> String {
        let errors = counts.errors
        let warnings = counts.warnings
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (_, 0): return count(errors, "error")
        case (0, _): return count(warnings, "warning")
        default: return count(errors, "error") + " and " + count(warnings, "warning")
        }
    }

    private func excerpt(at location: SourceLocation, length: Int) -> String {
        guard location.line > 0, let index = indexes[location.file],
            let window = index.window(
                line: location.line, caret: max(0, location.column - 1), length: length, size: Self.window)
        else {
            return ""
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(4, number.count + 2))
        // A window of the line around the caret, so that a long line costs what is shown.
        let caret = window.caret
        let before = window.cutBefore ? "…" : ""
        let after = window.cutAfter ? "…" : ""
        let shown = before + VisibleText.make(window.text, keepNewlines: false) + after
        let padding = String(repeating: " ", count: caret + before.count)
        let available = max(1, window.characters - caret)
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

/// The lines of a text, found as they are asked for: the text is scanned for line breaks only as far as
/// the furthest line asked for so far (a check with a warning on line 1 of a 20 MB file scans one line).
final class LineIndex: @unchecked Sendable {
    private let text: String
    /// The byte offset where each line found so far starts.
    private var starts: [Int] = [0]
    /// How far the text has been scanned, and whether to the end.
    private var scanned = 0
    private var complete = false
    private let lock = NSLock()

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    /// Scans until line `number` and the start of the one after it are known, or the text ends.
    private func extend(to number: Int) {
        guard !complete, starts.count <= number else { return }
        text.utf8.withContiguousStorageIfAvailable { bytes in
            while !complete && starts.count <= number {
                guard let base = bytes.baseAddress, scanned < bytes.count,
                    let found = memchr(base + scanned, Int32(UInt8(ascii: "\n")), bytes.count - scanned)
                else {
                    scanned = bytes.count
                    complete = true
                    return
                }
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(offset + 1)
                scanned = offset + 1
            }
        }
    }

    /// The 1-based line, without its line ending; nil past the end.
    func line(_ number: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return lineText(number).map(String.init)
    }

    /// Line `number` as a part of the text, without its line ending; nil past the end.
    private func lineText(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        extend(to: number)
        guard number <= starts.count else { return nil }
        let utf8 = text.utf8
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : utf8.count
        let index = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
        if end > start, utf8[index(end - 1)] == UInt8(ascii: "\r") { end -= 1 }
        guard start <= end else { return nil }
        if number == starts.count && start == utf8.count && number > 1 { return "" }
        return text[index(start)..<index(end)]
    }

    /// The characters of a line around a caret: what an excerpt quotes.
    struct Window: Equatable {
        /// At most `size` characters before the caret, the underlined ones, and at most `size` after them.
        var text: String
        /// How many characters of `text` come before the caret.
        var caret: Int
        /// How many characters `text` holds.
        var characters: Int
        /// Whether the line goes on before or after the window.
        var cutBefore: Bool
        var cutAfter: Bool
    }

    /// Where a walk along a line stopped: after `walked` characters, at `index`.
    private var cursors: [Int: (walked: Int, index: String.Index)] = [:]

    /// The window of line `number` around the character at 0-based position `caret` (the line's end if the
    /// line is shorter), with `length` characters underlined: the same characters as taking the line's
    /// characters as an array and slicing it, without making that array.
    ///
    /// A column is counted in characters, so finding it walks the line; a walk's end is remembered, so that
    /// the diagnostics of one long line, quoted in source order, walk it once between them, not once each.
    func window(line number: Int, caret wanted: Int, length: Int, size: Int) -> Window? {
        lock.lock()
        defer { lock.unlock() }
        guard let line = lineText(number) else { return nil }
        let target = max(0, wanted - size)
        var walked = 0
        var position = line.startIndex
        if let cursor = cursors[number], cursor.walked <= target {
            (walked, position) = cursor
        }
        while walked < target, position < line.endIndex {
            position = line.index(after: position)
            walked += 1
        }
        cursors[number] = (walked, position)
        // The characters from `walked` on, as many as the window can show (and one more, to know whether the
        // line goes on); `count` is the line's length once its end is reached.
        let underline = max(1, min(length, size))
        var characters: [Character] = []
        var index = position
        while walked + characters.count <= wanted + underline + size, index < line.endIndex {
            characters.append(line[index])
            index = line.index(after: index)
        }
        let count: Int? = index == line.endIndex ? walked + characters.count : nil
        let caret = min(wanted, count ?? wanted)
        let start = max(0, caret - size)
        var first = walked
        var back = position
        while first > start {
            // Only a caret past the line's end starts the window before where the walk stopped.
            back = line.index(before: back)
            characters.insert(line[back], at: 0)
            first -= 1
        }
        let end = min(count ?? .max, caret + underline + size)
        return Window(
            text: String(characters[(start - first)..<(end - first)]), caret: caret - start, characters: end - start,
            cutBefore: start > 0, cutAfter: count.map { end < $0 } ?? true)
    }
}
