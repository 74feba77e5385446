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
        var states: [PackedState] = []
        var index: [PackedState: Int32] = [:]
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

        states.append(kernel.start)
        index[kernel.start] = 0
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

        var scratch: [Int] = []
        var head = 0
        expansion: while head < states.count {
            let source = states[head].storage
            let offeredFrom = offeredChoices.count
            offeredStart.append(Int32(offeredFrom))
            let kind = classify(source)
            kinds[head] = kind
            if kind == .choosing {
                let firstNew = states.count
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
                    let key = PackedState(storage: scratch)
                    if let known = index[key] {
                        edgeTargets.append(known)
                    } else if states.count < capacity {
                        let number = Int32(states.count)
                        states.append(key)
                        index[key] = number
                        kinds.append(.unexplored)
                        parents.append(Int32(head))
                        parentChoices.append(Int32(choice))
                        edgeTargets.append(number)
                    } else {
                        // Out of room: forget this state's partial expansion and stop.
                        truncated = true
                        for key in states[firstNew...] { index[key] = nil }
                        states.removeSubrange(firstNew...)
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
                    edgeChoices.append(Int32(choice))
                }
            }
            edgeOffsets.append(Int32(edgeTargets.count))
            head += 1
        }
        index = [:]

        // States found but not expanded: endings and soft locks are still worth knowing.
        for rest in head..<states.count {
            offeredStart.append(Int32(offeredChoices.count))
            let kind = classify(states[rest].storage)
            kinds[rest] = kind == .choosing ? .unexplored : kind
            edgeOffsets.append(Int32(edgeTargets.count))
        }
        offeredStart.append(Int32(offeredChoices.count))

        // The scenes entered: each state's scene, each followed choice's target, and their continuations.
        var entered = [Bool](repeating: false, count: codec.graph.names.count)
        var taken = [Bool](repeating: false, count: codec.choiceIDs.count)
        for choice in edgeChoices { taken[Int(choice)] = true }
        var pending: [Int] = states.compactMap { $0.storage[0] >= 0 ? $0.storage[0] : nil }
        if let first = codec.graph.index[engine.scenario.start] { pending.append(first) }
        for choice in taken.indices where taken[choice] {
            if let move = kernel.moves[choice] { pending.append(move.target) }
        }
        while let scene = pending.popLast() {
            guard !entered[scene] else { continue }
            entered[scene] = true
            if kernel.onward[scene] >= 0 { pending.append(kernel.onward[scene]) }
        }

        var endingCounts: [String: Int] = [:]
        var stuck: [Int] = []
        for state in states.indices {
            switch kinds[state] {
            case .ended: endingCounts[codec.sceneName(of: states[state]), default: 0] += 1
            case .stuck: stuck.append(state)
            case .choosing, .unexplored: break
            }
        }
        let endings = codec.sceneNames.compactMap { name -> StateGraph.Ending? in
            guard let count = endingCounts[name], let outcome = engine.scenario.scene(named: name)?.ending else {
                return nil
            }
            return StateGraph.Ending(scene: name, outcome: outcome, stateCount: count)
        }

        return StateGraph(
            codec: codec, states: states, kinds: kinds, edgeOffsets: edgeOffsets, edgeTargets: edgeTargets,
            edgeChoices: edgeChoices, offeredStart: offeredStart, offeredChoices: offeredChoices, parents: parents,
            parentChoices: parentChoices, isTruncated: truncated,
            reachableScenes: codec.graph.names.indices.filter { entered[$0] }.map { codec.graph.names[$0] },
            availableChoices: Set(isOfferedSomewhere.indices.filter { isOfferedSomewhere[$0] }.map { codec.choiceIDs[$0] }),
            endings: endings, stuckStates: stuck, failedChoices: failures
        )
    }
}
