import Dispatch
import Foundation

/// Ctrl-C during play: say that progress is saved, then exit with 130.
///
/// Progress is already saved after every choice, so the handler only has to
/// announce it. The handler lives here, outside the executable's main-actor
/// top-level code, because it runs on a Dispatch worker thread; it lays the
/// notice out for the terminal's width at that moment (plain Swift, no
/// stream), then uses `write(2)` and `_exit(2)` only, because the main thread
/// is blocked in `readLine()` holding standard input's stdio lock, which
/// `fflush` and `exit` would wait for forever.
public enum InterruptSource {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Replaces the default SIGINT behaviour: the notice goes to standard error, then the process exits.
    public static func install(notice: InterruptNotice) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let bytes = Array(notice.rendered().utf8)
            bytes.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            _exit(ExitCode.interrupted)
        }
        source.resume()
        // Keep the source alive for the life of the process.
        sources.append(source)
    }
}
