import PracticumCore
import PracticumEngine

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
    var title: String
    var mode: String
    var complete: Bool
    var ending: Ending?
    var path: [PathStep]
    var revealed: [String]
    var addressed: [String]
    var variables: [String: Value]

    init(scenario: Scenario, state: CaseState, mode: PlayMode, engine: Engine) {
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
