/// Decodes `Decodable` values from a parsed `JSONValue`, so that every error names the value's JSON pointer
/// and position: "line 12, column 20 (/scenes/0/choices/1/quality): expected a whole number, found 1.5".
///
/// Whole numbers must be written as such (`2`, not `2.0` or `2e0`) and fit the type; keys the type does not
/// know are ignored, as Foundation's decoder does.
public struct JSONValueDecoder: Sendable {
    public init() {}

    /// Decodes a value of the type from a parsed document.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONError) -> T {
        do {
            return try T(from: ValueDecoder(value: value, path: [], root: value))
        } catch let error as JSONError {
            throw error
        } catch {
            throw Self.describe(error, root: value)
        }
    }

    /// Parses and decodes UTF-8 JSON text.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(JSONError) -> T {
        try decode(type, from: try JSONValue.parse(bytes))
    }

    /// An error some type's own decoding threw, placed at the value its coding path names.
    static func describe(_ error: any Error, root: JSONValue) -> JSONError {
        func located(_ message: String, _ codingPath: [any CodingKey]) -> JSONError {
            let path = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            let value = root.value(at: path) ?? root
            return JSONError(message, line: value.line, column: value.column, pointer: JSONValue.pointer(path))
        }
        guard let decoding = error as? DecodingError else { return JSONError("\(error)", line: root.line, column: root.column) }
        switch decoding {
        case .keyNotFound(let key, let context): return located("missing \"\(key.stringValue)\"", context.codingPath)
        case .typeMismatch(let type, let context): return located("expected \(type)", context.codingPath)
        case .valueNotFound(let type, let context): return located("expected \(type), found null", context.codingPath)
        case .dataCorrupted(let context): return located(context.debugDescription, context.codingPath)
        @unknown default: return JSONError("\(error)", line: root.line, column: root.column)
        }
    }
}

/// A coding key for positions in a list and for error paths.
private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: [String]
    let root: JSONValue
    var codingPath: [any CodingKey] { path.map { IndexKey(stringValue: $0) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func error(_ message: String, at value: JSONValue? = nil, path: [String]? = nil) -> JSONError {
        let value = value ?? self.value
        return JSONError(message, line: value.line, column: value.column, pointer: JSONValue.pointer(path ?? self.path))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value.kind else { throw error("expected an object, found \(value.kindName)") }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value.kind else { throw error("expected a list, found \(value.kindName)") }
        return ListContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(decoder: self)
    }

    func child(_ value: JSONValue, key: String) -> ValueDecoder {
        ValueDecoder(value: value, path: path + [key], root: root)
    }

    // MARK: Scalars

    func decodeNull() -> Bool {
        if case .null = value.kind { return true }
        return false
    }

    func decodeBool() throws -> Bool {
        guard case .bool(let flag) = value.kind else { throw error("expected true or false, found \(value.kindName)") }
        return flag
    }

    func decodeString() throws -> String {
        guard case .string(let text) = value.kind else { throw error("expected a string, found \(value.kindName)") }
        return text
    }

    /// A whole number that fits the type.
    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let text) = value.kind else { throw error("expected a whole number, found \(value.kindName)") }
        guard !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
            throw error("expected a whole number, found \(text)")
        }
        guard let number = T(text) else {
            throw error("the number \(text) is out of range (\(T.min) to \(T.max))")
        }
        return number
    }

    func decodeFloatingPoint() throws -> Double {
        guard case .number(let text) = value.kind, let number = Double(text), number.isFinite else {
            throw error("expected a number, found \(value.kindName)")
        }
        return number
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Bool.Type: return try decodeBool() as! T
        case is String.Type: return try decodeString() as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is Int32.Type: return try decodeInteger(Int32.self) as! T
        case is Int64.Type: return try decodeInteger(Int64.self) as! T
        case is UInt.Type: return try decodeInteger(UInt.self) as! T
        case is UInt32.Type: return try decodeInteger(UInt32.self) as! T
        case is UInt64.Type: return try decodeInteger(UInt64.self) as! T
        case is Double.Type: return try decodeFloatingPoint() as! T
        default: return try T(from: self)
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: [(key: String, value: JSONValue)]
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        members.contains { $0.key == key.stringValue }
    }

    func member(_ key: Key) throws -> ValueDecoder {
        guard let found = members.first(where: { $0.key == key.stringValue }) else {
            throw decoder.error("missing \"\(key.stringValue)\"")
        }
        return decoder.child(found.value, key: key.stringValue)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key).decodeNull()
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try member(key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try member(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

private struct ListContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let items: [JSONValue]
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }
    var currentIndex = 0

    init(decoder: ValueDecoder, items: [JSONValue]) {
        self.decoder = decoder
        self.items = items
    }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else { throw decoder.error("the list has only \(items.count) items") }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: String(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex].kind else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.decodeNull() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decode(type)
    }
}
