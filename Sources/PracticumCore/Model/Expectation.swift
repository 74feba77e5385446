/// Something a competent attempt must show by the time it reaches an ending (`expect NAME (SEVERITY): CONDITION`).
///
/// The condition is read over the state the attempt ends in. An unmet expectation
/// is an omission with the consequences of a breach of the same severity. An
/// expectation may name the situation that calls for it (`when: COND`, format
/// v1.3): where the attempt ends without that situation having arisen, the
/// expectation is neither met nor missed.
public struct Expectation: Hashable, Sendable {
    /// The expectation's name, unique in its case.
    public var name: String
    /// How serious it is to leave it unmet.
    public var severity: Violation.Severity
    /// What the final state must satisfy.
    public var condition: Condition
    /// Why a competent worker does this, in the case's language: shown when it is not met.
    public var because: String
    /// The principle or phase it rests on, if the author named one.
    public var basis: Basis?
    /// The situation that calls for it (`when:`), read over the final state like the condition; nil when
    /// every attempt is held to it.
    public var situation: Condition?

    /// What an expectation rests on.
    public enum Basis: Hashable, Sendable {
        /// An ethics principle id of Content/.
        case principle(String)
        /// A lifecycle phase id of Content/ (canonical, never an alias).
        case phase(String)
    }

    /// Creates an expectation.
    public init(
        name: String, severity: Violation.Severity, condition: Condition, because: String, basis: Basis? = nil,
        situation: Condition? = nil
    ) {
        self.name = name
        self.severity = severity
        self.condition = condition
        self.because = because
        self.basis = basis
        self.situation = situation
    }
}

/// How an expectation stands where an attempt ends.
public enum ExpectationOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// Its situation arose (or it names none) and its condition holds.
    case met
    /// Its situation arose (or it names none) and its condition does not hold.
    case unmet
    /// It names a situation, and that situation never arose: neither met nor missed.
    case didNotArise = "did-not-arise"

    /// Whether the attempt is not faulted for it: met, or its situation never arose.
    public var isSatisfied: Bool { self != .unmet }
}

extension Condition {
    /// The parts of a condition joined by `or` at its top level (`a or (b or c)` gives a, b, c).
    public var disjuncts: [Condition] {
        if case .or(let lhs, let rhs) = self { return lhs.disjuncts + rhs.disjuncts }
        return [self]
    }
}
