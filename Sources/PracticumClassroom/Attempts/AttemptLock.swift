import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock that lets one player at a time play an attempt: an advisory `flock` on a lock file beside the
/// attempt files, held for as long as the lock exists.
///
/// One lock file per student and case of a session (`.STUDENT--CASE.lock` in `attempts/`): it covers the
/// attempt being gone on with and the choice of a new attempt's number alike. The file names no attempt file
/// (it starts with a dot and does not end in `.jsonl`), so listing and grading pass it by.
///
/// The kernel releases a `flock` when the descriptor that holds it is closed, and closes every descriptor of
/// a process that ends however it ends (a crash, a `kill -9`, a closed laptop lid on a network share that
/// times the client out), so a lock file left behind never blocks anyone: only a live holder does. The file's
/// text (the holder's process id, host and start time) is only for the message to the second player.
///
/// Two opens of the lock file in one process conflict as two processes do (a `flock` belongs to the open
/// file, not to the process), so a server that plays many students in one process is covered too.
///
/// A class, not a struct: it owns the open descriptor, closed (and the lock released) when it goes away.
public final class AttemptLock {
    /// Another player holds the lock.
    public struct Busy: Error, Equatable, Sendable, CustomStringConvertible {
        /// The lock file.
        public var path: String
        /// What the holder wrote in it (`pid 1234 on lab-07 since 2026-12-07T09:00:00Z`), if it could be read.
        public var holder: String?

        public var description: String {
            "this attempt is open in another window" + (holder.map { " (\($0))" } ?? "")
                + ": finish or quit there first, then run this again; nothing was changed"
        }
    }

    /// The lock file.
    public let url: URL
    private let descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit {
        // Closing releases the lock. The file stays: removing it could let a third player lock a new file of
        // the same name while a second one waits on the old.
        close(descriptor)
    }

    /// The lock file's name for a student's attempts at a case.
    public static func fileName(student: String, caseID: String) -> String {
        ".\(student)--\(caseID).lock"
    }

    /// Takes the lock at `url` (making its folder and file if need be), trying again for up to `patience`
    /// seconds: throws `Busy` when another player still holds it then, and `AttemptWriter.Failure` when the
    /// file cannot be made or locked.
    ///
    /// The short wait is for a lock just let go that is not yet free: while a process starts a child program,
    /// the child shares the parent's open files for a moment (until the program starts and the files marked
    /// close-on-exec are closed), and with them any lock on them. A real second player holds on far longer.
    public static func acquire(_ url: URL, patience: TimeInterval = 1) throws -> AttemptLock {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw AttemptWriter.Failure(message: "cannot make the folder '\(directory.path)': \(error.localizedDescription)")
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AttemptWriter.Failure(message: "cannot open the lock file '\(url.path)': \(String(cString: strerror(errno)))")
        }
        let giveUp = Date().addingTimeInterval(patience)
        var result: Int32
        var code: Int32 = 0
        while true {
            result = flock(descriptor, LOCK_EX | LOCK_NB)
            code = errno
            if result == 0 || (code != EINTR && (code != EWOULDBLOCK || Date() >= giveUp)) { break }
            if code == EWOULDBLOCK { usleep(20_000) }
        }
        guard result == 0 else {
            close(descriptor)
            if code == EWOULDBLOCK {
                let text = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                throw Busy(path: url.path, holder: text.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) })
            }
            throw AttemptWriter.Failure(message: "cannot lock '\(url.path)': \(String(cString: strerror(code)))")
        }
        // Who holds it, for the message to a second player; failing to write this does not matter.
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(AttemptLog.timestamp())\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return AttemptLock(url: url, descriptor: descriptor)
    }
}
