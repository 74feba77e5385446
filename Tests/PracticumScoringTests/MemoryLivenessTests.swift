import Foundation
import PracticumCore
import PracticumEngine
@testable import PracticumScoring
import Testing

/// The scoring search forgets the bits of the rules' memory that no step ahead can read (`MemoryLiveness`), so
/// a state paired with memories that differ only there is one node. It must find what the search that keeps
/// the whole memory finds: the same best of every dimension, the same best path and its phases, and the same
/// stronger alternative for any path; with fewer nodes wherever some memory was forgotten.
@Suite struct MemoryLivenessTests {
    static func optima(_ scenario: Scenario) -> (live: CaseOptimum, whole: CaseOptimum) {
        let rules = ScoringRules(scenario: scenario, rubric: Support.rubric, content: Support.content)
        let weights = Support.rubric.weights(for: scenario).filter { rules.assessed.contains($0.key) }
        let limit = Support.rubric.explorationLimit
        return (
            CaseOptimum(rules: rules, weights: weights, limit: limit),
            CaseOptimum(rules: rules, weights: weights, limit: limit, keepsWholeMemory: true)
        )
    }

    static func expectSameAnswers(_ scenario: Scenario, paths: Int = 60, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> (live: Int, whole: Int)
    {
        let (live, whole) = optima(scenario)
        for dimension in Dimension.allCases {
            let a = live.best[dimension] ?? .nan
            let b = whole.best[dimension] ?? .nan
            #expect(a == b || abs(a - b) < 1e-9, "\(scenario.id) \(dimension)", sourceLocation: sourceLocation)
        }
        #expect(live.bestPath() == whole.bestPath(), "\(scenario.id)", sourceLocation: sourceLocation)
        #expect(live.bestPhases == whole.bestPhases, "\(scenario.id)", sourceLocation: sourceLocation)
        #expect(live.size.states == whole.size.states, sourceLocation: sourceLocation)
        #expect(live.size.nodes <= whole.size.nodes, sourceLocation: sourceLocation)
        let engine = Engine(scenario: scenario)
        var generator = SplitMix64(seed: 0x16_6C)
        for _ in 0..<paths {
            let path = BundledCaseTests.randomPath(in: engine, using: &generator)
            let a = live.strongerAlternative(for: path)
            let b = whole.strongerAlternative(for: path)
            #expect(a?.step == b?.step && a?.path == b?.path, "\(scenario.id): \(path)", sourceLocation: sourceLocation)
            let liveNodes = live.nodes(along: path)
            let wholeNodes = whole.nodes(along: path)
            // The same path is followed as far in both, and charges the same expectations at every step.
            #expect(liveNodes.map { $0 == nil } == wholeNodes.map { $0 == nil }, sourceLocation: sourceLocation)
            var previous = (live.startNode, whole.startNode)
            for (a, b) in zip(liveNodes, wholeNodes) {
                #expect(live.killed(from: previous.0, to: a) == whole.killed(from: previous.1, to: b), sourceLocation: sourceLocation)
                previous = (a, b)
            }
        }
        return (live.size.nodes, whole.size.nodes)
    }

    @Test(arguments: Support.bundled)
    func bundledCasesGetTheSameAnswers(file: String) throws {
        let nodes = Self.expectSameAnswers(try Support.bundledScenario(file))
        // Every bundled case reads some phases only early on, so forgetting them merges nodes.
        #expect(nodes.live < nodes.whole, "\(file): \(nodes)")
    }

    @Test func handMadeCasesGetTheSameAnswers() throws {
        for text in [Cases.maria(), Cases.hub, Cases.counterHub(bound: 3), Cases.counterHub(bound: 40)] {
            _ = Self.expectSameAnswers(try Support.scenario(text))
        }
    }

    /// After the last step that can read it, the memory is forgotten: every ending is one node, whatever phases
    /// the paths to it touched.
    @Test func anEndingIsOneNodeWhateverThePhasesBefore() throws {
        let scenario = try Support.scenario(Cases.maria())
        let (live, whole) = Self.optima(scenario)
        let space = StateExplorer(engine: Engine(scenario: scenario), limit: 1000).explore()
        let endings = (0..<space.stateCount).filter { space.kind(of: $0) == .ended }
        #expect(!endings.isEmpty)
        #expect(live.nodeCount(ofStates: Set(endings)) == endings.count)
        #expect(whole.nodeCount(ofStates: Set(endings)) > endings.count)
    }
}

extension CaseOptimum {
    /// The node reached after each step of a path from the start; nil from the first step the search does not
    /// have (a path beyond a truncated search): what a judge of the path walks step by step.
    func nodes(along path: [ChoiceID]) -> [Int?] {
        var node = startNode
        return path.map { choice in
            node = self.node(after: node, taking: choice)
            return node
        }
    }
}
