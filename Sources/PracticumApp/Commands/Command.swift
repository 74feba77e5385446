import PracticumTerminal

/// A `practicum` subcommand. The table in `Practicum.commands` is read by both
/// dispatch and `--help`, so help cannot drift from behaviour.
protocol Command: Sendable {
    /// The word after `practicum`.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The usage line(s), without the leading "usage: ".
    static var usage: String { get }
    /// A paragraph or two shown by `--help` after the usage.
    static var discussion: String { get }
    /// The options the command accepts (`--help` is added for every command).
    static var options: [OptionSpec] { get }

    /// Runs the command; returns the exit code or throws a `CommandError`.
    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32
}

extension Command {
    /// The full `--help` text.
    static func help(width: Int) -> String {
        var text = "\(summary)\n\nusage: practicum \(usage)\n"
        if !discussion.isEmpty {
            text += "\n" + TextWrapper.wrap(discussion, width: width).joined(separator: "\n") + "\n"
        }
        let scanner = ArgumentScanner(options: options + [Practicum.helpOption])
        text += "\noptions:\n" + scanner.helpText(width: width)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Scans the arguments with this command's options.
    static func scan(_ arguments: [String]) throws(CommandError) -> ScannedArguments {
        do {
            return try ArgumentScanner(options: options + [Practicum.helpOption]).scan(arguments)
        } catch {
            throw .usage(error.description, hint: "see 'practicum \(name) --help'")
        }
    }
}
