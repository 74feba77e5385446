import PracticumCore

/// What `practicum explore` reports about a case's state space: how many distinct paths lead to each
/// ending, the loops of states (and which of them farm quality or never let a play end), the soft locks,
/// the choices no path takes, and the findings a plan can address before they are revealed; each with a
/// path that shows it.
///
/// A path is a list of choices from the start; two paths are distinct when their lists differ. They are
/// counted on the `StateGraph`, where plays that meet in one state share what follows, so the count costs
/// one pass over the states and edges however many paths there are.
///
/// A state lies *on a loop* when a play can leave it and come back (its strongly connected component has
/// more than one state, or a choice leads from it to itself). A path that enters such a state can go
/// round the loop any number of times, so the paths to whatever lies beyond are endless. Every count here
/// is of the *loop-free paths*: those that enter no state on a loop. Where some path does pass a loop the
/// tally says `isUnbounded`, and the loop is listed. When the exploration stopped at its limit, the counts
/// are of the paths through the states it found: a lower bound.
public struct StateSurvey: Sendable {
    /// How many paths reach something: the loop-free ones exactly, and whether there are endlessly many more.
    public struct PathTally: Hashable, Sendable {
        /// The paths that enter no state on a loop.
        public var loopFree: BigCount
        /// Whether some path to it passes a state on a loop (so there are endlessly many).
        public var isUnbounded: Bool

        /// Creates a tally.
        public init(loopFree: BigCount, isUnbounded: Bool) {
            self.loopFree = loopFree
            self.isUnbounded = isUnbounded
        }
    }

    /// An ending scene some state reaches, and the paths that reach it.
    public struct EndingPaths: Hashable, Sendable {
        /// The ending scene.
        public var scene: String
        /// Its outcome id.
        public var outcome: String
        /// How many distinct states rest in it.
        public var states: Int
        /// The paths that end there.
        public var paths: PathTally
        /// A shortest path to it.
        public var witness: [ChoiceID]
    }

    /// A set of states a play can go round: one strongly connected component of the state graph.
    public struct Loop: Hashable, Sendable {
        /// The scenes its states rest in, in written order.
        public var scenes: [String]
        /// How many states it has.
        public var states: Int
        /// Whether some ending can be reached from it; when not, a play that enters it can never end.
        public var leadsToEnding: Bool
        /// A shortest path to its first state.
        public var entry: [ChoiceID]
        /// One way round, from that state back to it: through the choice with the highest quality inside.
        public var round: [ChoiceID]
        /// The sum of the positive qualities of the choices of `round`: above 0, the loop farms quality.
        public var qualityPerRound: Int
    }

    /// A state with nothing to choose that is not an ending.
    public struct SoftLock: Hashable, Sendable {
        /// The scene it rests in.
        public var scene: String
        /// A shortest path to it.
        public var path: [ChoiceID]
    }

    /// A choice no path takes, and why.
    public struct UntakenChoice: Hashable, Sendable {
        /// Why no path takes a choice.
        public enum Reason: String, Hashable, Sendable {
            /// No path enters its scene.
            case sceneNeverEntered = "scene-never-entered"
            /// Its scene is entered, but its `requires:` holds in no state found there.
            case neverOffered = "never-offered"
            /// It is offered but cannot be taken (a target scene the case lacks).
            case failed
            /// It is offered only in states the exploration found but did not follow, having stopped at its limit.
            case unexplored
        }

        /// The choice.
        public var choice: ChoiceID
        /// Why.
        public var reason: Reason
    }

    /// A choice that addresses a finding in a state where the finding is not yet revealed.
    public struct EarlyAddress: Hashable, Sendable {
        /// The finding.
        public var finding: String
        /// The choice that addresses it.
        public var choice: ChoiceID
        /// A shortest path to a state offering the choice before the finding is revealed, then the choice.
        public var path: [ChoiceID]
    }

    /// The states found, and the edges (choices) between them.
    public let states: Int
    public let edges: Int
    /// Whether the exploration stopped at its limit: then the counts are lower bounds and the lists may be short.
    public let isTruncated: Bool
    /// The endings some state reaches, in written order, with their paths.
    public let endings: [EndingPaths]
    /// The paths to all endings together.
    public let total: PathTally
    /// The paths that end in a soft lock.
    public let stuckPaths: PathTally
    /// The loops of states, in the order of their first state.
    public let loops: [Loop]
    /// One soft lock per scene, in the order of their states.
    public let softLocks: [SoftLock]
    /// The choices no path takes, in written order. When the exploration stopped at its limit, a choice is listed
    /// that a state beyond the limit may take: only a complete survey's list is a finding.
    public let untakenChoices: [UntakenChoice]
    /// One entry per (finding, choice), in the order of their states.
    public let earlyAddresses: [EarlyAddress]

    /// Surveys an explored case.
    public init(graph: StateGraph, scenario: Scenario) {
        states = graph.stateCount
        edges = graph.edgeCount
        isTruncated = graph.isTruncated
        let count = graph.stateCount
        let components = StrongComponents.sinksFirst(
            count: count, edges: { graph.edgeRange(from: $0) }, target: { graph.edgeTarget($0) })
        var componentOf = [Int32](repeating: 0, count: count)
        for (index, component) in components.enumerated() {
            for state in component { componentOf[state] = Int32(index) }
        }
        var onLoop = [Bool](repeating: false, count: count)
        for component in components {
            let looping = component.count > 1
                || graph.edgeRange(from: component[0]).contains { graph.edgeTarget($0) == component[0] }
            if looping { for state in component { onLoop[state] = true } }
        }
        // Whether an ending may lie ahead (an unexplored state may lead to one), sinks first.
        var reachesEnding = [Bool](repeating: false, count: count)
        for component in components {
            var any = false
            for state in component {
                let kind = graph.kind(of: state)
                if kind == .ended || kind == .unexplored { any = true; break }
                if graph.edgeRange(from: state).contains(where: { reachesEnding[graph.edgeTarget($0)] }) { any = true; break }
            }
            if any { for state in component { reachesEnding[state] = true } }
        }
        // Loop-free path counts forward, sources first; a count is dropped once passed on, unless it is final.
        var afterLoop = onLoop
        var counts = [BigCount?](repeating: nil, count: count)
        if count > 0 && !onLoop[0] { counts[0] = BigCount(1) }
        for component in components.reversed() {
            for state in component {
                for edge in graph.edgeRange(from: state) {
                    let target = graph.edgeTarget(edge)
                    if afterLoop[state] { afterLoop[target] = true }
                    guard !onLoop[target], let here = counts[state] else { continue }
                    if counts[target] == nil { counts[target] = here } else { counts[target]!.add(here) }
                }
                if !graph.edgeRange(from: state).isEmpty { counts[state] = nil }
            }
        }
        func tally(_ states: [Int]) -> PathTally {
            var sum = BigCount.zero
            for state in states { if let here = counts[state] { sum.add(here) } }
            return PathTally(loopFree: sum, isUnbounded: states.contains { afterLoop[$0] })
        }
        let ended = (0..<count).filter { graph.kind(of: $0) == .ended }
        var byScene: [String: [Int]] = [:]
        for state in ended { byScene[graph.scene(of: state), default: []].append(state) }
        endings = graph.endings.map { ending in
            let found = byScene[ending.scene] ?? []
            return EndingPaths(
                scene: ending.scene, outcome: ending.outcome, states: ending.stateCount, paths: tally(found),
                witness: found.first.map { graph.shortestPath(to: $0) } ?? [])
        }
        total = tally(ended)
        stuckPaths = tally(graph.stuckStates)

        loops = Self.loops(graph: graph, scenario: scenario, components: components, componentOf: componentOf,
                           onLoop: onLoop, reachesEnding: reachesEnding)
        var lockedScenes: Set<String> = []
        softLocks = graph.stuckStates.compactMap { state in
            let scene = graph.scene(of: state)
            guard lockedScenes.insert(scene).inserted else { return nil }
            return SoftLock(scene: scene, path: graph.shortestPath(to: state))
        }
        untakenChoices = Self.untaken(graph: graph)
        earlyAddresses = Self.earlyAddresses(graph: graph, scenario: scenario)
    }

    /// The choice a number stands for, as written in the case.
    static func choice(_ number: Int, graph: StateGraph, scenario: Scenario) -> Choice? {
        let id = graph.choiceID(number)
        return scenario.scene(named: id.scene)?.choices[id.index]
    }

    /// Each loop of states, with its way in and a way round through its best choice.
    static func loops(
        graph: StateGraph, scenario: Scenario, components: [[Int]], componentOf: [Int32], onLoop: [Bool],
        reachesEnding: [Bool]
    ) -> [Loop] {
        let qualities = (0..<graph.choiceCount).map { choice($0, graph: graph, scenario: scenario)?.quality ?? 0 }
        var found: [Loop] = []
        for (index, component) in components.enumerated() where onLoop[component[0]] {
            let inside = Int32(index)
            let first = component.min()!
            // The inside edge with the highest quality (the first written among equals), and a way back from its
            // target to its source, breadth-first within the component.
            var chosen = -1
            for state in component.sorted() {
                for edge in graph.edgeRange(from: state) where componentOf[graph.edgeTarget(edge)] == inside {
                    if chosen < 0 || qualities[graph.edgeChoiceNumber(edge)] > qualities[graph.edgeChoiceNumber(chosen)] {
                        chosen = edge
                    }
                }
            }
            let source = sourceOf(edge: chosen, in: component, graph: graph)
            var round = [graph.edgeChoice(chosen)]
            round += pathWithin(from: graph.edgeTarget(chosen), to: source, inside: inside, componentOf: componentOf, graph: graph)
            let entry = graph.shortestPath(to: source)
            let scenes = Set(component.map { graph.scene(of: $0) })
            let gained = round.reduce(0) { sum, id in
                sum + max(0, graph.choiceNumber(id).map { qualities[$0] } ?? 0)
            }
            found.append(
                Loop(
                    scenes: scenario.scenes.map(\.name).filter { scenes.contains($0) }, states: component.count,
                    leadsToEnding: reachesEnding[first], entry: entry, round: round, qualityPerRound: gained))
        }
        return found.sorted { ($0.entry.count, $0.scenes.first ?? "") < ($1.entry.count, $1.scenes.first ?? "") }
    }

    /// The state an edge leaves.
    static func sourceOf(edge: Int, in component: [Int], graph: StateGraph) -> Int {
        component.first { graph.edgeRange(from: $0).contains(edge) } ?? component[0]
    }

    /// The choices of a shortest way from one state to another, through states of one component only.
    static func pathWithin(from start: Int, to goal: Int, inside: Int32, componentOf: [Int32], graph: StateGraph)
        -> [ChoiceID]
    {
        guard start != goal else { return [] }
        var cameBy: [Int: (edge: Int, from: Int)] = [start: (-1, -1)]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for edge in graph.edgeRange(from: state) {
                let target = graph.edgeTarget(edge)
                guard componentOf[target] == inside, cameBy[target] == nil else { continue }
                cameBy[target] = (edge, state)
                if target == goal {
                    var path: [ChoiceID] = []
                    var current = goal
                    while let step = cameBy[current], step.edge >= 0 {
                        path.append(graph.edgeChoice(step.edge))
                        current = step.from
                    }
                    return path.reversed()
                }
                queue.append(target)
            }
        }
        return []
    }

    /// The choices no edge takes, with the reason.
    static func untaken(graph: StateGraph) -> [UntakenChoice] {
        var taken = [Bool](repeating: false, count: graph.choiceCount)
        for edge in 0..<graph.edgeCount { taken[graph.edgeChoiceNumber(edge)] = true }
        let entered = Set(graph.reachableScenes)
        let offered = graph.availableChoices
        let failed = Set(graph.failedChoices.map(\.choice))
        return (0..<graph.choiceCount).filter { !taken[$0] }.map { number in
            let id = graph.choiceID(number)
            let reason: UntakenChoice.Reason =
                failed.contains(id) ? .failed
                : !entered.contains(id.scene) ? .sceneNeverEntered
                : offered.contains(id) ? .unexplored : .neverOffered
            return UntakenChoice(choice: id, reason: reason)
        }
    }

    /// Choices offered in a state where a finding they address is not yet revealed: one per (finding, choice).
    /// Read from the packed findings bits, so a state costs a few bit tests, not a set of names.
    static func earlyAddresses(graph: StateGraph, scenario: Scenario) -> [EarlyAddress] {
        let findingNames = graph.codec.findingNames
        let addresses = (0..<graph.choiceCount).map { number in
            (choice(number, graph: graph, scenario: scenario)?.addresses ?? []).compactMap { findingNames.firstIndex(of: $0) }
        }
        guard addresses.contains(where: { !$0.isEmpty }) else { return [] }
        var seen: Set<Int> = []
        var found: [EarlyAddress] = []
        for state in 0..<graph.stateCount where graph.kind(of: state) == .choosing {
            for position in Int(graph.offeredStart[state])..<Int(graph.offeredStart[state + 1]) {
                let number = Int(graph.offeredChoices[position])
                guard !addresses[number].isEmpty else { continue }
                for finding in addresses[number] where !graph.isRevealed(finding: finding, in: state) {
                    guard seen.insert(finding * graph.choiceCount + number).inserted else { continue }
                    let id = graph.choiceID(number)
                    found.append(
                        EarlyAddress(finding: findingNames[finding], choice: id, path: graph.shortestPath(to: state) + [id]))
                }
            }
        }
        return found
    }
}

extension StateGraph {
    /// Whether a finding (by its number in the codec) is revealed in the state: one bit of its packed findings.
    func isRevealed(finding number: Int, in state: Int) -> Bool {
        let storage = states.storage(of: state)
        let scene = storage.first ?? -1
        guard scene >= 0 else { return false }
        let start = storage.startIndex + codec.layouts[codec.graph.component[scene]].findingsStart
        return storage[start + (2 * number) / 64] & (1 << ((2 * number) % 64)) != 0
    }
}
