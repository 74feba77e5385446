import PracticumCore

/// One explained entry of a score: points won or lost (or a credit worth noting),
/// the reason a student reads, the Content/ entry it rests on, and any
/// gatekeeping it triggers.
///
/// A dimension's raw total is the sum of its items' points, and nothing else. In
/// practice and planning, which are means, each item also says the most it could
/// have earned (`outOf`, 1 for a decision or a planning item), and the dimension's
/// possible total is the sum of those.
public struct ScoreItem: Codable, Sendable, Hashable {
    /// The 1-based step of the path; nil for items about the whole path (coverage, an unaddressed need, the outcome).
    public var step: Int?
    /// The text of the choice taken at that step; nil for whole-path items.
    public var choiceText: String?
    /// The dimension whose raw total this item adds to.
    public var dimension: Dimension
    /// The signed contribution to that dimension's raw total (0 for an item that only explains).
    public var points: Double
    /// For practice and planning: the points a full-credit item earns (1); 0 for items that add to a total.
    public var outOf: Double
    /// The cap and review flag the item triggers, when it is a gatekeeping event.
    public var gate: Rubric.Gate?
    /// For a gatekeeping item: what it is, in a few words ("a critical breach of confidentiality at step 17").
    public var gateSummary: String?
    /// For a practice decision that fell short: the whole text of the stronger option it was measured against.
    public var stronger: String?
    /// The student-facing sentence, from the `score.*` strings of Content/, in the language asked.
    public var reason: String
    /// What the item rests on.
    public var basis: Basis
    /// What was judged: a stable name for renderers and tools (`breach`, `unmet-expectation`, `decision`, ...).
    public var kind: Kind
    /// The severity a breach or an unmet expectation was written with (minor, major, critical); nil otherwise.
    public var severity: Violation.Severity?
    /// For a reading of a step's lapse that was not charged because the step is charged once, at its most
    /// severe reading (scoring rule 11): true. Such an item has no points and no gate.
    public var notCharged: Bool

    /// What an item judged.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case decision, repeated, premature, crisisExempt = "crisis-exempt", returned, optionalPhase = "optional-phase"
        case coverage, unsoundPhase = "unsound-phase", missedPhase = "missed-phase"
        case breach, upheld, unmetExpectation = "unmet-expectation"
        case grounded, ungrounded, unaddressed, unplannedRisk = "unplanned-risk", openRisk = "open-risk", noPlan = "no-plan"
        case outcome, incomplete
    }

    /// The Content/ entry (or authored attribute) an item rests on.
    public enum Basis: Sendable, Hashable {
        /// A lifecycle phase of lifecycle.json, by id.
        case phase(String)
        /// An ethics principle of principles.json, by id.
        case principle(String)
        /// A finding of the case, by id.
        case finding(String)
        /// An ending outcome of outcomes.json, by id.
        case outcome(String)
        /// The authored `quality` of the choice.
        case quality
        /// An expectation of the case that rests on no principle or phase, by name.
        case expectation(String)
        /// The path has not reached an ending.
        case incomplete
    }

    /// Creates an item.
    public init(
        step: Int?, choiceText: String?, dimension: Dimension, points: Double, outOf: Double = 0, reason: String,
        basis: Basis, gate: Rubric.Gate? = nil, gateSummary: String? = nil, stronger: String? = nil,
        kind: Kind = .decision, severity: Violation.Severity? = nil, notCharged: Bool = false
    ) {
        self.step = step
        self.choiceText = choiceText
        self.dimension = dimension
        self.points = points
        self.outOf = outOf
        self.reason = reason
        self.basis = basis
        self.gate = gate
        self.gateSummary = gateSummary
        self.stronger = stronger
        self.kind = kind
        self.severity = severity
        self.notCharged = notCharged
    }
}

extension ScoreItem.Basis: Codable {
    private enum CodingKeys: String, CodingKey { case kind, id }

    /// The kind as JSON names it: `phase`, `principle`, `finding`, `outcome`, `quality`, `expectation`, `incomplete`.
    public var kind: String {
        switch self {
        case .expectation: return "expectation"
        case .phase: return "phase"
        case .principle: return "principle"
        case .finding: return "finding"
        case .outcome: return "outcome"
        case .quality: return "quality"
        case .incomplete: return "incomplete"
        }
    }

    /// The Content/ id, for the kinds that have one.
    public var id: String? {
        switch self {
        case .phase(let id), .principle(let id), .finding(let id), .outcome(let id), .expectation(let id): return id
        case .quality, .incomplete: return nil
        }
    }

    /// Decodes `{"kind": "phase", "id": "assessment"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        func id() throws -> String { try container.decode(String.self, forKey: .id) }
        switch kind {
        case "phase": self = .phase(try id())
        case "principle": self = .principle(try id())
        case "finding": self = .finding(try id())
        case "outcome": self = .outcome(try id())
        case "expectation": self = .expectation(try id())
        case "quality": self = .quality
        case "incomplete": self = .incomplete
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown basis kind '\(kind)'")
        }
    }

    /// Encodes as `{"kind": "phase", "id": "assessment"}` (no `id` for `quality` and `incomplete`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(id, forKey: .id)
    }
}
