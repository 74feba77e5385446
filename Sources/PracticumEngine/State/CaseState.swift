import PracticumCore

/// Where a student is in a case: the current scene, the case variables, what
/// the case notes and the plan hold, and the path of choices taken so far.
///
/// A state is a value: the engine never changes one, it returns a new one.
/// States round-trip through `Codable` exactly, and encoding one with a
/// `JSONEncoder` whose `outputFormatting` includes `.sortedKeys` gives the
/// same text every time, so a saved play diffs cleanly and can be hashed.
public struct CaseState: Codable, Hashable, Sendable {
    /// The id of the case this state belongs to.
    public internal(set) var scenarioID: String
    /// The name of the current scene.
    public internal(set) var scene: String
    /// The current value of every case variable.
    public internal(set) var variables: [String: Value]
    /// The scenes entered so far that some condition of the case asks about (`visited(...)`), in the
    /// order of first visit. Scenes no condition asks about are not recorded: nothing reads them, and a
    /// long play would otherwise carry every scene it passed through.
    public internal(set) var visitedScenes: [String]
    /// The `once` choices already taken, which are no longer offered.
    public internal(set) var usedOnceChoices: Set<ChoiceID>
    /// The findings in the case notes, in the order they were revealed.
    public internal(set) var revealedFindings: [String]
    /// The findings in the intervention plan, in the order they were addressed.
    public internal(set) var addressedFindings: [String]
    /// The choices taken so far, in order.
    public internal(set) var path: [Step]

    init(
        scenarioID: String, scene: String, variables: [String: Value], visitedScenes: [String] = [],
        usedOnceChoices: Set<ChoiceID> = [], revealedFindings: [String] = [],
        addressedFindings: [String] = [], path: [Step] = []
    ) {
        self.scenarioID = scenarioID
        self.scene = scene
        self.variables = variables
        self.visitedScenes = visitedScenes
        self.usedOnceChoices = usedOnceChoices
        self.revealedFindings = revealedFindings
        self.addressedFindings = addressedFindings
        self.path = path
    }

    /// The ids of the choices taken so far, in order: what grading replays.
    public var choicesTaken: [ChoiceID] {
        path.map { $0.choice }
    }

    /// Whether the student has been in the scene.
    public func hasVisited(_ scene: String) -> Bool {
        visitedScenes.contains(scene)
    }

    /// Whether the finding is in the case notes.
    public func hasRevealed(_ finding: String) -> Bool {
        revealedFindings.contains(finding)
    }

    /// Whether the finding is in the intervention plan.
    public func hasAddressed(_ finding: String) -> Bool {
        addressedFindings.contains(finding)
    }

    // MARK: Updates the engine makes

    /// Moves to the scene, recording it when some condition asks about it.
    mutating func visit(_ scene: String, recording: Bool) {
        self.scene = scene
        if recording && !visitedScenes.contains(scene) { visitedScenes.append(scene) }
    }

    /// Adds the finding to the case notes; false when it was already there.
    mutating func reveal(_ finding: String) -> Bool {
        guard !revealedFindings.contains(finding) else { return false }
        revealedFindings.append(finding)
        return true
    }

    /// Adds the finding to the plan; false when it was already there.
    mutating func address(_ finding: String) -> Bool {
        guard !addressedFindings.contains(finding) else { return false }
        addressedFindings.append(finding)
        return true
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case scenarioID, scene, variables, visitedScenes, usedOnceChoices, revealedFindings,
            addressedFindings, path
    }

    /// Decodes a state saved by `encode(to:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenarioID = try container.decode(String.self, forKey: .scenarioID)
        scene = try container.decode(String.self, forKey: .scene)
        variables = try container.decode([String: Value].self, forKey: .variables)
        visitedScenes = try container.decode([String].self, forKey: .visitedScenes)
        usedOnceChoices = Set(try container.decode([ChoiceID].self, forKey: .usedOnceChoices))
        revealedFindings = try container.decode([String].self, forKey: .revealedFindings)
        addressedFindings = try container.decode([String].self, forKey: .addressedFindings)
        path = try container.decode([Step].self, forKey: .path)
    }

    /// Encodes the state, with the used `once` choices sorted so the output is stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenarioID, forKey: .scenarioID)
        try container.encode(scene, forKey: .scene)
        try container.encode(variables, forKey: .variables)
        try container.encode(visitedScenes, forKey: .visitedScenes)
        try container.encode(usedOnceChoices.sorted(), forKey: .usedOnceChoices)
        try container.encode(revealedFindings, forKey: .revealedFindings)
        try container.encode(addressedFindings, forKey: .addressedFindings)
        try container.encode(path, forKey: .path)
    }
}
