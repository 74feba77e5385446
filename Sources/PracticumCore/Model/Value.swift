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

extension Value {
    /// The whole numbers a case can hold, as the message that refuses a literal outside them says it.
    public static let wholeNumberRange = "\(Int.min) to \(Int.max)"

    /// Whether the literal is written as a whole number (an optional sign, then ASCII digits) but lies
    /// outside the 64-bit range a case variable holds: such a literal is refused with a message naming the
    /// range, not read as something else.
    public static func isOutOfRangeWholeNumber(_ literal: some StringProtocol) -> Bool {
        var digits = Substring(literal)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return Int(literal.first == "+" ? Substring(literal.dropFirst()) : Substring(literal)) == nil
    }

    /// What the checker says about such a literal (`invalid-number`).
    public static func outOfRangeMessage(_ literal: some StringProtocol) -> String {
        "'\(literal)' does not fit a case's whole numbers, which run from \(wholeNumberRange)"
    }

    /// The hint that goes with it.
    public static let outOfRangeHint =
        "a case variable holds a 64-bit whole number; an update that would pass either end stops at that end"
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
