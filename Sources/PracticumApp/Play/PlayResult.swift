import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring

/// What `play --json` prints at the end: the case, the ending, the path taken.
struct PlayResult: Encodable {
    struct Ending: Encodable {
        var scene: String
        var outcome: String
    }

    struct PathStep: Encodable {
        var step: Int
        var scene: String
        /// The number shown among the available choices.
        var choice: Int
        /// `scene#n`: the choice's place among all the scene's written choices.
        var id: String
        var text: String
        var phase: String
    }

    var scenario: String
    /// The case's fingerprint (`Scenario.fingerprint`): `replay` refuses the attempt against any other version.
    var fingerprint: String
    var title: String
    var mode: String
    /// The seed each scene's choices were shuffled from, or nil when they were shown in written order.
    var seed: UInt64?
    /// The choices undone in practice mode before this path was reached.
    var undone: [UndoneChoice]
    var complete: Bool
    var ending: Ending?
    var path: [PathStep]
    var revealed: [String]
    var addressed: [String]
    var variables: [String: Value]
    /// The score, recomputed from the path.
    var score: ScoreReport?
    /// Scripted play only: the items of `--choices` left when the case ended, as written; nil when none were.
    var unusedChoices: [String]?

    enum CodingKeys: String, CodingKey {
        case scenario, fingerprint, title, mode, seed, undone, complete, ending, path, revealed, addressed, variables, score
        case unusedChoices
    }

    /// Encodes every key, with `"ending": null` for a case that has not ended.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(title, forKey: .title)
        try container.encode(mode, forKey: .mode)
        try container.encode(seed, forKey: .seed)
        try container.encode(undone, forKey: .undone)
        try container.encode(complete, forKey: .complete)
        try container.encode(ending, forKey: .ending)
        try container.encode(path, forKey: .path)
        try container.encode(revealed, forKey: .revealed)
        try container.encode(addressed, forKey: .addressed)
        try container.encode(variables, forKey: .variables)
        try container.encode(score, forKey: .score)
        try container.encodeIfPresent(unusedChoices, forKey: .unusedChoices)
    }

    init(
        scenario: Scenario, state: CaseState, mode: PlayMode, engine: Engine, score: ScoreReport?,
        undone: [UndoneChoice] = [], fingerprint: String? = nil
    ) {
        self.fingerprint = fingerprint ?? scenario.fingerprint
        self.score = score
        seed = engine.order.seed
        self.undone = undone
        self.scenario = scenario.id
        title = scenario.header.title
        self.mode = mode.rawValue
        if case .ended(let outcome) = engine.status(of: state) {
            complete = true
            ending = Ending(scene: state.scene, outcome: outcome)
        } else {
            complete = false
        }
        path = state.path.enumerated().map { index, step in
            PathStep(
                step: index + 1, scene: step.scene, choice: step.number, id: step.choice.description, text: step.text,
                phase: step.phase)
        }
        revealed = state.revealedFindings
        addressed = state.addressedFindings
        variables = state.variables
    }
}
