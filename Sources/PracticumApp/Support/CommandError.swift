/// A failure a command reports to the user: a message on standard error and an exit code.
public struct CommandError: Error, Equatable {
    public var message: String
    public var exitCode: Int32
    /// Shown after the message: what to do next.
    public var hint: String?

    public init(_ message: String, exitCode: Int32 = ExitCode.failure, hint: String? = nil) {
        self.message = message
        self.exitCode = exitCode
        self.hint = hint
    }

    /// Misuse of the command line (exit 64).
    public static func usage(_ message: String, hint: String? = nil) -> CommandError {
        CommandError(message, exitCode: ExitCode.usage, hint: hint)
    }
}

/// The exit codes of `practicum`.
public enum ExitCode {
    /// Everything worked.
    public static let success: Int32 = 0
    /// A user-facing failure: a case with errors, a file that cannot be read, a rejected choice.
    public static let failure: Int32 = 1
    /// The command line was wrong (EX_USAGE).
    public static let usage: Int32 = 64
    /// `explore` stopped at its `--max-states` limit: what it reports covers only the states it found.
    public static let incomplete: Int32 = 3
    /// Stopped by Ctrl-C after saving.
    public static let interrupted: Int32 = 130
}
