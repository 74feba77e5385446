import PracticumCore
import PracticumEngine

/// Scores paths through one case against a rubric: a pure function of the case,
/// the rubric and the choices, with every point explained by an item.
///
/// Creating a scorer explores the case once to find the best value of each
/// dimension (what a score of 100 means in this case) and the best path; every
/// score, `bestPath()` and `strongerAlternative(for:)` then reuse that search.
///
/// ```swift
/// let scorer = Scorer(scenario: scenario, rubric: try Rubric.load(from: contentURL), content: content)
/// let report = try scorer.score(state.choicesTaken)
/// print(report.overall, report.level, report.items.map(\.reason))
/// ```
public struct Scorer: Sendable {
    /// The case scored.
    public let scenario: Scenario
    /// The rubric scored against.
    public let rubric: Rubric
    /// The Content/ library: phases, principles, outcomes and the `score.*` strings.
    public let content: ContentLibrary
    /// The language of the items' reasons.
    public let language: String
    /// The weights of the overall score in this case: the rubric's, overridden by the case header.
    public let weights: [Dimension: Int]

    let rules: ScoringRules
    /// Computed once in `init`; a value, so copies of the scorer share it.
    let optimum: CaseOptimum

    /// Creates a scorer for the case, exploring it to find what each dimension's 100 means.
    public init(scenario: Scenario, rubric: Rubric, content: ContentLibrary, language: String = "en") {
        self.scenario = scenario
        self.rubric = rubric
        self.content = content
        self.language = language
        let weights = rubric.weights(for: scenario)
        self.weights = weights
        let rules = ScoringRules(scenario: scenario, rubric: rubric, content: content)
        self.rules = rules
        let effective = weights.filter { rules.assessed.contains($0.key) }
        optimum = CaseOptimum(rules: rules, weights: effective)
    }

    private init(copying other: Scorer, language: String) {
        scenario = other.scenario
        rubric = other.rubric
        content = other.content
        weights = other.weights
        rules = other.rules
        optimum = other.optimum
        self.language = language
    }

    /// The same scorer writing its reasons in another language, without exploring the case again.
    public func speaking(_ language: String) -> Scorer {
        Scorer(copying: self, language: language)
    }

    /// The best raw total any complete path reaches in each dimension, as exploration found it
    /// (-infinity when it found no complete path).
    public var best: [Dimension: Double] { optimum.best }

    /// Whether exploring the case stopped at the rubric's `explorationLimit`.
    public var isExplorationTruncated: Bool { optimum.isTruncated }

    /// Dimensions in which no path through the case can win or lose a point.
    public var notAssessed: [Dimension] { Dimension.allCases.filter { !rules.assessed.contains($0) } }

    // MARK: Scoring

    /// Scores the path these choices make from the start; a choice not on offer where it is taken throws.
    public func score(_ path: [ChoiceID]) throws(EngineError) -> ScoreReport {
        score(try Engine(scenario: scenario).replay(path))
    }

    /// Scores the path of a played state, after following any continuation scenes it rests in.
    ///
    /// A step whose choice the case does not have (a save from another version) is skipped.
    public func score(_ state: CaseState) -> ScoreReport {
        let settled = Engine(scenario: scenario).autoContinue(state).state
        return report(path: settled.choicesTaken, finalScene: settled.scene)
    }

    /// A path from the start to an ending with the best overall score; empty when the case has none.
    ///
    /// It maximises the weighted sum of the dimensions' normalised raw totals
    /// (the overall score before rounding and the floor at 0); among equals it
    /// takes the choice offered first.
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

    // MARK: The report

    private func report(path: [ChoiceID], finalScene: String) -> ScoreReport {
        let writer = ReasonWriter(content: content, scenario: scenario, rubric: rubric, language: language)
        var memory = rules.startMemory()
        var revealed: Set<String> = []
        var addressed: Set<String> = []
        var items: [ScoreItem] = []
        var evidence = CompetencyLedger(rules: rules, rubric: rubric)
        var needsReview = false
        for (position, id) in path.enumerated() {
            guard let choice = rules.choice(id) else { continue }
            let step = position + 1
            let judgements = rules.judge(step: id, memory: &memory, revealed: revealed, addressed: addressed)
            items += judgements.map { writer.item(for: $0, step: step, choiceText: choice.text) }
            evidence.record(step: step, phase: choice.phase, judgements: judgements)
            needsReview = needsReview || choice.violates.contains { $0.severity == .critical }
            revealed.formUnion(choice.reveals)
            addressed.formUnion(choice.addresses)
        }
        let ending = rules.judgeEnd(
            memory: memory, revealed: revealed, addressed: addressed, scene: finalScene, bestPhases: optimum.bestPhases)
        items += ending.map { writer.item(for: $0, step: nil, choiceText: nil) }

        var raw: [Dimension: Double] = [:]
        for dimension in Dimension.allCases { raw[dimension] = 0 }
        for item in items { raw[item.dimension, default: 0] += item.points }
        var best: [Dimension: Double] = [:]
        var dimensions: [Dimension: Int] = [:]
        for dimension in Dimension.allCases {
            let found = optimum.best[dimension] ?? -.infinity
            let value = raw[dimension] ?? 0
            // Truncated: the best found may miss better paths, so this path counts as one of those compared.
            let top = optimum.isTruncated ? max(found, value) : found.isFinite ? found : max(0, value)
            best[dimension] = top
            dimensions[dimension] = rules.assessed.contains(dimension) ? Self.normalise(value, best: top) : 100
        }
        let overall = Self.overall(dimensions, weights: weights, assessed: rules.assessed)
        let uncapped = rubric.level(for: overall)
        return ScoreReport(
            overall: overall, level: needsReview ? .emerging : uncapped, needsReview: needsReview,
            dimensions: dimensions, items: items, raw: raw, best: best, weights: weights, notAssessed: notAssessed,
            uncappedLevel: uncapped, outcome: scenario.scene(named: finalScene)?.ending, steps: path.count,
            competencies: evidence.competencies(), explorationTruncated: optimum.isTruncated)
    }

    /// A dimension's 0-100 score: `100 × raw / best` when the best is positive; otherwise
    /// 100 less the points lost beyond the best (`100 + raw − best`); rounded, then held to 0...100.
    public static func normalise(_ raw: Double, best: Double) -> Int {
        let value = best > 0 ? 100 * raw / best : 100 + raw - best
        guard value.isFinite else { return 0 }
        return Int(min(100, max(0, value.rounded())))
    }

    /// The weighted mean of the assessed dimensions' scores, rounded; the plain mean when their weights are all 0.
    static func overall(_ scores: [Dimension: Int], weights: [Dimension: Int], assessed: Set<Dimension>) -> Int {
        let counted = Dimension.allCases.filter { assessed.contains($0) }
        guard !counted.isEmpty else { return 0 }
        let total = counted.reduce(0) { $0 + max(0, weights[$1] ?? 0) }
        let sum = counted.reduce(0.0) { sum, dimension in
            let weight = total > 0 ? Double(max(0, weights[dimension] ?? 0)) : 1
            return sum + weight * Double(scores[dimension] ?? 0)
        }
        return Int((sum / Double(total > 0 ? total : counted.count)).rounded())
    }
}
