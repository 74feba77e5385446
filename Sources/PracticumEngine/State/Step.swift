import PracticumCore

/// One choice a student took: the entry of a case's path that grading and undo replay.
public struct Step: Codable, Hashable, Sendable {
    /// The scene the choice was taken in.
    public var scene: String
    /// Which written choice it was.
    public var choice: ChoiceID
    /// The 1-based number the choice had among the choices available at that moment.
    public var number: Int
    /// The choice's text as the student saw it.
    public var text: String
    /// The lifecycle phase id of the choice.
    public var phase: String

    /// Creates a step.
    public init(scene: String, choice: ChoiceID, number: Int, text: String, phase: String) {
        self.scene = scene
        self.choice = choice
        self.number = number
        self.text = text
        self.phase = phase
    }
}
