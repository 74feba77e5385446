import Foundation
import PracticumCore

/// A classroom session: a folder that holds everything a graded (or practice) session needs, so that what
/// it grades never changes under it.
///
/// ```
/// week3/
///   session.json   the manifest (this type)
///   cases/         the session's own copy of each case's source
///   roster.csv     the session's copy of the roster
///   attempts/      one attempt file per attempt (handed-in files go here too)
///   results/       what `grade` writes
/// ```
public struct Session: Codable, Equatable, Sendable {
    /// How many attempts of a student count, when there are several.
    public enum Policy: String, Codable, CaseIterable, Sendable {
        case best, last, first
    }

    /// When a student sees feedback.
    public enum Feedback: String, Codable, CaseIterable, Sendable {
        /// After each choice (practice mode's feedback).
        case immediate
        /// In the debrief at the end of the attempt.
        case debrief
        /// Only once the instructor releases it (`practicum session release`).
        case released
    }

    /// One case of the session.
    public struct Case: Codable, Equatable, Sendable {
        /// The case's id.
        public var id: String
        /// The session's copy of its source, relative to the session folder (`cases/ID.scenario`, or `cases/ID.json`).
        public var file: String
        /// The SHA-256 of that file's exact bytes, hex: the copy must not change.
        public var sha256: String
        /// The case's fingerprint (`Scenario.fingerprint`), which attempts record.
        public var fingerprint: String

        public init(id: String, file: String, sha256: String, fingerprint: String) {
            self.id = id
            self.file = file
            self.sha256 = sha256
            self.fingerprint = fingerprint
        }
    }

    /// The format of `session.json` this is.
    public var format = Session.formatVersion
    /// The session's id (by default the folder's name): attempts name it.
    public var id: String
    public var created: String
    /// `graded` or `practice`.
    public var mode: String
    /// Attempts allowed per student and case.
    public var attempts: Int
    public var policy: Policy
    public var feedback: Feedback
    /// Whether the instructor has released the debriefs (with `feedback: released`).
    public var released: Bool
    /// The overall score (0-100) at or above which an attempt passes.
    public var passMark: Int
    /// When attempts are due (ISO 8601), if there is a due time; attempts finished later are marked late.
    public var due: String?
    /// The home page under which xAPI accounts and extension IRIs are made.
    public var homePage: String
    public var cases: [Case]
    /// For each roster student, `studentKey(id)`: so that a copy of the session folder handed to students
    /// without roster.csv (which holds names and emails) still refuses an id not on the roster.
    public var studentKeys: [String] = []
    /// True once `practicum session codes` has made sign-in codes for the students (`codes.json`, which stays in
    /// the instructor's folder): play then asks each student for their code and signs their attempt lines with
    /// it, also in a copy of the folder without `codes.json`. Absent (nil) in a session without codes.
    public var codes: Bool?

    /// Whether the session's students have sign-in codes (see `codes`).
    public var hasCodes: Bool { codes == true }

    /// The `session.json` format this Practicum writes and reads.
    public static let formatVersion = 1
    public static let manifestName = "session.json"
    public static let rosterName = "roster.csv"
    public static let casesFolder = "cases"
    public static let attemptsFolder = "attempts"
    public static let resultsFolder = "results"

    /// A session's manifest.
    public init(
        id: String, created: String, mode: String, attempts: Int, policy: Policy, feedback: Feedback, passMark: Int,
        due: String?, homePage: String, cases: [Case]
    ) {
        self.id = id
        self.created = created
        self.mode = mode
        self.attempts = attempts
        self.policy = policy
        self.feedback = feedback
        self.released = false
        self.passMark = passMark
        self.due = due
        self.homePage = homePage
        self.cases = cases
    }

    /// What is wrong with a session folder.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// A student id as `studentKeys` holds it: the SHA-256 of the session id and the student id, so the
    /// manifest reveals no id (and ids cannot be matched across sessions).
    public func studentKey(_ id: String) -> String {
        SessionCodes.studentKey(session: self.id, student: id)
    }

    /// The case of the session with this id.
    public func `case`(id: String) -> Case? {
        cases.first { $0.id == id }
    }

    // MARK: Reading and writing

    /// Reads `session.json` from a session folder.
    public static func read(folder: URL) throws(Problem) -> Session {
        let url = folder.appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem("'\(folder.path)' is not a session folder: it has no \(manifestName)")
        }
        let session: Session
        do {
            session = try JSONValueDecoder().decode(Session.self, from: [UInt8](data))
        } catch {
            throw Problem("\(url.path) is not a session manifest: \(error)")
        }
        if let mismatch = FileFormat.mismatch(session.format, reads: formatVersion) {
            throw Problem("\(url.path): \(mismatch)")
        }
        guard session.mode == "graded" || session.mode == "practice" else {
            throw Problem("\(url.path): mode '\(VisibleText.make(session.mode, keepNewlines: false))' is not 'graded' or 'practice'")
        }
        if let due = session.due, case .failure(let problem) = Timestamp.read(due) {
            throw Problem("\(url.path): the due time '\(VisibleText.make(String(due.prefix(40)), keepNewlines: false))' is not a time: \(problem.message)")
        }
        guard session.attempts >= 1, session.attempts <= 100, (0...100).contains(session.passMark) else {
            throw Problem("\(url.path): attempts runs from 1 to 100 and passMark from 0 to 100")
        }
        for item in session.cases {
            guard Scenario.isValidName(item.id),
                item.file == "\(casesFolder)/\(item.id).scenario" || item.file == "\(casesFolder)/\(item.id).json"
            else {
                throw Problem("\(url.path): the case '\(VisibleText.make(item.id, keepNewlines: false))' is not named as a session names its cases")
            }
        }
        return session
    }

    /// Writes `session.json` into a folder, atomically.
    public func write(folder: URL) throws(Problem) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = JSONText.escapingHidden(try encoder.encode(self))
            try AtomicFile.write(data + Data("\n".utf8), to: folder.appendingPathComponent(Self.manifestName))
        } catch {
            throw Problem("cannot write \(Self.manifestName) in '\(folder.path)': \(error)")
        }
    }

    /// The SHA-256 of bytes, as lowercase hex.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data).hex
    }
}

/// Writes a file whole or not at all: a temporary file in the same folder, flushed, then renamed over the
/// target, then the folder flushed.
public enum AtomicFile {
    /// `mode` is the new file's permissions (less the umask): by default everyone may read it.
    public static func write(_ data: Data, to url: URL, mode: mode_t = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        try writeNew(data, at: temporary.path, flush: true, for: url, mode: mode)
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Creates a file that must not exist yet and writes all of the data into it, flushed to the disk when
    /// asked; on failure nothing is left behind and the error names `target`, the file it stands in for.
    static func writeNew(_ data: Data, at path: String, flush: Bool, for target: URL, mode: mode_t = 0o644) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: target.path]) }
        var failed = false
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
        if flush && fsync(descriptor) != 0 { failed = true }
        if close(descriptor) != 0 { failed = true }
        if failed {
            unlink(path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }
}

extension AtomicFile {
    /// Many files written one by one and put in place together, each whole or not at all, with one flush to the
    /// disk for all of them (a flush per file would cost more than the writing): each file goes to a temporary
    /// name as it is added, so only one file's bytes are in memory at a time; `commit` flushes the disk once,
    /// renames each into place and flushes the folders. Until then no target is touched; the temporary files of
    /// a batch never committed are removed. A class: it owns files on the disk.
    public final class Batch {
        /// Paths as strings: a thousand debriefs make URL's path handling show.
        private var written: [(temporary: String, path: String)] = []
        private var folders: Set<String> = []

        public init() {}

        /// Writes a file's bytes to a temporary name beside `url`.
        public func add(_ data: Data, to url: URL) throws {
            let folder = url.deletingLastPathComponent().path
            let path = url.path
            let temporary = folder + "/." + (path.split(separator: "/").last.map(String.init) ?? "") + "." + UUID().uuidString + ".partial"
            // As FileManager created them before: any failure reads "no permission", the mode is 0666 less the umask.
            do {
                try writeNew(data, at: temporary, flush: false, for: url, mode: 0o666)
            } catch {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
            }
            written.append((temporary, path))
            folders.insert(folder)
        }

        /// How many files were added.
        public var count: Int { written.count }

        /// Flushes the disk once, then puts every file added in place.
        public func commit() throws {
            sync()
            while let (temporary, path) = written.popLast() {
                guard rename(temporary, path) == 0 else {
                    unlink(temporary)
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
            }
            for folder in folders {
                let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if descriptor >= 0 {
                    _ = fsync(descriptor)
                    close(descriptor)
                }
            }
        }

        deinit {
            for (temporary, _) in written { unlink(temporary) }
        }
    }
}

/// A file written piece by piece and then put in place whole: a temporary file in the same folder, renamed
/// over the target by `finish`. Until then the target is untouched; if `finish` is never called, the
/// temporary file is removed. A class: it owns an open file.
public final class AtomicStream {
    private let target: URL
    private let temporary: URL
    private let handle: FileHandle
    private var finished = false

    public init(to url: URL) throws {
        target = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    /// Text waiting to be written: written a megabyte at a time, not a system call per piece.
    private var pending: [UInt8] = []

    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { pending.append(contentsOf: $0) }
        if pending.count >= 1_048_576 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes the file to the disk and puts it in place.
    public func finish() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
        finished = true
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    deinit {
        if !finished {
            try? handle.close()
            unlink(temporary.path)
        }
    }
}
