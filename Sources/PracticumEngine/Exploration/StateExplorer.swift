import PracticumCore

/// Finds every state a case can reach from its start, breadth-first, for the
/// checker's warnings (unreachable scenes and endings, soft locks, choices
/// that are never offered) and for scoring's best and worst paths.
///
/// Exploration stops at `limit` distinct states so that a case whose counter
/// can grow without bound (a loop with `n + 1`) still finishes; the graph then
/// says `isTruncated`.
public struct StateExplorer: Sendable {
    /// The default bound on the number of distinct states.
    public static let defaultLimit = 200_000

    /// The engine whose moves the exploration follows.
    public let engine: Engine
    /// The most distinct states to keep (at least 1).
    public var limit: Int

    /// Creates an explorer over the engine's case.
    public init(engine: Engine, limit: Int = StateExplorer.defaultLimit) {
        self.engine = engine
        self.limit = limit
    }

    /// Creates an explorer over the case.
    public init(scenario: Scenario, limit: Int = StateExplorer.defaultLimit) {
        self.init(engine: Engine(scenario: scenario), limit: limit)
    }

    /// Explores the case from its start.
    public func explore() -> StateGraph {
        let codec = StateCodec(scenario: engine.scenario)
        let kernel = ExplorationKernel(engine: engine, codec: codec)
        let capacity = max(1, min(limit, Int(Int32.max) - 1))
        var store = StateStore()
        var kinds: [StateGraph.Kind] = []
        var parents: [Int32] = []
        var parentChoices: [Int32] = []
        var edgeOffsets: [Int32] = [0]
        var edgeTargets: [Int32] = []
        var edgeChoices: [Int32] = []
        var offeredStart: [Int32] = []
        var offeredChoices: [Int32] = []
        var isOfferedSomewhere = [Bool](repeating: false, count: codec.choiceIDs.count)
        var failures: [StateGraph.FailedChoice] = []
        var truncated = false

        _ = store.insert(kernel.start, limit: capacity)
        kinds.append(.unexplored)
        parents.append(-1)
        parentChoices.append(-1)

        /// The kind of a state, and the choices it offers (appended to `offeredChoices`).
        func classify(_ storage: [Int]) -> StateGraph.Kind {
            let scene = storage[0]
            guard scene >= 0 else { return .stuck }
            switch kernel.roles[scene] {
            case .ending: return .ended
            case .stuck: return .stuck
            case .choosing(let range):
                let before = offeredChoices.count
                for choice in range where kernel.isOffered(choice, in: storage) {
                    offeredChoices.append(Int32(choice))
                    isOfferedSomewhere[choice] = true
                }
                return offeredChoices.count > before ? .choosing : .stuck
            }
        }

        var source: [Int] = []
        var scratch: [Int] = []
        var head = 0
        expansion: while head < store.count {
            source.removeAll(keepingCapacity: true)
            source.append(contentsOf: store.storage(of: head))
            let offeredFrom = offeredChoices.count
            offeredStart.append(Int32(offeredFrom))
            let kind = classify(source)
            kinds[head] = kind
            if kind == .choosing {
                let firstNew = store.count
                let firstEdge = edgeTargets.count
                for position in offeredFrom..<offeredChoices.count {
                    let choice = Int(offeredChoices[position])
                    guard kernel.moves[choice] != nil else {
                        let target = engine.scenario.scene(named: codec.choiceIDs[choice].scene)?
                            .choices[codec.choiceIDs[choice].index].target ?? ""
                        failures.append(
                            StateGraph.FailedChoice(
                                state: head, choice: codec.choiceIDs[choice], error: .unknownScene(target)))
                        continue
                    }
                    kernel.take(choice, from: source, into: &scratch)
                    guard let (state, added) = store.insert(scratch, limit: capacity) else {
                        // Out of room: forget this state's partial expansion and stop.
                        truncated = true
                        store.removeStates(from: firstNew)
                        kinds.removeSubrange(firstNew...)
                        parents.removeSubrange(firstNew...)
                        parentChoices.removeSubrange(firstNew...)
                        edgeTargets.removeSubrange(firstEdge...)
                        edgeChoices.removeSubrange(firstEdge...)
                        failures.removeAll { $0.state == head }
                        offeredChoices.removeSubrange(offeredFrom...)
                        offeredStart.removeLast()
                        break expansion
                    }
                    if added {
                        kinds.append(.unexplored)
                        parents.append(Int32(head))
                        parentChoices.append(Int32(choice))
                    }
                    edgeTargets.append(Int32(state))
                    edgeChoices.append(Int32(choice))
                }
            }
            edgeOffsets.append(Int32(edgeTargets.count))
            head += 1
        }

        // States found but not expanded: endings and soft locks are still worth knowing.
        for rest in head..<store.count {
            offeredStart.append(Int32(offeredChoices.count))
            let kind = classify(Array(store.storage(of: rest)))
            kinds[rest] = kind == .choosing ? .unexplored : kind
            edgeOffsets.append(Int32(edgeTargets.count))
        }
        offeredStart.append(Int32(offeredChoices.count))

        // The scenes entered: each state's scene, each followed choice's target, and their continuations.
        let onward = kernel.onward
        var entered = [Bool](repeating: false, count: codec.graph.names.count)
        func enter(_ first: Int) {
            var scene = first
            while scene >= 0 && !entered[scene] {
                entered[scene] = true
                scene = onward[scene]
            }
        }
        if let first = codec.graph.index[engine.scenario.start] { enter(first) }
        for state in 0..<store.count where store.scene(of: state) >= 0 { enter(store.scene(of: state)) }
        var taken = [Bool](repeating: false, count: codec.choiceIDs.count)
        for choice in edgeChoices where !taken[Int(choice)] {
            taken[Int(choice)] = true
            if let move = kernel.moves[Int(choice)] { enter(move.target) }
        }

        var endingCounts: [Int: Int] = [:]
        var stuck: [Int] = []
        for state in 0..<store.count {
            switch kinds[state] {
            case .ended: endingCounts[store.scene(of: state), default: 0] += 1
            case .stuck: stuck.append(state)
            case .choosing, .unexplored: break
            }
        }
        let endings = codec.sceneNames.indices.compactMap { number -> StateGraph.Ending? in
            guard let count = endingCounts[number],
                let outcome = engine.scenario.scene(named: codec.sceneNames[number])?.ending
            else { return nil }
            return StateGraph.Ending(scene: codec.sceneNames[number], outcome: outcome, stateCount: count)
        }

        return StateGraph(
            codec: codec, states: store, kinds: kinds, edgeOffsets: edgeOffsets, edgeTargets: edgeTargets,
            edgeChoices: edgeChoices, offeredStart: offeredStart, offeredChoices: offeredChoices, parents: parents,
            parentChoices: parentChoices, isTruncated: truncated,
            entered: entered, offeredSomewhere: isOfferedSomewhere, endings: endings, stuckStates: stuck, failedChoices: failures
        )
    }
}
