import PracticumCore
import PracticumEngine

/// The graph scoring searches for a case's best values: nodes are what can
/// still matter about a play (its state as the rest of the case sees it, and
/// the `PathMemory` of the rules), edges are choices with what they earn.
///
/// A node forgets what no scene still reachable can ask about: after the plan
/// is written, the order in which the assessment questions were asked (their
/// `once` marks) and the variables only earlier scenes read no longer tell two
/// plays apart, while the case notes, the plan, the phases touched and covered,
/// and whatever an expectation reads always do.
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
    /// The points of each edge, `Dimension.allCases.count` numbers per edge; practice is filled in by
    /// `CaseOptimum` once the graph is known (a decision's credit depends on what stays in reach).
    var edgePoints: [Double] = []
    /// The gatekeeping weight of each edge (see `CaseOptimum.gatePenalty`).
    var edgeGates: [Double] = []
    /// `offeredStart[n] ..< offeredStart[n + 1]` are the choices on offer at node `n`, in written order
    /// (all of them, even where the search stopped before following one).
    var offeredStart: [Int32] = []
    var offered: [ChoiceID] = []
    /// The whole-path points of a node that is an ending, per dimension; nil for the other nodes.
    /// Planning counts its shortfall here: -1 for each item without credit.
    var terminals: [[Double]?] = []
    /// The gatekeeping weight of each ending node's whole-path judgements.
    var terminalGates: [Double] = []
    /// The planning items of each ending node's whole-path judgements (for the best mean).
    var terminalPlanningItems: [Int] = []
    /// The planning items each edge adds (new goals).
    var edgePlanningItems: [Int] = []
    /// The sound phases covered on reaching each node (`PathMemory.sound`).
    var sound: [UInt64] = []
    /// Whether the search stopped at the rubric's `explorationLimit` nodes.
    var isTruncated = false

    static let dimensionCount = Dimension.allCases.count
    static let practice = Dimension.allCases.firstIndex(of: .practice)!
    static let planning = Dimension.allCases.firstIndex(of: .planning)!

    /// The points of an edge in one dimension.
    func points(ofEdge edge: Int, in dimension: Int) -> Double {
        edgePoints[edge * Self.dimensionCount + dimension]
    }

    /// The choices on offer at a node, in written order.
    func offered(at node: Int) -> ArraySlice<ChoiceID> {
        offered[Int(offeredStart[node])..<Int(offeredStart[node + 1])]
    }

    /// The edges leaving a node.
    func edges(from node: Int) -> Range<Int> {
        Int(edgeStart[node])..<Int(edgeStart[node + 1])
    }

    /// Explores the case from its start.
    static func explore(rules: ScoringRules, gatePenalty: (Rubric.Gate?) -> Double) -> SearchGraph {
        let engine = rules.engine
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

        _ = node(for: engine.autoContinue(engine.start().state).state, memory: PathMemory())
        var head = 0
        while head < memories.count {
            graph.edgeStart.append(Int32(graph.edgeChoices.count))
            graph.offeredStart.append(Int32(graph.offered.count))
            let state = pending[head]!
            pending[head] = nil
            let memory = memories[head]
            let revealed = Set(state.revealedFindings)
            let addressed = Set(state.addressedFindings)
            var terminal: [Double]?
            var terminalGate = 0.0
            var terminalItems = 0
            switch engine.status(of: state) {
            case .ended:
                let judgements = rules.judgeEnd(memory: memory, state: state)
                terminal = Self.sum(judgements)
                terminalGate = judgements.reduce(0) { $0 + gatePenalty($1.gate) }
                terminalItems = judgements.filter { $0.dimension == .planning }.count
            case .choosing(let available):
                graph.offered += available.map(\.id)
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
                    graph.edgeGates.append(judgements.reduce(0) { $0 + gatePenalty($1.gate) })
                    graph.edgePlanningItems.append(judgements.filter { $0.dimension == .planning }.count)
                }
            case .continuing, .stuck:
                break
            }
            graph.terminals.append(terminal)
            graph.terminalGates.append(terminalGate)
            graph.terminalPlanningItems.append(terminalItems)
            graph.sound.append(memory.sound)
            head += 1
        }
        graph.edgeStart.append(Int32(graph.edgeChoices.count))
        graph.offeredStart.append(Int32(graph.offered.count))
        graph.nodeCount = memories.count
        return graph
    }

    /// Per-dimension totals of judgements; planning counts its shortfall (credit - outOf).
    private static func sum(_ judgements: [Judgement]) -> [Double] {
        var points = [Double](repeating: 0, count: dimensionCount)
        for judgement in judgements {
            let position = Dimension.allCases.firstIndex(of: judgement.dimension)!
            points[position] += judgement.dimension == .planning ? judgement.points - judgement.outOf : judgement.points
        }
        return points
    }
}

/// Reduces a play to what can still matter from its scene on: its search key.
///
/// From a scene, only the scenes the case can still reach (by any choice or
/// continuation, whatever the conditions) can offer choices. So a key keeps
/// the variables and `visited(...)` scenes their `requires:` read and the
/// `once` marks of their choices; and it always keeps the case notes, the plan,
/// the phases touched and covered, and what the expectations read.
struct StateProjection {
    /// A node of the search.
    struct Key: Hashable {
        /// The scene's number, the kept variables, then bit words: kept visits, kept `once` marks, notes, plan.
        var storage: [Int]
        /// The path memory without `ordered` (which decides only 0-point notes).
        var memory: PathMemory
    }

    private let sceneIndex: [String: Int]
    private let sceneNames: [String]
    private let findingIndex: [String: Int]
    private let onceIndex: [ChoiceID: Int]
    private let sceneCount: Int
    private let wordCount: Int
    /// Per scene: the variables, visited scenes and `once` choices still worth keeping.
    private let keptVariables: [[String]]
    private let keptVisits: [[Int]]
    private let keptOnce: [Set<ChoiceID>]

    init(rules: ScoringRules) {
        let scenario = rules.scenario
        var scenes: [String: Int] = [:]
        for scene in scenario.scenes where scenes[scene.name] == nil { scenes[scene.name] = scenes.count }
        if scenes[scenario.start] == nil { scenes[scenario.start] = scenes.count }
        sceneIndex = scenes
        sceneNames = scenes.sorted { $0.value < $1.value }.map(\.key)
        sceneCount = scenes.count
        let declared = Set(scenario.variables.map(\.name))
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
        wordCount = (scenes.count + once.count + 2 * findings.count + 63) / 64

        // What the expectations read matters to the very end, from every scene.
        var alwaysRead: Set<String> = []
        var alwaysVisits: Set<Int> = []
        for expectation in scenario.expectations {
            alwaysRead.formUnion(expectation.condition.variablesRead)
            alwaysVisits.formUnion(expectation.condition.scenesVisited.compactMap { scenes[$0] })
        }
        var keptVariables = [[String]](repeating: [], count: scenes.count)
        var keptVisits = [[Int]](repeating: [], count: scenes.count)
        var keptOnce = [Set<ChoiceID>](repeating: [], count: scenes.count)
        for (name, number) in scenes {
            var read = alwaysRead
            var visits = alwaysVisits
            for reachable in rules.reachableScenes(from: name) {
                guard let scene = scenario.scene(named: reachable) else { continue }
                for (position, choice) in scene.choices.enumerated() {
                    let id = ChoiceID(scene: reachable, index: position)
                    if let condition = choice.requires {
                        read.formUnion(condition.variablesRead)
                        visits.formUnion(condition.scenesVisited.compactMap { scenes[$0] })
                    }
                    if once[id] != nil { keptOnce[number].insert(id) }
                }
            }
            keptVariables[number] = read.filter { declared.contains($0) }.sorted()
            keptVisits[number] = visits.sorted()
        }
        self.keptVariables = keptVariables
        self.keptVisits = keptVisits
        self.keptOnce = keptOnce
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
        projected.phases = memory.phases
        projected.sound = memory.sound
        return Key(storage: storage, memory: projected)
    }
}
