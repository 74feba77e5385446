import Foundation
import PracticumCore
import PracticumScoring
import PracticumTerminal

/// Everything a command touches outside itself: streams, environment, terminal,
/// folders. Tests build one with captured output and scripted input.
public struct AppContext {
    public var output: any TextOutput
    public var errors: any TextOutput
    public var input: any LineInput
    public var environment: [String: String]
    public var terminal: TerminalInfo
    public var workingDirectory: URL
    public var executable: URL?
    /// Whether standard input is a person at a terminal (otherwise a pipe or a file).
    public var inputIsTerminal: Bool
    /// Called once when play starts with what to say on Ctrl-C, so the executable can exit cleanly.
    public var onInterrupt: ((InterruptNotice) -> Void)?
    /// Draws the seed of a new attempt's shuffled choice order (tests fix it).
    public var drawSeed: () -> UInt64 = { UInt64.random(in: 0...UInt64.max) }
    /// The scorers built so far: each case is explored once per process, however often it is scored.
    public var scorers = ScorerCache()
    /// Keeps a large value alive until the process exits, where freeing it would be work thrown away (a
    /// 20 MB case takes tens of milliseconds to free). The real process keeps it; tests, which run many
    /// commands in one process, let it be freed as usual.
    public var keepUntilExit: (Any) -> Void = { _ in }

    public init(
        output: any TextOutput, errors: any TextOutput, input: any LineInput, environment: [String: String],
        terminal: TerminalInfo, workingDirectory: URL, executable: URL?, inputIsTerminal: Bool
    ) {
        self.output = output
        self.errors = errors
        self.input = input
        self.environment = environment
        self.terminal = terminal
        self.workingDirectory = workingDirectory
        self.executable = executable
        self.inputIsTerminal = inputIsTerminal
    }

    /// The context of the running process: real streams, environment and terminal.
    public static func process() -> AppContext {
        let terminal = TerminalInfo()
        var context = AppContext(
            output: StandardOutput(), errors: StandardError(), input: StandardInput(),
            environment: ProcessInfo.processInfo.environment, terminal: terminal,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            executable: Bundle.main.executableURL?.resolvingSymlinksInPath(),
            inputIsTerminal: terminal.isTerminal(STDIN_FILENO))
        context.keepUntilExit = { ProcessLifetime.shared.keep($0) }
        return context
    }

    /// How the user runs Practicum, for hints that name a command: `swift run practicum` when the executable
    /// is the one `swift run` builds, otherwise `practicum`.
    var commandName: String {
        executable?.path.contains("/.build/") == true ? "swift run practicum" : "practicum"
    }

    /// A path as the user typed it, made absolute against the working directory (whether or not that URL
    /// ends in a slash).
    func url(forPath path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
    }

    /// Whether standard output is a terminal.
    var outputIsTerminal: Bool { terminal.isTerminal(STDOUT_FILENO) }

    /// Whether to colour standard output.
    var colorOutput: Bool { terminal.colorEnabled(for: STDOUT_FILENO) }

    /// Whether to colour diagnostics on standard error.
    var colorErrors: Bool { terminal.colorEnabled(for: STDERR_FILENO) }

    /// The width to wrap text to: the terminal's, at most 80 columns.
    var textWidth: Int { min(80, max(20, terminal.width)) }

    /// Tells the executable what to say on Ctrl-C from now on, wrapped to the terminal when it is said.
    func sayOnInterrupt(_ text: String) {
        onInterrupt?(InterruptNotice(text, terminal: terminal))
    }

    var locator: ContentLocator {
        ContentLocator(workingDirectory: workingDirectory, executable: executable, environment: environment)
    }
}

/// Values kept for the rest of the process (see `AppContext.keepUntilExit`).
final class ProcessLifetime: @unchecked Sendable {
    static let shared = ProcessLifetime()
    private let lock = NSLock()
    private var kept: [Any] = []

    func keep(_ value: Any) {
        lock.withLock { kept.append(value) }
    }
}
