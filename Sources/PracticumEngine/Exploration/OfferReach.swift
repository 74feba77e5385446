import PracticumCore

/// For each state of an explored case, which choices of the scenes a play can come back to are offered
/// in it or in some state it leads to: whether an option passed over now can still be taken later.
///
/// Only a scene on a cycle of the case's scenes can be entered again, and only from a state whose scene
/// is in the same cycle (its strongly connected component of scenes): from anywhere else the answer is
/// no. Within a component the answer comes from the explored states (sinks first, one bit per choice of
/// the component), so it is exact. A component whose states and choices would need more than
/// `bitBudget` bits in all is answered from the scenes alone (yes: its scenes can all be reached from
/// each other), which never holds back credit from a sound order of work; `isExact` says whether any
/// component had to be.
public struct OfferReach: Sendable {
    /// The most bits the exact answers may take together (8 MB).
    public static let defaultBitBudget = 64 * 1_048_576

    /// For each choice (the graph's numbering): its scene's component, or -1 when its scene is on no cycle.
    private let choiceComponent: [Int32]
    /// Each choice's bit within its component.
    private let choiceBit: [Int32]
    /// For each state: its scene's component (-1 when it has none).
    private let stateComponent: [Int32]
    /// For each state: where its words start in `words`, or -1 when its component is answered from the scenes.
    private let stateOffset: [Int]
    private let words: [UInt64]
    /// Whether every component was answered from the explored states.
    public let isExact: Bool

    /// Works out the answers for a graph.
    public init(graph: StateGraph, bitBudget: Int = OfferReach.defaultBitBudget) {
        let codec = graph.codec
        let scenes = codec.graph
        var choiceComponent = [Int32](repeating: -1, count: codec.choiceIDs.count)
        var choiceBit = [Int32](repeating: 0, count: codec.choiceIDs.count)
        var choicesIn = [Int](repeating: 0, count: scenes.members.count)
        for (number, id) in codec.choiceIDs.enumerated() {
            guard let scene = scenes.index[id.scene], scenes.isCyclic[scene] else { continue }
            let component = scenes.component[scene]
            choiceComponent[number] = Int32(component)
            choiceBit[number] = Int32(choicesIn[component])
            choicesIn[component] += 1
        }
        let stateComponent = (0..<graph.stateCount).map { state -> Int32 in
            let scene = graph.states.scene(of: state)
            return scene >= 0 ? Int32(scenes.component[scene]) : -1
        }
        var statesIn = [Int](repeating: 0, count: scenes.members.count)
        for component in stateComponent where component >= 0 { statesIn[Int(component)] += 1 }

        // The exact answer for the components that fit the budget, cheapest first.
        var exact = [Bool](repeating: false, count: scenes.members.count)
        var spent = 0
        var allExact = true
        let wordsIn = choicesIn.map { ($0 + 63) / 64 }
        for component in scenes.members.indices.sorted(by: { statesIn[$0] * wordsIn[$0] < statesIn[$1] * wordsIn[$1] })
        where choicesIn[component] > 0 && statesIn[component] > 0 {
            let cost = statesIn[component] * wordsIn[component] * 64
            if spent + cost <= bitBudget {
                exact[component] = true
                spent += cost
            } else {
                allExact = false
            }
        }
        var offsets = [Int](repeating: -1, count: graph.stateCount)
        var total = 0
        for state in 0..<graph.stateCount {
            let component = Int(stateComponent[state])
            guard component >= 0, exact[component] else { continue }
            offsets[state] = total
            total += wordsIn[component]
        }
        var words = [UInt64](repeating: 0, count: total)
        let order = StrongComponents.sinksFirst(
            count: graph.stateCount, edges: { graph.edgeRange(from: $0) }, target: { Int(graph.edgeTargets[$0]) })
        for members in order {
            guard let first = members.first, offsets[first] >= 0 else { continue }
            let component = Int(stateComponent[first])
            let width = wordsIn[component]
            var union = [UInt64](repeating: 0, count: width)
            for state in members {
                for position in Int(graph.offeredStart[state])..<Int(graph.offeredStart[state + 1]) {
                    let choice = Int(graph.offeredChoices[position])
                    guard Int(choiceComponent[choice]) == component else { continue }
                    let bit = Int(choiceBit[choice])
                    union[bit / 64] |= 1 << UInt64(bit % 64)
                }
                for edge in graph.edgeRange(from: state) {
                    let next = Int(graph.edgeTargets[edge])
                    guard Int(stateComponent[next]) == component, offsets[next] >= 0 else { continue }
                    for word in 0..<width { union[word] |= words[offsets[next] + word] }
                }
            }
            for state in members {
                for word in 0..<width { words[offsets[state] + word] = union[word] }
            }
        }
        self.choiceComponent = choiceComponent
        self.choiceBit = choiceBit
        self.stateComponent = stateComponent
        stateOffset = offsets
        self.words = words
        isExact = allExact
    }

    /// Whether the choice (the graph's numbering) is offered in the state or in some state it leads to,
    /// counting only choices of scenes a play can come back to.
    public func isOffered(choice: Int, atOrAfter state: Int) -> Bool {
        let component = choiceComponent[choice]
        guard component >= 0, stateComponent[state] == component else { return false }
        let offset = stateOffset[state]
        guard offset >= 0 else { return true }
        let bit = Int(choiceBit[choice])
        return words[offset + bit / 64] & (1 << UInt64(bit % 64)) != 0
    }
}
