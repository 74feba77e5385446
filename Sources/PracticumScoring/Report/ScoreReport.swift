import PracticumCore
import PracticumEngine

/// The score of one path through a case: the overall score and level, a score
/// per dimension, every item those numbers are the sums of, the gatekeeping
/// events that cap the level or call for review, and what the case expected.
///
/// Encoded as JSON, the dictionaries keyed by dimension are objects keyed by
/// the dimension's name (`"dimensions": {"practice": 100, ...}`).
public struct ScoreReport: Codable, Sendable, Equatable {
    /// The overall score, 0...100: the weighted mean of the assessed dimensions' scores, rounded, held to at
    /// most the top of the capped level's band when gatekeeping caps the level (so the number never reads
    /// higher than the level says).
    public var overall: Int
    /// The weighted mean before any cap: equal to `overall` unless the level is capped below what the points
    /// reach. Shown only in the details ("before the cap: 86").
    public var uncappedOverall: Int
    /// The level: the level the overall score reaches, capped by every gatekeeping event.
    public var level: Level
    /// Whether a gatekeeping event asks for an instructor's review (`gatekeeping` says which).
    public var needsReview: Bool
    /// Each dimension's score, 0...100.
    public var dimensions: [Dimension: Int]
    /// Every item, step by step in path order, then the whole-path items.
    public var items: [ScoreItem]
    /// Each dimension's raw total: the sum of its items' points.
    public var raw: [Dimension: Double]
    /// What each dimension's raw total is measured against: for lifecycle, ethics and outcome, the best any
    /// complete path through the case reaches; for practice and planning (means), the full credit of this
    /// path's own decisions and planning items, times the best mean the case allows (normally 1).
    public var best: [Dimension: Double]
    /// The weights the overall score used: the rubric's, overridden by the case header.
    public var weights: [Dimension: Int]
    /// Dimensions in which no path through the case can win or lose a point; they score 100 and
    /// are left out of the overall score.
    public var notAssessed: [Dimension]
    /// The level the overall score alone reaches, before any cap.
    public var uncappedLevel: Level
    /// Every gatekeeping event, in path order: what capped the level, or called for review, and why.
    public var gatekeeping: [GatekeepingEvent]
    /// Each expectation of the case: met or not, and the step that met it.
    public var expectations: [ExpectationResult]
    /// The ending's outcome id, or nil when the path has not reached an ending.
    public var outcome: String?
    /// The number of choices on the path.
    public var steps: Int
    /// The accreditation competencies the path gives evidence for, in the order of the cycle.
    public var competencies: [CompetencyEvidence]
    /// The choices undone in practice mode before this path was reached (empty for a graded attempt).
    public var undone: [UndoneChoice]
    /// Whether exploring the case stopped at the rubric's `explorationLimit`; `best` is then
    /// the best found among the explored paths and this one (see docs/scoring.md).
    public var explorationTruncated: Bool
    /// How much of the case the scoring search covered when it stopped at its limit (nil when it covered every
    /// state): the best path and the best values this report is measured against come from that partial search.
    public var partialSearch: PartialSearch?
    /// What the debrief says, worked out from this report and the rubric (nil in a report scored without its
    /// words, as grading scores the attempts that do not count).
    public var debrief: DebriefContent?

    /// Creates a report from its parts.
    public init(
        overall: Int, uncappedOverall: Int? = nil, level: Level, needsReview: Bool, dimensions: [Dimension: Int], items: [ScoreItem],
        raw: [Dimension: Double], best: [Dimension: Double], weights: [Dimension: Int], notAssessed: [Dimension],
        uncappedLevel: Level, gatekeeping: [GatekeepingEvent] = [], expectations: [ExpectationResult] = [],
        outcome: String?, steps: Int, competencies: [CompetencyEvidence], undone: [UndoneChoice] = [],
        explorationTruncated: Bool, partialSearch: PartialSearch? = nil
    ) {
        self.overall = overall
        self.uncappedOverall = uncappedOverall ?? overall
        self.level = level
        self.needsReview = needsReview
        self.dimensions = dimensions
        self.items = items
        self.raw = raw
        self.best = best
        self.weights = weights
        self.notAssessed = notAssessed
        self.uncappedLevel = uncappedLevel
        self.gatekeeping = gatekeeping
        self.expectations = expectations
        self.outcome = outcome
        self.steps = steps
        self.competencies = competencies
        self.undone = undone
        self.explorationTruncated = explorationTruncated
        self.partialSearch = partialSearch
    }

    /// How far a scoring search that stopped at the rubric's `explorationLimit` got.
    public struct PartialSearch: Codable, Sendable, Equatable {
        /// The states of the case the search covered (at most the limit).
        public var states: Int
        /// The rubric's limit it stopped at.
        public var limit: Int

        /// Creates the record of a partial search.
        public init(states: Int, limit: Int) {
            self.states = states
            self.limit = limit
        }
    }

    /// Whether gatekeeping holds the level below what the overall score alone reaches.
    public var isCapped: Bool { level < uncappedLevel }

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

    /// The expectations the attempt did not meet, most severe first, then in written order (neither those whose
    /// situation never arose nor, in an unfinished attempt, those it can still meet).
    public var unmetExpectations: [ExpectationResult] {
        expectations.enumerated().filter { $0.element.state == .unmet }
            .sorted { ($1.element.severity, $0.offset) < ($0.element.severity, $1.offset) }.map(\.element)
    }
}

/// Something in an attempt that caps its level or calls for an instructor's review: a breach, an unmet
/// expectation, a risk left out of the plan, or an ending (the rubric's `gatekeeping`).
public struct GatekeepingEvent: Codable, Sendable, Hashable {
    /// The 1-based step, or nil for something about the whole attempt.
    public var step: Int?
    /// The highest level the attempt can reach because of it, if it caps.
    public var cap: Level?
    /// Whether it calls for review.
    public var review: Bool
    /// The reason, in the words of the item that triggered it.
    public var reason: String
    /// The same in a few words, for a summary line: "a critical breach of confidentiality at step 17".
    public var summary: String

    /// Creates an event.
    public init(step: Int?, cap: Level?, review: Bool, reason: String, summary: String) {
        self.step = step
        self.cap = cap
        self.review = review
        self.reason = reason
        self.summary = summary
    }
}

/// How an attempt stands on one expectation of its case.
public struct ExpectationResult: Codable, Sendable, Hashable {
    /// The expectation's name.
    public var name: String
    /// How serious it is to leave it unmet.
    public var severity: Violation.Severity
    /// Met, unmet, did not arise, or (an unfinished attempt) still open.
    public var state: State
    /// Whether it was met (`state == .met`).
    public var met: Bool
    /// When met: the 1-based step from which it held to the end (0 when it held from the start). When unmet:
    /// the step that put it out of reach, when the exploration of the case can tell (nil otherwise).
    public var step: Int?
    /// Why a competent worker does this, in the case's language.
    public var because: String

    /// Where an attempt stands on an expectation: the three states of a finished attempt, and `pending`.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// Its situation arose (or it names none) and the attempt met it.
        case met
        /// Its situation arose (or it names none) and the attempt did not meet it; in an unfinished attempt, a
        /// step has already put it out of reach.
        case unmet
        /// It names a situation that never arose in the attempt: it earns and costs nothing.
        case didNotArise = "did-not-arise"
        /// The attempt has not reached an ending and can still meet it (or its situation can still arise).
        case pending
    }

    /// Creates a result.
    public init(name: String, severity: Violation.Severity, state: State, step: Int?, because: String) {
        self.name = name
        self.severity = severity
        self.state = state
        self.met = state == .met
        self.step = step
        self.because = because
    }

    /// Creates a met or unmet result.
    public init(name: String, severity: Violation.Severity, met: Bool, step: Int?, because: String) {
        self.init(name: name, severity: severity, state: met ? .met : .unmet, step: step, because: because)
    }
}

/// The evidence a path gives for one accreditation competency (CSWE EPAS 2022).
public struct CompetencyEvidence: Codable, Sendable, Hashable {
    /// The competency's id in Content/competencies.json (`epas-7`).
    public var id: String
    /// The competency's name in the report's language.
    public var competency: String
    /// What gives the evidence: phase ids from lifecycle.json, or a dimension name (`ethics`).
    public var sources: [String]
    /// The 1-based steps that showed it: sound actions (positive quality) with no breach.
    public var steps: [Int]
    /// The steps that raise a concern: a breach, an unsound action, a premature one. Never also evidence.
    public var concerns: [Int]
    /// The expectations resting on it that the attempt did not meet.
    public var unmetExpectations: [String]

    /// Creates a piece of evidence.
    public init(
        id: String, competency: String, sources: [String], steps: [Int], concerns: [Int],
        unmetExpectations: [String] = []
    ) {
        self.id = id
        self.competency = competency
        self.sources = sources
        self.steps = steps
        self.concerns = concerns
        self.unmetExpectations = unmetExpectations
    }
}
