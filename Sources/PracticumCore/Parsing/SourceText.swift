/// A source file as UTF-8 bytes split into lines, with the arithmetic that turns
/// byte offsets into the 1-based character columns that diagnostics show.
struct SourceText {
    let file: String
    let bytes: [UInt8]
    /// Each line's byte range, without its `\n` or `\r\n`.
    private(set) var lines: [Range<Int>] = []
    /// Whether each line is pure ASCII (columns are then byte offsets).
    private(set) var asciiLines: [Bool] = []

    init(file: String, text: String) {
        self.file = file
        var bytes = Array(text.utf8)
        // A byte-order mark is not part of the first line.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        lines.reserveCapacity(bytes.count / 40)
        asciiLines.reserveCapacity(bytes.count / 40)
        var start = 0
        var ascii = true
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0A {
                let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
                lines.append(start..<end)
                asciiLines.append(ascii)
                start = index + 1
                ascii = true
            } else if byte >= 0x80 {
                ascii = false
            }
        }
        if start < bytes.count {
            let end = bytes[bytes.count - 1] == 0x0D ? bytes.count - 1 : bytes.count
            lines.append(start..<end)
            asciiLines.append(ascii)
        }
    }

    /// The location of a byte offset on a 0-based line index.
    func location(line: Int, offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column(line: line, offset: offset))
    }

    /// The 1-based character column of a byte offset on a 0-based line index.
    func column(line: Int, offset: Int) -> Int {
        let start = lines[line].lowerBound
        if asciiLines[line] { return offset - start + 1 }
        var column = 1
        var index = start
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The number of characters in a byte range.
    func characterCount(_ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The text of a byte range.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// A located string for a byte range on a line.
    func located(_ range: Range<Int>, line: Int) -> Located<String> {
        Located(string(range), at: location(line: line, offset: range.lowerBound), length: characterCount(range))
    }

    /// The range without leading and trailing spaces.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    /// The range up to a trailing ` //` comment, trimmed.
    func withoutTrailingComment(_ range: Range<Int>) -> Range<Int> {
        var index = range.lowerBound
        while index + 2 < range.upperBound {
            if bytes[index] == 0x20 && bytes[index + 1] == 0x2F && bytes[index + 2] == 0x2F {
                return trimmed(range.lowerBound..<index)
            }
            index += 1
        }
        return trimmed(range)
    }

    /// Whether the bytes at `offset` start with an ASCII prefix.
    func hasPrefix(_ prefix: StaticString, at offset: Int, end: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        return prefix.withUTF8Buffer { buffer in
            for index in 0..<count where bytes[offset + index] != buffer[index] { return false }
            return true
        }
    }

    /// Whether a byte may appear in a name (`a-z`, `0-9`, `-`; upper case and `_` are read and then reported).
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            || (byte >= 0x41 && byte <= 0x5A)
    }

    /// Whether a string is a valid name: lowercase letters, digits and '-', starting with a letter or digit.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != 0x2D else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The end of the run of name bytes starting at `offset`.
    func nameEnd(from offset: Int, end: Int) -> Int {
        var index = offset
        while index < end, Self.isNameByte(bytes[index]) { index += 1 }
        return index
    }

    /// The `{name}` placeholders in a stretch of a line.
    func placeholders(line: Int, range: Range<Int>) -> [Located<String>] {
        var found: [Located<String>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0x7B {
                let end = nameEnd(from: index + 1, end: range.upperBound)
                if end > index + 1, end < range.upperBound, bytes[end] == 0x7D {
                    found.append(located(index + 1..<end, line: line))
                    index = end
                }
            }
            index += 1
        }
        return found
    }
}
