/// A checked case, ready to play: what the parser and checker produce and what
/// the engine, scoring and classroom modules consume. It carries no source text.
public struct Scenario: Hashable, Sendable {
    /// The version of the JSON form this model corresponds to.
    public static let formatVersion = 1

    /// The header: who, where, which language, which level.
    public var header: Header
    /// Facts about the client that assessment can reveal and planning can address, in written order.
    public var findings: [Finding]
    /// Case state, with initial values, in written order.
    public var variables: [Variable]
    /// Every scene, in written order.
    public var scenes: [Scene]
    /// The name of the scene where play starts.
    public var start: String

    /// Creates a scenario from its parts.
    public init(header: Header, findings: [Finding], variables: [Variable], scenes: [Scene], start: String) {
        self.header = header
        self.findings = findings
        self.variables = variables
        self.scenes = scenes
        self.start = start
        self.sceneIndex = Dictionary(scenes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private var sceneIndex: [String: Int]

    /// The case's id from its header.
    public var id: String { header.id }

    /// The scene with that name, if there is one.
    public func scene(named name: String) -> Scene? {
        sceneIndex[name].map { scenes[$0] }
    }

    /// The finding with that id, if there is one.
    public func finding(named id: String) -> Finding? {
        findings.first { $0.id == id }
    }

    /// The initial value of every variable.
    public var initialValues: [String: Value] {
        Dictionary(variables.map { ($0.name, $0.initial) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (lhs: Scenario, rhs: Scenario) -> Bool {
        lhs.header == rhs.header && lhs.findings == rhs.findings && lhs.variables == rhs.variables
            && lhs.scenes == rhs.scenes && lhs.start == rhs.start
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(header.id)
        hasher.combine(scenes.count)
    }
}

/// The header of a case.
public struct Header: Hashable, Sendable, Codable {
    public var title: String
    public var id: String
    /// `en` or `id`.
    public var language: String
    /// `micro`, `mezzo` or `macro`.
    public var level: String
    public var client: String?
    public var setting: String?
    /// Estimated play time in minutes.
    public var minutes: Int?
    public var author: String?
    public var version: String?
    /// The learning objectives, in written order.
    public var objectives: [String]
    /// Dimension weights that override the rubric's, in written order (`weights: practice 40, ethics 30`).
    public var weights: [Weight]

    /// One `dimension N` pair from a `weights:` header line.
    public struct Weight: Hashable, Sendable, Codable {
        public var dimension: String
        public var value: Int
        public init(dimension: String, value: Int) {
            self.dimension = dimension
            self.value = value
        }
    }

    /// Creates a header; only the four required keys have no default.
    public init(
        title: String, id: String, language: String, level: String, client: String? = nil,
        setting: String? = nil, minutes: Int? = nil, author: String? = nil, version: String? = nil,
        objectives: [String] = [], weights: [Weight] = []
    ) {
        self.title = title
        self.id = id
        self.language = language
        self.level = level
        self.client = client
        self.setting = setting
        self.minutes = minutes
        self.author = author
        self.version = version
        self.objectives = objectives
        self.weights = weights
    }
}

/// A fact about the client that assessment can reveal and planning can address.
public struct Finding: Hashable, Sendable, Codable {
    public var id: String
    /// What the case notes say once it is revealed.
    public var text: String
    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// A case variable and its initial value.
public struct Variable: Hashable, Sendable, Codable {
    public var name: String
    public var initial: Value
    public init(name: String, initial: Value) {
        self.name = name
        self.initial = initial
    }
}
