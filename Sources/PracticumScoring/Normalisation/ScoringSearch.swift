import PracticumCore
import PracticumEngine

/// The graph scoring searches for a case's best values: the case's state space (the one exploration
/// `check` also runs, `StateGraph`) paired with the `PathMemory` of the rules (the phases touched and
/// covered so far). Nodes are (state, memory) pairs; edges are the state space's edges, with the points
/// each earns given the memory.
///
/// The state space already forgets what nothing ahead can ask about, so two plays that meet in one node
/// have the same choices ahead, lead to the same nodes and earn the same points: the best values found
/// here are exact. The pairing adds at most the few combinations of phases a case's paths produce.
struct SearchGraph: Sendable {
    /// The number of nodes; node 0 is the start.
    var nodeCount = 0
    /// Each node's state in the state space.
    var spaceState: [Int32] = []
    /// `edgeStart[n] ..< edgeStart[n + 1]` are the edges leaving node `n`.
    var edgeStart: [Int32] = []
    var edgeChoices: [ChoiceID] = []
    var edgeTargets: [Int32] = []
    /// The state space's edge each edge follows (the same choice from the same state, with another memory).
    var spaceEdges: [Int32] = []
    /// The points of each edge, `Dimension.allCases.count` numbers per edge; practice is filled in by
    /// `CaseOptimum` once the graph is known (a decision's credit depends on what stays in reach).
    var edgePoints: [Double] = []
    /// The gatekeeping weight of each edge (see `CaseOptimum.gatePenalty`).
    var edgeGates: [Double] = []
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
    /// Whether the state space or the pairing stopped at the limit.
    var isTruncated = false

    static let dimensionCount = Dimension.allCases.count
    static let practice = Dimension.allCases.firstIndex(of: .practice)!
    static let planning = Dimension.allCases.firstIndex(of: .planning)!

    /// The points of an edge in one dimension.
    func points(ofEdge edge: Int, in dimension: Int) -> Double {
        edgePoints[edge * Self.dimensionCount + dimension]
    }

    /// The edges leaving a node.
    func edges(from node: Int) -> Range<Int> {
        Int(edgeStart[node])..<Int(edgeStart[node + 1])
    }

    private struct Key: Hashable {
        var state: Int32
        var phases: UInt64
        var sound: UInt64
    }

    /// Pairs the state space with the rules' memory, from the start.
    static func explore(
        rules: ScoringRules, space: StateGraph, limit: Int, gatePenalty: (Rubric.Gate?) -> Double
    ) -> SearchGraph {
        var graph = SearchGraph()
        graph.isTruncated = space.isTruncated
        guard space.stateCount > 0 else {
            graph.edgeStart = [0]
            return graph
        }
        let limit = max(1, limit)
        var index: [Key: Int32] = [:]
        var memories: [PathMemory] = []
        /// What the state space knows of a state: its case notes and plan, and for an ending the state itself,
        /// each worked out once per state whatever the memories it is paired with.
        var notes: [Int32: (revealed: Set<String>, addressed: Set<String>)] = [:]
        var endings: [Int32: CaseState] = [:]

        func node(state: Int32, memory: PathMemory) -> Int32? {
            let key = Key(state: state, phases: memory.phases, sound: memory.sound)
            if let known = index[key] { return known }
            guard memories.count < limit else { return nil }
            let number = Int32(memories.count)
            index[key] = number
            var kept = PathMemory()
            kept.phases = memory.phases
            kept.sound = memory.sound
            memories.append(kept)
            graph.spaceState.append(state)
            return number
        }

        _ = node(state: 0, memory: PathMemory())
        var head = 0
        while head < memories.count {
            graph.edgeStart.append(Int32(graph.edgeChoices.count))
            let state = Int(graph.spaceState[head])
            let memory = memories[head]
            var terminal: [Double]?
            var terminalGate = 0.0
            var terminalItems = 0
            switch space.kind(of: state) {
            case .ended:
                let ending = endings[Int32(state)] ?? {
                    let representative = space.representative(of: state)
                    endings[Int32(state)] = representative
                    return representative
                }()
                let judgements = rules.judgeEnd(memory: memory, state: ending)
                terminal = Self.sum(judgements)
                terminalGate = judgements.reduce(0) { $0 + gatePenalty($1.gate) }
                terminalItems = judgements.filter { $0.dimension == .planning }.count
            case .choosing:
                let known = notes[Int32(state)] ?? {
                    let representative = space.representative(of: state)
                    let found = (Set(representative.revealedFindings), Set(representative.addressedFindings))
                    notes[Int32(state)] = found
                    return found
                }()
                for edge in space.edgeRange(from: state) {
                    let choice = space.edgeChoice(edge)
                    var after = memory
                    let judgements = rules.judge(
                        step: choice, memory: &after, revealed: known.revealed, addressed: known.addressed)
                    guard let target = node(state: Int32(space.edgeTarget(edge)), memory: after) else {
                        graph.isTruncated = true
                        continue
                    }
                    graph.edgeChoices.append(choice)
                    graph.edgeTargets.append(target)
                    graph.spaceEdges.append(Int32(edge))
                    graph.edgePoints += Self.sum(judgements)
                    graph.edgeGates.append(judgements.reduce(0) { $0 + gatePenalty($1.gate) })
                    graph.edgePlanningItems.append(judgements.filter { $0.dimension == .planning }.count)
                }
            case .unexplored:
                graph.isTruncated = true
            case .stuck:
                break
            }
            graph.terminals.append(terminal)
            graph.terminalGates.append(terminalGate)
            graph.terminalPlanningItems.append(terminalItems)
            graph.sound.append(memory.sound)
            head += 1
        }
        graph.edgeStart.append(Int32(graph.edgeChoices.count))
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
