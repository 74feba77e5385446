/// A condition on the state of a case, as written after `requires:` or inside `[if ...]`.
///
/// Conditions print in the format's own syntax (`description`), and parsing what
/// they print gives the same condition back, which is how the JSON form stores them.
public indirect enum Condition: Hashable, Sendable {
    /// A boolean variable on its own: `landlord-called`.
    case variable(String)
    /// A comparison: `trust >= 2`, `stage == 3`, `flag != true`.
    case comparison(Operand, ComparisonOperator, Operand)
    /// `visited(SCENE)`: the student has been in that scene.
    case visited(String)
    /// `revealed(FINDING)`: the finding is in the case notes.
    case revealed(String)
    /// `not CONDITION`.
    case not(Condition)
    /// `A and B`.
    case and(Condition, Condition)
    /// `A or B`.
    case or(Condition, Condition)

    /// One side of a comparison: a variable or a literal.
    public enum Operand: Hashable, Sendable, CustomStringConvertible {
        case variable(String)
        case literal(Value)

        public var description: String {
            switch self {
            case .variable(let name): return name
            case .literal(let value): return value.description
            }
        }
    }

    /// The comparison operators the format knows.
    public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"

        /// Whether the operator orders values (and so needs integers on both sides).
        public var isOrdering: Bool {
            self != .equal && self != .notEqual
        }
    }

    /// Every variable the condition reads.
    public var variablesRead: Set<String> {
        switch self {
        case .variable(let name): return [name]
        case .comparison(let lhs, _, let rhs):
            var names: Set<String> = []
            if case .variable(let name) = lhs { names.insert(name) }
            if case .variable(let name) = rhs { names.insert(name) }
            return names
        case .visited, .revealed: return []
        case .not(let inner): return inner.variablesRead
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return lhs.variablesRead.union(rhs.variablesRead)
        }
    }

    /// Appends every variable the condition reads and every scene it asks about with `visited(...)`, in
    /// written order (repeats included), without building a set per node as `variablesRead` does.
    public func collectReads(variables: inout [String], scenes: inout [String]) {
        switch self {
        case .variable(let name): variables.append(name)
        case .comparison(let lhs, _, let rhs):
            if case .variable(let name) = lhs { variables.append(name) }
            if case .variable(let name) = rhs { variables.append(name) }
        case .visited(let name): scenes.append(name)
        case .revealed: break
        case .not(let inner): inner.collectReads(variables: &variables, scenes: &scenes)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            lhs.collectReads(variables: &variables, scenes: &scenes)
            rhs.collectReads(variables: &variables, scenes: &scenes)
        }
    }

    /// Every scene the condition asks about with `visited(...)`.
    public var scenesVisited: Set<String> {
        switch self {
        case .visited(let name): return [name]
        case .variable, .comparison, .revealed: return []
        case .not(let inner): return inner.scenesVisited
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return lhs.scenesVisited.union(rhs.scenesVisited)
        }
    }

    /// Every finding the condition asks about with `revealed(...)`.
    public var findingsRead: Set<String> {
        switch self {
        case .revealed(let name): return [name]
        case .variable, .comparison, .visited: return []
        case .not(let inner): return inner.findingsRead
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            return lhs.findingsRead.union(rhs.findingsRead)
        }
    }
}

extension Condition: CustomStringConvertible {
    /// The condition in the format's syntax, with parentheses only where they are needed.
    public var description: String {
        switch self {
        case .variable(let name): return name
        case .comparison(let lhs, let op, let rhs): return "\(lhs) \(op.rawValue) \(rhs)"
        case .visited(let scene): return "visited(\(scene))"
        case .revealed(let finding): return "revealed(\(finding))"
        case .not(let inner):
            return "not " + inner.parenthesised(unless: inner.precedence >= 3)
        case .and(let lhs, let rhs):
            return lhs.parenthesised(unless: lhs.precedence >= 2) + " and "
                + rhs.parenthesised(unless: rhs.precedence > 2)
        case .or(let lhs, let rhs):
            return lhs.parenthesised(unless: lhs.precedence >= 1) + " or "
                + rhs.parenthesised(unless: rhs.precedence > 1)
        }
    }

    /// 1 for `or`, 2 for `and`, 3 for `not` and 4 for the atoms.
    private var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .not: return 3
        default: return 4
        }
    }

    private func parenthesised(unless bare: Bool) -> String {
        bare ? description : "(\(description))"
    }
}
