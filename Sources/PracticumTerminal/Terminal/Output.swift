#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A destination for text, such as standard output or a buffer in a test.
public protocol TextOutput: Sendable {
    /// Writes `string` as it is, adding no newline.
    func write(_ string: String)
}

extension TextOutput {
    /// Writes `string` followed by a newline.
    public func writeLine(_ string: String = "") {
        write(string + "\n")
    }
}

/// The process's standard output, written unbuffered so nothing is lost if the program dies.
public struct StandardOutput: TextOutput {
    /// Creates a writer to standard output.
    public init() {}

    /// Writes `string` to standard output at once.
    public func write(_ string: String) {
        writeAll(string, to: STDOUT_FILENO)
    }
}

/// The process's standard error, for diagnostics and progress, written unbuffered.
public struct StandardError: TextOutput {
    /// Creates a writer to standard error.
    public init() {}

    /// Writes `string` to standard error at once.
    public func write(_ string: String) {
        writeAll(string, to: STDERR_FILENO)
    }
}

/// Writes all of `string` to a file descriptor, first flushing C stdio so that anything
/// `print` buffered comes out before it. Errors such as a closed pipe end the write quietly.
func writeAll(_ string: String, to fileDescriptor: Int32) {
    fflush(nil)
    var bytes = Array(string.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { buffer in
            write(fileDescriptor, buffer.baseAddress, buffer.count)
        }
        if written > 0 {
            bytes = bytes.dropFirst(written)
        } else if written < 0 && errno == EINTR {
            continue
        } else {
            return
        }
    }
}
