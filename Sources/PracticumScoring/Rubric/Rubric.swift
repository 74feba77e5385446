import PracticumCore

/// The numbers and rules the scoring model runs on: dimension weights, level
/// bands, what breaches and unmet expectations cost, outcome values, the
/// lifecycle credits, and the gatekeeping caps.
///
/// The rubric lives in `Content/rubric.json` and is read at run time, so an
/// instructor can change a weight or a cap and see scores change without a
/// rebuild (`docs/scoring.md` explains every field). Costs and penalties are
/// written as positive numbers; the model applies the sign.
public struct Rubric: Codable, Sendable, Hashable {
    /// The default weight of each dimension in the overall score; a case header may override them.
    public var weights: [Dimension: Int]
    /// The level bands, Emerging first, each with the lowest overall score it starts at.
    public var levels: [Band]
    /// What a breach, or an unmet expectation, of each severity costs (in the ethics dimension, or in
    /// lifecycle for an expectation that rests on a phase).
    public var severities: Severities
    /// The outcome dimension's value of each ending outcome id.
    public var outcomes: [String: Int]
    /// Lifecycle points lost for each premature action.
    public var premature: Int
    /// Lifecycle points for each required phase covered by sound work.
    public var coverage: Int
    /// Lifecycle points for sound work in an optional phase (monitoring) before any later phase.
    public var monitoring: Int
    /// The severity a revealed risk that the plan never addresses counts as, for gatekeeping.
    public var unplannedRisk: Violation.Severity
    /// The caps and review flags of gatekeeping events.
    public var gatekeeping: Gatekeeping
    /// The competency id (Content/competencies.json) a dimension gives evidence for.
    public var competencies: [Dimension: String]
    /// The most states to explore when finding a case's best values.
    public var explorationLimit: Int

    /// A level and the lowest overall score that reaches it.
    public struct Band: Codable, Sendable, Hashable {
        /// The level.
        public var level: Level
        /// The lowest overall score (0-100) that reaches it.
        public var min: Int
        /// Creates a band.
        public init(level: Level, min: Int) {
            self.level = level
            self.min = min
        }
    }

    /// What a breach (or unmet expectation) of each severity costs.
    public struct Severities: Codable, Sendable, Hashable {
        public var minor: Int
        public var major: Int
        public var critical: Int
        /// Creates the costs.
        public init(minor: Int, major: Int, critical: Int) {
            self.minor = minor
            self.major = major
            self.critical = critical
        }

        /// The cost of a breach of that severity.
        public func cost(of severity: Violation.Severity) -> Int {
            switch severity {
            case .minor: return minor
            case .major: return major
            case .critical: return critical
            }
        }
    }

    /// What a gatekeeping event does to an attempt: the highest level it may reach, and whether an
    /// instructor must review it. An event with neither is not gatekeeping.
    public struct Gate: Codable, Sendable, Hashable {
        /// The highest level the attempt can reach; nil for no cap.
        public var cap: Level?
        /// Whether the attempt is marked for instructor review.
        public var review: Bool

        /// Creates a gate.
        public init(cap: Level? = nil, review: Bool = false) {
            self.cap = cap
            self.review = review
        }

        /// Whether the gate does anything.
        public var isEmpty: Bool { cap == nil && !review }
    }

    /// The gates of the four kinds of gatekeeping event: a breach, an unmet expectation (an unplanned
    /// risk counts as one of `unplannedRisk` severity), an ending's outcome, and a revealed risk left open
    /// where the attempt ends (`gatekeeping.risk.open` in rubric.json).
    public struct Gatekeeping: Codable, Sendable, Hashable {
        public var breach: [Violation.Severity: Gate]
        public var expectation: [Violation.Severity: Gate]
        public var outcome: [String: Gate]
        /// A revealed risk still open where the attempt ends: not in the plan, or not safe by its `safe when:`.
        public var openRisk: Gate?

        /// Creates the gates.
        public init(
            breach: [Violation.Severity: Gate] = [:], expectation: [Violation.Severity: Gate] = [:],
            outcome: [String: Gate] = [:], openRisk: Gate? = nil
        ) {
            self.breach = breach
            self.expectation = expectation
            self.outcome = outcome
            self.openRisk = openRisk
        }

        /// The field instructors' defaults (docs/scoring.md): a critical breach or an unmet critical
        /// expectation caps at Emerging with review; an unmet major expectation caps at Developing; a major
        /// breach rules out Exemplary; a harm ending, or a revealed risk left open where the attempt ends,
        /// caps at Developing with review.
        public static let standard = Gatekeeping(
            breach: [.major: Gate(cap: .competent), .critical: Gate(cap: .emerging, review: true)],
            expectation: [.major: Gate(cap: .developing), .critical: Gate(cap: .emerging, review: true)],
            outcome: ["harm": Gate(cap: .developing, review: true)],
            openRisk: Gate(cap: .developing, review: true))
    }

    /// The combined effect of two gates: the lower cap, and review if either asks for it.
    public static func combine(_ first: Gate?, _ second: Gate?) -> Gate? {
        guard let first, !first.isEmpty else { return second?.isEmpty == false ? second : nil }
        guard let second, !second.isEmpty else { return first }
        let cap = [first.cap, second.cap].compactMap { $0 }.min()
        return Gate(cap: cap, review: first.review || second.review)
    }

    /// Creates a rubric from its parts; `validate()` checks it as loading does.
    public init(
        weights: [Dimension: Int], levels: [Band], severities: Severities, outcomes: [String: Int], premature: Int,
        coverage: Int, monitoring: Int, unplannedRisk: Violation.Severity = .major,
        gatekeeping: Gatekeeping = .standard, competencies: [Dimension: String] = [:],
        explorationLimit: Int = 200_000
    ) {
        self.weights = weights
        self.levels = levels
        self.severities = severities
        self.outcomes = outcomes
        self.premature = premature
        self.coverage = coverage
        self.monitoring = monitoring
        self.unplannedRisk = unplannedRisk
        self.gatekeeping = gatekeeping
        self.competencies = competencies
        self.explorationLimit = explorationLimit
    }

    /// The weights for a case: the header's `weights:` where it names a dimension, the rubric's elsewhere.
    ///
    /// A header entry naming no dimension (which the checker rejects) is ignored.
    public func weights(for scenario: Scenario) -> [Dimension: Int] {
        var result = weights
        for weight in scenario.header.weights {
            if let dimension = Dimension(rawValue: weight.dimension), weight.value >= 0 {
                result[dimension] = weight.value
            }
        }
        return result
    }

    /// The highest overall score that stays within a level's band: one below the next band's minimum, or
    /// 100 for the top band.
    public func top(of level: Level) -> Int {
        guard let position = levels.firstIndex(where: { $0.level == level }) else { return 100 }
        let next = levels.index(after: position)
        return next < levels.endIndex ? max(levels[position].min, levels[next].min - 1) : 100
    }

    /// The level an overall score reaches: the highest band whose minimum it meets.
    public func level(for overall: Int) -> Level {
        levels.last { overall >= $0.min }?.level ?? .emerging
    }
}
