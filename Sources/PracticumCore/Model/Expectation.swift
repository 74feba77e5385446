/// Something a competent attempt must show by the time it reaches an ending (`expect NAME (SEVERITY): CONDITION`).
///
/// The condition is read over the state the attempt ends in. An unmet expectation
/// is an omission with the consequences of a breach of the same severity.
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

    /// What an expectation rests on.
    public enum Basis: Hashable, Sendable {
        /// An ethics principle id of Content/.
        case principle(String)
        /// A lifecycle phase id of Content/ (canonical, never an alias).
        case phase(String)
    }

    /// Creates an expectation.
    public init(name: String, severity: Violation.Severity, condition: Condition, because: String, basis: Basis? = nil) {
        self.name = name
        self.severity = severity
        self.condition = condition
        self.because = because
        self.basis = basis
    }
}
