import PracticumCore
import PracticumEngine
import Testing

@Suite("Exploring every reachable state")
struct ExplorerTests {
    @Test func aHubWithOnceChoicesAndABoundedCounter() throws {
        let graph = StateExplorer(scenario: Cases.hub).explore()
        #expect(!graph.isTruncated)
        // 4 sets of questions asked x counter 0...2 at the hub; at an ending nothing ahead reads the counter
        // or the once marks, so the good ending (both findings) is 1 state and the bad one 4 (what was found).
        #expect(graph.stateCount == 17)
        #expect(graph.reachableScenes == ["hub", "good", "bad"])
        #expect(graph.availableChoices == Set((1...5).map { ChoiceID.at("hub", $0) }))
        #expect(
            graph.endings == [
                StateGraph.Ending(scene: "good", outcome: "goals-met", stateCount: 1),
                StateGraph.Ending(scene: "bad", outcome: "disengaged", stateCount: 4),
            ])
        #expect(graph.stuckStates.isEmpty)
        #expect(graph.failedChoices.isEmpty)
        // Once: 4 per counter value (2 + 1 + 1 + 0); listen: 4 x 2; plan: 3; end: 12.
        #expect(graph.edgeCount == 12 + 8 + 3 + 12)
        #expect(graph.edges.count == graph.edgeCount)
        #expect((0..<graph.stateCount).filter { graph.kind(of: $0) == .choosing }.count == 12)
    }

    @Test func theStartIsStateZeroAndEdgesFollowTheEngine() throws {
        let engine = Engine(scenario: Cases.hub)
        let graph = StateExplorer(engine: engine).explore()
        #expect(graph.start == 0)
        #expect(graph.snapshot(of: 0) == graph.snapshot(for: engine.start().state))
        #expect(
            graph.edges(from: 0).map { $0.choice } == engine.availableChoices(in: engine.start().state).map { $0.id })

        for edge in graph.edges {
            #expect(edge.from >= 0 && edge.from < graph.stateCount && edge.to >= 0 && edge.to < graph.stateCount)
            // Replaying the shortest path to the edge's source and taking its choice lands in its target.
            let source = try engine.replay(graph.shortestPath(to: edge.from))
            #expect(graph.snapshot(for: source) == graph.snapshot(of: edge.from))
            let target = engine.autoContinue(try engine.choose(id: edge.choice, in: source).state).state
            #expect(graph.snapshot(for: target) == graph.snapshot(of: edge.to))
            #expect(graph.scene(of: edge.to) == target.scene)
        }
    }

    @Test func statesAreFoundBySnapshot() throws {
        let engine = Engine(scenario: Cases.hub)
        let graph = StateExplorer(engine: engine).explore()
        let good = try engine.play([1, 1, 1, 2])  // work, school, listen, plan
        let index = try #require(graph.state(for: good))
        #expect(graph.kind(of: index) == .ended)
        #expect(graph.scene(of: index) == "good")
        #expect(graph.shortestPath(to: index).count == 3, "work, school, plan: listening changes nothing ahead")
    }

    @Test func anUnboundedCounterStopsAtTheLimit() {
        let graph = StateExplorer(scenario: Cases.unbounded, limit: 50).explore()
        #expect(graph.isTruncated)
        // Each loop state adds the next one; every "stop" meets in one end state (nothing there reads the
        // counter). The loop state whose successor would be the 51st stays unexplored.
        #expect(graph.stateCount == 50)
        #expect(graph.kinds(where: .unexplored) > 0)
        #expect(graph.endings.first?.scene == "end")
        for state in 0..<graph.stateCount {
            for edge in graph.edges(from: state) { #expect(edge.to < graph.stateCount) }
        }
    }

    @Test func aLimitOfOneKeepsOnlyTheStart() {
        let graph = StateExplorer(scenario: Cases.hub, limit: 1).explore()
        #expect(graph.isTruncated)
        #expect(graph.stateCount == 1)
        #expect(graph.edgeCount == 0)
        #expect(graph.kind(of: 0) == .unexplored)
        // The start was found, so what it offers is known even though no choice was followed.
        #expect(graph.availableChoices == Set(graph.offered(in: 0)))
        #expect(graph.offered(in: 0).count == 4)
    }

    @Test func softLocksAreListedWithAWayToReachThem() throws {
        let engine = Engine(scenario: Cases.softLock)
        let graph = StateExplorer(engine: engine).explore()
        #expect(!graph.isTruncated)
        #expect(graph.stateCount == 3)
        #expect(graph.stuckStates.count == 1)
        let stuck = try #require(graph.stuckStates.first)
        #expect(graph.scene(of: stuck) == "hall")
        #expect(graph.shortestPath(to: stuck) == [.at("door", 1)])
        #expect(engine.status(of: try engine.replay(graph.shortestPath(to: stuck))) == .stuck)
        #expect(!graph.availableChoices.contains(.at("hall", 1)))
    }

    @Test func continuationScenesAreReachableAndUnreachedScenesAreNot() {
        let graph = StateExplorer(scenario: Cases.maria).explore()
        #expect(!graph.isTruncated)
        #expect(graph.reachableScenes == ["intake", "story", "summary", "closing", "landlord-call", "walkout"])
        #expect(!graph.availableChoices.contains(.at("intake", 3)))
        #expect(graph.availableChoices.count == 6)
        #expect(graph.endings.map { $0.outcome } == ["goals-met", "disengaged"])
        #expect(graph.stuckStates.isEmpty)
    }

    @Test func variablesAndVisitsNoRequiresReadsDoNotMultiplyStates() {
        // The counter in `unboundedUnread` changes on every loop but nothing reads it.
        let graph = StateExplorer(scenario: Cases.unboundedUnread, limit: 50).explore()
        #expect(!graph.isTruncated)
        #expect(graph.stateCount == 2)
        #expect(graph.reachableScenes == ["loop", "end"])
    }

    @Test func aContinuationLoopIsASoftLock() {
        let graph = StateExplorer(scenario: Cases.continuations).explore()
        #expect(graph.reachableScenes == ["opening", "waiting-room", "office", "loop-a", "home"])
        #expect(graph.stuckStates.map { graph.scene(of: $0) } == ["loop-a"])
    }

    @Test func aChoiceIntoAnUnknownSceneIsReportedNotFollowed() {
        let graph = StateExplorer(scenario: Cases.extremes).explore()
        #expect(graph.failedChoices.map { $0.error }.allSatisfy { $0 == .unknownScene("nowhere") })
        #expect(graph.failedChoices.count == graph.stateCount)
        // The pushed variables are read by no `requires:`, so they do not tell states apart.
        #expect(graph.stateCount == 1)
    }
}

extension StateGraph {
    func kinds(where kind: Kind) -> Int {
        (0..<stateCount).filter { self.kind(of: $0) == kind }.count
    }
}
