import PracticumCore
import PracticumEngine

/// The best that complete paths through a case can reach: per dimension (what
/// scores are normalised against) and overall (the best path, and what a
/// stronger student would have done from any point).
///
/// It searches the case's reachable states, as `StateExplorer` finds them,
/// paired with the `PathMemory` the rules need (phases touched, repeatable
/// choices credited). In that search every item that can be positive is earned
/// at most once, so no cycle gains points and the longest path to an ending is
/// well defined: it is found per strongly connected component, sinks first,
/// relaxing edges until nothing improves (Bellman-Ford within a component).
struct CaseOptimum: Sendable {
    /// The best raw total of each dimension over complete paths (-infinity when no complete path was found).
    let best: [Dimension: Double]
    /// Whether the case's exploration or the scoring search stopped at the rubric's limit.
    let isTruncated: Bool
    /// The phases touched by the best path, as `PathMemory.phases` bits.
    let bestPhases: UInt64

    private let nodes: [Node]
    private let edgeStart: [Int32]
    private let edgeChoices: [ChoiceID]
    private let edgeTargets: [Int32]
    /// The points of each edge, one entry per dimension in `Dimension.allCases` order.
    private let edgePoints: [[Double]]
    /// The overall objective's weight of each edge.
    private let edgeObjective: [Double]
    /// The best value of the overall objective from each node, and the edge that reaches it (-1: stop here).
    private let objective: [Double]
    private let policy: [Int32]

    /// A (state, memory) pair of the search.
    private struct Node: Sendable {
        var state: Int32
        var memory: PathMemory
        /// The whole-path points when the state is an ending, per dimension; nil otherwise.
        var terminal: [Double]?
    }

    private struct Key: Hashable {
        var state: Int32
        var memory: PathMemory
    }

    private static let tolerance = 1e-9

    /// Searches the case; `weights` (the case's, with unassessed dimensions at 0) shape the overall objective.
    init(rules: ScoringRules, weights: [Dimension: Int]) {
        let graph = StateExplorer(scenario: rules.scenario, limit: rules.rubric.explorationLimit).explore()
        let dimensions = Dimension.allCases
        var nodes: [Node] = []
        var index: [Key: Int32] = [:]
        var edgeStart: [Int32] = []
        var edgeChoices: [ChoiceID] = []
        var edgeTargets: [Int32] = []
        var edgePoints: [[Double]] = []
        var truncated = graph.isTruncated
        var notes: [Int: (revealed: Set<String>, addressed: Set<String>)] = [:]
        func notesOf(_ state: Int) -> (revealed: Set<String>, addressed: Set<String>) {
            if let known = notes[state] { return known }
            let snapshot = graph.snapshot(of: state)
            let value = (snapshot.revealedFindings, snapshot.addressedFindings)
            notes[state] = value
            return value
        }
        func sum(_ judgements: [Judgement]) -> [Double] {
            var points = [Double](repeating: 0, count: dimensions.count)
            for judgement in judgements {
                points[dimensions.firstIndex(of: judgement.dimension)!] += Double(judgement.points)
            }
            return points
        }

        // Build the search graph breadth-first from the start.
        let capacity = max(1, rules.rubric.explorationLimit) * 4
        let first = Key(state: Int32(graph.start), memory: rules.startMemory())
        nodes.append(Node(state: first.state, memory: first.memory, terminal: nil))
        index[first] = 0
        var head = 0
        while head < nodes.count {
            edgeStart.append(Int32(edgeChoices.count))
            let node = nodes[head]
            let state = Int(node.state)
            switch graph.kind(of: state) {
            case .ended:
                let (revealed, addressed) = notesOf(state)
                nodes[head].terminal = sum(
                    rules.judgeEnd(
                        memory: node.memory, revealed: revealed, addressed: addressed, scene: graph.scene(of: state)))
            case .choosing:
                let (revealed, addressed) = notesOf(state)
                for edge in graph.edges(from: state) {
                    var memory = node.memory
                    let points = sum(
                        rules.judge(step: edge.choice, memory: &memory, revealed: revealed, addressed: addressed))
                    let key = Key(state: Int32(edge.to), memory: memory)
                    let target: Int32
                    if let known = index[key] {
                        target = known
                    } else if nodes.count < capacity {
                        target = Int32(nodes.count)
                        index[key] = target
                        nodes.append(Node(state: key.state, memory: memory, terminal: nil))
                    } else {
                        truncated = true
                        continue
                    }
                    edgeChoices.append(edge.choice)
                    edgeTargets.append(target)
                    edgePoints.append(points)
                }
            case .stuck, .unexplored:
                break
            }
            head += 1
        }
        edgeStart.append(Int32(edgeChoices.count))

        self.nodes = nodes
        self.edgeStart = edgeStart
        self.edgeChoices = edgeChoices
        self.edgeTargets = edgeTargets
        self.edgePoints = edgePoints
        self.isTruncated = truncated

        // Best per dimension, then the overall objective with the edge that reaches it.
        let components = Self.components(nodeCount: nodes.count, edgeStart: edgeStart, edgeTargets: edgeTargets)
        var best: [Dimension: Double] = [:]
        for (position, dimension) in dimensions.enumerated() {
            let values = Self.longestPaths(
                components: components, nodeCount: nodes.count, edgeStart: edgeStart, edgeTargets: edgeTargets,
                weight: { edgePoints[$0][position] }, terminal: { nodes[$0].terminal?[position] }
            ).values
            best[dimension] = values[0]
        }
        self.best = best
        // Each dimension counts by how much a point moves its 0-100 score (see `Normaliser`).
        let slopes = dimensions.map { dimension -> Double in
            let weight = Double(weights[dimension] ?? 0)
            let top = best[dimension] ?? 0
            return top > 0 && top.isFinite ? weight * 100 / top : weight
        }
        let edgeObjective = edgePoints.map { zip($0, slopes).reduce(0) { $0 + $1.0 * $1.1 } }
        self.edgeObjective = edgeObjective
        let overall = Self.longestPaths(
            components: components, nodeCount: nodes.count, edgeStart: edgeStart, edgeTargets: edgeTargets,
            weight: { edgeObjective[$0] },
            terminal: { node in nodes[node].terminal.map { zip($0, slopes).reduce(0) { $0 + $1.0 * $1.1 } } })
        objective = overall.values
        policy = overall.policy

        var phases: UInt64 = 0
        if let last = Self.walk(from: 0, policy: overall.policy, edgeStart: edgeStart, edgeTargets: edgeTargets).last {
            phases = nodes[Int(edgeTargets[last])].memory.phases
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
        return Self.walk(from: 0, policy: policy, edgeStart: edgeStart, edgeTargets: edgeTargets).map { edgeChoices[$0] }
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
