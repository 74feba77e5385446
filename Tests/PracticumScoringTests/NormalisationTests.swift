import class Foundation.NSLock
import Dispatch
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The best values scores are normalised against, checked against brute force.
@Suite struct NormalisationTests {
    /// Every complete path of up to `depth` choices, taking no choice more than twice
    /// (a third take of a repeatable choice can only cost: its credit is spent).
    static func completePaths(of scenario: Scenario, depth: Int) -> [[ChoiceID]] {
        let engine = Engine(scenario: scenario)
        var paths: [[ChoiceID]] = []
        func visit(_ state: CaseState, uses: [ChoiceID: Int]) {
            switch engine.status(of: state) {
            case .ended:
                paths.append(state.choicesTaken)
            case .choosing(let available) where state.path.count < depth:
                for pick in available where uses[pick.id, default: 0] < 2 {
                    guard let next = try? engine.choose(id: pick.id, in: state).state else { continue }
                    var used = uses
                    used[pick.id, default: 0] += 1
                    visit(engine.autoContinue(next).state, uses: used)
                }
            default:
                break
            }
        }
        visit(engine.autoContinue(engine.start().state).state, uses: [:])
        return paths
    }

    @Test(arguments: ["maria", "hub", "crisis"])
    func bestValuesMatchBruteForce(name: String) throws {
        let text = name == "maria" ? Cases.maria() : name == "hub" ? Cases.hub : Cases.crisis
        let scorer = try Support.scorer(text)
        let paths = Self.completePaths(of: scorer.scenario, depth: 14)
        #expect(!paths.isEmpty)
        var best: [Dimension: Double] = [:]
        var bestScore: [Dimension: Int] = [:]
        var bestOverall = 0
        for path in paths {
            let report = try scorer.score(path)
            for (dimension, value) in report.raw { best[dimension] = max(best[dimension] ?? -.infinity, value) }
            for (dimension, value) in report.dimensions { bestScore[dimension] = max(bestScore[dimension] ?? 0, value) }
            bestOverall = max(bestOverall, report.overall)
        }
        // The totals: lifecycle, ethics and outcome are exact sums; practice and planning are means whose
        // ceiling is full credit at every decision, which some path of these cases reaches.
        for dimension in [Dimension.lifecycle, .ethics, .outcome] {
            #expect(scorer.best[dimension] == best[dimension], "\(dimension), \(paths.count) paths")
        }
        for dimension in [Dimension.practice, .planning] where !scorer.notAssessed.contains(dimension) {
            #expect(scorer.best[dimension] == 1)
            #expect(bestScore[dimension] == 100)
        }
        #expect(!scorer.isExplorationTruncated)
        let chosen = try scorer.score(scorer.bestPath())
        #expect(chosen.overall == bestOverall)
        #expect(chosen.outcome != nil)
    }

    @Test func hubWithOnceChoicesIsExact() throws {
        let scorer = try Support.scorer(Cases.hub)
        // Asking about work needs an earlier question; planning must follow both to ground both goals.
        let report = try scorer.score(scorer.bestPath())
        #expect(report.overall == 100)
        #expect(report.items(in: .planning).allSatisfy { $0.points == $0.outOf }, "\(report.reasons)")
        #expect(report.dimensions[.practice] == 100 && report.dimensions[.planning] == 100)
    }

    @Test func aCaseWhereFullCreditIsImpossibleIsMeasuredAgainstItsBestMean() throws {
        // The +2 choice can be taken again and again; every way out leaves it behind, so no complete
        // path earns full practice credit (an authoring flaw that simulate's ceiling shows).
        let text = Support.header() + """
            == meet
            * Introduce yourself.
              phase: engagement
              quality: +1
              -> hub
            * Rush in.
              phase: engagement
              quality: -1
              -> hub
            == hub
            * Listen a while longer.
              phase: assessment
              quality: +2
              -> hub
            * Close the session.
              phase: termination
              quality: +1
              -> end
            * Walk out.
              phase: termination
              quality: -2
              -> lost
            == end [ending: goals-met]
            Done.
            == lost [ending: disengaged]
            Gone.
            """
        let scorer = try Support.scorer(text)
        let best = try #require(scorer.best[.practice])
        #expect(best < 1 && best > 0, "\(best)")
        let report = try scorer.score(scorer.bestPath())
        #expect(report.dimensions[.practice] == 100, "the best a path can do scores 100: \(report.reasons)")
    }

    @Test func anUnfinishedAttemptNeverShowsMoreThanItsMaximum() throws {
        let scorer = try Support.scorer(Cases.maria())
        let engine = Engine(scenario: scorer.scenario)
        for length in 0..<6 {
            let path = Array(scorer.bestPath().prefix(length))
            let report = scorer.score(try engine.replay(path))
            for dimension in Dimension.allCases {
                #expect(report.raw[dimension]! <= report.best[dimension]! + 1e-9, "\(dimension) after \(length) steps")
                #expect((0...100).contains(report.dimensions[dimension]!))
            }
            #expect(report.outcome == nil)
        }
    }

    @Test func normalisationRule() {
        #expect(Scorer.normalise(15, best: 15) == 100)
        #expect(Scorer.normalise(7.5, best: 15) == 50)
        #expect(Scorer.normalise(-4, best: 15) == 0, "a negative raw total is held at 0")
        #expect(Scorer.normalise(20, best: 15) == 100, "an incomplete path can pass the best; held at 100")
        #expect(Scorer.normalise(-35, best: 0) == 65, "best 0: 100 less the points lost")
        #expect(Scorer.normalise(-35, best: -10) == 75, "best below 0: only points lost beyond the best count")
        #expect(Scorer.normalise(-200, best: 0) == 0)
        #expect(Scorer.normalise(0, best: 0) == 100)
    }

    @Test func truncatedExplorationIsReportedAndFallsBack() throws {
        var rubric = Support.rubric
        rubric.explorationLimit = 3
        let scorer = try Support.scorer(Cases.maria(), rubric: rubric)
        #expect(scorer.isExplorationTruncated)
        let path = Support.path(
            "intake#1", "story#1", "story#2", "story#4", "act#1", "review#1", "review#3", "review#2", "closing#1")
        let report = try scorer.score(path)
        #expect(report.explorationTruncated)
        for dimension in Dimension.allCases {
            #expect(report.best[dimension]! >= report.raw[dimension]!)
            #expect((0...100).contains(report.dimensions[dimension]!))
        }
        #expect(report.overall == 100, "the path is the best known, so it is graded as the best")
    }

    @Test func aCacheBuildsEachCaseOnceEvenWhenAskedFromManyThreads() throws {
        let cache = ScorerCache()
        let maria = try Support.scenario(Cases.maria())
        let hub = try Support.scenario(Cases.hub)
        let reference = Scorer(scenario: maria, rubric: Support.rubric, content: Support.content)
        let path = reference.bestPath()
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var overall: [Int] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let scorer = cache.scorer(
                scenario: index % 4 == 3 ? hub : maria, rubric: Support.rubric, content: Support.content,
                language: index % 2 == 0 ? "en" : "id")
            if index % 4 != 3, let report = try? scorer.score(path) {
                results.lock.withLock { results.overall.append(report.overall) }
            }
        }
        #expect(cache.builds == 2, "one build per case, whatever the language or the number of threads")
        #expect(results.overall == [Int](repeating: try reference.score(path).overall, count: 12))
        // Another rubric is another scorer.
        var rubric = Support.rubric
        rubric.premature += 1
        _ = cache.scorer(scenario: maria, rubric: rubric, content: Support.content, language: "en")
        #expect(cache.builds == 3)
    }

    @Test func unassessedDimensionsLeaveTheOverall() throws {
        let scorer = try Support.scorer(Cases.crisis)
        #expect(scorer.notAssessed == [.ethics, .planning])
        let report = try scorer.score(Support.path("door#1", "talk#1"))
        #expect(report.notAssessed == [.ethics, .planning])
        #expect(report.dimensions[.ethics] == 100)
        let counted: [Dimension] = [.practice, .lifecycle, .outcome]
        let weights = Support.rubric.weights
        let mean =
            counted.reduce(0.0) { $0 + Double(weights[$1]! * report.dimensions[$1]!) }
            / Double(counted.reduce(0) { $0 + weights[$1]! })
        #expect(report.overall == Int(mean.rounded()))
    }
}
