import PracticumCore

extension Engine {
    /// Whether the condition holds in the state.
    ///
    /// Integers compare with all six operators, booleans with `==` and `!=`
    /// only. A comparison that names an unknown variable, mixes an integer with
    /// a boolean, or orders booleans is false (the checker reports these before
    /// a case loads). A bare variable holds when it is the boolean `true`.
    public func evaluate(_ condition: Condition, in state: CaseState) -> Bool {
        switch condition {
        case .variable(let name):
            return state.variables[name] == .bool(true)
        case .comparison(let lhs, let op, let rhs):
            guard let left = value(of: lhs, in: state), let right = value(of: rhs, in: state) else { return false }
            return compare(left, op, right)
        case .visited(let scene):
            return state.visitedScenes.contains(scene)
        case .revealed(let finding):
            return state.revealedFindings.contains(finding)
        case .not(let inner):
            return !evaluate(inner, in: state)
        case .and(let lhs, let rhs):
            return evaluate(lhs, in: state) && evaluate(rhs, in: state)
        case .or(let lhs, let rhs):
            return evaluate(lhs, in: state) || evaluate(rhs, in: state)
        }
    }

    private func value(of operand: Condition.Operand, in state: CaseState) -> Value? {
        switch operand {
        case .variable(let name): return state.variables[name]
        case .literal(let value): return value
        }
    }

    private func compare(_ lhs: Value, _ op: Condition.ComparisonOperator, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.int(let left), .int(let right)):
            return op.holds(left, right)
        case (.bool(let left), .bool(let right)):
            switch op {
            case .equal: return left == right
            case .notEqual: return left != right
            case .less, .lessOrEqual, .greater, .greaterOrEqual: return false
            }
        default:
            return false
        }
    }
}

extension Condition.ComparisonOperator {
    /// Whether `left OP right` holds for whole numbers: the one definition the engine and the exploration
    /// kernel share.
    @inline(__always)
    func holds(_ left: Int, _ right: Int) -> Bool {
        switch self {
        case .equal: return left == right
        case .notEqual: return left != right
        case .less: return left < right
        case .lessOrEqual: return left <= right
        case .greater: return left > right
        case .greaterOrEqual: return left >= right
        }
    }
}
