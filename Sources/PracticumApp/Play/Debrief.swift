import PracticumCore
import PracticumEngine

/// The end-of-play debrief: the outcome, the case notes and the plan.
struct Debrief {
    let strings: Strings
    let screen: PlayScreen
    let content: ContentLibrary

    func render(state: CaseState, engine: Engine) -> String {
        let scenario = engine.scenario
        var text = "\n" + screen.styled(String(repeating: "─", count: screen.width), .dim) + "\n"
        text += screen.styled(strings("debrief.title"), .bold) + "\n\n"
        if case .ended(let outcome) = engine.status(of: state) {
            text += screen.wrap(strings("debrief.outcome", ["outcome": strings.outcome(outcome)])) + "\n"
        }
        text += screen.wrap(strings("debrief.steps", ["count": String(state.path.count)])) + "\n\n"
        text += screen.notes(state, scenario: scenario) + "\n"
        text += screen.plan(state, scenario: scenario)
        return text
    }
}
