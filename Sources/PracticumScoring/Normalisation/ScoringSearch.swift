import PracticumCore
import PracticumEngine

/// What each edge of the case's state space earns, apart from the lifecycle (which depends on the path
/// before it): worked out once per edge of the state space, however many paths cross it.
struct EdgeFacts: Sendable {
    /// Practice: the decision's credit less 1 (its shortfall), and whether the edge is a decision at all.
    var practice: [Double]
    var isDecision: [Bool]
    /// Ethics: the points of the edge's lapse (its choice's breaches and the expectations it puts out of
    /// reach, charged once), and its gatekeeping weight.
    var ethics: [Double]
    var gates: [Double]
    /// How many readings that lapse has (0: none), for charging it once with a premature step.
    var lapses: [UInt8]
    /// Planning: the shortfall of the new goals (credit less their number), and how many there are.
    var planning: [Double]
    var planningItems: [Int32]
}

/// The graph scoring searches for a case's best values: the case's state space (the one exploration
/// `check` also runs, `StateGraph`) paired with the `PathMemory` of the rules (the phases touched and
/// covered so far). Nodes are (state, memory) pairs; edges are the state space's edges, with the points
/// each earns given the memory.
///
/// The state space already forgets what nothing ahead can ask about, and the pairing forgets the bits of
/// the memory no step ahead can read (`MemoryLiveness`; coverage of the cycle is credited on the step that
/// earns it rather than at the ending), so two plays that meet in one node have the same choices ahead,
/// lead to the same nodes and earn the same points: the best values found here are exact. The pairing adds
/// at most the few combinations of phases a case's paths produce and can still tell apart.
struct SearchGraph: Sendable {
    /// The number of nodes; node 0 is the start.
    var nodeCount = 0
    /// Each node's state in the state space.
    var spaceState: [Int32] = []
    /// `edgeStart[n] ..< edgeStart[n + 1]` are the edges leaving node `n`.
    var edgeStart: [Int32] = []
    var edgeTargets: [Int32] = []
    /// The state space's edge each edge follows (the same choice from the same state, with another memory).
    var spaceEdges: [Int32] = []
    /// The lifecycle points of each edge, which depend on the memory (with the coverage of a required phase
    /// credited on its first sound step).
    var edgeLifecycle: [Double] = []
    /// The ethics points and gatekeeping weight of each edge: the state space edge's, unless the step is also
    /// premature (which depends on the memory) and is charged once with its other readings.
    var edgeEthics: [Double] = []
    var edgeGates: [Double] = []
    /// The points of the state space's edges in the other dimensions.
    var facts: EdgeFacts
    /// The whole-path points of a node that is an ending, per dimension; nil for the other nodes.
    /// Planning counts its shortfall here: -1 for each item without credit.
    var terminals: [[Double]?] = []
    /// The gatekeeping weight of each ending node's whole-path judgements.
    var terminalGates: [Double] = []
    /// The planning items of each ending node's whole-path judgements (for the best mean).
    var terminalPlanningItems: [Int] = []
    /// Whether the state space or the pairing stopped at the limit.
    var isTruncated = false

    static let dimensionCount = Dimension.allCases.count
    static let practice = Dimension.allCases.firstIndex(of: .practice)!
    static let lifecycle = Dimension.allCases.firstIndex(of: .lifecycle)!
    static let ethics = Dimension.allCases.firstIndex(of: .ethics)!
    static let planning = Dimension.allCases.firstIndex(of: .planning)!

    /// The points of an edge in one dimension.
    func points(ofEdge edge: Int, in dimension: Int) -> Double {
        let spaceEdge = Int(spaceEdges[edge])
        switch dimension {
        case Self.practice: return facts.practice[spaceEdge]
        case Self.lifecycle: return edgeLifecycle[edge]
        case Self.ethics: return edgeEthics[edge]
        case Self.planning: return facts.planning[spaceEdge]
        default: return 0
        }
    }

    /// The gatekeeping weight of an edge.
    func gate(ofEdge edge: Int) -> Double {
        edgeGates[edge]
    }

    /// The planning items an edge adds (new goals).
    func planningItems(ofEdge edge: Int) -> Int {
        Int(facts.planningItems[Int(spaceEdges[edge])])
    }

    /// Whether an edge is a practice decision.
    func isDecision(_ edge: Int) -> Bool {
        facts.isDecision[Int(spaceEdges[edge])]
    }

    /// The edges leaving a node.
    func edges(from node: Int) -> Range<Int> {
        Int(edgeStart[node])..<Int(edgeStart[node + 1])
    }

    /// What the lifecycle rule needs to know of a choice: its phase's bit (-1: none), whether its scene is
    /// a crisis, and whether it is sound.
    struct ChoicePhase: Sendable {
        var bit: Int
        var isCrisis: Bool
        var sound: Bool
    }

    /// Pairs the state space with the rules' memory, from the start, up to `limit` nodes; with
    /// `keepsWholeMemory`, without forgetting the bits no step ahead reads (for tests to compare the two). `lapse` gives the
    /// readings of a state space edge's lapse (from its source state and the edge) (breaches, expectations put out of reach), for a step that is
    /// premature as well; `endExpectations` are the expectations judged where a path ends (those no step can
    /// be charged for).
    static func explore(
        rules: ScoringRules, space: StateGraph, facts: EdgeFacts, phases: [ChoicePhase], limit: Int,
        gatePenalty: (Rubric.Gate?) -> Double, lapse: (Int, Int) -> [Judgement], endExpectations: [Int],
        keepsWholeMemory: Bool = false
    ) -> SearchGraph {
        var graph = SearchGraph(facts: facts)
        graph.isTruncated = space.isTruncated
        guard space.stateCount > 0 else {
            graph.edgeStart = [0]
            return graph
        }
        let limit = max(1, limit)
        // The nodes of each state, as a chain: the state's first node, then each node's next (-1: none). A
        // state pairs with few memories, so walking its chain is cheaper than hashing.
        var firstNode = [Int32](repeating: -1, count: space.stateCount)
        let liveness = keepsWholeMemory ? nil : MemoryLiveness(space: space, phases: phases, rules: rules)
        var nextNode: [Int32] = []
        var memories: [PathMemory] = []
        /// The whole-path judgements of each ending state that do not depend on the memory, once per state.
        var endings: [Int32: (points: [Double], gate: Double, items: Int)] = [:]
        graph.edgeTargets.reserveCapacity(space.edgeCount)
        graph.spaceEdges.reserveCapacity(space.edgeCount)
        graph.edgeLifecycle.reserveCapacity(space.edgeCount)

        func node(state: Int32, memory whole: PathMemory) -> Int32? {
            var memory = whole
            memory.ordered = 0
            if let liveness { memory = liveness.kept(whole, at: Int(state)) }
            var known = firstNode[Int(state)]
            while known >= 0 {
                let other = memories[Int(known)]
                if other.phases == memory.phases && other.sound == memory.sound { return known }
                known = nextNode[Int(known)]
            }
            guard memories.count < limit else { return nil }
            let number = Int32(memories.count)
            nextNode.append(firstNode[Int(state)])
            firstNode[Int(state)] = number
            memories.append(memory)
            graph.spaceState.append(state)
            return number
        }

        _ = node(state: 0, memory: PathMemory())
        var head = 0
        while head < memories.count {
            graph.edgeStart.append(Int32(graph.edgeTargets.count))
            let state = Int(graph.spaceState[head])
            let memory = memories[head]
            var terminal: [Double]?
            var terminalGate = 0.0
            var terminalItems = 0
            switch space.kind(of: state) {
            case .ended:
                let fixed =
                    endings[Int32(state)]
                    ?? {
                        let judgements = rules.judgeEnd(state: space.representative(of: state), expectations: endExpectations)
                        let found = (
                            sum(judgements), judgements.reduce(0) { $0 + gatePenalty($1.gate) },
                            judgements.filter { $0.dimension == .planning }.count
                        )
                        endings[Int32(state)] = found
                        return found
                    }()
                // Coverage was credited on the steps that earned it.
                terminal = fixed.points
                terminalGate = fixed.gate
                terminalItems = fixed.items
            case .choosing:
                for edge in space.edgeRange(from: state) {
                    var after = memory
                    let phase = phases[space.edgeChoiceNumber(edge)]
                    var lifecycle = 0.0
                    var ethics = facts.ethics[edge]
                    var gate = facts.gates[edge]
                    if phase.bit >= 0 {
                        let coverage = rules.coverageCredit(bit: phase.bit, sound: phase.sound, memory: memory)
                        let step = rules.lifecycleStep(
                            bit: phase.bit, isCrisis: phase.isCrisis, sound: phase.sound, memory: &after)
                        lifecycle = step.points
                        if step.outOfOrder && !phase.isCrisis && facts.lapses[edge] > 0 {
                            // Premature and a lapse besides: one charge, at the most severe reading.
                            let premature = Judgement(
                                dimension: .lifecycle, points: -Double(rules.rubric.premature),
                                kind: .premature(phase: rules.phases[phase.bit].id, missing: []))
                            let charged = rules.charge(lapse(state, edge) + [premature])
                            lifecycle = step.points + Double(rules.rubric.premature) + charged.last!.points
                            ethics = charged.dropLast().reduce(0) { $0 + $1.points }
                            gate = charged.reduce(0) { $0 + gatePenalty($1.gate) }
                        }
                        lifecycle += coverage
                    }
                    guard let target = node(state: Int32(space.edgeTarget(edge)), memory: after) else {
                        graph.isTruncated = true
                        continue
                    }
                    graph.edgeTargets.append(target)
                    graph.spaceEdges.append(Int32(edge))
                    graph.edgeLifecycle.append(lifecycle)
                    graph.edgeEthics.append(ethics)
                    graph.edgeGates.append(gate)
                }
            case .unexplored:
                graph.isTruncated = true
            case .stuck:
                break
            }
            graph.terminals.append(terminal)
            graph.terminalGates.append(terminalGate)
            graph.terminalPlanningItems.append(terminalItems)
            head += 1
        }
        graph.edgeStart.append(Int32(graph.edgeTargets.count))
        graph.nodeCount = memories.count
        return graph
    }

    /// Per-dimension totals of judgements; planning counts its shortfall (credit - outOf).
    static func sum(_ judgements: [Judgement]) -> [Double] {
        var points = [Double](repeating: 0, count: dimensionCount)
        for judgement in judgements {
            let position = Dimension.allCases.firstIndex(of: judgement.dimension)!
            points[position] += judgement.dimension == .planning ? judgement.points - judgement.outOf : judgement.points
        }
        return points
    }
}
