import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the program can assume about its terminal: whether a stream is one, its width, and colour.
///
/// The environment and the two system queries are injectable so the decisions can be tested.
public struct TerminalInfo: Sendable {
    /// The environment variables consulted (`TERM`, `COLUMNS`, `NO_COLOR`).
    public var environment: [String: String]
    private let isTTY: @Sendable (Int32) -> Bool
    private let windowColumns: @Sendable () -> Int?

    /// Creates terminal information from an environment and, optionally, replacements for
    /// `isatty` and for the window-size query (which returns the column count, or nil).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isTTY: @escaping @Sendable (Int32) -> Bool = { isatty($0) == 1 },
        windowColumns: @escaping @Sendable () -> Int? = TerminalInfo.systemWindowColumns
    ) {
        self.environment = environment
        self.isTTY = isTTY
        self.windowColumns = windowColumns
    }

    /// Whether the file descriptor (such as `STDOUT_FILENO`) is a terminal worth talking to;
    /// `TERM=dumb` counts as no terminal.
    public func isTerminal(_ fileDescriptor: Int32) -> Bool {
        environment["TERM"] != "dumb" && isTTY(fileDescriptor)
    }

    /// The width to lay text out in: `COLUMNS` if it is a positive integer, else the terminal's
    /// column count, else 80.
    public var width: Int {
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            columns > 0
        {
            return columns
        }
        if let columns = windowColumns(), columns > 0 {
            return columns
        }
        return 80
    }

    /// Whether to colour output written to the file descriptor: only to a terminal, and never
    /// when `NO_COLOR` is set, whatever its value (even empty; see no-color.org).
    public func colorEnabled(for fileDescriptor: Int32) -> Bool {
        isTerminal(fileDescriptor) && environment["NO_COLOR"] == nil
    }

    /// The column count of the terminal on standard output, from `ioctl(TIOCGWINSZ)`, or nil.
    public static func systemWindowColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
