import Foundation

/// One record of a CSV file: its fields, and the line it starts on (1-based), for messages.
public struct CSVRecord: Equatable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The line of the file where the record starts.
    public var line: Int

    /// A record of these fields starting at `line`.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// What is wrong with a CSV file, and where.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line (1-based) and column (1-based, in characters) of the problem.
    public var line: Int
    public var column: Int
    /// What is wrong, in words for the person who wrote the file.
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Reads CSV as RFC 4180 describes it, and as spreadsheets write it.
///
/// Fields are separated by commas and records by CRLF, LF or CR. A field in double quotes may hold commas,
/// line breaks and doubled quotes (`""` for one `"`). A UTF-8 byte-order mark at the start is skipped. A
/// record that is one empty field (a blank line) is left out. A quote inside an unquoted field is kept as
/// it is. Anything else that cannot be read (bytes that are not UTF-8, text after a closing quote, a quote
/// never closed) is an error with its line and column. Reading is linear in the input.
public enum CSVReader {
    /// The records of a CSV file.
    public static func records(_ data: Data) throws(CSVError) -> [CSVRecord] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVError(line: 1, column: 1, message: "the file is not UTF-8 text; save it as \"CSV UTF-8\"")
        }
        return try records(text)
    }

    /// The records of CSV text.
    public static func records(_ text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var line = 1
        var column = 1
        let bytes = Array(text.utf8)
        var index = 0

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields.removeAll(keepingCapacity: true)
        }
        /// Moves past a line break at `index` (CRLF, LF or CR); false when there is none.
        func skipLineBreak() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == 0x0D {
                index += index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            } else if bytes[index] == 0x0A {
                index += 1
            } else {
                return false
            }
            line += 1
            column = 1
            return true
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") && field.isEmpty {
                // A quoted field, to its closing quote.
                let openLine = line
                let openColumn = column
                index += 1
                column += 1
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    if inner == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(inner)
                            index += 2
                            column += 2
                            continue
                        }
                        index += 1
                        column += 1
                        closed = true
                        break
                    }
                    if inner == 0x0D || inner == 0x0A {
                        field.append(inner)
                        if inner == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                            field.append(0x0A)
                            index += 1
                        }
                        index += 1
                        line += 1
                        column = 1
                        continue
                    }
                    field.append(inner)
                    index += 1
                    if inner & 0xC0 != 0x80 { column += 1 }
                }
                guard closed else {
                    throw CSVError(
                        line: openLine, column: openColumn,
                        message: "a quoted field is never closed: a '\"' is missing")
                }
                // After a closing quote: a comma, a line break or the end.
                if index < bytes.count && bytes[index] == UInt8(ascii: ",") {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    index += 1
                    column += 1
                    continue
                }
                if index == bytes.count || skipLineBreak() {
                    endRecord()
                    recordLine = line
                    continue
                }
                throw CSVError(
                    line: line, column: column,
                    message: "text after a closing quote; a quote inside a quoted field is written '\"\"'")
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                index += 1
                column += 1
            case 0x0D, 0x0A:
                _ = skipLineBreak()
                endRecord()
                recordLine = line
            default:
                field.append(byte)
                index += 1
                if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
