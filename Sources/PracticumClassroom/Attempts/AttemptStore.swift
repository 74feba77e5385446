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
        listing(named: prefix).map(read)
    }

    /// The newest attempt file (whose name starts with `prefix`) that `matches`: `entries(named:)`'s last match,
    /// found by reading the files newest first and stopping at the first that matches. Play asks this when it
    /// starts, and a student's older attempts (each up to 64 MiB) are then not read at all.
    public func latest(named prefix: String = "", where matches: (Entry) -> Bool) -> Entry? {
        for file in listing(named: prefix).reversed() {
            let entry = read(file)
            if matches(entry) { return entry }
        }
        return nil
    }

    /// A file listed but not yet read.
    private struct ListedFile {
        var name: String
        var url: URL
        var modified: Date
        var size: Int
    }

    /// The attempt files whose names start with `prefix`, oldest first (by when they were last written, then by
    /// name), without reading them.
    private func listing(named prefix: String) -> [ListedFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var found: [ListedFile] = []
        for name in names where name.hasSuffix("." + Self.fileExtension) && !name.hasPrefix(".") && name.hasPrefix(prefix) {
            let url = directory.appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard (attributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            found.append(
                ListedFile(
                    name: String(name.dropLast(Self.fileExtension.count + 1)), url: url,
                    modified: attributes?[.modificationDate] as? Date ?? .distantPast,
                    size: (attributes?[.size] as? NSNumber)?.intValue ?? 0))
        }
        // Sorted by the names as listed: `Entry.name` goes through URL, far too slow to ask at every comparison.
        return found.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }

    /// Reads a listed file; one too large to be an attempt is unreadable without being read.
    private func read(_ file: ListedFile) -> Entry {
        let reading: Result<AttemptLog.Reading, AttemptLog.Problem>
        if file.size > Self.maximumFileSize {
            reading = .failure(Self.tooLarge)
        } else {
            // Streamed: the file's bytes are never held whole, and one that grows past the cap while read is
            // refused there. Kept as written: play goes on with these attempts and signs after their lines.
            do {
                reading = .success(try AttemptLog.read(file: file.url.path))
            } catch {
                switch error {
                case .tooLarge: reading = .failure(Self.tooLarge)
                case .unreadable: reading = .failure(AttemptLog.Problem(line: 0, message: "the file cannot be read"))
                case .attempt(let problem): reading = .failure(problem)
                }
            }
        }
        return Entry(url: file.url, reading: reading, modified: file.modified)
    }

    private static let tooLarge = AttemptLog.Problem(line: 0, message: "the file is larger than an attempt can be")

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

extension AttemptStore {
    /// Whether one file name comes before another in numeric order (`s2--x--2` before `s2--x--10`): the order
    /// of Foundation's `compare(_:options: .numeric)`, which grading uses for the files of `attempts/` (the first
    /// of two copies, and the attempts within the number allowed, depend on it).
    ///
    /// Names of ASCII letters, digits and `-_.` with no number written with a leading zero or longer than 19
    /// digits (every name Practicum writes) are compared here directly, a run of digits by its value; any
    /// other pair is left to
    /// Foundation, which is many times slower on Linux (it bridges the strings at every comparison).
    public static func precedesNumerically(_ left: String, _ right: String) -> Bool {
        if let order = plainNumericOrder(left, right) { return order }
        return left.compare(right, options: .numeric) == .orderedAscending
    }

    /// Names sorted by `precedesNumerically`, each name's bytes looked at once rather than at every comparison.
    public static func sortedNumerically(_ names: [String]) -> [String] {
        let keys = names.map { name -> (name: String, bytes: [UInt8], plain: Bool) in
            let bytes = Array(name.utf8)
            return (name, bytes, isPlain(bytes))
        }
        return keys.sorted { left, right in
            if left.plain && right.plain { return plainOrder(left.bytes, right.bytes) }
            return left.name.compare(right.name, options: .numeric) == .orderedAscending
        }.map(\.name)
    }

    /// The numeric order of two plain names (see `precedesNumerically`); nil when either is not plain.
    static func plainNumericOrder(_ left: String, _ right: String) -> Bool? {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard isPlain(a), isPlain(b) else { return nil }
        return plainOrder(a, b)
    }

    /// Whether plain name `a` comes before plain name `b`: each a sequence of runs, a digit run compared by its
    /// value (no leading zeros: longer is larger, then digit by digit), anything else byte by byte.
    private static func plainOrder(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var endA = i, endB = j
                while endA < a.count && isDigit(a[endA]) { endA += 1 }
                while endB < b.count && isDigit(b[endB]) { endB += 1 }
                if endA - i != endB - j { return endA - i < endB - j }
                while i < endA {
                    if a[i] != b[j] { return a[i] < b[j] }
                    i += 1
                    j += 1
                }
            } else {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
            }
        }
        return a.count - i < b.count - j
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// ASCII letters, digits, `-`, `_` and `.`, with no run of digits starting with a zero (other than a lone 0)
    /// and none longer than 19 digits (Foundation adds a run up in 64 bits, which a longer one can overflow).
    private static func isPlain(_ bytes: [UInt8]) -> Bool {
        var run = 0
        for (position, byte) in bytes.enumerated() {
            run = isDigit(byte) ? run + 1 : 0
            if run > 19 { return false }
            switch byte {
            case 0x30:
                let startsRun = position == 0 || !isDigit(bytes[position - 1])
                let continues = position + 1 < bytes.count && isDigit(bytes[position + 1])
                if startsRun && continues { return false }
            case 0x31...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: continue
            default: return false
            }
        }
        return true
    }
}
