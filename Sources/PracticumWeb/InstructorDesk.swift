import Foundation
import PracticumClassroom
import PracticumCore
import PracticumScoring

/// What the instructor's pages keep between requests: the instructor's sign-ins (a map of their own, apart
/// from the students'), failed sign-ins, whether the debriefs were released while the server runs, and the
/// verdict on each attempt file, kept by the file's size and modification time so that the class table judges
/// again only the files that changed since it was last shown.
///
/// Made on first use from the app's configuration; safe to use from many threads (`state` sits behind `lock`,
/// the verdicts behind `judgingLock`, which is held while the table is worked out, so two reloads at once
/// judge a file once).
final class InstructorDesk: @unchecked Sendable {
    struct State {
        /// Instructor browsers: `student` is `InstructorDesk.signedIn` once the token was given, nil before.
        var signIns: BrowserSessions
        var failures: FailureLog
        /// Set when the instructor released the debriefs from the page: the students' pages then show them.
        var released = false
    }

    /// A file's verdict, with the size and modification time it had when it was judged.
    struct KnownVerdict {
        var size: Int
        var modified: timespec
        var judged: Grader.Judged
        /// The graded attempt's verdict with its report in full (the words of its review reasons and cap),
        /// once the table needed it.
        var fullVerdict: Grader.Verdict?
    }

    /// What an instructor browser's `student` says once the token was given.
    static let signedIn = "instructor"
    /// The most instructor browsers known at once.
    static let capacity = 100

    private let lock = NSLock()
    private var state: State?
    let judgingLock = NSLock()
    /// By file name in `attempts/`; guarded by `judgingLock`.
    var verdicts: [String: KnownVerdict] = [:]
    /// Guards the read-change-write of the ratings file.
    let ratingsLock = NSLock()

    /// Runs `body` on the state (made from `configuration` on first use) with the lock held.
    func withState<T>(_ configuration: WebApp.Configuration, _ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if state == nil {
            state = State(
                signIns: BrowserSessions(capacity: Self.capacity, lifetime: configuration.signInLifetime),
                failures: FailureLog(allowed: configuration.failuresAllowed, window: configuration.failureWindow))
        }
        return body(&state!)
    }

    /// Whether the debriefs were released from the instructor's page since the server started.
    var released: Bool {
        lock.lock()
        defer { lock.unlock() }
        return state?.released ?? false
    }
}
