import PracticumCore

/// Something that happened while a case was played, in the order a client should show it.
///
/// The engine returns events beside every new state; a client renders them and
/// otherwise reads the state. Taking a choice yields, in order: `chose`, then
/// `changed` for each variable whose value changed, `revealed` and `addressed`
/// for each finding new to the case notes or the plan, `feedback` (if the
/// choice has any), `entered` for the target scene and `ended` if that scene
/// is an ending.
public enum Event: Hashable, Sendable {
    /// The student arrived in a scene.
    case entered(scene: String)
    /// The student took a choice.
    case chose(Step)
    /// What the student is told about the choice just taken.
    case feedback(String)
    /// A finding entered the case notes.
    case revealed(finding: String)
    /// A finding entered the intervention plan as a goal.
    case addressed(finding: String)
    /// A case variable took a new value.
    case changed(variable: String, from: Value, to: Value)
    /// The case reached an ending scene, with that scene's outcome id.
    case ended(outcome: String, scene: String)
}
