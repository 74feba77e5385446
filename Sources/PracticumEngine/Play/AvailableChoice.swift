import PracticumCore

/// A choice the student can take right now, with the number it is shown under.
public struct AvailableChoice: Hashable, Sendable {
    /// The 1-based number among the choices available now (not the written position).
    public var number: Int
    /// Which written choice it is.
    public var id: ChoiceID
    /// The choice itself.
    public var choice: Choice

    /// Creates an available choice.
    public init(number: Int, id: ChoiceID, choice: Choice) {
        self.number = number
        self.id = id
        self.choice = choice
    }
}
