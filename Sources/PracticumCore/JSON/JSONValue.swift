/// A JSON document read by `JSONValue.parse`: every value with the line and column it starts at, the
/// members of an object in written order, and numbers kept as written.
///
/// Practicum reads its own JSON (the JSON form of a case, attempt files) with this parser rather than
/// Foundation's, for what authors and instructors need from a reader of files they did not check: a
/// duplicate key is an error, not a silent choice of one; nesting beyond `maximumDepth` is refused with
/// its position, never a deep recursion; `1.5` where a whole number belongs is named as such; and every
/// error says where, by line, column and JSON pointer. `JSONValueDecoder` decodes `Decodable` types
/// from it.
public struct JSONValue: Sendable, Equatable {
    /// What the value is.
    public indirect enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// A number exactly as written (`-12`, `1.5e3`).
        case number(String)
        case string(String)
        case array([JSONValue])
        /// Members in written order; keys are unique (the parser refuses a repeated one).
        case object([(key: String, value: JSONValue)])

        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): return true
            case (.bool(let a), .bool(let b)): return a == b
            case (.number(let a), .number(let b)): return a == b
            case (.string(let a), .string(let b)): return a == b
            case (.array(let a), .array(let b)): return a == b
            case (.object(let a), .object(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }
    }

    public var kind: Kind
    /// Where the value starts (1-based; the column counts characters).
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, line: Int = 1, column: Int = 1) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The deepest nesting of arrays and objects the parser accepts.
    public static let maximumDepth = 100

    /// The member of an object with this key.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// What a value is called in messages: "a string", "an object".
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "true or false"
        case .number(let text): return "the number \(text)"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// The value at a JSON pointer's path (object keys and list positions), if there is one.
    public func value(at path: [String]) -> JSONValue? {
        var current = self
        for step in path {
            switch current.kind {
            case .object: guard let next = current[step] else { return nil }; current = next
            case .array(let items):
                guard let index = Int(step), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// A JSON pointer (RFC 6901) for a path: `/scenes/0/choices/1`, or `/` for the whole document.
    public static func pointer(_ path: [String]) -> String {
        path.isEmpty
            ? "/" : path.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
                .joined()
    }
}

/// Why a text is not JSON, or not the JSON expected: a message, a position and, where known, a pointer.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// The JSON pointer of the value concerned, when the error is about a value.
    public var pointer: String?

    public init(_ message: String, line: Int, column: Int, pointer: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// `line 3, column 7 (/header/minutes): message`.
    public var description: String {
        "line \(line), column \(column)" + (pointer.map { " (\($0))" } ?? "") + ": " + message
    }
}
