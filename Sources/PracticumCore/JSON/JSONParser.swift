extension JSONValue {
    /// Parses UTF-8 JSON text (RFC 8259; a leading byte-order mark is skipped). Throws the first problem,
    /// with its position: malformed syntax, a repeated key in one object, nesting deeper than
    /// `maximumDepth`, text after the value, or bytes that are not UTF-8.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes))
        return try parser.document()
    }

    /// Parses JSON text.
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A recursive-descent reader of JSON bytes whose depth is bounded by `JSONValue.maximumDepth`.
private struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    /// Where the current line starts, to count columns.
    var lineStart = 0
    /// The object keys and list positions down to the value being read, for duplicate-key messages.
    var path: [String] = []
    /// The last column worked out (its byte offset and column), so that columns along a long line (a
    /// minified file is one line) are counted once, not from the line's start each time.
    var counted = (offset: 0, column: 1)

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The column of a byte offset on the current line, in characters (continuation bytes do not count).
    mutating func column(at offset: Int) -> Int {
        var index = lineStart
        var count = 1
        if counted.offset >= lineStart && counted.offset <= offset {
            index = counted.offset
            count = counted.column
        }
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        counted = (index, count)
        return count
    }

    mutating func fail(_ message: String, at offset: Int? = nil) -> JSONError {
        JSONError(message, line: line, column: column(at: offset ?? position))
    }

    mutating func document() throws(JSONError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
        }
        skipSpace()
        guard position < bytes.count else { throw fail("the file is empty: expected a JSON value") }
        let value = try self.value(depth: 0)
        skipSpace()
        guard position == bytes.count else { throw fail("unexpected text after the JSON value") }
        return value
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            default:
                return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        let startLine = line
        let startColumn = column(at: position)
        guard position < bytes.count else { throw fail("the text ends where a value was expected") }
        let kind: JSONValue.Kind
        switch bytes[position] {
        case UInt8(ascii: "{"):
            kind = try object(depth: depth + 1)
        case UInt8(ascii: "["):
            kind = try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            kind = .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            kind = .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            kind = .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = .number(try number())
        default:
            throw fail("expected a value (an object, a list, a string, a number, true, false or null)")
        }
        return JSONValue(kind, line: startLine, column: startColumn)
    }

    mutating func literal(_ word: String) throws(JSONError) {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected
        else { throw fail("expected a value (an object, a list, a string, a number, true, false or null)") }
        position += expected.count
    }

    mutating func object(depth: Int) throws(JSONError) -> JSONValue.Kind {
        guard depth <= JSONValue.maximumDepth else {
            throw fail("objects and lists are nested more than \(JSONValue.maximumDepth) levels deep")
        }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys: Set<String> = []
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a key in double quotes")
            }
            let keyOffset = position
            let key = try string()
            guard keys.insert(key).inserted else {
                var error = fail("the key \"\(key)\" appears twice in this object", at: keyOffset)
                error.pointer = JSONValue.pointer(path)
                throw error
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after the key \"\(key)\"")
            }
            position += 1
            skipSpace()
            path.append(key)
            let member = try value(depth: depth)
            path.removeLast()
            members.append((key, member))
            skipSpace()
            guard position < bytes.count else { throw fail("the text ends inside an object: expected '}'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' after a member") }
            position += 1
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws(JSONError) -> JSONValue.Kind {
        guard depth <= JSONValue.maximumDepth else {
            throw fail("objects and lists are nested more than \(JSONValue.maximumDepth) levels deep")
        }
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipSpace()
            path.append(String(items.count))
            items.append(try value(depth: depth))
            path.removeLast()
            skipSpace()
            guard position < bytes.count else { throw fail("the text ends inside a list: expected ']'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' after an item") }
            position += 1
            return .array(items)
        }
    }

    /// A number as RFC 8259 writes it, returned as written.
    mutating func number() throws(JSONError) -> String {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw fail("expected digits after '-'") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                throw fail("a number may not start with 0 followed by more digits", at: start)
            }
        } else if digits() == 0 {
            throw fail("expected digits after '-'")
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("expected digits after the decimal point") }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A string in double quotes, with its escapes decoded; the quotes are consumed.
    mutating func string() throws(JSONError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ parser: inout JSONParser, upTo end: Int) throws(JSONError) {
            guard runStart < end else { return }
            let run = parser.bytes[runStart..<end]
            guard let text = String(validating: run, as: UTF8.self) else {
                throw parser.fail("the text is not UTF-8", at: runStart)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard position < bytes.count else { throw fail("the text ends inside a string: expected '\"'") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try flushRun(&self, upTo: position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 {
                throw fail(
                    byte == UInt8(ascii: "\n")
                        ? "the string is not closed on its line (a line break in a string is written \\n)"
                        : "a control character (byte \(byte)) inside a string; write it as an escape such as \\t")
            }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            try flushRun(&self, upTo: position)
            position += 1
            guard position < bytes.count else { throw fail("the text ends inside a string: expected '\"'") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let high = try hexQuad()
                var scalar: Unicode.Scalar?
                if (0xD800...0xDBFF).contains(high) {
                    // A surrogate pair: the low half must follow as another \u escape.
                    guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw fail("\\u\(String(high, radix: 16)) is half of a surrogate pair; the other half is missing") }
                    position += 2
                    let low = try hexQuad()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw fail("\\u\(String(low, radix: 16)) cannot follow \\u\(String(high, radix: 16)) in a surrogate pair")
                    }
                    scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(high)
                }
                guard let scalar else {
                    throw fail("\\u\(String(high, radix: 16)) is half of a surrogate pair; the other half is missing")
                }
                scalars.append(scalar)
            default:
                throw fail("'\\\(Character(Unicode.Scalar(escape)))' is not an escape JSON knows")
            }
            runStart = position
        }
    }

    /// Four hexadecimal digits after `\u`.
    mutating func hexQuad() throws(JSONError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw fail("\\u needs four hexadecimal digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("\\u needs four hexadecimal digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
