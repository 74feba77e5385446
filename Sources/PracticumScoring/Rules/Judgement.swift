import PracticumCore

/// One scoring decision before it is put into words: the dimension, the points
/// (and, for the dimensions that are means, the most it could have earned),
/// what was decided, and any gatekeeping it triggers. `ReasonWriter` turns it
/// into a `ScoreItem`.
struct Judgement: Hashable, Sendable {
    var dimension: Dimension
    var points: Double
    /// For practice and planning, which are means: the points a full-credit item earns (1); 0 elsewhere.
    var outOf: Double = 0
    var kind: Kind
    /// The cap and review flag this judgement triggers, if it is a gatekeeping event.
    var gate: Rubric.Gate? = nil
    /// When this reading of a step was not charged because the same step is charged once, at its most severe
    /// reading (rule 11): that reading. The judgement then has no points and no gate.
    var countedWith: Kind? = nil

    /// Whether the judgement is one reading of a lapse at a step: a breach, a premature action, or an
    /// expectation that the step put out of reach.
    var isLapse: Bool {
        switch kind {
        case .breach, .premature, .unmetExpectation: return true
        default: return false
        }
    }

    /// What was decided.
    enum Kind: Hashable, Sendable {
        /// Practice: a decision, measured against the options on offer (`credit` from 0 to 1); `stronger` is the
        /// strongest option it was measured against, when that was not the choice taken.
        case decision(credit: Double, quality: Int, stronger: ChoiceID?, strongerQuality: Int)
        /// Practice: the same choice taken again at full credit, which counts once.
        case repeated(quality: Int)
        /// Lifecycle: an action in `phase` before any of the `missing` phases.
        case premature(phase: String, missing: [String])
        /// Lifecycle: it would have been premature, but the scene is a crisis.
        case crisisExempt(phase: String, missing: [String])
        /// Lifecycle: a return to an earlier phase after a later one was reached in order, which costs nothing.
        case returned(phase: String)
        /// Lifecycle: the first sound action in an optional phase (monitoring); credited only before any later phase.
        case optionalPhase(phase: String, credited: Bool)
        /// Lifecycle, whole path: a required phase covered by sound work.
        case coverage(phase: String)
        /// Lifecycle, whole path: a phase the path acted in, but never soundly.
        case unsoundPhase(phase: String)
        /// Lifecycle, whole path: a phase the best path covers and this one did not.
        case missedPhase(phase: String)
        /// Ethics: a principle breached.
        case breach(principle: String, severity: Violation.Severity)
        /// Ethics: a principle upheld (credited in the debrief, no points).
        case upheld(principle: String)
        /// Whole path: an expectation of the case the attempt did not meet (ethics, or lifecycle when it
        /// rests on a phase).
        case unmetExpectation(name: String, severity: Violation.Severity)
        /// Planning: a goal whose finding was in the case notes before it was planned.
        case grounded(finding: String, kind: Finding.Kind)
        /// Planning: a goal written before its finding was revealed.
        case ungrounded(finding: String)
        /// Planning, whole path: a revealed need that no goal addresses.
        case unaddressed(finding: String)
        /// Planning, whole path: a revealed risk that no goal addresses (a major omission); `open` when it is
        /// also not safe where the attempt ends (it is then reviewed, rule 10).
        case unplannedRisk(finding: String, open: Bool)
        /// Whole path: a revealed risk in the plan, but not safe by its `safe when:` where the attempt ends.
        case openRisk(finding: String)
        /// Planning, whole path: an ending reached with no planning item at all.
        case noPlan
        /// Outcome, whole path: the ending reached and its value.
        case outcome(String)
        /// Outcome, whole path: no ending reached.
        case incomplete
    }

    /// The item kind a judgement becomes.
    var itemKind: ScoreItem.Kind {
        switch kind {
        case .decision: return .decision
        case .repeated: return .repeated
        case .premature: return .premature
        case .crisisExempt: return .crisisExempt
        case .returned: return .returned
        case .optionalPhase: return .optionalPhase
        case .coverage: return .coverage
        case .unsoundPhase: return .unsoundPhase
        case .missedPhase: return .missedPhase
        case .breach: return .breach
        case .upheld: return .upheld
        case .unmetExpectation: return .unmetExpectation
        case .grounded: return .grounded
        case .ungrounded: return .ungrounded
        case .unaddressed: return .unaddressed
        case .unplannedRisk: return .unplannedRisk
        case .openRisk: return .openRisk
        case .noPlan: return .noPlan
        case .outcome: return .outcome
        case .incomplete: return .incomplete
        }
    }

    /// The severity a breach or an unmet expectation was written with.
    var severity: Violation.Severity? {
        switch kind {
        case .breach(_, let severity), .unmetExpectation(_, let severity): return severity
        default: return nil
        }
    }

    /// The Content/ entry the judgement rests on.
    func basis(in scenario: Scenario) -> ScoreItem.Basis {
        switch kind {
        case .decision, .repeated: return .quality
        case .premature(let phase, _), .crisisExempt(let phase, _), .returned(let phase), .optionalPhase(let phase, _),
            .coverage(let phase), .unsoundPhase(let phase), .missedPhase(let phase):
            return .phase(phase)
        case .breach(let principle, _), .upheld(let principle): return .principle(principle)
        case .unmetExpectation(let name, _):
            switch scenario.expectations.first(where: { $0.name == name })?.basis {
            case .principle(let id)?: return .principle(id)
            case .phase(let id)?: return .phase(id)
            case nil: return .expectation(name)
            }
        case .grounded(let finding, _), .ungrounded(let finding), .unaddressed(let finding),
            .unplannedRisk(let finding, _), .openRisk(let finding):
            return .finding(finding)
        case .noPlan: return .incomplete
        case .outcome(let outcome): return .outcome(outcome)
        case .incomplete: return .incomplete
        }
    }
}

/// What scoring remembers about a path beyond the state the engine keeps: the
/// phases touched and the phases covered by sound work.
///
/// Together with the engine's state it decides every later judgement, which is
/// what lets normalisation search (state, memory) pairs exactly.
struct PathMemory: Hashable, Sendable {
    /// One bit per phase of Content/ (in cycle order): the phases acted in so far.
    var phases: UInt64 = 0
    /// The phases in which some action so far had positive quality (sound work).
    var sound: UInt64 = 0
    /// The phases reached in order: touched by an action that was neither premature nor exempt
    /// in a crisis. It decides only the 0-point "going back" notes, so the search leaves it out.
    var ordered: UInt64 = 0

    func touched(_ bit: Int) -> Bool {
        phases & (1 << UInt64(bit)) != 0
    }

    func soundlyCovered(_ bit: Int) -> Bool {
        sound & (1 << UInt64(bit)) != 0
    }
}
