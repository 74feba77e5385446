/// A mistake in the command-line arguments, worded so the user can correct it.
///
/// Option names are carried as the user spelled them, with their dashes (`--choices`, `-c`).
public enum ArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An option that is not declared, with the closest declared option if one is near.
    case unknownOption(String, suggestion: String?)
    /// An option that needs a value was given none.
    case missingValue(option: String)
    /// A flag was given a value, as in `--json=yes`.
    case unexpectedValue(flag: String)
    /// An option that may appear only once was given again.
    case repeatedOption(String)

    /// A one-line message for the user.
    public var description: String {
        switch self {
        case .unknownOption(let name, let suggestion?):
            return "unknown option '\(name)'; did you mean '\(suggestion)'?"
        case .unknownOption(let name, nil):
            return "unknown option '\(name)'"
        case .missingValue(let option):
            return "option '\(option)' needs a value"
        case .unexpectedValue(let flag):
            return "flag '\(flag)' does not take a value"
        case .repeatedOption(let name):
            return "option '\(name)' may be given only once"
        }
    }
}
