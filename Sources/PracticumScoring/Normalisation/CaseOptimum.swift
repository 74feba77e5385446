import PracticumCore
import PracticumEngine

/// The best that complete paths through a case can reach: per dimension (what
/// scores are normalised against) and overall (the best path, and what a
/// stronger student would have done from any point); and, for every node of
/// the search, which options of the scenes a play can come back to are still in
/// reach (what a practice decision is measured against).
///
/// It walks the `SearchGraph` of the case. There every item that can be
/// positive is earned at most once, so no cycle gains points and the longest
/// path to an ending is well defined: it is found per strongly connected
/// component, sinks first, and within a component best first (Dijkstra's
/// algorithm, as no edge inside a component gains points), so the cost per
/// node does not grow with the component (issue 16's counter hub).
struct CaseOptimum: Sendable {
    /// The best of each dimension: for lifecycle, ethics and outcome the best raw total over complete paths
    /// (-infinity when there is none); for practice and planning, which are means, the best mean credit a
    /// complete path reaches (1 when some path earns full credit at every decision).
    let best: [Dimension: Double]
    /// Whether the search stopped at the rubric's limit.
    let isTruncated: Bool
    /// The phases covered by sound work on the best path, as `PathMemory.sound` bits.
    let bestPhases: UInt64

    let graph: SearchGraph
    /// The case's state space, which the search pairs with the rules' memory.
    let space: StateGraph
    /// Which options stay in reach from each state of the space.
    private let reach: OfferReach
    /// Which expectations can still be satisfied from each state of the space.
    let expectationReach: ExpectationReach
    /// The overall objective's weight of each edge.
    let edgeObjective: [Double]
    /// How much one point of each dimension (in `Dimension.allCases` order) weighs in the overall objective.
    let slopes: [Double]
    /// The best value of the overall objective from each node, and the edge that reaches it (-1: stop here).
    private let objective: [Double]
    private let policy: [Int32]

    /// Computed rather than stored, so the inner loops need no one-time initialisation check.
    static var tolerance: Double { 1e-9 }

    /// The practice and planning means along one walked path, and how many decisions and items it has.
    private struct WalkMeans {
        var practice: Double?
        var planning: Double?
        var decisions = 0
        var items = 0
    }

    /// How much a gatekeeping event weighs against the overall objective: far more than any score, so the
    /// best path avoids gatekeeping whenever the case allows it (a review counts most, then a lower cap).
    static func gatePenalty(_ gate: Rubric.Gate?) -> Double {
        guard let gate else { return 0 }
        let levels = Level.allCases
        let cap = gate.cap.map { Double(levels.count - 1 - levels.firstIndex(of: $0)!) } ?? 0
        return cap * 10_000 + (gate.review ? 100_000 : 0)
    }

    /// How the longest paths within a component of the search are found: best first (the default, linear
    /// but for a heap's logarithm), or relaxed round after round as the search did before issue 16, kept so
    /// tests can hold the two to the same answers.
    enum Relaxation: Sendable {
        case bestFirst
        case rounds
    }

    /// Searches the case's state space (explored up to `limit` states, then paired with the rules' memory
    /// up to `limit` nodes); `weights` (the case's, with unassessed dimensions at 0) shape the objective.
    /// With `keepsWholeMemory`, the search pairs each state with the whole memory of the rules rather than the
    /// part steps ahead can read (`MemoryLiveness`): more nodes, the same answers, kept so tests can compare.
    init(
        rules: ScoringRules, weights: [Dimension: Int], limit: Int, relaxation: Relaxation = .bestFirst,
        keepsWholeMemory: Bool = false
    ) {
        let space = StateExplorer(engine: rules.engine, limit: limit).explore()
        self.space = space
        let reach = OfferReach(graph: space)
        self.reach = reach
        let expectationReach = ExpectationReach(space: space, scenario: rules.scenario)
        self.expectationReach = expectationReach
        let facts = Self.facts(of: space, rules: rules, reach: reach, expectations: expectationReach)
        let phases = (0..<space.choiceCount).map { number -> SearchGraph.ChoicePhase in
            let id = space.choiceID(number)
            guard let choice = rules.choice(id), let bit = rules.bit(ofPhase: choice.phase) else {
                return SearchGraph.ChoicePhase(bit: -1, isCrisis: false, sound: false)
            }
            return SearchGraph.ChoicePhase(
                bit: bit, isCrisis: rules.scenario.scene(named: id.scene)?.isCrisis ?? false, sound: choice.quality > 0)
        }
        let graph = SearchGraph.explore(
            rules: rules, space: space, facts: facts, phases: phases, limit: limit, gatePenalty: Self.gatePenalty,
            lapse: { source, edge in
                Self.lapse(ofEdge: edge, from: source, space: space, rules: rules, expectations: expectationReach)
            },
            endExpectations: expectationReach.unsatisfiableFromStart, keepsWholeMemory: keepsWholeMemory)
        isTruncated = graph.isTruncated
        let components = StrongComponents.sinksFirst(
            count: graph.nodeCount, edges: { graph.edges(from: $0) }, target: { Int(graph.edgeTargets[$0]) })

        // Best per dimension (for practice and planning, their shortfall), with the policy that reaches it.
        let dimensions = Dimension.allCases
        var raw: [Dimension: Double] = [:]
        var policies: [Dimension: [Int32]] = [:]
        let found = Self.longestPaths(
            objectives: dimensions.count, components: components, graph: graph, relaxation: relaxation,
            weight: { graph.points(ofEdge: $0, in: $1) }, terminal: { graph.terminals[$0]?[$1] })
        for (position, dimension) in dimensions.enumerated() {
            raw[dimension] = graph.nodeCount > 0 ? found.values[position][0] : -.infinity
            policies[dimension] = found.policy[position]
        }
        // The mean dimensions: full credit when some complete path loses none; otherwise the mean of the
        // path that loses least (or of the overall best path, if that one's mean is higher). The decisions
        // and planning items on the path that loses least set the objective's slopes.
        func walked(_ policy: [Int32]) -> (edges: [Int], end: Int) {
            let edges = Self.walk(from: 0, policy: policy, graph: graph)
            return (edges, edges.last.map { Int(graph.edgeTargets[$0]) } ?? 0)
        }
        func means(_ walk: (edges: [Int], end: Int)) -> WalkMeans {
            let decisions = walk.edges.filter { graph.isDecision($0) }
            let credit = decisions.reduce(0.0) { $0 + 1 + graph.points(ofEdge: $1, in: SearchGraph.practice) }
            let items = walk.edges.reduce(graph.terminalPlanningItems[walk.end]) { $0 + graph.planningItems(ofEdge: $1) }
            let shortfall = walk.edges.reduce(graph.terminals[walk.end]?[SearchGraph.planning] ?? 0) {
                $0 + graph.points(ofEdge: $1, in: SearchGraph.planning)
            }
            return WalkMeans(
                practice: decisions.isEmpty ? nil : credit / Double(decisions.count),
                planning: items == 0 ? nil : 1 + shortfall / Double(items), decisions: decisions.count, items: items)
        }
        let complete = graph.nodeCount > 0 && (raw[.outcome] ?? -.infinity) > -.infinity
        let practiceWalk = complete ? means(walked(policies[.practice]!)) : WalkMeans()
        let planningWalk = complete ? means(walked(policies[.planning]!)) : WalkMeans()
        var best = raw
        for dimension in [Dimension.practice, .planning] {
            let shortfall = raw[dimension] ?? -.infinity
            let mean = dimension == .practice ? practiceWalk.practice : planningWalk.planning
            if shortfall == -.infinity {
                best[dimension] = -.infinity
            } else if shortfall > -Self.tolerance || mean == nil {
                best[dimension] = 1
            } else {
                best[dimension] = max(Self.tolerance, min(1, mean!))
            }
        }
        // The overall objective: each dimension counts by how much one point moves its 0-100 score, and
        // gatekeeping counts far more than any score.
        let slopes = dimensions.map { dimension -> Double in
            let weight = Double(weights[dimension] ?? 0)
            switch dimension {
            case .practice: return weight * 100 / Double(max(1, practiceWalk.decisions))
            case .planning: return weight * 100 / Double(max(1, planningWalk.items))
            case .ethics: return weight
            case .lifecycle, .outcome:
                let top = raw[dimension] ?? 0
                return top > 0 && top.isFinite ? weight * 100 / top : weight
            }
        }
        var edgeObjective = [Double](repeating: 0, count: graph.edgeTargets.count)
        for edge in edgeObjective.indices {
            var value = -graph.gate(ofEdge: edge)
            for dimension in slopes.indices { value += slopes[dimension] * graph.points(ofEdge: edge, in: dimension) }
            edgeObjective[edge] = value
        }
        self.edgeObjective = edgeObjective
        self.slopes = slopes
        let overall = Self.longestPaths(
            components: components, graph: graph, relaxation: relaxation, weight: { edgeObjective[$0] },
            terminal: { node -> Double? in
                guard let points = graph.terminals[node] else { return nil }
                var value = -graph.terminalGates[node]
                for dimension in slopes.indices { value += slopes[dimension] * points[dimension] }
                return value
            })
        objective = overall.values
        policy = overall.policy

        var bestSound: UInt64 = 0
        if graph.nodeCount > 0, overall.values[0] > -.infinity {
            let bestWalk = walked(overall.policy)
            // The memory is not kept whole at the nodes, so the best path's sound phases are gathered along it.
            for edge in bestWalk.edges {
                let phase = phases[space.edgeChoiceNumber(Int(graph.spaceEdges[edge]))]
                if phase.bit >= 0 && phase.sound { bestSound |= 1 << UInt64(phase.bit) }
            }
            // The overall best path scores 100 in the means whenever no path does better there.
            let bestMeans = means(bestWalk)
            if let practice = bestMeans.practice, let ceiling = best[.practice], ceiling < 1, practice > ceiling {
                best[.practice] = min(1, practice)
            }
            if let planning = bestMeans.planning, let ceiling = best[.planning], ceiling < 1, planning > ceiling {
                best[.planning] = min(1, planning)
            }
        }
        bestPhases = bestSound
        self.best = best
        self.graph = graph
    }

    /// The states of the state space, and the nodes and edges of the search.
    var size: (states: Int, nodes: Int, edges: Int) {
        (space.stateCount, graph.nodeCount, graph.edgeTargets.count)
    }

    /// How many nodes of the search pair one of these states (of the state space) with some memory.
    func nodeCount(ofStates states: Set<Int>) -> Int {
        graph.spaceState.lazy.filter { states.contains(Int($0)) }.count
    }

    /// Whether some complete path was found.
    var hasCompletePath: Bool {
        objective.first.map { $0 > -.infinity } ?? false
    }

    /// A path with the best overall objective, from the start to an ending; empty when none was found.
    func bestPath() -> [ChoiceID] {
        guard hasCompletePath else { return [] }
        return Self.walk(from: 0, policy: policy, graph: graph).map { choice(of: $0) }
    }

    /// The node a path starts from, when the search has one.
    var startNode: Int? { graph.nodeCount > 0 ? 0 : nil }

    /// The node one step on from `node` by `choice`; nil when `node` is nil or the search has no such step.
    func node(after node: Int?, taking choice: ChoiceID) -> Int? {
        guard let node, let edge = graph.edges(from: node).first(where: { self.choice(of: $0) == choice }) else { return nil }
        return Int(graph.edgeTargets[edge])
    }

    /// The choice an edge of the search takes.
    private func choice(of edge: Int) -> ChoiceID {
        space.edgeChoice(Int(graph.spaceEdges[edge]))
    }

    /// The expectations (positions) the step from one search node to the next put out of reach; none when either
    /// node is unknown (a path the search does not have).
    func killed(from source: Int?, to target: Int?) -> [Int] {
        guard let source, let target else { return [] }
        return expectationReach.killed(from: Int(graph.spaceState[source]), to: Int(graph.spaceState[target]))
    }

    /// Whether a choice of a scene a play can come back to is on offer at the node's state or after it.
    func isInReach(_ option: ChoiceID, from node: Int) -> Bool {
        guard let number = space.choiceNumber(option) else { return false }
        return reach.isOffered(choice: number, atOrAfter: Int(graph.spaceState[node]))
    }

    /// Whether an option can be taken again after a choice leading to `target`, judged from the case's
    /// scene graph alone (where the search cannot tell).
    func isInReach(_ option: ChoiceID, afterReaching target: String) -> Bool {
        space.isReturnable(scene: option.scene) && space.sceneReaches(from: target, to: option.scene)
    }

    /// The readings of a state space edge's lapse before it is charged once: its choice's breaches and the
    /// expectations the move puts out of reach.
    static func lapse(
        ofEdge edge: Int, from source: Int, space: StateGraph, rules: ScoringRules, expectations: ExpectationReach
    ) -> [Judgement] {
        guard let choice = rules.choice(space.edgeChoice(edge)) else { return [] }
        var readings = rules.ethics(of: choice).filter(\.isLapse)
        for index in expectations.killed(from: source, to: space.edgeTarget(edge)) {
            readings.append(rules.unmetExpectation(index))
        }
        return readings
    }

    /// What each edge of the state space earns apart from the lifecycle: practice (the decision against what
    /// the choice put out of reach), ethics (its lapse, charged once) and planning.
    private static func facts(
        of space: StateGraph, rules: ScoringRules, reach: OfferReach, expectations: ExpectationReach
    ) -> EdgeFacts {
        let choices = (0..<space.choiceCount).map { rules.choice(space.choiceID($0)) }
        let qualities = choices.map { $0?.quality }
        var ethics = [Double](repeating: 0, count: choices.count)
        var gates = [Double](repeating: 0, count: choices.count)
        var breaches = [UInt8](repeating: 0, count: choices.count)
        for (number, choice) in choices.enumerated() {
            guard let choice else { continue }
            let judgements = rules.charge(rules.ethics(of: choice))
            ethics[number] = judgements.reduce(0) { $0 + $1.points }
            gates[number] = judgements.reduce(0) { $0 + gatePenalty($1.gate) }
            breaches[number] = UInt8(min(255, choice.violates.count))
        }
        let edgeCount = space.edgeCount
        var facts = EdgeFacts(
            practice: [Double](repeating: 0, count: edgeCount), isDecision: [Bool](repeating: false, count: edgeCount),
            ethics: [Double](repeating: 0, count: edgeCount), gates: [Double](repeating: 0, count: edgeCount),
            lapses: [UInt8](repeating: 0, count: edgeCount),
            planning: [Double](repeating: 0, count: edgeCount), planningItems: [Int32](repeating: 0, count: edgeCount))
        for state in 0..<space.stateCount where space.kind(of: state) == .choosing {
            let offered = space.offeredNumbers(in: state).filter { qualities[$0] != nil }
            let offeredQualities = offered.map { qualities[$0]! }
            var notes: (revealed: Set<String>, addressed: Set<String>)?
            for edge in space.edgeRange(from: state) {
                let number = space.edgeChoiceNumber(edge)
                guard let choice = choices[number] else { continue }
                let target = space.edgeTarget(edge)
                let killed = expectations.killed(from: state, to: target)
                if killed.isEmpty {
                    facts.ethics[edge] = ethics[number]
                    facts.gates[edge] = gates[number]
                    facts.lapses[edge] = breaches[number]
                } else {
                    let charged = rules.charge(
                        lapse(ofEdge: edge, from: state, space: space, rules: rules, expectations: expectations))
                    facts.ethics[edge] = charged.reduce(0) { $0 + $1.points }
                    facts.gates[edge] = charged.reduce(0) { $0 + gatePenalty($1.gate) }
                    facts.lapses[edge] = UInt8(min(255, charged.count))
                }
                if let decided = ScoringRules.decide(
                    quality: choice.quality, chosen: offered.firstIndex(of: number), qualities: offeredQualities,
                    inReach: { reach.isOffered(choice: offered[$0], atOrAfter: target) })
                {
                    facts.isDecision[edge] = true
                    facts.practice[edge] = decided.credit - 1
                }
                if !choice.addresses.isEmpty {
                    let known = notes ?? space.notes(of: state)
                    notes = known
                    let judgements = rules.planning(of: choice, revealed: known.revealed, addressed: known.addressed)
                    facts.planning[edge] = judgements.reduce(0) { $0 + $1.points - $1.outOf }
                    facts.planningItems[edge] = Int32(judgements.count)
                }
            }
        }
        return facts
    }

    /// The first step (1-based) at which `path` fell below the best overall objective
    /// still attainable there, and the best continuation from that point.
    func strongerAlternative(for path: [ChoiceID]) -> (step: Int, path: [ChoiceID])? {
        guard graph.nodeCount > 0 else { return nil }
        var node = 0
        for (position, choice) in path.enumerated() {
            guard let edge = graph.edges(from: node).first(where: { self.choice(of: $0) == choice }) else { return nil }
            let attainable = objective[node]
            let taken = edgeValue(edge)
            if attainable > -.infinity && taken < attainable - 1e-6 * max(1, abs(attainable)) {
                let continuation = Self.walk(from: node, policy: policy, graph: graph)
                return (position + 1, continuation.map { self.choice(of: $0) })
            }
            node = Int(graph.edgeTargets[edge])
        }
        return nil
    }

    /// The overall objective of taking the edge and continuing as well as possible.
    private func edgeValue(_ edge: Int) -> Double {
        let target = objective[Int(graph.edgeTargets[edge])]
        return target > -.infinity ? edgeObjective[edge] + target : -.infinity
    }
}
