import Foundation
import PracticumCore
import PracticumEngine
@testable import PracticumScoring
import Testing

/// The search settles each cycle of states best first (issue 16). It must find what relaxing round after
/// round found: the same best of every dimension, the same best path, and the same stronger alternative for
/// any path, on the bundled cases, the hand-made ones and counter hubs.
@Suite struct BestFirstSearchTests {
    static func optima(_ scenario: Scenario) -> (bestFirst: CaseOptimum, rounds: CaseOptimum) {
        let rules = ScoringRules(scenario: scenario, rubric: Support.rubric, content: Support.content)
        let weights = Support.rubric.weights(for: scenario).filter { rules.assessed.contains($0.key) }
        let limit = Support.rubric.explorationLimit
        return (
            CaseOptimum(rules: rules, weights: weights, limit: limit, relaxation: .bestFirst),
            CaseOptimum(rules: rules, weights: weights, limit: limit, relaxation: .rounds)
        )
    }

    static func expectSameAnswers(_ scenario: Scenario, paths: Int = 60, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (bestFirst, rounds) = optima(scenario)
        for dimension in Dimension.allCases {
            let a = bestFirst.best[dimension] ?? .nan
            let b = rounds.best[dimension] ?? .nan
            #expect(a == b || abs(a - b) < 1e-9, "\(scenario.id) \(dimension)", sourceLocation: sourceLocation)
        }
        #expect(bestFirst.bestPath() == rounds.bestPath(), "\(scenario.id)", sourceLocation: sourceLocation)
        #expect(bestFirst.bestPhases == rounds.bestPhases, sourceLocation: sourceLocation)
        let engine = Engine(scenario: scenario)
        var generator = SplitMix64(seed: 0x16_B3)
        for _ in 0..<paths {
            let path = BundledCaseTests.randomPath(in: engine, using: &generator)
            let a = bestFirst.strongerAlternative(for: path)
            let b = rounds.strongerAlternative(for: path)
            #expect(a?.step == b?.step && a?.path == b?.path, "\(scenario.id): \(path)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Support.bundled)
    func bundledCasesGetTheSameAnswers(file: String) throws {
        Self.expectSameAnswers(try Support.bundledScenario(file))
    }

    @Test func handMadeCasesGetTheSameAnswers() throws {
        for text in [Cases.maria(), Cases.hub, Cases.counterHub(bound: 3), Cases.counterHub(bound: 40)] {
            Self.expectSameAnswers(try Support.scenario(text))
        }
    }

    /// A counter hub of 1,001 counter values in one cycle is searched whole, and its best path is the best.
    @Test func aLargeCounterHubIsSearchedWhole() throws {
        let scorer = try Support.scorer(Cases.counterHub(bound: 500))
        #expect(!scorer.isExplorationTruncated)
        #expect(scorer.searchSize.states == 2 * 500 + 1 + 1)
        let best = scorer.bestPath()
        #expect(best.last?.description == "hub#3")
        let report = try scorer.score(best)
        #expect(report.outcome == "goals-met")
        // It earns the best outcome there is and full practice credit (the best lifecycle total needs a walk up
        // and down, which practice pays for: the overall best trades it away).
        #expect(abs(report.raw[.outcome]! - scorer.best[.outcome]!) < 1e-9)
        #expect(report.dimensions[.practice] == 100)
        #expect(scorer.strongerAlternative(for: best) == nil)
        // Going up is never better than the best: the path that climbs five steps has a stronger alternative.
        let up = Array(repeating: ChoiceID(scene: "hub", index: 0), count: 5)
        #expect(scorer.strongerAlternative(for: up) != nil)
    }
}
