/// A checked case, ready to play: what the parser and checker produce and what
/// the engine, scoring and classroom modules consume. It carries no source text.
public struct Scenario: Hashable, Sendable {
    /// The newest version of the JSON form: 3 is the text format v1.3 (an expectation's situation, `when:`,
    /// and a risk's `safe when:`); 2 is v1.1 and v1.2 (finding kinds, expectations, pinned choices,
    /// objectives linked to expectations, reflections). A case is exported at the lowest version that holds
    /// it (`formatVersionNeeded`), so a case written without v1.3's lines keeps its version and fingerprint.
    public static let formatVersion = 4
    /// The JSON form versions this model reads: 1 (text format v1.0) to 4.
    public static let readableFormatVersions = 1...4

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
    /// What a competent attempt must show by the time it reaches an ending, in written order.
    public var expectations: [Expectation]

    /// Creates a scenario from its parts.
    public init(
        header: Header, findings: [Finding], variables: [Variable], scenes: [Scene], start: String,
        expectations: [Expectation] = []
    ) {
        self.header = header
        self.findings = findings
        self.variables = variables
        self.scenes = scenes
        self.start = start
        self.expectations = expectations
        self.sceneIndex = Dictionary(scenes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private var sceneIndex: [String: Int]

    /// The case's id from its header.
    public var id: String { header.id }

    /// The scene with that name, if there is one.
    public func scene(named name: String) -> Scene? {
        sceneIndex[name].map { scenes[$0] }
    }

    /// Where the scene with that name lies in `scenes`, if there is one: for reading a few of its parts in
    /// place (`scenario.scenes[position].choices`) where a copy of the whole scene would cost more.
    public func position(ofScene name: String) -> Int? {
        sceneIndex[name]
    }

    /// The lowest JSON form version that holds this case: 3 when it uses a v1.3 line (an expectation's
    /// `when:` or a risk's `safe when:`), 2 otherwise.
    public var formatVersionNeeded: Int {
        // v1.4's lines are shown to students before and after play (a content warning, a dilemma's
        // trade-off); a reader that does not know them must refuse the file rather than drop them.
        if header.contentWarning != nil || scenes.contains(where: { $0.dilemma != nil }) { return 4 }
        let usesV13 = expectations.contains { $0.situation != nil } || findings.contains { $0.safeWhen != nil }
        return usesV13 ? 3 : 2
    }

    /// Every condition read where an attempt ends: each expectation's condition and situation, and each
    /// risk's `safe when:`. Whatever they read must be kept wherever a path can go on to an ending.
    public var endConditions: [Condition] {
        var conditions: [Condition] = []
        for expectation in expectations {
            conditions.append(expectation.condition)
            if let situation = expectation.situation { conditions.append(situation) }
        }
        for finding in findings { if let safe = finding.safeWhen { conditions.append(safe) } }
        return conditions
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
            && lhs.scenes == rhs.scenes && lhs.start == rhs.start && lhs.expectations == rhs.expectations
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
    /// What the case touches that a student should know before starting (`content-warning:`, format v1.4):
    /// suicide, abuse, violence, self-harm. Shown by `list` and the play menu.
    public var contentWarning: String?
    public var author: String?
    public var version: String?
    /// The learning objectives, in written order.
    public var objectives: [Objective]
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
        objectives: [Objective] = [], weights: [Weight] = [], contentWarning: String? = nil
    ) {
        self.contentWarning = contentWarning
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
public struct Finding: Hashable, Sendable {
    public var id: String
    /// What the case notes say once it is revealed.
    public var text: String
    /// Whether the finding is a need (the default), a risk or a strength.
    public var kind: Kind
    /// For a risk: the condition under which it no longer endangers anyone (`safe when: COND`, format v1.3),
    /// read where the attempt ends. Without it a revealed risk is open until the plan addresses it.
    public var safeWhen: Condition?

    /// What a finding is to the plan (`finding ID [risk]: ...`).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Something the plan should take up; left out of the plan, it is "a need identified but not planned for".
        case need
        /// A danger to the client or someone else (suicide, abuse, exploitation, violence); left out of the
        /// plan, it is a major omission.
        case risk
        /// A resource the plan can build on; leaving it out of the plan costs nothing.
        case strength
    }

    public init(id: String, text: String, kind: Kind = .need, safeWhen: Condition? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.safeWhen = safeWhen
    }
}

extension Finding: Codable {
    private enum CodingKeys: String, CodingKey { case id, text, kind }

    /// Decodes `{"id", "text", "kind"?}`; a finding without a kind is a need.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        text = try container.decode(String.self, forKey: .text)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .need
    }

    /// Encodes the kind only when it is not the default (a need), so v1 findings keep their form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(text, forKey: .text)
        if kind != .need { try container.encode(kind, forKey: .kind) }
    }
}

/// A learning objective of the case, and the expectations whose being met shows it.
public struct Objective: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The objective as the author wrote it.
    public var text: String
    /// The names of the expectations that show it (`[shown by: a, b]`); empty when the model does not assess it.
    public var shownBy: [String]

    public init(text: String, shownBy: [String] = []) {
        self.text = text
        self.shownBy = shownBy
    }

    public init(stringLiteral text: String) {
        self.init(text: text)
    }
}

extension Objective: Codable {
    private enum CodingKeys: String, CodingKey { case text, shownBy }

    /// Decodes a plain string (format version 1) or `{"text", "shownBy"?}`.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.text = text
            shownBy = []
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        shownBy = try container.decodeIfPresent([String].self, forKey: .shownBy) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        if !shownBy.isEmpty { try container.encode(shownBy, forKey: .shownBy) }
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

extension Scenario {
    /// Whether a name is a valid case id, scene name, finding id or variable name: lowercase letters,
    /// digits and '-'.
    public static func isValidName(_ name: String) -> Bool {
        SourceBytes.isValidName(name)
    }
}
