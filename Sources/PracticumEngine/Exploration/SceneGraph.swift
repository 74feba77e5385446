import PracticumCore

/// The scenes of a case and the links between them (every choice's target and every `-> NAME`),
/// whatever the conditions, with its strongly connected components: the static shape that decides
/// what a play can come back to and what it can still reach.
struct SceneGraph: Sendable {
    /// Scene names in written order (first of each name), plus the start if the case lacks it.
    let names: [String]
    let index: [String: Int]
    /// For each scene, the scenes its choices and continuation lead to.
    let successors: [[Int]]
    /// For each scene, its component; components are numbered so that a component comes after every
    /// component it leads to (sinks first).
    let component: [Int]
    /// The scenes of each component.
    let members: [[Int]]
    /// Whether a scene can be entered again after leaving it (its component has a cycle).
    let isCyclic: [Bool]

    init(scenario: Scenario) {
        var names: [String] = []
        var index: [String: Int] = [:]
        for scene in scenario.scenes where index[scene.name] == nil {
            index[scene.name] = names.count
            names.append(scene.name)
        }
        if index[scenario.start] == nil {
            index[scenario.start] = names.count
            names.append(scenario.start)
        }
        var successors = [[Int]](repeating: [], count: names.count)
        for scene in scenario.scenes {
            guard let from = index[scene.name], successors[from].isEmpty else { continue }
            var seen: Set<Int> = []
            for target in scene.choices.map(\.target) + (scene.next.map { [$0] } ?? []) {
                if let to = index[target], seen.insert(to).inserted { successors[from].append(to) }
            }
        }
        self.names = names
        self.index = index
        self.successors = successors
        let (component, members) = Self.components(successors)
        self.component = component
        self.members = members
        isCyclic = names.indices.map { scene in
            members[component[scene]].count > 1 || successors[scene].contains(scene)
        }
    }

    /// Whether `target` can be reached from `source` by links (itself included).
    func reaches(from source: Int, to target: Int) -> Bool {
        if component[source] == component[target] { return true }
        // Components are numbered sinks first, so a path only ever goes to lower numbers.
        guard component[target] < component[source] else { return false }
        var seen: Set<Int> = [source]
        var queue = [source]
        while let scene = queue.popLast() {
            for next in successors[scene] where component[next] >= component[target] && seen.insert(next).inserted {
                if next == target { return true }
                queue.append(next)
            }
        }
        return false
    }

    /// Strongly connected components (Tarjan, iterative), numbered sinks first.
    private static func components(_ successors: [[Int]]) -> (component: [Int], members: [[Int]]) {
        let count = successors.count
        var order = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var component = [Int](repeating: -1, count: count)
        var members: [[Int]] = []
        var counter = 0
        for root in 0..<count where order[root] < 0 {
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.next < successors[node].count {
                    frames[frames.count - 1].next += 1
                    let next = successors[node][frame.next]
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
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[node]) }
                if low[node] == order[node] {
                    var group: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = members.count
                        group.append(member)
                        if member == node { break }
                    }
                    members.append(group)
                }
            }
        }
        return (component, members)
    }
}
