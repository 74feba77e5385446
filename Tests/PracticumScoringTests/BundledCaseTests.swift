import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The bundled cases of Scenarios/: their best paths, and properties that hold on random paths.
@Suite struct BundledCaseTests {
    /// A random path from the start: a random available choice at each step, until an ending,
    /// a soft lock, or `limit` choices.
    static func randomPath(in engine: Engine, using generator: inout SplitMix64, limit: Int = 120) -> [ChoiceID] {
        var state = engine.autoContinue(engine.start().state).state
        while state.path.count < limit, case .choosing(let available) = engine.status(of: state) {
            let pick = available[Int(generator.next() % UInt64(available.count))]
            guard let next = try? engine.choose(id: pick.id, in: state).state else { break }
            state = engine.autoContinue(next).state
        }
        return state.choicesTaken
    }

    @Test func thereAreBundledCases() {
        #expect(Support.bundled.contains("rent-arrears-intake.scenario"))
    }

    @Test(arguments: Support.bundled)
    func bestPathIsExemplary(file: String) throws {
        let scorer = try Support.bundledScorer(file)
        let truncated = scorer.isExplorationTruncated
        #expect(!truncated)
        let path = scorer.bestPath()
        let report = try scorer.score(path)
        #expect(report.outcome == "goals-met")
        #expect(report.level == .exemplary, "\(report.dimensions)")
        #expect(report.dimensions.values.allSatisfy { $0 == 100 }, "\(report.dimensions)")
        #expect(report.gatekeeping.isEmpty && !report.needsReview)
        // Every expectation whose situation arose on the best path is met (one whose situation never arose, such
        // as what to do after a lapse the best path never makes, is neither).
        #expect(report.expectations.allSatisfy { $0.state == .met || $0.state == .didNotArise })
        #expect(report.expectations.contains { $0.state == .met })
        #expect(scorer.strongerAlternative(for: path) == nil)
    }

    @Test(arguments: Support.bundled)
    func randomPathsKeepTheModelsPromises(file: String) throws {
        let scorer = try Support.bundledScorer(file)
        let engine = Engine(scenario: scorer.scenario)
        var generator = SplitMix64(seed: 0x5C0_4E)
        for _ in 0..<300 {
            let path = Self.randomPath(in: engine, using: &generator)
            let report = try scorer.score(path)
            #expect((0...100).contains(report.overall))
            for dimension in Dimension.allCases {
                let sum = report.items.filter { $0.dimension == dimension }.reduce(0) { $0 + $1.points }
                #expect(abs(sum - report.raw[dimension]!) < 1e-9, "items of \(dimension) sum to its raw total")
                #expect((0...100).contains(report.dimensions[dimension]!))
                #expect(report.raw[dimension]! <= report.best[dimension]! + 1e-9, "never more than the maximum: \(path)")
            }
            #expect(report.needsReview == report.items.contains { $0.gate?.review == true })
            let caps = report.items.compactMap { $0.gate?.cap }
            #expect(report.level == caps.reduce(report.uncappedLevel) { min($0, $1) })
            for item in report.items where item.gate?.cap != nil { #expect(report.level <= item.gate!.cap!) }
            #expect(report.items.compactMap(\.step).allSatisfy { (1...path.count).contains($0) })
            if let alternative = scorer.strongerAlternative(for: path) {
                let better = Array(path.prefix(alternative.step - 1)) + alternative.path
                let improved = try scorer.score(better)
                #expect(improved.outcome != nil)
                #expect(improved.overall >= report.overall || report.outcome == nil)
            }
        }
    }

    @Test(arguments: Support.bundled)
    func scoringIsDeterministic(file: String) throws {
        let first = try Support.bundledScorer(file)
        let scenario = first.scenario
        let second = Scorer(scenario: scenario, rubric: Support.rubric, content: Support.content)
        #expect(first.bestPath() == second.bestPath())
        #expect(first.best == second.best)
        var generator = SplitMix64(seed: 7)
        let engine = Engine(scenario: scenario)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for _ in 0..<20 {
            let path = Self.randomPath(in: engine, using: &generator)
            let a = try first.score(path)
            let b = try second.score(path)
            #expect(a == b)
            #expect(try encoder.encode(a) == encoder.encode(b))
        }
    }
}
