import Foundation
import PracticumCore
import PracticumTerminal

/// The `practicum` command line: a table of subcommands and the dispatch over it.
public enum Practicum {
    /// Every subcommand, in the order `practicum --help` lists them.
    static let commands: [any Command.Type] = [
        PlayCommand.self, ListCommand.self, CheckCommand.self, TestCommand.self, ExploreCommand.self,
        SimulateCommand.self, ExportCommand.self, GraphCommand.self, NewCommand.self, ReplayCommand.self,
        AttemptsCommand.self, DebriefCommand.self, SessionCommand.self, GradeCommand.self,
        ReviewCommand.self, ServeCommand.self, GuideCommand.self, PanduanCommand.self, ExplainCommand.self,
    ]

    static let helpOption = OptionSpec.flag("help", short: "h", help: "Show this help.")

    /// The version printed by `--version`.
    public static let version = "0.1.0"

    /// Runs `practicum` with its arguments (without the program name); returns the exit code.
    public static func run(_ arguments: [String], context: inout AppContext) -> Int32 {
        guard let first = arguments.first else {
            return runCommand(PlayCommand.self, [], context: &context)
        }
        switch first {
        case "--help", "-h", "help":
            if first == "help", arguments.count > 1, let command = command(named: arguments[1]) {
                context.output.write(command.help(width: context.textWidth))
            } else {
                context.output.write(overview())
            }
            return ExitCode.success
        case "--version":
            context.output.writeLine("practicum \(version)")
            return ExitCode.success
        default:
            guard let command = command(named: first) else {
                let names = commands.map { $0.name }
                let suggestion = closestMatch(to: first, in: names)
                context.errors.writeLine(
                    "error: unknown command '\(first)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
                context.errors.writeLine("Run 'practicum --help' to see the commands.")
                return ExitCode.usage
            }
            return runCommand(command, Array(arguments.dropFirst()), context: &context)
        }
    }

    private static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    private static func runCommand(_ command: any Command.Type, _ arguments: [String], context: inout AppContext) -> Int32 {
        do {
            let scanned = try command.scan(arguments)
            if scanned.flag("help") {
                context.output.write(command.help(width: context.textWidth))
                return ExitCode.success
            }
            return try command.run(scanned, context: &context)
        } catch {
            let label = Style.red.union(.bold).apply("error:", enabled: context.colorErrors)
            context.errors.writeLine("\(label) \(error.message)")
            if let hint = error.hint { context.errors.writeLine(hint) }
            return error.exitCode
        }
    }

    /// `practicum --help`.
    static func overview() -> String {
        var text = """
            practicum: practise social work cases in the terminal

            usage: practicum <command> [options]

            commands:

            """
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

            With no command, 'practicum' opens the case library to play.
            Run 'practicum <command> --help' for a command's options.

            """
        return text
    }
}
