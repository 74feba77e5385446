import PracticumCore
import PracticumEngine

/// The best that complete paths through a case can reach: per dimension (what
/// scores are normalised against) and overall (the best path, and what a
/// stronger student would have done from any point).
///
/// It walks the `SearchGraph` of the case: every state a play can reach, as
/// far as anything still ahead can tell, paired with the `PathMemory` the
/// rules need (phases touched, repeatable choices credited). There every item
/// that can be positive is earned at most once, so no cycle gains points and
/// the longest path to an ending is well defined: it is found per strongly
/// connected component, sinks first, relaxing edges until nothing improves
/// (Bellman-Ford within a component).
struct CaseOptimum: Sendable {
    /// The best raw total of each dimension over complete paths (-infinity when no complete path was found).
    let best: [Dimension: Double]
    /// Whether the case's exploration or the scoring search stopped at the rubric's limit.
    let isTruncated: Bool
    /// The phases touched by the best path, as `PathMemory.phases` bits.
    let bestPhases: UInt64

    private let edgeStart: [Int32]
    private let edgeChoices: [ChoiceID]
    private let edgeTargets: [Int32]
    /// The overall objective's weight of each edge.
    private let edgeObjective: [Double]
    /// The best value of the overall objective from each node, and the edge that reaches it (-1: stop here).
    private let objective: [Double]
    private let policy: [Int32]

    private static let tolerance = 1e-9

    /// Searches the case; `weights` (the case's, with unassessed dimensions at 0) shape the overall objective.
    init(rules: ScoringRules, weights: [Dimension: Int]) {
        let graph = SearchGraph.explore(rules: rules)
        let dimensions = Dimension.allCases
        edgeStart = graph.edgeStart
        edgeChoices = graph.edgeChoices
        edgeTargets = graph.edgeTargets
        isTruncated = graph.isTruncated

        // Best per dimension, then the overall objective with the edge that reaches it.
        let components = Self.components(
            nodeCount: graph.nodeCount, edgeStart: graph.edgeStart, edgeTargets: graph.edgeTargets)
        var best: [Dimension: Double] = [:]
        for (position, dimension) in dimensions.enumerated() {
            let values = Self.longestPaths(
                components: components, nodeCount: graph.nodeCount, edgeStart: graph.edgeStart,
                edgeTargets: graph.edgeTargets, weight: { graph.points(ofEdge: $0, in: position) },
                terminal: { graph.terminals[$0]?[position] }
            ).values
            best[dimension] = values.first ?? -.infinity
        }
        self.best = best
        // Each dimension counts by how much one point moves its 0-100 score (see `Scorer.normalise`).
        let slopes = dimensions.map { dimension -> Double in
            let weight = Double(weights[dimension] ?? 0)
            let top = best[dimension] ?? 0
            return top > 0 && top.isFinite ? weight * 100 / top : weight
        }
        let edgeObjective = (0..<graph.edgeTargets.count).map { edge in
            slopes.indices.reduce(0.0) { $0 + slopes[$1] * graph.points(ofEdge: edge, in: $1) }
        }
        self.edgeObjective = edgeObjective
        let overall = Self.longestPaths(
            components: components, nodeCount: graph.nodeCount, edgeStart: graph.edgeStart,
            edgeTargets: graph.edgeTargets, weight: { edgeObjective[$0] },
            terminal: { node in graph.terminals[node].map { zip($0, slopes).reduce(0) { $0 + $1.0 * $1.1 } } })
        objective = overall.values
        policy = overall.policy

        var phases: UInt64 = 0
        if graph.nodeCount > 0, overall.values[0] > -.infinity {
            let walked = Self.walk(
                from: 0, policy: overall.policy, edgeStart: graph.edgeStart, edgeTargets: graph.edgeTargets)
            phases = graph.phases[walked.last.map { Int(graph.edgeTargets[$0]) } ?? 0]
        }
        bestPhases = phases
    }

    /// Whether some complete path was found.
    var hasCompletePath: Bool {
        objective.first.map { $0 > -.infinity } ?? false
    }

    /// A path with the best overall objective, from the start to an ending; empty when none was found.
    func bestPath() -> [ChoiceID] {
        guard hasCompletePath else { return [] }
        return Self.walk(from: 0, policy: policy, edgeStart: edgeStart, edgeTargets: edgeTargets).map {
            edgeChoices[$0]
        }
    }

    /// The first step (1-based) at which `path` fell below the best overall objective
    /// still attainable there, and the best continuation from that point.
    func strongerAlternative(for path: [ChoiceID]) -> (step: Int, path: [ChoiceID])? {
        var node = 0
        for (position, choice) in path.enumerated() {
            let edges = Int(edgeStart[node])..<Int(edgeStart[node + 1])
            guard let edge = edges.first(where: { edgeChoices[$0] == choice }) else { return nil }
            let attainable = objective[node]
            let taken = edgeValue(edge)
            if attainable > -.infinity && taken < attainable - 1e-6 * max(1, abs(attainable)) {
                let continuation = Self.walk(from: node, policy: policy, edgeStart: edgeStart, edgeTargets: edgeTargets)
                return (position + 1, continuation.map { edgeChoices[$0] })
            }
            node = Int(edgeTargets[edge])
        }
        return nil
    }

    /// The overall objective of taking the edge and continuing as well as possible.
    private func edgeValue(_ edge: Int) -> Double {
        let target = objective[Int(edgeTargets[edge])]
        return target > -.infinity ? edgeObjective[edge] + target : -.infinity
    }

    // MARK: Longest paths

    /// Follows the policy from a node to where it stops; returns the edges taken.
    private static func walk(from start: Int, policy: [Int32], edgeStart: [Int32], edgeTargets: [Int32]) -> [Int] {
        var edges: [Int] = []
        var seen: Set<Int> = [start]
        var node = start
        while policy[node] >= 0 {
            let edge = Int(policy[node])
            edges.append(edge)
            node = Int(edgeTargets[edge])
            guard seen.insert(node).inserted else { break }
        }
        return edges
    }

    /// The best total from each node to an ending, and the first edge of a path reaching it.
    private static func longestPaths(
        components: [[Int]], nodeCount: Int, edgeStart: [Int32], edgeTargets: [Int32],
        weight: (Int) -> Double, terminal: (Int) -> Double?
    ) -> (values: [Double], policy: [Int32]) {
        var values = [Double](repeating: -.infinity, count: nodeCount)
        var policy = [Int32](repeating: -1, count: nodeCount)
        for component in components {
            for node in component { values[node] = terminal(node) ?? -.infinity }
            // Without positive cycles, |component| rounds settle every value; one more confirms it.
            var rounds = 0
            var changed = true
            while changed && rounds <= component.count {
                changed = false
                rounds += 1
                for node in component {
                    for edge in Int(edgeStart[node])..<Int(edgeStart[node + 1]) {
                        let target = values[Int(edgeTargets[edge])]
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

    /// Strongly connected components, each listed before any component that leads into it (Tarjan, iterative).
    private static func components(nodeCount: Int, edgeStart: [Int32], edgeTargets: [Int32]) -> [[Int]] {
        var order = [Int](repeating: -1, count: nodeCount)
        var low = [Int](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        for root in 0..<nodeCount where order[root] < 0 {
            // Each frame: a node and the next of its edges to look at.
            var frames: [(node: Int, edge: Int)] = [(root, Int(edgeStart[root]))]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < Int(edgeStart[node + 1]) {
                    frames[frames.count - 1].edge += 1
                    let next = Int(edgeTargets[frame.edge])
                    if order[next] < 0 {
                        order[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        frames.append((next, Int(edgeStart[next])))
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
