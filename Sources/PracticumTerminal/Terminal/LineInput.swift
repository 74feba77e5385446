/// A source of lines typed by the user, such as standard input or a script in a test.
public protocol LineInput: Sendable {
    /// The next line without its newline, or nil at the end of input.
    mutating func readLine() -> String?
}

/// The process's standard input, read a line at a time.
public struct StandardInput: LineInput {
    /// Creates a reader of standard input.
    public init() {}

    /// The next line of standard input without its newline, or nil at end of file.
    public func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// A fixed list of lines played back as input, for tests and scripted runs.
public struct ScriptedInput: LineInput, Hashable {
    /// The lines not yet read.
    public private(set) var remaining: [String]

    /// Creates an input that returns `lines` in order, then nil.
    public init(lines: [String]) {
        self.remaining = lines
    }

    /// The next scripted line, or nil when none are left.
    public mutating func readLine() -> String? {
        remaining.isEmpty ? nil : remaining.removeFirst()
    }
}
