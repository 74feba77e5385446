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
        // The scene whose links were last listed into each scene, so each link is listed once per scene.
        var listedFrom = [Int](repeating: -1, count: names.count)
        var done = [Bool](repeating: false, count: names.count)
        for scene in scenario.scenes {
            guard let from = index[scene.name], !done[from] else { continue }
            done[from] = true
            func link(_ target: String) {
                if let to = index[target], listedFrom[to] != from {
                    listedFrom[to] = from
                    successors[from].append(to)
                }
            }
            let choices = scene.choices
            for position in choices.indices { link(choices[position].target) }
            if let next = scene.next { link(next) }
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

    /// Strongly connected components, numbered sinks first.
    private static func components(_ successors: [[Int]]) -> (component: [Int], members: [[Int]]) {
        var starts = [0]
        var targets: [Int] = []
        for list in successors {
            targets += list
            starts.append(targets.count)
        }
        let members = StrongComponents.sinksFirst(
            count: successors.count, edges: { starts[$0]..<starts[$0 + 1] }, target: { targets[$0] })
        var component = [Int](repeating: -1, count: successors.count)
        for (number, group) in members.enumerated() { for scene in group { component[scene] = number } }
        return (component, members)
    }
}
