import PracticumCore
import PracticumEngine

/// The best that complete paths through a case can reach: per dimension (what
/// scores are normalised against) and overall (the best path, and what a
/// stronger student would have done from any point); and, for every node of
/// the search, which options of the scenes a play can come back to are still in
/// reach (what a practice decision is measured against).
///
/// It walks the `SearchGraph` of the case. There every item that can be
/// positive is earned at most once, so no cycle gains points and the longest
/// path to an ending is well defined: it is found per strongly connected
/// component, sinks first, relaxing edges until nothing improves (Bellman-Ford
/// within a component).
struct CaseOptimum: Sendable {
    /// The best of each dimension: for lifecycle, ethics and outcome the best raw total over complete paths
    /// (-infinity when there is none); for practice and planning, which are means, the best mean credit a
    /// complete path reaches (1 when some path earns full credit at every decision).
    let best: [Dimension: Double]
    /// Whether the search stopped at the rubric's limit.
    let isTruncated: Bool
    /// The phases covered by sound work on the best path, as `PathMemory.sound` bits.
    let bestPhases: UInt64

    private let graph: SearchGraph
    /// The case's state space, which the search pairs with the rules' memory.
    private let space: StateGraph
    /// The overall objective's weight of each edge.
    private let edgeObjective: [Double]
    /// Whether each edge is a practice decision (the options on offer differed in quality).
    private let edgeIsDecision: [Bool]
    /// The best value of the overall objective from each node, and the edge that reaches it (-1: stop here).
    private let objective: [Double]
    private let policy: [Int32]
    /// Each choice of a scene that a play can come back to, numbered; `future` holds one bit per such choice.
    private let returnable: [ChoiceID: Int]
    private let words: Int
    /// For each state of the state space, `words` words: the returnable choices offered in it or in any
    /// state it leads to.
    private let future: [UInt64]

    private static let tolerance = 1e-9

    /// The practice and planning means along one walked path, and how many decisions and items it has.
    private struct WalkMeans {
        var practice: Double?
        var planning: Double?
        var decisions = 0
        var items = 0
    }

    /// How much a gatekeeping event weighs against the overall objective: far more than any score, so the
    /// best path avoids gatekeeping whenever the case allows it (a review counts most, then a lower cap).
    static func gatePenalty(_ gate: Rubric.Gate?) -> Double {
        guard let gate else { return 0 }
        let levels = Level.allCases
        let cap = gate.cap.map { Double(levels.count - 1 - levels.firstIndex(of: $0)!) } ?? 0
        return cap * 10_000 + (gate.review ? 100_000 : 0)
    }

    /// Searches the case's state space (explored up to `limit` states, then paired with the rules' memory
    /// up to `limit` nodes); `weights` (the case's, with unassessed dimensions at 0) shape the objective.
    init(rules: ScoringRules, weights: [Dimension: Int], limit: Int) {
        let space = StateExplorer(engine: rules.engine, limit: limit).explore()
        self.space = space
        var graph = SearchGraph.explore(rules: rules, space: space, limit: limit, gatePenalty: Self.gatePenalty)
        isTruncated = graph.isTruncated
        let components = Self.components(graph: graph)

        // What stays in reach, on the state space: the returnable choices offered at a state or after it.
        var returnable: [ChoiceID: Int] = [:]
        for scene in rules.scenario.scenes where space.isReturnable(scene: scene.name) {
            for index in scene.choices.indices { returnable[ChoiceID(scene: scene.name, index: index)] = returnable.count }
        }
        let words = max(1, (returnable.count + 63) / 64)
        let future = returnable.isEmpty ? [] : Self.future(of: space, returnable: returnable, words: words)
        self.returnable = returnable
        self.words = words
        self.future = future

        // Practice: each edge's decision, measured against what it puts out of reach; the search counts
        // shortfall. A decision depends on the state space's edge alone, so it is worked out once per edge.
        var spaceCredit = [Double?](repeating: nil, count: space.edgeCount)
        var spaceDone = [Bool](repeating: false, count: space.edgeCount)
        var isDecision = [Bool](repeating: false, count: graph.edgeTargets.count)
        for node in 0..<graph.nodeCount {
            let state = Int(graph.spaceState[node])
            var offered: [ChoiceID]?
            for edge in graph.edges(from: node) {
                let spaceEdge = Int(graph.spaceEdges[edge])
                if !spaceDone[spaceEdge] {
                    spaceDone[spaceEdge] = true
                    let options = offered ?? space.offered(in: state)
                    offered = options
                    let target = space.edgeTarget(spaceEdge)
                    spaceCredit[spaceEdge] = rules.decision(chosen: space.edgeChoice(spaceEdge), offered: options) {
                        option in
                        guard let bit = returnable[option], !future.isEmpty else { return false }
                        return future[target * words + bit / 64] & (1 << UInt64(bit % 64)) != 0
                    }?.points
                }
                if let credit = spaceCredit[spaceEdge] {
                    isDecision[edge] = true
                    graph.edgePoints[edge * SearchGraph.dimensionCount + SearchGraph.practice] = credit - 1
                }
            }
        }
        edgeIsDecision = isDecision

        // Best per dimension (for practice and planning, their shortfall), with the policy that reaches it.
        let dimensions = Dimension.allCases
        var raw: [Dimension: Double] = [:]
        var policies: [Dimension: [Int32]] = [:]
        for (position, dimension) in dimensions.enumerated() {
            let result = Self.longestPaths(
                components: components, graph: graph, weight: { graph.points(ofEdge: $0, in: position) },
                terminal: { graph.terminals[$0]?[position] })
            raw[dimension] = graph.nodeCount > 0 ? result.values[0] : -.infinity
            policies[dimension] = result.policy
        }
        // The mean dimensions: full credit when some complete path loses none; otherwise the mean of the
        // path that loses least (or of the overall best path, if that one's mean is higher). The decisions
        // and planning items on the path that loses least set the objective's slopes.
        func walked(_ policy: [Int32]) -> (edges: [Int], end: Int) {
            let edges = Self.walk(from: 0, policy: policy, graph: graph)
            return (edges, edges.last.map { Int(graph.edgeTargets[$0]) } ?? 0)
        }
        func means(_ walk: (edges: [Int], end: Int)) -> WalkMeans {
            let decisions = walk.edges.filter { isDecision[$0] }
            let credit = decisions.reduce(0.0) { $0 + 1 + graph.points(ofEdge: $1, in: SearchGraph.practice) }
            let items = walk.edges.reduce(graph.terminalPlanningItems[walk.end]) { $0 + graph.edgePlanningItems[$1] }
            let shortfall = walk.edges.reduce(graph.terminals[walk.end]?[SearchGraph.planning] ?? 0) {
                $0 + graph.points(ofEdge: $1, in: SearchGraph.planning)
            }
            return WalkMeans(
                practice: decisions.isEmpty ? nil : credit / Double(decisions.count),
                planning: items == 0 ? nil : 1 + shortfall / Double(items), decisions: decisions.count, items: items)
        }
        let complete = graph.nodeCount > 0 && (raw[.outcome] ?? -.infinity) > -.infinity
        let practiceWalk = complete ? means(walked(policies[.practice]!)) : WalkMeans()
        let planningWalk = complete ? means(walked(policies[.planning]!)) : WalkMeans()
        var best = raw
        for dimension in [Dimension.practice, .planning] {
            let shortfall = raw[dimension] ?? -.infinity
            let mean = dimension == .practice ? practiceWalk.practice : planningWalk.planning
            if shortfall == -.infinity {
                best[dimension] = -.infinity
            } else if shortfall > -Self.tolerance || mean == nil {
                best[dimension] = 1
            } else {
                best[dimension] = max(Self.tolerance, min(1, mean!))
            }
        }
        // The overall objective: each dimension counts by how much one point moves its 0-100 score, and
        // gatekeeping counts far more than any score.
        let slopes = dimensions.map { dimension -> Double in
            let weight = Double(weights[dimension] ?? 0)
            switch dimension {
            case .practice: return weight * 100 / Double(max(1, practiceWalk.decisions))
            case .planning: return weight * 100 / Double(max(1, planningWalk.items))
            case .ethics: return weight
            case .lifecycle, .outcome:
                let top = raw[dimension] ?? 0
                return top > 0 && top.isFinite ? weight * 100 / top : weight
            }
        }
        var edgeObjective = [Double](repeating: 0, count: graph.edgeTargets.count)
        for edge in edgeObjective.indices {
            var value = -graph.edgeGates[edge]
            for dimension in slopes.indices { value += slopes[dimension] * graph.points(ofEdge: edge, in: dimension) }
            edgeObjective[edge] = value
        }
        self.edgeObjective = edgeObjective
        let overall = Self.longestPaths(
            components: components, graph: graph, weight: { edgeObjective[$0] },
            terminal: { node -> Double? in
                guard let points = graph.terminals[node] else { return nil }
                var value = -graph.terminalGates[node]
                for dimension in slopes.indices { value += slopes[dimension] * points[dimension] }
                return value
            })
        objective = overall.values
        policy = overall.policy

        var phases: UInt64 = 0
        if graph.nodeCount > 0, overall.values[0] > -.infinity {
            let bestWalk = walked(overall.policy)
            phases = graph.sound[bestWalk.end]
            // The overall best path scores 100 in the means whenever no path does better there.
            let bestMeans = means(bestWalk)
            if let practice = bestMeans.practice, let ceiling = best[.practice], ceiling < 1, practice > ceiling {
                best[.practice] = min(1, practice)
            }
            if let planning = bestMeans.planning, let ceiling = best[.planning], ceiling < 1, planning > ceiling {
                best[.planning] = min(1, planning)
            }
        }
        bestPhases = phases
        self.best = best
        self.graph = graph
    }

    /// The states of the state space, and the nodes and edges of the search.
    var size: (states: Int, nodes: Int, edges: Int) {
        (space.stateCount, graph.nodeCount, graph.edgeTargets.count)
    }

    /// Whether some complete path was found.
    var hasCompletePath: Bool {
        objective.first.map { $0 > -.infinity } ?? false
    }

    /// A path with the best overall objective, from the start to an ending; empty when none was found.
    func bestPath() -> [ChoiceID] {
        guard hasCompletePath else { return [] }
        return Self.walk(from: 0, policy: policy, graph: graph).map { graph.edgeChoices[$0] }
    }

    /// The node reached after each step of a path from the start; nil from the first step the search
    /// does not have (a path beyond a truncated search).
    func nodes(along path: [ChoiceID]) -> [Int?] {
        var result: [Int?] = []
        var node: Int? = graph.nodeCount > 0 ? 0 : nil
        for choice in path {
            if let current = node, let edge = graph.edges(from: current).first(where: { graph.edgeChoices[$0] == choice }) {
                node = Int(graph.edgeTargets[edge])
            } else {
                node = nil
            }
            result.append(node)
        }
        return result
    }

    /// Whether a choice of a scene a play can come back to is on offer at the node's state or after it.
    func isInReach(_ option: ChoiceID, from node: Int) -> Bool {
        guard let bit = returnable[option], !future.isEmpty else { return false }
        let state = Int(graph.spaceState[node])
        return future[state * words + bit / 64] & (1 << UInt64(bit % 64)) != 0
    }

    /// Whether an option can be taken again after a choice leading to `target`, judged from the case's
    /// scene graph alone (where the search cannot tell).
    func isInReach(_ option: ChoiceID, afterReaching target: String) -> Bool {
        space.isReturnable(scene: option.scene) && space.sceneReaches(from: target, to: option.scene)
    }

    /// For each state of the space, the returnable choices offered in it or in any state it leads to:
    /// per strongly connected component, sinks first.
    private static func future(of space: StateGraph, returnable: [ChoiceID: Int], words: Int) -> [UInt64] {
        let count = space.stateCount
        var successors = [[Int]](repeating: [], count: count)
        for state in 0..<count { successors[state] = space.edgeRange(from: state).map { space.edgeTarget($0) } }
        let components = componentsOf(count: count, successors: successors)
        var componentOf = [Int](repeating: 0, count: count)
        for (number, component) in components.enumerated() { for state in component { componentOf[state] = number } }
        var future = [UInt64](repeating: 0, count: count * words)
        for (number, component) in components.enumerated() {
            var union = [UInt64](repeating: 0, count: words)
            for state in component {
                for option in space.offered(in: state) {
                    if let bit = returnable[option] { union[bit / 64] |= 1 << UInt64(bit % 64) }
                }
                for target in successors[state] where componentOf[target] != number {
                    for word in 0..<words { union[word] |= future[target * words + word] }
                }
            }
            for state in component { for word in 0..<words { future[state * words + word] = union[word] } }
        }
        return future
    }

    /// The first step (1-based) at which `path` fell below the best overall objective
    /// still attainable there, and the best continuation from that point.
    func strongerAlternative(for path: [ChoiceID]) -> (step: Int, path: [ChoiceID])? {
        guard graph.nodeCount > 0 else { return nil }
        var node = 0
        for (position, choice) in path.enumerated() {
            guard let edge = graph.edges(from: node).first(where: { graph.edgeChoices[$0] == choice }) else { return nil }
            let attainable = objective[node]
            let taken = edgeValue(edge)
            if attainable > -.infinity && taken < attainable - 1e-6 * max(1, abs(attainable)) {
                let continuation = Self.walk(from: node, policy: policy, graph: graph)
                return (position + 1, continuation.map { graph.edgeChoices[$0] })
            }
            node = Int(graph.edgeTargets[edge])
        }
        return nil
    }

    /// The overall objective of taking the edge and continuing as well as possible.
    private func edgeValue(_ edge: Int) -> Double {
        let target = objective[Int(graph.edgeTargets[edge])]
        return target > -.infinity ? edgeObjective[edge] + target : -.infinity
    }

    // MARK: Longest paths

    /// Follows the policy from a node to where it stops; returns the edges taken.
    private static func walk(from start: Int, policy: [Int32], graph: SearchGraph) -> [Int] {
        var edges: [Int] = []
        var seen: Set<Int> = [start]
        var node = start
        while policy[node] >= 0 {
            let edge = Int(policy[node])
            edges.append(edge)
            node = Int(graph.edgeTargets[edge])
            guard seen.insert(node).inserted else { break }
        }
        return edges
    }

    /// The best total from each node to an ending, and the first edge of a path reaching it.
    private static func longestPaths(
        components: [[Int]], graph: SearchGraph, weight: (Int) -> Double, terminal: (Int) -> Double?
    ) -> (values: [Double], policy: [Int32]) {
        var values = [Double](repeating: -.infinity, count: graph.nodeCount)
        var policy = [Int32](repeating: -1, count: graph.nodeCount)
        for component in components {
            for node in component { values[node] = terminal(node) ?? -.infinity }
            // Without positive cycles, |component| rounds settle every value; one more confirms it.
            var rounds = 0
            var changed = true
            while changed && rounds <= component.count {
                changed = false
                rounds += 1
                for node in component {
                    for edge in graph.edges(from: node) {
                        let target = values[Int(graph.edgeTargets[edge])]
                        guard target > -.infinity else { continue }
                        let candidate = weight(edge) + target
                        if candidate > values[node] + tolerance {
                            values[node] = candidate
                            policy[node] = Int32(edge)
                            changed = true
                        }
                    }
                }
                if component.count == 1 && !changed { break }
            }
        }
        return (values, policy)
    }

    /// Strongly connected components of the search graph, each listed before any component that leads into it.
    private static func components(graph: SearchGraph) -> [[Int]] {
        var successors = [[Int]](repeating: [], count: graph.nodeCount)
        for node in 0..<graph.nodeCount { successors[node] = graph.edges(from: node).map { Int(graph.edgeTargets[$0]) } }
        return componentsOf(count: graph.nodeCount, successors: successors)
    }

    /// Strongly connected components, each listed before any component that leads into it (Tarjan, iterative).
    private static func componentsOf(count nodeCount: Int, successors: [[Int]]) -> [[Int]] {
        var order = [Int](repeating: -1, count: nodeCount)
        var low = [Int](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        for root in 0..<nodeCount where order[root] < 0 {
            // Each frame: a node and the next of its successors to look at.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < successors[node].count {
                    frames[frames.count - 1].edge += 1
                    let next = successors[node][frame.edge]
                    if order[next] < 0 {
                        order[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        frames.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    low[parent.node] = min(low[parent.node], low[node])
                }
                if low[node] == order[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }
}
