import PracticumCore

/// Every state a case can reach from its start, and the choices between them:
/// what `StateExplorer` finds.
///
/// States are told apart only by what can still change the choices on offer or the
/// score from their scene on (see `StateCodec`): the scene, the variables and
/// `visited(...)` scenes that a `requires:` still ahead or an expectation reads, the
/// `once` choices of the scene's component used, and the findings revealed and
/// addressed. A variable read only by `[if]` text lines, say, does not multiply
/// the states; `snapshot(of:)` shows such a variable at its initial value.
///
/// States are numbered from 0 (the start) in breadth-first order and referred
/// to by that number. A state here is a state at rest: continuation scenes are
/// followed at once, so each state offers choices, has ended, or is stuck, and
/// every edge is one choice. States are stored once, packed, and compared by
/// their `CaseState.Snapshot`, so two paths that lead to the same situation
/// meet in one state; the graph may have cycles.
///
/// Edges are kept grouped by the state they leave, so a scoring pass can walk
/// `edges(from:)` state by state (dynamic programming over the graph).
public struct StateGraph: Sendable {
    /// What a state asks of the student.
    public enum Kind: UInt8, Hashable, Sendable {
        /// It offers choices, and all of them were followed.
        case choosing
        /// It is an ending.
        case ended
        /// A soft lock: not an ending, and nothing to choose.
        case stuck
        /// It offers choices that were not followed because the exploration hit its limit.
        case unexplored
    }

    /// One choice leading from one state to another.
    public struct Edge: Hashable, Sendable {
        /// The state the choice is taken in.
        public var from: Int
        /// The choice taken.
        public var choice: ChoiceID
        /// The state it leads to (after any continuation scenes).
        public var to: Int

        /// Creates an edge.
        public init(from: Int, choice: ChoiceID, to: Int) {
            self.from = from
            self.choice = choice
            self.to = to
        }
    }

    /// An ending scene that some state reaches.
    public struct Ending: Hashable, Sendable {
        /// The ending scene.
        public var scene: String
        /// Its outcome id.
        public var outcome: String
        /// How many distinct states rest in that scene.
        public var stateCount: Int

        /// Creates an ending summary.
        public init(scene: String, outcome: String, stateCount: Int) {
            self.scene = scene
            self.outcome = outcome
            self.stateCount = stateCount
        }
    }

    /// An available choice that could not be taken, which only a case the checker would reject has.
    public struct FailedChoice: Hashable, Sendable {
        /// The state the choice was offered in.
        public var state: Int
        /// The choice.
        public var choice: ChoiceID
        /// Why taking it failed.
        public var error: EngineError

        /// Creates a record of a failed choice.
        public init(state: Int, choice: ChoiceID, error: EngineError) {
            self.state = state
            self.choice = choice
            self.error = error
        }
    }

    let codec: StateCodec
    let states: StateStore
    let kinds: [Kind]
    /// `edgeOffsets[s] ..< edgeOffsets[s + 1]` are the edges leaving state `s`.
    let edgeOffsets: [Int32]
    let edgeTargets: [Int32]
    /// Positions in `codec.choiceIDs`.
    let edgeChoices: [Int32]
    /// `offeredStart[s] ..< offeredStart[s + 1]` are the choices offered in state `s` (positions in
    /// `codec.choiceIDs`, in written order), even those exploration did not follow.
    let offeredStart: [Int32]
    let offeredChoices: [Int32]
    /// For each state, the state it was first reached from (-1 for the start) and by which choice.
    let parents: [Int32]
    let parentChoices: [Int32]

    /// Whether the exploration stopped at its limit, so that some states and edges are missing.
    public let isTruncated: Bool
    /// For each scene (the codec's numbering), whether some path enters it, continuation scenes included.
    let entered: [Bool]
    /// For each choice (by number), whether some state found offers it.
    let offeredSomewhere: [Bool]

    /// The scenes some path enters, continuation scenes included, in written order.
    public var reachableScenes: [String] {
        codec.graph.names.indices.filter { entered[$0] }.map { codec.graph.names[$0] }
    }
    /// Every choice offered in some state found (including states the exploration did not expand).
    public var availableChoices: Set<ChoiceID> {
        Set(offeredSomewhere.indices.filter { offeredSomewhere[$0] }.map { codec.choiceIDs[$0] })
    }
    /// The endings some state reaches, in written order.
    public let endings: [Ending]
    /// The soft-locked states, in ascending order.
    public let stuckStates: [Int]
    /// The available choices that could not be taken (a target scene the case lacks).
    public let failedChoices: [FailedChoice]

    /// The number of distinct states found.
    public var stateCount: Int { states.count }
    /// The number of edges found.
    public var edgeCount: Int { edgeTargets.count }
    /// The number of the start state: always 0.
    public var start: Int { 0 }

    /// What the state asks of the student.
    public func kind(of state: Int) -> Kind {
        kinds[state]
    }

    /// The name of the state's current scene.
    public func scene(of state: Int) -> String {
        codec.sceneName(states.scene(of: state))
    }

    /// A played state that behaves like the explored one: an empty path, every kept variable,
    /// visited scene, `once` mark and finding as explored, and the rest at their zero values.
    public func representative(of state: Int) -> CaseState {
        codec.unpack(states.storage(of: state))
    }

    /// Everything about the state that decides the rest of play.
    public func snapshot(of state: Int) -> CaseState.Snapshot {
        codec.unpack(states.storage(of: state)).memoryKey
    }

    /// The choices offered in the state, in written order (all of them, even where exploration stopped
    /// before following one).
    public func offered(in state: Int) -> [ChoiceID] {
        (Int(offeredStart[state])..<Int(offeredStart[state + 1])).map { codec.choiceIDs[Int(offeredChoices[$0])] }
    }

    /// The edges leaving a state, as positions in the edge arrays (`edgeChoice(_:)`, `edgeTarget(_:)`).
    public func edgeRange(from state: Int) -> Range<Int> {
        Int(edgeOffsets[state])..<Int(edgeOffsets[state + 1])
    }

    /// The choice an edge takes.
    public func edgeChoice(_ edge: Int) -> ChoiceID {
        codec.choiceIDs[Int(edgeChoices[edge])]
    }

    /// The state an edge leads to.
    public func edgeTarget(_ edge: Int) -> Int {
        Int(edgeTargets[edge])
    }

    /// Whether the scene of a state can be entered again after leaving it (it lies on a cycle of the
    /// case's scenes, whatever the conditions).
    public func isReturnable(scene: String) -> Bool {
        codec.graph.index[scene].map { codec.graph.isCyclic[$0] } ?? false
    }

    /// Whether scene `target` can be reached from scene `source` by choices and continuations, whatever
    /// the conditions.
    public func sceneReaches(from source: String, to target: String) -> Bool {
        guard let from = codec.graph.index[source], let to = codec.graph.index[target] else { return false }
        return codec.graph.reaches(from: from, to: to)
    }

    // MARK: By number

    /// The number of choices the case has: choices are numbered scene by scene in written order.
    public var choiceCount: Int { codec.choiceIDs.count }

    /// The choice with that number.
    public func choiceID(_ number: Int) -> ChoiceID {
        codec.choiceIDs[number]
    }

    /// The number of a choice, if the case has it.
    public func choiceNumber(_ id: ChoiceID) -> Int? {
        codec.choiceNumber(id)
    }

    /// The number of the choice an edge takes.
    public func edgeChoiceNumber(_ edge: Int) -> Int {
        Int(edgeChoices[edge])
    }

    /// The numbers of the choices offered in the state, in written order.
    public func offeredNumbers(in state: Int) -> [Int] {
        offeredChoices[Int(offeredStart[state])..<Int(offeredStart[state + 1])].map { Int($0) }
    }

    /// The findings in the state's case notes and plan.
    public func notes(of state: Int) -> (revealed: Set<String>, addressed: Set<String>) {
        let storage = states.storage(of: state)
        let scene = storage.first ?? -1
        guard scene >= 0 else { return ([], []) }
        let start = storage.startIndex + codec.layouts[codec.graph.component[scene]].findingsStart
        var revealed: Set<String> = []
        var addressed: Set<String> = []
        for (number, name) in codec.findingNames.enumerated() {
            if StateCodec.FindingBits.isSet(number, addressed: false, in: storage, from: start) { revealed.insert(name) }
            if StateCodec.FindingBits.isSet(number, addressed: true, in: storage, from: start) { addressed.insert(name) }
        }
        return (revealed, addressed)
    }

    /// The choices leaving the state, in the order they are offered.
    public func edges(from state: Int) -> [Edge] {
        (Int(edgeOffsets[state])..<Int(edgeOffsets[state + 1])).map { edge in
            Edge(from: state, choice: codec.choiceIDs[Int(edgeChoices[edge])], to: Int(edgeTargets[edge]))
        }
    }

    /// Every edge, grouped by the state it leaves, states in ascending order.
    public var edges: [Edge] {
        (0..<stateCount).flatMap { edges(from: $0) }
    }

    /// The snapshot this graph keeps for a played state: its memory key less what no `requires:` reads.
    public func snapshot(for state: CaseState) -> CaseState.Snapshot {
        codec.unpack(codec.pack(state)).memoryKey
    }

    /// The state a played state corresponds to, if the explorer reached it.
    public func state(for played: CaseState) -> Int? {
        states.find(codec.pack(played).storage)
    }

    /// The number of the state with this snapshot, if the exploration found it.
    public func state(matching snapshot: CaseState.Snapshot) -> Int? {
        (0..<stateCount).first { codec.unpack(states.storage(of: $0)).memoryKey == snapshot }
    }

    /// The number of the state a played state packs to, if the exploration found it.
    func index(of packed: PackedState) -> Int? {
        states.find(packed.storage)
    }

    /// A shortest list of choices from the start to the state, which `Engine.replay(_:)` plays back.
    ///
    /// Useful to show an author how a soft lock or an ending is reached.
    public func shortestPath(to state: Int) -> [ChoiceID] {
        var path: [ChoiceID] = []
        var current = state
        while parents[current] >= 0 {
            path.append(codec.choiceIDs[Int(parentChoices[current])])
            current = Int(parents[current])
        }
        return path.reversed()
    }
}
