import PracticumCore

/// A choice the student took and then undid in practice mode: kept so that the debrief, and every
/// place the attempt's score appears, can say that the attempt was helped by undo, and where.
public struct UndoneChoice: Codable, Hashable, Sendable {
    /// The 1-based step the choice had been taken at.
    public var step: Int
    /// The choice that was undone.
    public var choice: ChoiceID
    /// Its text, as the student saw it.
    public var text: String

    /// Creates a record of an undone choice.
    public init(step: Int, choice: ChoiceID, text: String) {
        self.step = step
        self.choice = choice
        self.text = text
    }
}
