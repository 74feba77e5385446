import PracticumCore
import PracticumEngine

/// The graph scoring searches for a case's best values: nodes are what can
/// still matter about a play (its state as the rest of the case sees it, and
/// the `PathMemory` of the rules), edges are choices with the points they earn.
///
/// It is built like `StateExplorer`'s graph, with one difference that keeps
/// the starter cases small: a node forgets what no scene still reachable can
/// ask about. After the plan is written, the order in which the assessment
/// questions were asked (their `once` marks) and the variables only earlier
/// scenes read no longer tell two plays apart, while the case notes, the plan
/// and the phases touched, which scoring reads to the end, always do. The
/// engine's own graph keeps that history and passes 200,000 states on both
/// starter cases; this one has a few thousand nodes.
///
/// Two plays with the same node have the same choices ahead, lead to the same
/// nodes and earn the same points, so the best values found here are exact.
struct SearchGraph: Sendable {
    /// The number of nodes; node 0 is the start.
    var nodeCount = 0
    /// `edgeStart[n] ..< edgeStart[n + 1]` are the edges leaving node `n`.
    var edgeStart: [Int32] = []
    var edgeChoices: [ChoiceID] = []
    var edgeTargets: [Int32] = []
    /// The points of each edge, `Dimension.allCases.count` numbers per edge.
    var edgePoints: [Double] = []
    /// The whole-path points of a node that is an ending, per dimension; nil for the other nodes.
    var terminals: [[Double]?] = []
    /// The phases touched on reaching each node (`PathMemory.phases`).
    var phases: [UInt64] = []
    /// Whether the search stopped at the rubric's `explorationLimit` nodes.
    var isTruncated = false

    /// The points of an edge in one dimension.
    func points(ofEdge edge: Int, in dimension: Int) -> Double {
        edgePoints[edge * Dimension.allCases.count + dimension]
    }

    /// Explores the case from its start.
    static func explore(rules: ScoringRules) -> SearchGraph {
        let engine = Engine(scenario: rules.scenario)
        let projection = StateProjection(rules: rules)
        let limit = max(1, rules.rubric.explorationLimit)
        var graph = SearchGraph()
        var index: [StateProjection.Key: Int32] = [:]
        var memories: [PathMemory] = []
        var pending: [CaseState?] = []

        func node(for state: CaseState, memory: PathMemory) -> Int32? {
            let key = projection.key(for: state, memory: memory)
            if let known = index[key] { return known }
            guard memories.count < limit else { return nil }
            let number = Int32(memories.count)
            index[key] = number
            memories.append(key.memory)
            pending.append(state)
            return number
        }

        _ = node(for: engine.autoContinue(engine.start().state).state, memory: rules.startMemory())
        var head = 0
        while head < memories.count {
            graph.edgeStart.append(Int32(graph.edgeChoices.count))
            let state = pending[head]!
            pending[head] = nil
            let memory = memories[head]
            let revealed = Set(state.revealedFindings)
            let addressed = Set(state.addressedFindings)
            var terminal: [Double]?
            switch engine.status(of: state) {
            case .ended:
                terminal = Self.sum(
                    rules.judgeEnd(memory: memory, revealed: revealed, addressed: addressed, scene: state.scene))
            case .choosing(let available):
                for pick in available {
                    var after = memory
                    let judgements = rules.judge(
                        step: pick.id, memory: &after, revealed: revealed, addressed: addressed)
                    guard let moved = try? engine.choose(id: pick.id, in: state).state else { continue }
                    guard let target = node(for: engine.autoContinue(moved).state, memory: after) else {
                        graph.isTruncated = true
                        continue
                    }
                    graph.edgeChoices.append(pick.id)
                    graph.edgeTargets.append(target)
                    graph.edgePoints += Self.sum(judgements)
                }
            case .continuing, .stuck:
                break
            }
            graph.terminals.append(terminal)
            graph.phases.append(memory.phases)
            head += 1
        }
        graph.edgeStart.append(Int32(graph.edgeChoices.count))
        graph.nodeCount = memories.count
        return graph
    }

    private static func sum(_ judgements: [Judgement]) -> [Double] {
        var points = [Double](repeating: 0, count: Dimension.allCases.count)
        for judgement in judgements {
            points[Dimension.allCases.firstIndex(of: judgement.dimension)!] += Double(judgement.points)
        }
        return points
    }
}

/// Reduces a play to what can still matter from its scene on: its search key.
///
/// From a scene, only the scenes the case can still reach (by any choice or
/// continuation, whatever the conditions) can offer choices. So a key keeps
/// the variables and `visited(...)` scenes their `requires:` read, the `once`
/// marks of their choices, and the repeat-rule credits of their choices; and
/// it always keeps the case notes, the plan and the phases touched.
struct StateProjection {
    /// A node of the search.
    struct Key: Hashable {
        /// The scene's number, the kept variables, then bit words: kept visits, kept `once` marks, notes, plan.
        var storage: [Int]
        /// The path memory with only the kept credits.
        var memory: PathMemory
    }

    private let sceneIndex: [String: Int]
    private let sceneNames: [String]
    private let variableIndex: [String: Int]
    private let findingIndex: [String: Int]
    private let onceIndex: [ChoiceID: Int]
    private let sceneCount: Int
    private let wordCount: Int
    /// Per scene: the variables, visited scenes, `once` choices and credit bits still worth keeping.
    private let keptVariables: [[String]]
    private let keptVisits: [[Int]]
    private let keptOnce: [Set<ChoiceID>]
    private let keptCredits: [[Int]]
    private let creditBit: [ChoiceID: Int]

    init(rules: ScoringRules) {
        let scenario = rules.scenario
        var scenes: [String: Int] = [:]
        for scene in scenario.scenes where scenes[scene.name] == nil { scenes[scene.name] = scenes.count }
        if scenes[scenario.start] == nil { scenes[scenario.start] = scenes.count }
        sceneIndex = scenes
        sceneNames = scenes.sorted { $0.value < $1.value }.map(\.key)
        sceneCount = scenes.count
        var variables: [String: Int] = [:]
        for variable in scenario.variables where variables[variable.name] == nil {
            variables[variable.name] = variables.count
        }
        variableIndex = variables
        var findings: [String: Int] = [:]
        var once: [ChoiceID: Int] = [:]
        for finding in scenario.findings where findings[finding.id] == nil { findings[finding.id] = findings.count }
        for scene in scenario.scenes {
            for (position, choice) in scene.choices.enumerated() {
                for finding in choice.reveals + choice.addresses where findings[finding] == nil {
                    findings[finding] = findings.count
                }
                let id = ChoiceID(scene: scene.name, index: position)
                if choice.once && once[id] == nil { once[id] = once.count }
            }
        }
        findingIndex = findings
        onceIndex = once
        creditBit = rules.creditBit
        wordCount = (scenes.count + once.count + 2 * findings.count + 63) / 64

        var keptVariables = [[String]](repeating: [], count: scenes.count)
        var keptVisits = [[Int]](repeating: [], count: scenes.count)
        var keptOnce = [Set<ChoiceID>](repeating: [], count: scenes.count)
        var keptCredits = [[Int]](repeating: [], count: scenes.count)
        for (name, number) in scenes {
            var read: Set<String> = []
            var visits: Set<Int> = []
            for reachable in rules.reachableScenes(from: name) {
                guard let scene = scenario.scene(named: reachable) else { continue }
                for (position, choice) in scene.choices.enumerated() {
                    let id = ChoiceID(scene: reachable, index: position)
                    if let condition = choice.requires {
                        read.formUnion(condition.variablesRead)
                        visits.formUnion(condition.scenesVisited.compactMap { scenes[$0] })
                    }
                    if once[id] != nil { keptOnce[number].insert(id) }
                    if let bit = rules.creditBit[id] { keptCredits[number].append(bit) }
                }
            }
            keptVariables[number] = read.filter { variables[$0] != nil }.sorted()
            keptVisits[number] = visits.sorted()
            keptCredits[number].sort()
        }
        self.keptVariables = keptVariables
        self.keptVisits = keptVisits
        self.keptOnce = keptOnce
        self.keptCredits = keptCredits
    }

    /// The key of a play at rest in `state` with the rules' `memory`.
    func key(for state: CaseState, memory: PathMemory) -> Key {
        let scene = sceneIndex[state.scene] ?? -1
        let kept = scene >= 0 ? scene : 0
        var storage = [scene]
        if scene >= 0 {
            for name in keptVariables[kept] {
                switch state.variables[name] {
                case .int(let number)?: storage.append(number)
                case .bool(let flag)?: storage.append(flag ? 1 : 0)
                case nil: storage.append(0)
                }
            }
        }
        let base = storage.count
        storage += [Int](repeating: 0, count: wordCount)
        func set(_ bit: Int) {
            storage[base + bit / 64] |= 1 << (bit % 64)
        }
        if scene >= 0 {
            let visited = Set(state.visitedScenes)
            for other in keptVisits[kept] where visited.contains(sceneNames[other]) { set(other) }
            for id in state.usedOnceChoices where keptOnce[kept].contains(id) {
                if let bit = onceIndex[id] { set(sceneCount + bit) }
            }
        }
        let findingsBase = sceneCount + onceIndex.count
        for finding in state.revealedFindings { if let bit = findingIndex[finding] { set(findingsBase + 2 * bit) } }
        for finding in state.addressedFindings {
            if let bit = findingIndex[finding] { set(findingsBase + 2 * bit + 1) }
        }

        var projected = PathMemory()
        projected.phases = memory.phases  // `ordered` only decides 0-point notes: left out

        if scene >= 0 {
            for bit in keptCredits[kept] where memory.hasCredited(bit) { projected.credit(bit) }
        }
        return Key(storage: storage, memory: projected)
    }

}
