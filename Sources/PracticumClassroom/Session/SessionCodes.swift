import Foundation
import PracticumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The key a student's attempt lines are signed with (HMAC-SHA256, see `AttemptChain`): derived from the
/// student's session code, so a student at a terminal who types the code makes the same key the instructor's
/// `codes.json` keeps.
public struct AttemptKey: Sendable, Equatable {
    /// The key's 32 bytes.
    public let bytes: [UInt8]

    /// A key from its bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The key a code gives for one student of one session:
    /// HMAC-SHA256(key: the normalised code, message: "practicum attempt key", session id, student id, each
    /// ended by a zero byte). The same code makes another key in another session or for another student.
    public init(code: String, session: String, student: String) {
        let message = Array("practicum attempt key\u{0}\(session)\u{0}\(student)\u{0}".utf8)
        bytes = HMACSHA256.authenticate(message, key: Array(SessionCodes.normalised(code).utf8)).bytes
    }

    /// The key as 64 hexadecimal digits (as `codes.json` keeps it).
    public var hex: String { HexBytes.encode(bytes) }
}

/// A session's sign-in codes, as `codes.json` in the session folder keeps them: for each roster student (by
/// `Session.studentKey`, so the file names no one), the codes made for them, newest last, each as a salted
/// hash (never the code itself) with the attempt key the code gives.
///
/// The file is the instructor's, like `roster.csv`: anyone who has it can sign attempt lines as any student, so
/// it is written readable by its owner only and never handed out with the session.
///
/// ```swift
/// var codes = SessionCodes(session: "week3")
/// let code = codes.add(student: "s1", created: AttemptLog.timestamp())   // "KX4PR-7TQMW", shown once
/// codes.verify(student: "s1", code: "kx4pr 7tqmw")                     // true
/// codes.signingKey(student: "s1") == AttemptKey(code: code, session: "week3", student: "s1")  // true
/// ```
public struct SessionCodes: Codable, Equatable, Sendable {
    /// One code made for a student.
    public struct Entry: Codable, Equatable, Sendable {
        /// 16 random bytes, hex.
        public var salt: String
        /// SHA-256 of the salt's bytes followed by the normalised code's UTF-8, hex.
        public var codeHash: String
        /// The attempt key the code gives (`AttemptKey(code:session:student:)`), hex.
        public var attemptKey: String
        /// When the code was made (ISO 8601, UTC).
        public var created: String
    }

    /// One student's codes.
    public struct Student: Codable, Equatable, Sendable {
        /// `Session.studentKey(id)`.
        public var key: String
        /// Oldest first; the last is the one that signs in.
        public var entries: [Entry]
    }

    /// The name of the file in the session folder.
    public static let fileName = "codes.json"
    /// The format of `codes.json` this Practicum writes and reads.
    public static let formatVersion = 1
    /// The letters codes are made of: digits and capitals without 0, O, 1, I and L, which are easily
    /// confused when read aloud or typed on a phone.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// How many letters a code has (31^10 is about 2^49.5 codes), shown in two groups of five.
    public static let length = 10

    public var format = SessionCodes.formatVersion
    /// The session's id.
    public var session: String
    public var students: [Student]

    /// A session without codes yet.
    public init(session: String) {
        self.session = session
        students = []
    }

    // MARK: Codes

    /// A new code: `length` letters of `alphabet`, drawn from `generator`, as `ABCDE-FGHJK`.
    public static func newCode(using generator: inout some RandomNumberGenerator) -> String {
        let letters = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return String(letters[..<(length / 2)]) + "-" + String(letters[(length / 2)...])
    }

    /// A code as typed, the way it is hashed: capitals, without spaces or dashes.
    public static func normalised(_ code: String) -> String {
        String(code.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2013}" })
    }

    /// Makes a new code for a student (kept after any older ones, whose keys still verify what they signed)
    /// and returns it: the only time the code exists in clear.
    @discardableResult
    public mutating func add(
        student: String, created: String, using generator: inout some RandomNumberGenerator
    ) -> String {
        let code = Self.newCode(using: &generator)
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let entry = Entry(
            salt: HexBytes.encode(salt), codeHash: Self.hash(code: code, salt: salt).hex,
            attemptKey: AttemptKey(code: code, session: session, student: student).hex, created: created)
        let key = Self.studentKey(session: session, student: student)
        if let index = students.firstIndex(where: { $0.key == key }) {
            students[index].entries.append(entry)
        } else {
            students.append(Student(key: key, entries: [entry]))
        }
        return code
    }

    /// `add(student:created:using:)` with the system's random number generator.
    @discardableResult
    public mutating func add(student: String, created: String = AttemptLog.timestamp()) -> String {
        var generator = SystemRandomNumberGenerator()
        return add(student: student, created: created, using: &generator)
    }

    /// Whether a code is the student's current one (their newest: a code replaced because it was lost no
    /// longer signs in). Case, spaces and dashes do not matter; the hash is compared in constant time.
    public func verify(student: String, code: String) -> Bool {
        guard let entry = entries(student: student).last, let salt = HexBytes.decode(entry.salt),
            let stored = HexBytes.decode(entry.codeHash)
        else { return false }
        return HMACSHA256.constantTimeEqual(Self.hash(code: code, salt: salt).bytes, stored)
    }

    /// The key that signs the student's attempt lines now (their newest code's); nil when they have no code.
    public func signingKey(student: String) -> AttemptKey? {
        keys(student: student).last
    }

    /// Every key the student's codes have given, oldest first: attempt lines signed by any of them are theirs.
    public func keys(student: String) -> [AttemptKey] {
        entries(student: student).compactMap { HexBytes.decode($0.attemptKey).map(AttemptKey.init(bytes:)) }
    }

    /// The codes made for a student, oldest first.
    public func entries(student: String) -> [Entry] {
        let key = Self.studentKey(session: session, student: student)
        return students.first { $0.key == key }?.entries ?? []
    }

    /// Whether any student has a code.
    public var isEmpty: Bool { students.allSatisfy(\.entries.isEmpty) }

    static func hash(code: String, salt: [UInt8]) -> SHA256.Digest {
        SHA256.hash(salt + Array(normalised(code).utf8))
    }

    static func studentKey(session: String, student: String) -> String {
        Session.sha256(Data("\(session)\u{0}\(student)".utf8))
    }

    // MARK: Reading and writing

    /// The codes in a session folder; nil when the folder has no `codes.json` (no codes were made, or this is a
    /// copy handed to students).
    public static func read(folder: URL) throws(Session.Problem) -> SessionCodes? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Session.Problem("\(url.path) cannot be read")
        }
        let codes: SessionCodes
        do {
            codes = try JSONValueDecoder().decode(SessionCodes.self, from: [UInt8](data))
        } catch {
            throw Session.Problem("\(url.path) is not a file of session codes: \(error)")
        }
        if let mismatch = FileFormat.mismatch(codes.format, reads: formatVersion) {
            throw Session.Problem("\(url.path): \(mismatch)")
        }
        return codes
    }

    /// Writes `codes.json` into the session folder, atomically, readable and writable by its owner only.
    public func write(folder: URL) throws(Session.Problem) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = folder.appendingPathComponent(Self.fileName)
        do {
            let data = JSONText.escapingHidden(try encoder.encode(self))
            try AtomicFile.write(data + Data("\n".utf8), to: url, mode: 0o600)
            // A file that was there before keeps the mode it had through the rename: make it the owner's.
            chmod(url.path, 0o600)
        } catch {
            throw Session.Problem("cannot write \(Self.fileName) in '\(folder.path)': \(error)")
        }
    }
}

/// A session's `codes.json` as a long-running server reads it: read again only when the file on the disk has
/// changed (another size, modification time or file number; `SessionCodes.write` replaces the file, so a
/// rewrite is always a new file), so a code replaced with `practicum session codes --student` works at the
/// next sign-in without every sign-in parsing the whole class's codes. Safe to use from many threads.
public final class SessionCodesFile: @unchecked Sendable {
    /// The session folder.
    public let folder: URL
    private let lock = NSLock()
    private var known: (stamp: Stamp, codes: SessionCodes?)?

    /// What tells one version of the file from another.
    private struct Stamp: Equatable {
        var size: Int?
        var modified: Date?
        var fileNumber: UInt64?
    }

    /// The codes of the session in `folder` (nothing is read until asked).
    public init(folder: URL) {
        self.folder = folder
    }

    /// The codes as the file holds them now (nil when there is no `codes.json`); throws as `SessionCodes.read`.
    public func current() throws(Session.Problem) -> SessionCodes? {
        let path = folder.appendingPathComponent(SessionCodes.fileName).path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let stamp = Stamp(
            size: (attributes?[.size] as? NSNumber)?.intValue, modified: attributes?[.modificationDate] as? Date,
            fileNumber: (attributes?[.systemFileNumber] as? NSNumber)?.uint64Value)
        if let known = lock.withLock({ known }), known.stamp == stamp { return known.codes }
        let codes = try SessionCodes.read(folder: folder)
        lock.withLock { known = (stamp, codes) }
        return codes
    }
}
