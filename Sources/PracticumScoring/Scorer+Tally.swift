import PracticumCore
import PracticumEngine

extension Scorer {
    /// The points won and possible in each dimension and the gatekeeping events, in the order judged.
    struct Tally {
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
    func assemble(
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
