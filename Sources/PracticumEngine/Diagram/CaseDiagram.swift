import PracticumCore

/// A case drawn as a graph: its scenes as nodes and the ways between them as edges, the shape `practicum graph`
/// renders as Graphviz dot or Mermaid.
///
/// The diagram is the written case, not the states a play can reach: a choice is one edge whether or not its
/// `requires:` holds, and the edge says what it requires. A walk (`DiagramPath`) can be laid over it, marking the
/// scenes and edges a given list of choices passes through.
public struct CaseDiagram: Hashable, Sendable {
    /// A scene of the case.
    public struct Node: Hashable, Sendable {
        /// The scene's name.
        public var name: String
        /// What the scene does: offers choices, only continues, or ends the case.
        public var role: Role
        /// Whether the scene is marked `[crisis]`.
        public var isCrisis: Bool
        /// Whether play starts here.
        public var isStart: Bool
        /// Whether the walk laid over the diagram passes through this scene.
        public var onPath = false
    }

    /// What a scene does.
    public enum Role: Hashable, Sendable {
        /// It offers choices.
        case choosing
        /// It has no choices and continues (`-> NAME`).
        case continuing
        /// It ends the case with this outcome id.
        case ending(outcome: String)
    }

    /// A way from one scene to another.
    public struct Edge: Hashable, Sendable {
        /// The scene it leaves.
        public var from: String
        /// The scene it leads to.
        public var to: String
        /// A choice or a continuation.
        public var kind: Kind
        /// Whether the walk laid over the diagram takes this edge.
        public var onPath = false
        /// For a choice, the steps of the walk (1-based, counted as play counts them: one per choice) that take
        /// it, in order; empty when the walk does not, and for a continuation.
        public var steps: [Int] = []
    }

    /// What an edge is.
    public enum Kind: Hashable, Sendable {
        /// A choice: its number among the scene's written choices (the number it is shown under when every
        /// choice of the scene is on offer, as in scripted play), its phase id, what it requires, whether it is
        /// `once`.
        case choice(number: Int, phase: String, requires: Condition?, once: Bool)
        /// A scene without choices going on (`-> NAME`).
        case continuation
    }

    /// The case's title and id.
    public var title: String
    public var id: String
    /// The case's language (`en` or `id`): the language outcome names are shown in.
    public var language: String
    /// Every scene, in written order.
    public var nodes: [Node]
    /// Every choice and continuation, scene by scene in written order.
    public var edges: [Edge]

    /// The diagram of a checked case.
    public init(_ scenario: Scenario) {
        title = scenario.header.title
        id = scenario.id
        language = scenario.header.language
        nodes = []
        edges = []
        for scene in scenario.scenes {
            let role: Role
            if let outcome = scene.ending {
                role = .ending(outcome: outcome)
            } else if scene.choices.isEmpty, scene.next != nil {
                role = .continuing
            } else {
                role = .choosing
            }
            nodes.append(Node(name: scene.name, role: role, isCrisis: scene.isCrisis, isStart: scene.name == scenario.start))
            for (index, choice) in scene.choices.enumerated() {
                edges.append(
                    Edge(
                        from: scene.name, to: choice.target,
                        kind: .choice(number: index + 1, phase: choice.phase, requires: choice.requires, once: choice.once)))
            }
            if scene.choices.isEmpty, scene.ending == nil, let next = scene.next {
                edges.append(Edge(from: scene.name, to: next, kind: .continuation))
            }
        }
    }

    /// The diagram with a walk laid over it: the scenes it passes through and the edges it takes are marked,
    /// each edge with the steps that take it.
    public func marking(_ path: DiagramPath) -> CaseDiagram {
        var marked = self
        let scenes = Set(path.scenes)
        for index in marked.nodes.indices where scenes.contains(marked.nodes[index].name) {
            marked.nodes[index].onPath = true
        }
        var step = 0
        for move in path.moves {
            if case .choice = move { step += 1 }
            guard let index = marked.edgeIndex(of: move) else { continue }
            marked.edges[index].onPath = true
            if case .choice = move { marked.edges[index].steps.append(step) }
        }
        return marked
    }

    /// Where the edge a move takes lies in `edges`.
    func edgeIndex(of move: DiagramPath.Move) -> Int? {
        switch move {
        case .choice(let id):
            return edges.firstIndex {
                guard $0.from == id.scene, case .choice(let number, _, _, _) = $0.kind else { return false }
                return number == id.index + 1
            }
        case .continuation(let scene):
            return edges.firstIndex { $0.from == scene && $0.kind == .continuation }
        }
    }
}
