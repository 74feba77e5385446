/// One update from a choice's `set:` attribute: `trust + 1`, `trust - 2`, `called = true`.
public struct Assignment: Hashable, Sendable {
    /// The variable this update changes.
    public var variable: String
    /// What the update does to it.
    public var operation: Operation

    /// What an update does to its variable.
    public enum Operation: Hashable, Sendable {
        /// `name + N` (or `name - N`, stored as a negative amount).
        case add(Int)
        /// `name = VALUE`.
        case assign(Value)
    }

    /// Creates an update.
    public init(variable: String, operation: Operation) {
        self.variable = variable
        self.operation = operation
    }

    /// Applies the update to a current value, or nil when the types do not fit.
    public func applied(to current: Value) -> Value? {
        switch (operation, current) {
        case (.add(let amount), .int(let number)):
            let (sum, overflow) = number.addingReportingOverflow(amount)
            return .int(overflow ? (amount > 0 ? Int.max : Int.min) : sum)
        case (.assign(let value), _) where value.type == current.type:
            return value
        default:
            return nil
        }
    }
}

extension Assignment: CustomStringConvertible {
    /// The update as the format writes it.
    public var description: String {
        switch operation {
        case .add(let amount) where amount < 0: return "\(variable) - \(amount.magnitude)"
        case .add(let amount): return "\(variable) + \(amount)"
        case .assign(let value): return "\(variable) = \(value)"
        }
    }
}
