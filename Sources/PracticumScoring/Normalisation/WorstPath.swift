import PracticumCore
import PracticumEngine

/// The worst path through a case: the mirror of the best path's search, over the same `SearchGraph` and
/// the same overall objective (each dimension weighted by how much one point moves its 0-100 score, and
/// gatekeeping far more), lowest instead of highest.
///
/// Components of the search are done sinks first, as for the best path. A node's value is its ending's
/// value or, over its edges to nodes already final, the edge's weight plus the target's value, whichever
/// is lowest (the first written among equals, and stopping at an ending before any edge). A component of
/// several nodes (a loop) is settled lowest first, which is exact when no edge inside it costs anything:
/// then the lowest tentative value cannot be lowered. An edge inside a loop that does cost could be taken
/// again and again, so the objective has no lowest value there; the path found then goes round no loop
/// (each node's way on points to a node settled before it) and is reported as not exact.
struct WorstPathSearch {
    /// The worst path from the start to an ending (empty when none was found), and whether it is exact.
    static func find(in optimum: CaseOptimum) -> (path: [ChoiceID], isExact: Bool) {
        let graph = optimum.graph
        guard graph.nodeCount > 0 else { return ([], true) }
        let tolerance = 1e-9
        let terminal: (Int) -> Double? = { node in
            guard let points = graph.terminals[node] else { return nil }
            var value = -graph.terminalGates[node]
            for dimension in optimum.slopes.indices { value += optimum.slopes[dimension] * points[dimension] }
            return value
        }
        let weight: (Int) -> Double = { optimum.edgeObjective[$0] }
        let components = StrongComponents.sinksFirst(
            count: graph.nodeCount, edges: { graph.edges(from: $0) }, target: { Int(graph.edgeTargets[$0]) })
        var componentOf = [Int32](repeating: -1, count: graph.nodeCount)
        for (index, component) in components.enumerated() {
            for node in component { componentOf[node] = Int32(index) }
        }
        var values = [Double](repeating: .infinity, count: graph.nodeCount)
        var policy = [Int32](repeating: -1, count: graph.nodeCount)
        var isFinal = [Bool](repeating: false, count: graph.nodeCount)
        var isExact = true

        func chooseWayOn(_ node: Int) {
            var lowest = terminal(node) ?? .infinity
            var chosen: Int32 = -1
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTargets[edge])
                guard isFinal[target], values[target] < .infinity else { continue }
                let candidate = weight(edge) + values[target]
                if candidate < lowest - tolerance {
                    lowest = candidate
                    chosen = Int32(edge)
                }
            }
            values[node] = lowest
            policy[node] = chosen
        }

        var heap = ValueHeap()
        for (index, component) in components.enumerated() {
            let inside = Int32(index)
            var insideEdges: [(edge: Int, source: Int)] = []
            for node in component {
                for edge in graph.edges(from: node) where componentOf[Int(graph.edgeTargets[edge])] == inside {
                    insideEdges.append((edge, node))
                    if weight(edge) < -tolerance { isExact = false }
                }
            }
            if insideEdges.isEmpty {
                chooseWayOn(component[0])
                isFinal[component[0]] = true
                continue
            }
            // The inside edges by target, to offer a settled node's value back to the nodes that lead into it.
            var entering: [Int: [(edge: Int, source: Int)]] = [:]
            for item in insideEdges { entering[Int(graph.edgeTargets[item.edge]), default: []].append(item) }
            heap.removeAll()
            for node in component {
                chooseWayOn(node)
                if values[node] < .infinity { heap.push(-values[node], node: Int32(node)) }
            }
            while let (negated, popped) = heap.pop() {
                let node = Int(popped)
                guard !isFinal[node], -negated == values[node] else { continue }
                chooseWayOn(node)
                isFinal[node] = true
                for (edge, source) in entering[node] ?? [] where !isFinal[source] {
                    let candidate = weight(edge) + values[node]
                    if candidate < values[source] - tolerance {
                        values[source] = candidate
                        policy[source] = Int32(edge)
                        heap.push(-candidate, node: Int32(source))
                    }
                }
            }
            for node in component { isFinal[node] = true }
        }
        guard values[0] < .infinity else { return ([], isExact) }
        var path: [ChoiceID] = []
        var seen: Set<Int> = [0]
        var node = 0
        while policy[node] >= 0 {
            let edge = Int(policy[node])
            path.append(optimum.space.edgeChoice(Int(graph.spaceEdges[edge])))
            node = Int(graph.edgeTargets[edge])
            guard seen.insert(node).inserted else { break }
        }
        return (path, isExact)
    }
}

extension Scorer {
    /// A path with the lowest overall objective, from the start to an ending (empty when the search found
    /// none), and whether it is exactly the lowest: it is not when a loop of the case carries a cost, which a
    /// path could take again and again (see `WorstPathSearch`).
    public func worstPath() -> (path: [ChoiceID], isExact: Bool) {
        WorstPathSearch.find(in: optimum)
    }
}
