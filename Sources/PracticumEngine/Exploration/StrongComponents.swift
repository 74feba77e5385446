/// Strongly connected components of a directed graph given as numbered nodes and numbered edges, each
/// component listed before every component that leads into it (sinks first): the order in which a pass
/// over the components can rely on everything ahead being done.
///
/// Tarjan's algorithm, iterative, so a graph of any depth is safe; linear in nodes and edges.
public enum StrongComponents {
    /// The components, sinks first. `edges(node)` are the edges leaving a node; `target(edge)` is where an
    /// edge leads.
    public static func sinksFirst(
        count nodeCount: Int, edges: (Int) -> Range<Int>, target: (Int) -> Int
    ) -> [[Int]] {
        var order = [Int](repeating: -1, count: nodeCount)
        var low = [Int](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        var frames: [(node: Int, edge: Int, end: Int)] = []
        for root in 0..<nodeCount where order[root] < 0 {
            let range = edges(root)
            frames.append((root, range.lowerBound, range.upperBound))
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < frame.end {
                    frames[frames.count - 1].edge += 1
                    let next = target(frame.edge)
                    if order[next] < 0 {
                        order[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        let nextRange = edges(next)
                        frames.append((next, nextRange.lowerBound, nextRange.upperBound))
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[node]) }
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
