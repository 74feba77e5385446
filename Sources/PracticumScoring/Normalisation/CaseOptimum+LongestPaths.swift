import PracticumCore
import PracticumEngine

/// The longest-path search under `CaseOptimum`: per strongly connected component, sinks first, each
/// settled best first with a heap (or relaxed round after round), and the walk of the policy it leaves.
extension CaseOptimum {
    // MARK: Longest paths

    /// Follows the policy from a node to where it stops; returns the edges taken.
    static func walk(from start: Int, policy: [Int32], graph: SearchGraph) -> [Int] {
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
    ///
    /// Components are done sinks first. A node's value is chosen by one rule, `chooseWayOn`: its terminal
    /// value, then its edges in written order, a later edge kept only when it does better by more than the
    /// tolerance, over the edges whose targets are final. In a component of one node every target is final
    /// (it lies in a component done before). A larger component (a cycle of states, such as a counter a hub
    /// moves up and down) is settled best first, as in Dijkstra's algorithm (`settleBestFirst`): no edge
    /// inside a component gains points, so the node with the highest tentative value has its final one.
    /// Each node and edge is handled a bounded number of times, with a heap, so the cost per node does not
    /// grow with the component. Should an edge inside a component ever weigh more than 0, that component is
    /// relaxed round after round instead (`relaxRounds`), which needs no such promise.
    static func longestPaths(
        components: [[Int]], graph: SearchGraph, relaxation: Relaxation, weight: (Int) -> Double,
        terminal: (Int) -> Double?
    ) -> (values: [Double], policy: [Int32]) {
        let found = longestPaths(
            objectives: 1, components: components, graph: graph, relaxation: relaxation, weight: { edge, _ in weight(edge) },
            terminal: { node, _ in terminal(node) })
        return (found.values[0], found.policy[0])
    }

    /// `longestPaths` for several objectives at once (`weight` and `terminal` take the objective's number), in
    /// one walk over the components: a component of one node without a loop, which most are, reads its edges
    /// once for all of them. Each objective's values and first edges are what its own walk would give.
    static func longestPaths(
        objectives: Int, components: [[Int]], graph: SearchGraph, relaxation: Relaxation, weight: (Int, Int) -> Double,
        terminal: (Int, Int) -> Double?
    ) -> (values: [[Double]], policy: [[Int32]]) {
        var values = [[Double]](repeating: [Double](repeating: -.infinity, count: graph.nodeCount), count: objectives)
        var policy = [[Int32]](repeating: [Int32](repeating: -1, count: graph.nodeCount), count: objectives)
        var componentOf = [Int32](repeating: -1, count: graph.nodeCount)
        for (index, component) in components.enumerated() {
            for node in component { componentOf[node] = Int32(index) }
        }
        // Whether a node's value is final: every node of the components done so far, and the settled nodes of
        // the component at hand.
        var isFinal = [Bool](repeating: false, count: graph.nodeCount)
        // Each node's position within its component, for the component being settled.
        var localPosition = [Int32](repeating: -1, count: graph.nodeCount)
        var heap = ValueHeap()
        var best = [Double](repeating: -.infinity, count: objectives)
        var chosen = [Int32](repeating: -1, count: objectives)
        for (index, component) in components.enumerated() {
            let inside = Int32(index)
            if relaxation == .rounds {
                for k in 0..<objectives {
                    relaxRounds(
                        component, graph: graph, weight: { weight($0, k) }, terminal: { terminal($0, k) }, values: &values[k],
                        policy: &policy[k])
                }
                continue
            }
            if component.count == 1 {
                let node = component[0]
                let edges = graph.edges(from: node)
                if !edges.contains(where: { Int(graph.edgeTargets[$0]) == node }) {
                    // `chooseWayOn` for every objective, over the node's edges read once.
                    for k in 0..<objectives {
                        best[k] = terminal(node, k) ?? -.infinity
                        chosen[k] = -1
                    }
                    for edge in edges {
                        let target = Int(graph.edgeTargets[edge])
                        guard isFinal[target] else { continue }
                        for k in 0..<objectives {
                            let after = values[k][target]
                            guard after > -.infinity else { continue }
                            let candidate = weight(edge, k) + after
                            if candidate > best[k] + tolerance {
                                best[k] = candidate
                                chosen[k] = Int32(edge)
                            }
                        }
                    }
                    for k in 0..<objectives {
                        values[k][node] = best[k]
                        policy[k][node] = chosen[k]
                    }
                    isFinal[node] = true
                    continue
                }
            }
            for k in 0..<objectives {
                // Each objective settles the component afresh.
                for node in component { isFinal[node] = false }
                let weigh = { weight($0, k) }
                let end = { terminal($0, k) }
                let gain = weightsInside(component, inside: inside, componentOf: componentOf, graph: graph, weight: weigh)
                if component.count == 1 && gain <= 0 {
                    // A loop that gains nothing never improves the node: its target is not final yet, so skip it.
                    chooseWayOn(
                        component[0], graph: graph, weight: weigh, terminal: end, isFinal: isFinal, values: &values[k],
                        policy: &policy[k])
                } else if gain <= 0 {
                    settleBestFirst(
                        component, inside: inside, componentOf: componentOf, graph: graph, weight: weigh, terminal: end,
                        isFinal: &isFinal, values: &values[k], policy: &policy[k], local: &localPosition, heap: &heap)
                } else {
                    relaxRounds(component, graph: graph, weight: weigh, terminal: end, values: &values[k], policy: &policy[k])
                }
            }
            for node in component { isFinal[node] = true }
        }
        return (values, policy)
    }

    /// The highest weight of an edge from a node of the component to a node of it (or to itself); -infinity
    /// when there is none. The search's graph keeps it at most 0: an edge inside a component leaves the rules'
    /// memory as it is (the memory only grows, so an edge that adds to it lies on no cycle), and with the
    /// memory unchanged no dimension gains (practice and planning count their shortfall; lifecycle's one
    /// credit, a first sound action in an optional phase, adds to the memory; ethics only costs; gatekeeping
    /// only subtracts; the objective's slopes are never negative). It is checked, not assumed.
    private static func weightsInside(
        _ component: [Int], inside: Int32, componentOf: [Int32], graph: SearchGraph, weight: (Int) -> Double
    ) -> Double {
        var highest = -Double.infinity
        for node in component {
            for edge in graph.edges(from: node) where componentOf[Int(graph.edgeTargets[edge])] == inside {
                highest = max(highest, weight(edge))
            }
        }
        return highest
    }

    /// Sets a node's value and first edge from its terminal value and its edges to final values, in written
    /// order: a later edge replaces an earlier choice only when it does better by more than the tolerance, so
    /// among equals the choice written first is taken, and stopping at an ending before any edge.
    private static func chooseWayOn(
        _ node: Int, graph: SearchGraph, weight: (Int) -> Double, terminal: (Int) -> Double?, isFinal: [Bool],
        values: inout [Double], policy: inout [Int32]
    ) {
        var best = terminal(node) ?? -.infinity
        var chosen: Int32 = -1
        for edge in graph.edges(from: node) {
            let target = Int(graph.edgeTargets[edge])
            guard isFinal[target], values[target] > -.infinity else { continue }
            let candidate = weight(edge) + values[target]
            if candidate > best + tolerance {
                best = candidate
                chosen = Int32(edge)
            }
        }
        values[node] = best
        policy[node] = chosen
    }

    /// Settles a component whose inside edges gain nothing, best first. Every node starts from its terminal
    /// value and its edges out of the component; the node with the highest tentative value is final, since
    /// what the unsettled nodes could still offer it is at most their own values, which are not higher. On
    /// settling, a node's value and first edge are chosen by `chooseWayOn` (over the targets settled before it
    /// and those outside, so the first edges never form a cycle), and the value is offered back along the
    /// edges that enter it from the component.
    private static func settleBestFirst(
        _ component: [Int], inside: Int32, componentOf: [Int32], graph: SearchGraph, weight: (Int) -> Double,
        terminal: (Int) -> Double?, isFinal: inout [Bool], values: inout [Double], policy: inout [Int32],
        local: inout [Int32], heap: inout ValueHeap
    ) {
        // The inside edges grouped by target: those entering the component's t-th node (written order) are
        // `incoming[start[t] ..< start[t + 1]]`, each with its source.
        for (position, node) in component.enumerated() { local[node] = Int32(position) }
        var start = [Int32](repeating: 0, count: component.count + 1)
        for node in component {
            for edge in graph.edges(from: node) where componentOf[Int(graph.edgeTargets[edge])] == inside {
                start[Int(local[Int(graph.edgeTargets[edge])]) + 1] += 1
            }
        }
        for position in 0..<component.count { start[position + 1] += start[position] }
        var fill = start
        var incoming = [(edge: Int32, source: Int32)](repeating: (0, 0), count: Int(start[component.count]))
        for node in component {
            for edge in graph.edges(from: node) where componentOf[Int(graph.edgeTargets[edge])] == inside {
                let position = Int(local[Int(graph.edgeTargets[edge])])
                incoming[Int(fill[position])] = (Int32(edge), Int32(node))
                fill[position] += 1
            }
        }
        heap.removeAll()
        for node in component {
            chooseWayOn(node, graph: graph, weight: weight, terminal: terminal, isFinal: isFinal, values: &values, policy: &policy)
            if values[node] > -.infinity { heap.push(values[node], node: Int32(node)) }
        }
        while let (value, popped) = heap.pop() {
            let node = Int(popped)
            guard !isFinal[node], value == values[node] else { continue }
            chooseWayOn(node, graph: graph, weight: weight, terminal: terminal, isFinal: isFinal, values: &values, policy: &policy)
            isFinal[node] = true
            let settled = values[node]
            let position = Int(local[node])
            for slot in Int(start[position])..<Int(start[position + 1]) {
                let (edge, source) = incoming[slot]
                guard !isFinal[Int(source)] else { continue }
                let candidate = weight(Int(edge)) + settled
                if candidate > values[Int(source)] + tolerance {
                    values[Int(source)] = candidate
                    policy[Int(source)] = edge
                    heap.push(candidate, node: source)
                }
            }
        }
        // Nodes from which no ending can be reached keep -infinity.
        for node in component { isFinal[node] = true }
    }

    /// Relaxes a component's edges round after round until nothing improves (Bellman-Ford within the
    /// component), up to one round per node and one to confirm: the search's graph never needs it (see
    /// `weightsInside`), but a component whose inside edges could gain is still given an answer.
    private static func relaxRounds(
        _ component: [Int], graph: SearchGraph, weight: (Int) -> Double, terminal: (Int) -> Double?,
        values: inout [Double], policy: inout [Int32]
    ) {
        for node in component { values[node] = terminal(node) ?? -.infinity }
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
}
