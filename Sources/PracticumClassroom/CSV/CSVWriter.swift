import PracticumCore

/// Writes CSV as RFC 4180 describes it: CRLF between records, a field quoted when it holds a comma, a
/// quote, a line break or space at either end, with its quotes doubled.
///
/// Text cells are neutralised for spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would be run as a formula by Excel, LibreOffice or Google Sheets ("CSV injection"), so
/// it gets a leading `'`, which spreadsheets show as text and do not display. Numbers Practicum computes
/// are written as they are. Text cells then show their hidden characters (`VisibleText`): a control
/// picture for a control character, `<U+202E>` for a direction control or an invisible character.
public struct CSVWriter: Sendable {
    /// One cell of a row.
    public enum Cell: Equatable, Sendable {
        /// Text from a person (a name, a comment, a case's words): neutralised, then quoted as needed.
        case text(String)
        /// A number Practicum computed, written as it is.
        case number(Int)
        /// A cell left empty.
        case empty
    }

    /// The text so far.
    public private(set) var text = ""

    /// An empty file.
    public init() {}

    /// Adds one record.
    public mutating func append(_ cells: [Cell]) {
        text += cells.map(Self.render).joined(separator: ",") + "\r\n"
    }

    /// Adds one record of text cells.
    public mutating func append(texts: [String]) {
        append(texts.map { .text($0) })
    }

    /// A cell as it is written in the file.
    public static func render(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let value): return String(value)
        case .text(let value): return quoted(cellText(value))
        }
    }

    /// A text cell's content before quoting: neutralised, then with its hidden characters made visible
    /// (`VisibleText`, newlines kept), so no cell carries a raw control byte, direction control or invisible
    /// character.
    public static func cellText(_ text: String) -> String {
        VisibleText.make(neutralised(text))
    }

    /// The text with a leading `'` when a spreadsheet would read it as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// The text in quotes, its quotes doubled, when it needs them.
    static func quoted(_ text: String) -> String {
        // Bytes and scalars, not characters: a quote followed by a combining mark is one `Character`, and must
        // still be doubled.
        let needs = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needs else { return text }
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { result += "\"\"" } else { result.unicodeScalars.append(scalar) }
        }
        return result + "\""
    }
}
