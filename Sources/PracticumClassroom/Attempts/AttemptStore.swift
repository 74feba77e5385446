import Foundation

/// A folder of attempt files: a student's own (solo play keeps every attempt under
/// `$XDG_STATE_HOME/practicum/attempts`) or a session's `attempts/`.
///
/// Files are only ever added: a new attempt is a new file, a resumed one is appended to, and nothing here
/// deletes or replaces one. A file that cannot be read is listed with its problem and left as it is.
public struct AttemptStore: Sendable {
    /// The folder.
    public let directory: URL

    /// One file of the folder, read.
    public struct Entry: Sendable {
        /// The file.
        public var url: URL
        /// The attempt, or why the file cannot be read.
        public var reading: Result<AttemptLog.Reading, AttemptLog.Problem>
        /// When the file was last changed, for ordering.
        public var modified: Date

        /// The file's name without `.jsonl`: how commands refer to it.
        public var name: String { url.deletingPathExtension().lastPathComponent }
    }

    /// The extension of attempt files.
    public static let fileExtension = "jsonl"

    /// A store in this folder (which need not exist yet).
    public init(directory: URL) {
        self.directory = directory
    }

    /// A student's own store for an environment, following the XDG base directory rules:
    /// `$XDG_STATE_HOME/practicum/attempts` when that is an absolute path, else `~/.local/state/practicum/attempts`.
    public init(environment: [String: String]) {
        directory = Self.stateDirectory(environment).appendingPathComponent("attempts")
    }

    /// `$XDG_STATE_HOME/practicum`, or `~/.local/state/practicum`.
    public static func stateDirectory(_ environment: [String: String]) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("practicum")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/practicum")
    }

    /// Every attempt file (whose name starts with `prefix`), oldest first (by when it was last written).
    /// Files of other kinds are ignored; a file too large to be an attempt is listed as unreadable without
    /// being read.
    public func entries(named prefix: String = "") -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var found: [Entry] = []
        for name in names where name.hasSuffix("." + Self.fileExtension) && !name.hasPrefix(".") && name.hasPrefix(prefix) {
            let url = directory.appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard (attributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            let modified = attributes?[.modificationDate] as? Date ?? .distantPast
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            let reading: Result<AttemptLog.Reading, AttemptLog.Problem>
            if size > Self.maximumFileSize {
                reading = .failure(AttemptLog.Problem(line: 0, message: "the file is larger than an attempt can be"))
            } else if let data = FileManager.default.contents(atPath: url.path) {
                do {
                    reading = .success(try AttemptLog.read(data))
                } catch {
                    reading = .failure(error)
                }
            } else {
                reading = .failure(AttemptLog.Problem(line: 0, message: "the file cannot be read"))
            }
            found.append(Entry(url: url, reading: reading, modified: modified))
        }
        return found.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }

    /// The largest file read as an attempt (far beyond any real one: a step line is about 100 bytes).
    public static let maximumFileSize = 64 * 1_048_576

    /// A name for a new attempt file: `CASE--MODE--YYYYMMDD-HHMMSS-XXXX.jsonl` (for solo play), or
    /// `STUDENT--CASE--N.jsonl` in a session; either way unused.
    public func newFileURL(caseID: String, mode: String, student: String? = nil, number: Int? = nil, date: Date = Date()) -> URL {
        let stem: String
        if let student, let number {
            stem = "\(student)--\(caseID)--\(number)"
        } else {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            stem = "\(caseID)--\(mode)--\(formatter.string(from: date))"
        }
        var url = directory.appendingPathComponent("\(stem).\(Self.fileExtension)")
        while FileManager.default.fileExists(atPath: url.path) {
            let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
            url = directory.appendingPathComponent("\(stem)-\(suffix).\(Self.fileExtension)")
        }
        return url
    }
}
