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

    /// How an expectation stands in the state (read as where the attempt ends): met, unmet, or, when it names
    /// a situation that does not hold, did not arise.
    public func outcome(of expectation: Expectation, in state: CaseState) -> ExpectationOutcome {
        if let situation = expectation.situation, !evaluate(situation, in: state) { return .didNotArise }
        return evaluate(expectation.condition, in: state) ? .met : .unmet
    }

    /// Whether a revealed risk is still open in the state: not yet safe by its `safe when:` condition, or,
    /// when it has none, not yet in the plan. A finding not revealed, or not a risk, is never open.
    public func isOpen(_ finding: Finding, in state: CaseState) -> Bool {
        guard finding.kind == .risk, state.revealedFindings.contains(finding.id) else { return false }
        if let safe = finding.safeWhen { return !evaluate(safe, in: state) }
        return !state.addressedFindings.contains(finding.id)
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
