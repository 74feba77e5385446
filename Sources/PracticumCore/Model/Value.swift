/// A value a case variable holds: the format has integers and booleans only.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case bool(Bool)

    /// The name of this value's type as the format spells it ("integer", "boolean").
    public var typeName: String {
        switch self {
        case .int: return ValueType.integer.rawValue
        case .bool: return ValueType.boolean.rawValue
        }
    }

    /// The type of this value.
    public var type: ValueType {
        switch self {
        case .int: return .integer
        case .bool: return .boolean
        }
    }

    /// The value as the format writes it: `3`, `-1`, `true`, `false`.
    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        }
    }

    /// Reads a literal as the format writes it, or nil when it is neither an integer nor a boolean.
    public init?(literal: String) {
        switch literal {
        case "true": self = .bool(true)
        case "false": self = .bool(false)
        default:
            var digits = Substring(literal)
            if digits.first == "+" { digits = digits.dropFirst() }
            guard let number = Int(digits), !digits.isEmpty else { return nil }
            self = .int(number)
        }
    }
}

/// The two types a case variable can have.
public enum ValueType: String, Hashable, Sendable, Codable {
    case integer
    case boolean
}

extension Value: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else {
            self = .int(try container.decode(Int.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        }
    }
}
