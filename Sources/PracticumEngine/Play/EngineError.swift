import PracticumCore

/// Why the engine refused a move; `description` says what the student can do instead.
public enum EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number is not one of the choices on offer (`available` of them, numbered from 1).
    case choiceOutOfRange(number: Int, available: Int)
    /// The choice exists but is not on offer in this state (another scene, unmet
    /// `requires`, or a `once` choice already taken).
    case choiceNotAvailable(ChoiceID)
    /// The scene offers nothing to choose: the case has ended or continues with Enter.
    case notChoosing
    /// The scene does not continue on its own: it has choices, or the case has ended.
    case nothingToContinue
    /// The state or a choice names a scene the case does not have.
    case unknownScene(String)

    /// A sentence a student or the command line can show.
    public var description: String {
        switch self {
        case .choiceOutOfRange(let number, 0):
            return "There is no choice \(number): nothing can be chosen here."
        case .choiceOutOfRange(let number, 1):
            return "There is no choice \(number): the only choice is 1."
        case .choiceOutOfRange(let number, let available):
            return "There is no choice \(number): pick a number from 1 to \(available)."
        case .choiceNotAvailable(let id):
            return "Choice \(id) is not on offer at this point of the case."
        case .notChoosing:
            return "There is nothing to choose here: the case has ended or continues when you press Enter."
        case .nothingToContinue:
            return "The case does not continue on its own here: pick one of the choices, or the case has ended."
        case .unknownScene(let name):
            return "The case has no scene named '\(name)'; the saved play may belong to another version of the case."
        }
    }
}
