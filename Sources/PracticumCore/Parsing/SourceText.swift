import Foundation

/// The UTF-8 bytes of a source, with the byte-level helpers the parsers share.
///
/// It wraps an `UnsafeBufferPointer` lent by `withBytes(of:)`, so that parsing neither copies
/// the file nor retains an array in its innermost loops. It is valid only inside the closure that
/// lent it. Every index the parsers pass lies inside a line's range, itself inside the buffer;
/// the buffer's subscript checks that in debug builds, where the tests and the fuzzing run.
struct SourceBytes {
    let buffer: UnsafeBufferPointer<UInt8>

    /// Lends the UTF-8 bytes of a text, without a leading byte-order mark (it is not part of the first line).
    /// A native string lends its own storage; any other is copied once.
    static func withBytes<Result>(of text: String, _ body: (SourceBytes) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(SourceBytes(skippingByteOrderMark: $0)) }) {
            return result
        }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer { body(SourceBytes(skippingByteOrderMark: $0)) }
    }

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    private init(skippingByteOrderMark buffer: UnsafeBufferPointer<UInt8>) {
        let hasMark = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
        self.buffer = hasMark ? UnsafeBufferPointer(rebasing: buffer[3...]) : buffer
    }

    var count: Int { buffer.count }

    @inline(__always)
    subscript(index: Int) -> UInt8 {
        buffer[index]
    }

    /// The bytes of a range, for interning.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[range])
    }

    /// The text of a range. The source is valid UTF-8 and ranges start and end at ASCII bytes,
    /// so decoding never repairs anything.
    func string(_ range: Range<Int>) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }

    // MARK: Lines

    /// The line that starts at `start` (which must be before the end): its content, without
    /// `\n` or `\r\n` (or a final `\r` at the very end), and where the line after it starts.
    func line(from start: Int) -> (content: Range<Int>, next: Int) {
        guard let newline = firstIndex(of: 0x0A, in: start..<count) else {
            let end = buffer[count - 1] == 0x0D ? count - 1 : count
            return (start..<end, count)
        }
        let end = newline > start && buffer[newline - 1] == 0x0D ? newline - 1 : newline
        return (start..<end, newline + 1)
    }

    /// The first occurrence of a byte in a range (`memchr`, which scans many bytes per step).
    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// Whether a range holds ASCII only; eight bytes at a time.
    func isASCII(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = range.lowerBound
        // Whole words inside the range: `index + 8 <= upperBound <= count`.
        while index + 8 <= range.upperBound {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < range.upperBound {
            if buffer[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The number of characters (Unicode scalars) in a range: the bytes that do not continue a scalar.
    func characterCount(_ range: Range<Int>) -> Int {
        var count = 0
        for index in range where buffer[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    // MARK: Ranges

    /// The range without leading and trailing spaces and tabs.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, buffer[lower] == 0x20 || buffer[lower] == 0x09 { lower += 1 }
        while upper > lower, buffer[upper - 1] == 0x20 || buffer[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    /// The range up to a trailing ` //` comment, trimmed.
    func withoutTrailingComment(_ range: Range<Int>) -> Range<Int> {
        // Find each '/' with a space before it and a '/' after it, both inside the range.
        var from = range.lowerBound + 1
        while from + 1 < range.upperBound, let slash = firstIndex(of: 0x2F, in: from..<range.upperBound - 1) {
            if buffer[slash - 1] == 0x20 && buffer[slash + 1] == 0x2F {
                return trimmed(range.lowerBound..<slash - 1)
            }
            from = slash + 1
        }
        return trimmed(range)
    }

    /// Whether the bytes at `offset` start with an ASCII prefix that ends by `end`.
    @inline(__always)
    func hasPrefix(_ prefix: StaticString, at offset: Int, end: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        return prefix.withUTF8Buffer { expected in
            for index in 0..<count where buffer[offset + index] != expected[index] { return false }
            return true
        }
    }

    /// Whether a range holds exactly an ASCII word.
    @inline(__always)
    func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
        range.count == word.utf8CodeUnitCount && hasPrefix(word, at: range.lowerBound, end: range.upperBound)
    }

    // MARK: Names

    /// Whether a byte may appear in a name (`a-z`, `0-9`, `-`; upper case and `_` are read and then reported).
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        // Lowercase letters first: they are most of every name.
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            || (byte >= 0x41 && byte <= 0x5A)
    }

    /// Whether bytes form a valid name: lowercase letters, digits and '-', starting with a letter or digit.
    static func isValidName<Bytes: Collection<UInt8>>(_ name: Bytes) -> Bool {
        guard let first = name.first, first != 0x2D else { return false }
        return name.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Whether a string is a valid name: lowercase letters, digits and '-', starting with a letter or digit.
    static func isValidName(_ name: String) -> Bool {
        isValidName(name.utf8)
    }

    /// The end of the run of name bytes starting at `offset`.
    func nameEnd(from offset: Int, end: Int) -> Int {
        var index = offset
        while index < end, Self.isNameByte(buffer[index]) { index += 1 }
        return index
    }
}

/// A line of a source: which file and line it is, where it starts, and whether it is pure ASCII
/// (then character columns are byte offsets and nothing needs counting).
struct SourceLine {
    /// The file, as an index into `ScenarioSyntax.files`.
    var file: Int32 = 0
    /// The 0-based line index.
    var index: Int
    /// The offset of the line's first byte.
    var start: Int
    var isASCII: Bool

    /// The 1-based character column of a byte offset on this line.
    @inline(__always)
    func column(of offset: Int, in bytes: SourceBytes) -> Int {
        isASCII ? offset - start + 1 : bytes.characterCount(start..<offset) + 1
    }

    /// The span of a byte range on this line.
    @inline(__always)
    func span(_ range: Range<Int>, in bytes: SourceBytes) -> SourceSpan {
        SourceSpan(
            file: file, line: index + 1, column: column(of: range.lowerBound, in: bytes),
            length: isASCII ? range.count : bytes.characterCount(range))
    }
}

/// A small text (a JSON value, a test's input) copied into bytes and split into lines, for
/// parsing one of its lines outside a `.scenario` file.
struct SourceText {
    let file: String
    /// The bytes, without a leading byte-order mark.
    let bytes: [UInt8]
    /// Each line's byte range, without its `\n` or `\r\n`.
    let lines: [Range<Int>]

    init(file: String, text: String) {
        self.file = file
        (bytes, lines) = SourceBytes.withBytes(of: text) { source in
            var lines: [Range<Int>] = []
            var start = 0
            while start < source.count {
                let (content, next) = source.line(from: start)
                lines.append(content)
                start = next
            }
            return (Array(source.buffer), lines)
        }
    }

    /// Lends the bytes and the description of a line (as line `index` of file `file`).
    func withLine<Result>(_ index: Int, file: Int32 = 0, _ body: (SourceBytes, SourceLine) -> Result) -> Result {
        SourceBytes.withBytes(ofArray: bytes) { source in
            let range = lines[index]
            let line = SourceLine(file: file, index: index, start: range.lowerBound, isASCII: source.isASCII(range))
            return body(source, line)
        }
    }
}

extension SourceBytes {
    /// Lends the bytes of an array as they are.
    static func withBytes<Result>(ofArray bytes: [UInt8], _ body: (SourceBytes) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(SourceBytes(buffer: $0)) }
    }
}
