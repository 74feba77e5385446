import PracticumCore
import PracticumEngine

/// Scores paths through one case against a rubric: a pure function of the case,
/// the rubric and the choices, with every point explained by an item.
///
/// Creating a scorer explores the case once to find the best value of each
/// dimension (what a score of 100 means in this case), which options stay in
/// reach after each choice, and the best path; every score, `bestPath()` and
/// `strongerAlternative(for:)` then reuse that search.
///
/// ```swift
/// let scorer = Scorer(scenario: scenario, rubric: try Rubric.load(from: contentURL), content: content)
/// let report = try scorer.score(state.choicesTaken)
/// print(report.overall, report.level, report.items.map(\.reason))
/// ```
public struct Scorer: Sendable {
    /// Everything the scorer knows, shared by its copies: copying a scorer (which grading does for every
    /// attempt) is then one reference, not the case, rubric, rules and search it is built from.
    final class Storage: Sendable {
        let scenario: Scenario
        let rubric: Rubric
        let content: ContentLibrary
        let language: String
        let weights: [Dimension: Int]
        let rules: ScoringRules
        /// Computed once in `init`; copies of the scorer share it.
        let optimum: CaseOptimum
        /// Puts the judgements into words in `language`; set up once.
        let writer: ReasonWriter
        let notAssessed: [Dimension]
        /// An empty record of the competencies evidenced, copied for each path scored.
        let emptyLedger: CompetencyLedger
        /// Where every path starts: the start scene, after any continuation scenes.
        let startState: CaseState
        /// The condition of each of the case's expectations, in written order.
        let expectationConditions: [Condition]

        init(
            scenario: Scenario, rubric: Rubric, content: ContentLibrary, language: String, weights: [Dimension: Int],
            rules: ScoringRules, optimum: CaseOptimum
        ) {
            self.scenario = scenario
            self.rubric = rubric
            self.content = content
            self.language = language
            self.weights = weights
            self.rules = rules
            self.optimum = optimum
            writer = ReasonWriter(content: content, scenario: scenario, rubric: rubric, language: language)
            notAssessed = Dimension.allCases.filter { !rules.assessed.contains($0) }
            emptyLedger = CompetencyLedger(rules: rules, rubric: rubric, content: content, language: language)
            startState = rules.engine.autoContinue(rules.engine.start().state).state
            expectationConditions = scenario.expectations.map(\.condition)
        }
    }

    let storage: Storage

    /// The case scored.
    public var scenario: Scenario { storage.scenario }
    /// The rubric scored against.
    public var rubric: Rubric { storage.rubric }
    /// The Content/ library: phases, principles, outcomes, competencies and the `score.*` strings.
    public var content: ContentLibrary { storage.content }
    /// The language of the items' reasons and of competency names.
    public var language: String { storage.language }
    /// The weights of the overall score in this case: the rubric's, overridden by the case header.
    public var weights: [Dimension: Int] { storage.weights }

    var rules: ScoringRules { storage.rules }
    var optimum: CaseOptimum { storage.optimum }

    /// Creates a scorer for the case, exploring it to find what each dimension's 100 means.
    public init(scenario: Scenario, rubric: Rubric, content: ContentLibrary, language: String = "en") {
        let weights = rubric.weights(for: scenario)
        let rules = ScoringRules(scenario: scenario, rubric: rubric, content: content)
        let effective = weights.filter { rules.assessed.contains($0.key) }
        let optimum = CaseOptimum(rules: rules, weights: effective, limit: rubric.explorationLimit)
        storage = Storage(
            scenario: scenario, rubric: rubric, content: content, language: language, weights: weights, rules: rules,
            optimum: optimum)
    }

    private init(copying other: Scorer, language: String) {
        let known = other.storage
        storage = Storage(
            scenario: known.scenario, rubric: known.rubric, content: known.content, language: language,
            weights: known.weights, rules: known.rules, optimum: known.optimum)
    }

    /// The same scorer writing its reasons in another language, without exploring the case again.
    public func speaking(_ language: String) -> Scorer {
        Scorer(copying: self, language: language)
    }

    /// The best of each dimension, as exploration found it: the best raw total of lifecycle, ethics and
    /// outcome over complete paths, and the best mean credit of practice and planning (normally 1);
    /// -infinity when exploration found no complete path.
    public var best: [Dimension: Double] { optimum.best }

    /// Whether exploring the case stopped at the rubric's `explorationLimit`.
    public var isExplorationTruncated: Bool { optimum.isTruncated }

    /// How much of the case the scoring search covered, when it stopped at the rubric's limit; nil when it
    /// covered every state.
    public var partialSearch: ScoreReport.PartialSearch? {
        optimum.isTruncated ? ScoreReport.PartialSearch(states: optimum.size.states, limit: storage.rubric.explorationLimit) : nil
    }

    /// The size of the search behind the scores: the states of the case's state space, and the (state,
    /// memory) nodes and edges the scoring search paired them into.
    public var searchSize: (states: Int, nodes: Int, edges: Int) { optimum.size }

    /// Dimensions in which no path through the case can win or lose a point.
    public var notAssessed: [Dimension] { storage.notAssessed }

    // MARK: Scoring

    /// Scores the path these choices make from the start; a choice not on offer where it is taken throws.
    public func score(_ path: [ChoiceID], undone: [UndoneChoice] = []) throws(EngineError) -> ScoreReport {
        score(try rules.engine.replay(path), undone: undone)
    }

    /// Scores the path of a played state, after following any continuation scenes it rests in.
    ///
    /// A step whose choice the case does not have, or that is not on offer where it stands (a save from
    /// another version), is judged without a practice decision.
    public func score(_ state: CaseState, undone: [UndoneChoice] = []) -> ScoreReport {
        let settled = rules.engine.autoContinue(state).state
        var unused: NotOffered?
        return report(path: settled.choicesTaken, final: settled, undone: undone, detail: .reasons, stopAtUnoffered: &unused)!.report
    }

    /// Why a path cannot be scored as played: the step (1-based) whose choice was not on offer there.
    public struct NotOffered: Error, Equatable, Sendable {
        public var step: Int
        public var choice: ChoiceID
    }

    /// How much of a report to work out.
    public enum Detail: Sendable {
        /// Every item with its words: what a student or an instructor reads.
        case reasons
        /// Every item and number, without the words (see `scoreWithoutReasons`).
        case items
        /// The numbers alone: the scores, the level with its caps, the review flag, the expectations and the
        /// gatekeeping events (without their words); no items and no competency evidence. For grading the
        /// attempts that do not count, of which only the numbers are used.
        case numbers
    }

    /// Replays a path from the start, refusing it at the first choice that was not on offer where it was
    /// taken, and scores it (with or without the words of each point) in the same pass; also the state it
    /// ends in. For grading: one replay checks and scores.
    public func scoreChecking(
        _ path: [ChoiceID], undone: [UndoneChoice] = [], reasons: Bool
    ) -> Result<(report: ScoreReport, final: CaseState), NotOffered> {
        scoreChecking(path, undone: undone, detail: reasons ? .reasons : .items)
    }

    /// `scoreChecking(_:undone:reasons:)` at the level of detail asked for.
    public func scoreChecking(
        _ path: [ChoiceID], undone: [UndoneChoice] = [], detail: Detail
    ) -> Result<(report: ScoreReport, final: CaseState), NotOffered> {
        var failure: NotOffered?
        let result = report(path: path, final: nil, undone: undone, detail: detail, stopAtUnoffered: &failure)
        if let failure { return .failure(failure) }
        return .success(result!)
    }

    /// The same report without the words: every number, level, flag and item as `score` gives them, but
    /// items carry no reason, no choice text and no stronger option (gatekeeping keeps its short summary).
    /// For grading many attempts, where only the one that counts is shown in full.
    public func scoreWithoutReasons(_ state: CaseState, undone: [UndoneChoice] = []) -> ScoreReport {
        let settled = rules.engine.autoContinue(state).state
        var unused: NotOffered?
        return report(path: settled.choicesTaken, final: settled, undone: undone, detail: .items, stopAtUnoffered: &unused)!.report
    }

    /// A path from the start to an ending with the best overall score; empty when the case has none.
    ///
    /// It avoids every gatekeeping event the case allows it to avoid, then maximises the weighted sum of
    /// the dimensions; among equals it takes the choice written first.
    public func bestPath() -> [ChoiceID] {
        optimum.bestPath()
    }

    /// The first step (1-based) where the path fell below the best overall score still attainable
    /// from there, and the best continuation from that point: `path[0]` is what a stronger student
    /// would have chosen at that step instead. Nil when the path never fell below it, or when the
    /// path cannot be followed in the explored case.
    public func strongerAlternative(for path: [ChoiceID]) -> (step: Int, path: [ChoiceID])? {
        optimum.strongerAlternative(for: path)
    }
}
