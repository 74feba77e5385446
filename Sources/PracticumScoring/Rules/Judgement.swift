import PracticumCore

/// One scoring decision before it is put into words: the dimension, the points
/// and what was decided. `ReasonWriter` turns it into a `ScoreItem`.
struct Judgement: Hashable, Sendable {
    var dimension: Dimension
    var points: Int
    var kind: Kind

    /// What was decided.
    enum Kind: Hashable, Sendable {
        /// Practice: the choice's authored quality counts.
        case quality(Int)
        /// Practice: a positive-quality choice taken again earns nothing more.
        case repeated(Int)
        /// Lifecycle: an action in `phase` before any of the `missing` phases.
        case premature(phase: String, missing: [String])
        /// Lifecycle: it would have been premature, but the scene is a crisis.
        case crisisExempt(phase: String, missing: [String])
        /// Lifecycle: a return to an earlier phase after a later one was reached in order, which costs nothing.
        case returned(phase: String)
        /// Lifecycle: the first action in an optional phase (monitoring); credited only before any later phase.
        case optionalPhase(phase: String, credited: Bool)
        /// Lifecycle, whole path: a required phase the path touched.
        case coverage(phase: String)
        /// Lifecycle, whole path: a phase the best path touches and this one did not.
        case missedPhase(phase: String)
        /// Ethics: a principle breached.
        case breach(principle: String, severity: Violation.Severity)
        /// Ethics: a principle upheld (credited in the debrief, no points).
        case upheld(principle: String)
        /// Planning: a goal whose finding was in the case notes.
        case grounded(finding: String)
        /// Planning: a goal written before its finding was revealed.
        case ungrounded(finding: String)
        /// Planning, whole path: a revealed finding that no goal addresses.
        case unaddressed(finding: String)
        /// Outcome, whole path: the ending reached and its value.
        case outcome(String)
        /// Outcome, whole path: no ending reached.
        case incomplete
    }

    /// The Content/ entry the judgement rests on.
    var basis: ScoreItem.Basis {
        switch kind {
        case .quality, .repeated: return .quality
        case .premature(let phase, _), .crisisExempt(let phase, _), .returned(let phase), .optionalPhase(let phase, _),
            .coverage(let phase), .missedPhase(let phase):
            return .phase(phase)
        case .breach(let principle, _), .upheld(let principle): return .principle(principle)
        case .grounded(let finding), .ungrounded(let finding), .unaddressed(let finding): return .finding(finding)
        case .outcome(let outcome): return .outcome(outcome)
        case .incomplete: return .incomplete
        }
    }
}

/// What scoring remembers about a path beyond the state the engine keeps:
/// the phases touched so far and the repeatable choices already credited.
///
/// Together with the engine's state it decides every later judgement, which
/// is what lets normalisation search (state, memory) pairs exactly.
struct PathMemory: Hashable, Sendable {
    /// One bit per phase of Content/ (in cycle order): the phases touched so far.
    var phases: UInt64 = 0
    /// The phases reached in order: touched by an action that was neither premature nor exempt
    /// in a crisis. It decides only the 0-point "going back" notes, so the search leaves it out.
    var ordered: UInt64 = 0
    /// One bit per creditable choice (see `ScoringRules.creditBit`): those already credited.
    /// The first 64 live in `credited`, any more in `moreCredited` (empty, so free, in most cases).
    var credited: UInt64 = 0
    var moreCredited: [UInt64] = []

    func hasCredited(_ bit: Int) -> Bool {
        if bit < 64 { return credited & (1 << UInt64(bit)) != 0 }
        let word = bit / 64 - 1
        return word < moreCredited.count && moreCredited[word] & (1 << UInt64(bit % 64)) != 0
    }

    mutating func credit(_ bit: Int) {
        if bit < 64 {
            credited |= 1 << UInt64(bit)
            return
        }
        let word = bit / 64 - 1
        while moreCredited.count <= word { moreCredited.append(0) }
        moreCredited[word] |= 1 << UInt64(bit % 64)
    }

    func touched(_ bit: Int) -> Bool {
        phases & (1 << UInt64(bit)) != 0
    }
}
