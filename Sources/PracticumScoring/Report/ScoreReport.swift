/// The score of one path through a case: the overall score and level, a score
/// per dimension, and every item those numbers are the sums of.
///
/// Encoded as JSON, the dictionaries keyed by dimension are objects keyed by
/// the dimension's name (`"dimensions": {"practice": 100, ...}`).
public struct ScoreReport: Codable, Sendable, Equatable {
    /// The weighted mean of the assessed dimensions' scores, rounded, 0...100.
    public var overall: Int
    /// The level the overall score reaches, capped at Emerging after a critical breach.
    public var level: Level
    /// Whether the path holds a critical ethics breach, which asks for an instructor's review.
    public var needsReview: Bool
    /// Each dimension's score, 0...100.
    public var dimensions: [Dimension: Int]
    /// Every item, step by step in path order, then the whole-path items.
    public var items: [ScoreItem]
    /// Each dimension's raw total: the sum of its items' points.
    public var raw: [Dimension: Double]
    /// The best raw total any complete path through the case reaches in each dimension, which scores 100.
    public var best: [Dimension: Double]
    /// The weights the overall score used: the rubric's, overridden by the case header.
    public var weights: [Dimension: Int]
    /// Dimensions in which no path through the case can win or lose a point; they score 100 and
    /// are left out of the overall score.
    public var notAssessed: [Dimension]
    /// The level the overall score alone reaches, before any cap for a critical breach.
    public var uncappedLevel: Level
    /// The ending's outcome id, or nil when the path has not reached an ending.
    public var outcome: String?
    /// The number of choices on the path.
    public var steps: Int
    /// The accreditation competencies the path gives evidence for, in the order of the cycle.
    public var competencies: [CompetencyEvidence]
    /// Whether exploring the case stopped at the rubric's `explorationLimit`; `best` is then
    /// the best found among the explored paths and this one (see docs/scoring.md).
    public var explorationTruncated: Bool

    /// Creates a report from its parts.
    public init(
        overall: Int, level: Level, needsReview: Bool, dimensions: [Dimension: Int], items: [ScoreItem],
        raw: [Dimension: Double], best: [Dimension: Double], weights: [Dimension: Int], notAssessed: [Dimension],
        uncappedLevel: Level, outcome: String?, steps: Int, competencies: [CompetencyEvidence],
        explorationTruncated: Bool
    ) {
        self.overall = overall
        self.level = level
        self.needsReview = needsReview
        self.dimensions = dimensions
        self.items = items
        self.raw = raw
        self.best = best
        self.weights = weights
        self.notAssessed = notAssessed
        self.uncappedLevel = uncappedLevel
        self.outcome = outcome
        self.steps = steps
        self.competencies = competencies
        self.explorationTruncated = explorationTruncated
    }

    /// The items of one step (1-based), in the order they were judged.
    public func items(atStep step: Int) -> [ScoreItem] {
        items.filter { $0.step == step }
    }

    /// The items about the whole path rather than one step.
    public var wholePathItems: [ScoreItem] {
        items.filter { $0.step == nil }
    }

    /// The items of one dimension.
    public func items(in dimension: Dimension) -> [ScoreItem] {
        items.filter { $0.dimension == dimension }
    }
}

/// The evidence a path gives for one accreditation competency (CSWE EPAS 2022).
public struct CompetencyEvidence: Codable, Sendable, Hashable {
    /// The competency as Content/ names it: `CSWE EPAS 2022 Competency 7: Assess ...`.
    public var competency: String
    /// What gives the evidence: phase ids from lifecycle.json, or a dimension name (`ethics`).
    public var sources: [String]
    /// The 1-based steps that gave evidence: actions in those phases, or principles upheld or breached.
    public var steps: [Int]
    /// The steps among them that count against it: premature actions, ethics breaches.
    public var concerns: [Int]

    /// Creates a piece of evidence.
    public init(competency: String, sources: [String], steps: [Int], concerns: [Int]) {
        self.competency = competency
        self.sources = sources
        self.steps = steps
        self.concerns = concerns
    }
}
