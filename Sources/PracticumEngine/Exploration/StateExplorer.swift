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
        let capacity = max(1, min(limit, Int(Int32.max) - 1))
        var states: [PackedState] = []
        var index: [PackedState: Int32] = [:]
        var kinds: [StateGraph.Kind] = []
        var parents: [Int32] = []
        var parentChoices: [Int32] = []
        var edgeOffsets: [Int32] = [0]
        var edgeTargets: [Int32] = []
        var edgeChoices: [Int32] = []
        var offered: Set<ChoiceID> = []
        var failures: [StateGraph.FailedChoice] = []
        var truncated = false

        // Scenes entered are gathered from the arrival events (states record only the scenes conditions ask about).
        func arrivals(_ events: [Event]) -> [String] {
            events.compactMap { if case .entered(let scene) = $0 { return scene } else { return nil } }
        }
        let (begun, begunEvents) = engine.start()
        let (opening, openingEvents) = engine.autoContinue(begun)
        var entered = Set(arrivals(begunEvents + openingEvents))
        var offeredStart: [Int32] = []
        var offeredChoices: [Int32] = []
        let first = codec.pack(opening)
        states.append(first)
        index[first] = 0
        kinds.append(.unexplored)
        parents.append(-1)
        parentChoices.append(-1)

        var head = 0
        expansion: while head < states.count {
            let state = codec.unpack(states[head])
            offeredStart.append(Int32(offeredChoices.count))
            switch engine.status(of: state) {
            case .ended:
                kinds[head] = .ended
            case .stuck, .continuing:
                kinds[head] = .stuck
            case .choosing(let available):
                let firstNew = states.count
                var targets: [Int32] = []
                var choices: [Int32] = []
                var failed: [StateGraph.FailedChoice] = []
                offeredChoices += available.compactMap { codec.choiceNumber($0.id).map(Int32.init) }
                for pick in available {
                    let moved = Result { () throws(EngineError) in try engine.take(pick, in: state) }
                    guard case .success(let (next, events)) = moved, let choice = codec.choiceNumber(pick.id) else {
                        if case .failure(let error) = moved {
                            failed.append(StateGraph.FailedChoice(state: head, choice: pick.id, error: error))
                        }
                        continue
                    }
                    let (arrived, continued) = engine.autoContinue(next)
                    entered.formUnion(arrivals(events + continued))
                    let key = codec.pack(arrived)
                    if let known = index[key] {
                        targets.append(known)
                    } else if states.count < capacity {
                        let number = Int32(states.count)
                        states.append(key)
                        index[key] = number
                        kinds.append(.unexplored)
                        parents.append(Int32(head))
                        parentChoices.append(Int32(choice))
                        targets.append(number)
                    } else {
                        // Out of room: forget this state's partial expansion and stop.
                        truncated = true
                        for key in states[firstNew...] { index[key] = nil }
                        states.removeSubrange(firstNew...)
                        kinds.removeSubrange(firstNew...)
                        parents.removeSubrange(firstNew...)
                        parentChoices.removeSubrange(firstNew...)
                        break expansion
                    }
                    choices.append(Int32(choice))
                }
                kinds[head] = .choosing
                edgeTargets += targets
                edgeChoices += choices
                offered.formUnion(available.map { $0.id })
                failures += failed
            }
            edgeOffsets.append(Int32(edgeTargets.count))
            head += 1
        }
        index = [:]

        // States found but not expanded: endings and soft locks are still worth knowing.
        offeredStart += [Int32](repeating: Int32(offeredChoices.count), count: states.count - offeredStart.count + 1)
        for rest in head..<states.count {
            switch engine.status(of: codec.unpack(states[rest])) {
            case .ended: kinds[rest] = .ended
            case .stuck, .continuing: kinds[rest] = .stuck
            case .choosing: kinds[rest] = .unexplored
            }
            edgeOffsets.append(Int32(edgeTargets.count))
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
            edgeChoices: edgeChoices, offeredStart: offeredStart, offeredChoices: offeredChoices, parents: parents, parentChoices: parentChoices, isTruncated: truncated,
            reachableScenes: codec.inWrittenOrder(entered), availableChoices: offered, endings: endings,
            stuckStates: stuck, failedChoices: failures
        )
    }
}
