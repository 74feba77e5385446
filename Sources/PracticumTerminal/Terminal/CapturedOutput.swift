import Foundation

/// A text output that keeps what is written, for tests to read back.
// A class so that the code under test and the test share one buffer; the lock makes it Sendable.
public final class CapturedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    /// Creates an empty capture.
    public init() {}

    /// Appends `string` to the captured text.
    public func write(_ string: String) {
        lock.withLock { buffer += string }
    }

    /// Everything written so far.
    public var text: String {
        lock.withLock { buffer }
    }

    /// Everything written so far, split into lines; a final newline does not add an empty line.
    public var lines: [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
