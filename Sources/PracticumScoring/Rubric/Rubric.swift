import PracticumCore

/// The numbers the scoring model runs on: dimension weights, level bands,
/// ethics severities, outcome values and the lifecycle and planning credits.
///
/// The rubric lives in `Content/rubric.json` and is read at run time, so an
/// instructor can change a weight and see scores change without a rebuild
/// (`docs/scoring.md` explains every field). Costs and penalties are written
/// as positive numbers; the model applies the sign.
public struct Rubric: Codable, Sendable, Equatable {
    /// The default weight of each dimension in the overall score; a case header may override them.
    public var weights: [Dimension: Int]
    /// The level bands, Emerging first, each with the lowest overall score it starts at.
    public var levels: [Band]
    /// What a breach of each severity costs in the ethics dimension.
    public var severities: Severities
    /// The outcome dimension's value of each ending outcome id.
    public var outcomes: [String: Int]
    /// Lifecycle points lost for each premature action.
    public var premature: Int
    /// Lifecycle points for each required phase the path touches.
    public var coverage: Int
    /// Lifecycle points for reaching an optional phase (monitoring) before any later phase.
    public var monitoring: Int
    /// Planning points for each goal grounded in a finding revealed earlier.
    public var groundedGoal: Int
    /// Planning points lost for each goal written before its finding was revealed.
    public var ungroundedGoal: Int
    /// Planning points lost for each revealed finding that the plan never addresses.
    public var unaddressedNeed: Int
    /// The accreditation competency a dimension gives evidence for (phases name theirs in lifecycle.json).
    public var competencies: [Dimension: String]
    /// The most states to explore when finding a case's best values.
    public var explorationLimit: Int

    /// A level and the lowest overall score that reaches it.
    public struct Band: Codable, Sendable, Equatable {
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

    /// What a breach of each severity costs.
    public struct Severities: Codable, Sendable, Equatable {
        /// The cost of a minor breach.
        public var minor: Int
        /// The cost of a major breach.
        public var major: Int
        /// The cost of a critical breach, which also caps the level at Emerging.
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

    /// Creates a rubric from its parts; `validate()` checks it as loading does.
    public init(
        weights: [Dimension: Int], levels: [Band], severities: Severities, outcomes: [String: Int], premature: Int,
        coverage: Int, monitoring: Int, groundedGoal: Int, ungroundedGoal: Int, unaddressedNeed: Int,
        competencies: [Dimension: String] = [:], explorationLimit: Int = 200_000
    ) {
        self.weights = weights
        self.levels = levels
        self.severities = severities
        self.outcomes = outcomes
        self.premature = premature
        self.coverage = coverage
        self.monitoring = monitoring
        self.groundedGoal = groundedGoal
        self.ungroundedGoal = ungroundedGoal
        self.unaddressedNeed = unaddressedNeed
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

    /// The level an overall score reaches: the highest band whose minimum it meets.
    public func level(for overall: Int) -> Level {
        levels.last { overall >= $0.min }?.level ?? .emerging
    }
}
