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
    private final class Storage: Sendable {
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

    private let storage: Storage

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

    // MARK: The report

    /// The report of a path. With `final` nil the path is checked as it is replayed: the first choice not on
    /// offer (or not in the case) stops it, is put in `stopAtUnoffered`, and nil is returned; the state the
    /// replay ends in is then the final one. With a `final` state, such a step is judged without a decision.
    private func report(
        path: [ChoiceID], final given: CaseState?, undone: [UndoneChoice], detail: Detail,
        stopAtUnoffered: inout NotOffered?
    ) -> (report: ScoreReport, final: CaseState)? {
        let checking = given == nil
        let storage = self.storage
        let rules = storage.rules, optimum = storage.optimum, scenario = storage.scenario
        let engine = rules.engine
        let writer = storage.writer
        var items: [ScoreItem] = []
        /// For `.numbers`: the totals and the gatekeeping events, added up as the items would be.
        var tally = Tally()
        /// Records a judgement: as an item with its words, as an item without them, or in the tally.
        func add(_ judgement: Judgement, step: Int?, choiceText: String?) {
            switch detail {
            case .reasons:
                items.append(writer.item(for: judgement, step: step, choiceText: choiceText))
            case .items:
                items.append(
                    ScoreItem(
                        step: step, choiceText: nil, dimension: judgement.dimension, points: judgement.points,
                        outOf: judgement.outOf, reason: "", basis: judgement.basis(in: scenario), gate: judgement.gate,
                        gateSummary: judgement.gate == nil ? nil : writer.summary(for: judgement.kind, step: step), stronger: nil,
                        kind: judgement.itemKind, severity: judgement.severity, notCharged: judgement.countedWith != nil))
            case .numbers:
                tally.add(dimension: judgement.dimension, points: judgement.points, outOf: judgement.outOf)
                if let gate = judgement.gate, !gate.isEmpty {
                    tally.gatekeeping.append(
                        GatekeepingEvent(step: step, cap: gate.cap, review: gate.review, reason: "", summary: ""))
                }
            }
        }
        let withEvidence = detail != .numbers
        var memory = PathMemory()
        var evidence = storage.emptyLedger
        let nodes = optimum.nodes(along: path)
        var state = storage.startState
        // Whether each expectation held in each state the replay passed through (the start first), for the step
        // from which a met expectation held; kept as flags rather than keeping the states.
        let expected = scenario.expectations
        var held: [Bool] = []
        held.reserveCapacity((path.count + 1) * expected.count)
        let conditions = storage.expectationConditions
        func note(_ state: CaseState) {
            for index in conditions.indices { held.append(engine.evaluate(conditions[index], in: state)) }
        }
        note(state)
        var states = 1
        // The step at which each expectation was put out of reach and charged (rule 11), if one was.
        var chargedAt = [Int?](repeating: nil, count: expected.count)
        var previousNode = optimum.startNode
        var taken = Set<ChoiceID>(minimumCapacity: path.count)
        // The case notes and the plan as sets, kept up to date as the state's lists grow (they only grow).
        var revealed = Set(state.revealedFindings), addressed = Set(state.addressedFindings)
        for (position, id) in path.enumerated() {
            guard let choice = rules.choice(id) else {
                if checking {
                    stopAtUnoffered = NotOffered(step: position + 1, choice: id)
                    return nil
                }
                continue
            }
            let step = position + 1
            // What was on offer, as written positions in the scene (the choices themselves are not copied).
            let offered = id.scene == state.scene ? engine.offeredPositions(in: state) : []
            let pick = offered.firstIndex(of: id.index).map { AvailableChoice(number: $0 + 1, id: id, choice: choice) }
            if checking && pick == nil {
                stopAtUnoffered = NotOffered(step: step, choice: id)
                return nil
            }
            if pick != nil, let scenePosition = scenario.position(ofScene: id.scene) {
                let node = nodes[position]
                let inReach = { (option: ChoiceID) -> Bool in
                    node.map { storage.optimum.isInReach(option, from: $0) }
                        ?? storage.optimum.isInReach(option, afterReaching: choice.target)
                }
                let options = offered.map { ChoiceID(scene: id.scene, index: $0) }
                let qualities = offered.map { scenario.scenes[scenePosition].choices[$0].quality }
                if var decision = rules.decision(
                    chosen: id, quality: choice.quality, options: options, qualities: qualities, stillInReach: inReach)
                {
                    if taken.contains(id) && decision.points >= 1 - 1e-9 {
                        decision = Judgement(dimension: .practice, points: 0, kind: .repeated(quality: choice.quality))
                    }
                    add(decision, step: step, choiceText: choice.text)
                }
            }
            // The expectations this step put out of reach: readings of the same lapse as its breaches.
            var unmet: [Judgement] = []
            if pick != nil {
                for index in optimum.killed(from: previousNode, to: nodes[position]) where chargedAt[index] == nil {
                    chargedAt[index] = step
                    unmet.append(rules.unmetExpectation(index))
                    if withEvidence { evidence.recordUnmet(expected[index]) }
                }
            }
            previousNode = pick != nil ? nodes[position] : nil
            let judgements = rules.judge(
                step: id, choice: choice, memory: &memory, revealed: revealed, addressed: addressed, unmet: unmet)
            for judgement in judgements { add(judgement, step: step, choiceText: choice.text) }
            if withEvidence { evidence.record(step: step, choice: choice, judgements: judgements) }
            taken.insert(id)
            // A choice not on offer (a step judged without a decision) moves nothing, as `choose(id:)` would refuse it.
            if let pick, (try? engine.advance(offered: pick, in: &state)) != nil {
                if engine.continues(state) { state = engine.autoContinue(state).state }
                if state.revealedFindings.count > revealed.count {
                    revealed.formUnion(state.revealedFindings[revealed.count...])
                }
                if state.addressedFindings.count > addressed.count {
                    addressed.formUnion(state.addressedFindings[addressed.count...])
                }
            }
            note(state)
            states += 1
        }
        let final = given ?? state
        let ended = scenario.position(ofScene: final.scene).map { scenario.scenes[$0].isEnding } ?? false
        let atEnd = expected.indices.filter { chargedAt[$0] == nil }
        let ending = rules.judgeEnd(memory: memory, state: final, bestPhases: optimum.bestPhases, expectations: atEnd)
        for judgement in ending { add(judgement, step: nil, choiceText: nil) }

        // Expectations: met, unmet (and the step that put it out of reach), did not arise, or still open.
        var expectations: [ExpectationResult] = []
        for (number, expectation) in expected.enumerated() {
            var result: ExpectationResult.State
            var step: Int?
            if let charged = chargedAt[number] {
                result = .unmet
                step = charged
            } else if ended {
                switch engine.outcome(of: expectation, in: final) {
                case .met: result = .met
                case .unmet: result = .unmet
                case .didNotArise: result = .didNotArise
                }
                if result == .unmet && withEvidence { evidence.recordUnmet(expectation) }
            } else {
                result = .pending
            }
            if result == .met {
                var first = states - 1
                while first > 0 && held[(first - 1) * expected.count + number] { first -= 1 }
                step = first
            }
            expectations.append(
                ExpectationResult(
                    name: expectation.name, severity: expectation.severity, state: result, step: step,
                    because: expectation.because))
        }
        if detail != .numbers { tally = Tally(items: items) }
        var report = assemble(
            items: items, tally: tally, path: path, final: final, expectations: expectations,
            competencies: withEvidence ? evidence.competencies() : [], undone: undone)
        if detail == .reasons {
            report.debrief = DebriefWriter(scenario: scenario, rubric: storage.rubric, writer: writer)
                .content(of: report, path: path)
        }
        return (report, final)
    }

    /// The points won and possible in each dimension and the gatekeeping events, in the order judged.
    private struct Tally {
        /// Points won and possible, by the position of the dimension in `Dimension.allCases`.
        private var won = [Double](repeating: 0, count: Dimension.allCases.count)
        private var outOf = [Double](repeating: 0, count: Dimension.allCases.count)
        var gatekeeping: [GatekeepingEvent] = []

        init() {}

        /// The tally of a list of items.
        init(items: [ScoreItem]) {
            for item in items { add(dimension: item.dimension, points: item.points, outOf: item.outOf) }
            gatekeeping = items.compactMap { item -> GatekeepingEvent? in
                guard let gate = item.gate, !gate.isEmpty else { return nil }
                return GatekeepingEvent(
                    step: item.step, cap: gate.cap, review: gate.review, reason: item.reason,
                    summary: item.gateSummary ?? item.reason)
            }
        }

        mutating func add(dimension: Dimension, points: Double, outOf possible: Double) {
            let position = Self.position(of: dimension)
            won[position] += points
            outOf[position] += possible
        }

        var raw: [Dimension: Double] { Self.byDimension(won) }
        var possible: [Dimension: Double] { Self.byDimension(outOf) }

        private static func position(of dimension: Dimension) -> Int {
            switch dimension {
            case .practice: return 0
            case .lifecycle: return 1
            case .ethics: return 2
            case .planning: return 3
            case .outcome: return 4
            }
        }

        private static func byDimension(_ values: [Double]) -> [Dimension: Double] {
            var result = [Dimension: Double](minimumCapacity: values.count)
            for dimension in Dimension.allCases { result[dimension] = values[position(of: dimension)] }
            return result
        }
    }

    /// Totals, normalised scores, the overall score and the level with its caps.
    private func assemble(
        items: [ScoreItem], tally: Tally, path: [ChoiceID], final: CaseState, expectations: [ExpectationResult],
        competencies: [CompetencyEvidence], undone: [UndoneChoice]
    ) -> ScoreReport {
        let storage = self.storage
        let rules = storage.rules, optimum = storage.optimum, scenario = storage.scenario, weights = storage.weights
        let raw = tally.raw, possible = tally.possible
        var best = [Dimension: Double](minimumCapacity: Dimension.allCases.count)
        var dimensions = [Dimension: Int](minimumCapacity: Dimension.allCases.count)
        let ending = scenario.position(ofScene: final.scene).flatMap { scenario.scenes[$0].ending }
        for dimension in Dimension.allCases {
            let value = raw[dimension] ?? 0
            let found = optimum.best[dimension] ?? -.infinity
            switch dimension {
            case .practice, .planning:
                // Means: this path's full credit, times the best mean the case allows.
                let ceiling = found.isFinite && found > 0 ? min(1, found) : 1
                let top = (possible[dimension] ?? 0) * ceiling
                best[dimension] = top
                dimensions[dimension] = top > 0 ? Self.normalise(value, best: top) : 0
            case .lifecycle, .ethics, .outcome:
                // Truncated: the best found may miss better paths, so this path counts as one of those compared.
                // Unfinished: it may pass the best (it has not yet paid for what comes later), and it is never
                // shown with more points than its maximum.
                let complete = ending != nil
                let top = optimum.isTruncated || !complete ? max(found, value) : found.isFinite ? found : max(0, value)
                best[dimension] = top
                dimensions[dimension] = Self.normalise(value, best: top)
            }
            if !rules.assessed.contains(dimension) { dimensions[dimension] = 100 }
        }
        let uncappedOverall = Self.overall(dimensions, weights: weights, assessed: rules.assessed)
        let uncapped = storage.rubric.level(for: uncappedOverall)
        let gatekeeping = tally.gatekeeping
        let level = gatekeeping.compactMap(\.cap).reduce(uncapped) { min($0, $1) }
        // The number agrees with the level: a capped attempt scores at most the top of its band.
        let overall = level < uncapped ? min(uncappedOverall, storage.rubric.top(of: level)) : uncappedOverall
        return ScoreReport(
            overall: overall, uncappedOverall: uncappedOverall, level: level, needsReview: gatekeeping.contains { $0.review }, dimensions: dimensions,
            items: items, raw: raw, best: best, weights: weights, notAssessed: storage.notAssessed, uncappedLevel: uncapped,
            gatekeeping: gatekeeping, expectations: expectations, outcome: ending,
            steps: path.count, competencies: competencies, undone: undone,
            explorationTruncated: optimum.isTruncated, partialSearch: partialSearch)
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
