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
/// again and again, so the objective has no lowest value there and the path is reported as not exact.
///
/// The path found then follows each node's way on (to a node settled before it, so it ends), and at each node
/// it passes that has a costly edge inside its loop it goes round once first: the fewest steps from that edge
/// back to the node, when the round as a whole costs. Without the round the path could score better than a
/// path that takes the costly step once, even be the best path: the search pairs a state only with the
/// memory a step ahead can read (`MemoryLiveness`), so a step that costs and leaves the play where it was
/// (knocking again at the same door) is a loop of one node, which a path going round no loop never takes.
struct WorstPathSearch {
    /// How many nodes the searches for rounds may visit in all, per node of the graph: past it the path goes
    /// round no more loops, so a long path through a large loop stays linear in the graph's size.
    static let roundBudgetPerNode = 4

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
        let choice = { (edge: Int) in optimum.space.edgeChoice(Int(graph.spaceEdges[edge])) }
        var rounds = CostlyRounds(graph: graph, componentOf: componentOf, weight: weight, tolerance: tolerance)
        var path: [ChoiceID] = []
        var seen: Set<Int> = [0]
        var node = 0
        while true {
            path += rounds.round(through: node).map(choice)
            guard policy[node] >= 0 else { break }
            let edge = Int(policy[node])
            path.append(choice(edge))
            node = Int(graph.edgeTargets[edge])
            guard seen.insert(node).inserted else { break }
        }
        return (path, isExact)
    }
}

/// The costliest of the shortest rounds that start at a node with one of its costly edges inside its loop
/// (an edge of negative objective to a node of the same strongly connected component) and come back to it.
private struct CostlyRounds {
    let graph: SearchGraph
    let componentOf: [Int32]
    let weight: (Int) -> Double
    let tolerance: Double
    /// The nodes the breadth-first searches may still visit (`WorstPathSearch.roundBudgetPerNode` per node).
    private var budget: Int
    private var parentEdge: [Int32]
    private var visited: [Int] = []

    init(graph: SearchGraph, componentOf: [Int32], weight: @escaping (Int) -> Double, tolerance: Double) {
        self.graph = graph
        self.componentOf = componentOf
        self.weight = weight
        self.tolerance = tolerance
        budget = WorstPathSearch.roundBudgetPerNode * graph.nodeCount
        parentEdge = [Int32](repeating: -1, count: graph.nodeCount)
    }

    /// The edges of the round to take at `node` (empty when no round from it costs): for each costly inside
    /// edge in written order, the fewest steps back inside the component, and of those rounds the one of the
    /// lowest total weight (the first among equals), when that total is below 0.
    mutating func round(through node: Int) -> [Int] {
        let component = componentOf[node]
        var lowest = -tolerance
        var chosen: [Int] = []
        for edge in graph.edges(from: node) where weight(edge) < -tolerance {
            let target = Int(graph.edgeTargets[edge])
            guard componentOf[target] == component, let back = wayBack(from: target, to: node) else { continue }
            let total = back.reduce(weight(edge)) { $0 + weight($1) }
            if total < lowest - tolerance {
                lowest = total
                chosen = [edge] + back
            }
        }
        return chosen
    }

    /// The fewest edges from `start` to `goal` inside their component (empty when they are one node), found
    /// breadth first; nil when the budget runs out first.
    private mutating func wayBack(from start: Int, to goal: Int) -> [Int]? {
        guard start != goal else { return [] }
        defer {
            for node in visited { parentEdge[node] = -1 }
            visited.removeAll(keepingCapacity: true)
        }
        let component = componentOf[goal]
        var queue = [start]
        var head = 0
        parentEdge[start] = Int32.max
        visited.append(start)
        while head < queue.count {
            let node = queue[head]
            head += 1
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTargets[edge])
                guard componentOf[target] == component, parentEdge[target] == -1 else { continue }
                guard budget > 0 else { return nil }
                budget -= 1
                parentEdge[target] = Int32(edge)
                visited.append(target)
                if target == goal {
                    var edges: [Int] = []
                    var at = goal
                    while at != start {
                        let step = Int(parentEdge[at])
                        edges.append(step)
                        at = sourceOf(step)
                    }
                    return edges.reversed()
                }
                queue.append(target)
            }
        }
        return nil
    }

    /// The node an edge leaves (edges are stored by source, in order).
    private func sourceOf(_ edge: Int) -> Int {
        var low = 0
        var high = graph.nodeCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if graph.edges(from: middle).lowerBound <= edge { low = middle } else { high = middle - 1 }
        }
        return low
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
