import Foundation
import PracticumCore

/// JSON to write, built as a value and written compactly with keys sorted: faster than
/// `JSONSerialization` (no bridging) and the same bytes every time.
public indirect enum JSONOut: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONOut])
    case object([String: JSONOut])
    /// Text already written as JSON (a piece made once and used many times).
    case raw(String)

    /// The value as compact JSON.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .string(let value): out += JSONText.quote(value)
        case .int(let value): out += String(value)
        case .double(let value):
            out += value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null"
        case .bool(let value): out += value ? "true" : "false"
        case .raw(let text): out += text
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quote(key)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }
}
