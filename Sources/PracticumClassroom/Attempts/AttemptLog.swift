import Foundation
import PracticumCore
import PracticumEngine

/// One attempt at a case as it is kept on disk: a JSON-lines file, one line per event, appended and
/// flushed as the student plays, so that a crash loses nothing the student confirmed.
///
/// The first line is the header (who, which case and version, the order the choices were shown in). Each
/// later line is a step taken or a step undone:
///
/// ```
/// {"caseHash":"sha256:…","caseID":"keluarga-dimas","format":1,"id":"…","mode":"graded","seed":42,"session":"week3","started":"2026-11-27T09:00:00Z","student":"s123","type":"attempt"}
/// {"at":"2026-11-27T09:01:10Z","choice":"rujukan#3","step":1,"type":"step"}
/// {"at":"2026-11-27T09:02:00Z","choice":"kunjungan-malam#2","reflection":"…","step":2,"type":"step"}
/// {"at":"2026-11-27T09:02:30Z","step":2,"type":"undo"}
/// ```
///
/// Steps are numbered: step N follows N-1 standing steps, and an undo names the last standing step, so a
/// line repeated, dropped or moved is caught when the file is read. The file records choices only: the
/// score is always worked out again by replaying them through the case.
public struct AttemptLog: Equatable, Sendable {
    /// The first line of an attempt file.
    public struct Header: Equatable, Sendable {
        /// The format of attempt files this is (see `AttemptLog.formatVersion`).
        public var format = AttemptLog.formatVersion
        /// A random id for the attempt (a UUID), the same in every report about it.
        public var id: String
        /// The case's id.
        public var caseID: String
        /// The case's fingerprint when the attempt began (`Scenario.fingerprint`).
        public var caseHash: String
        /// The seed of the order the choices were shown in; nil for the written order.
        public var seed: UInt64?
        /// `practice` or `graded`.
        public var mode: String
        /// The student, in a session; nil for solo play.
        public var student: String?
        /// The session's id, in a session; nil for solo play.
        public var session: String?
        /// When the attempt began (ISO 8601, UTC).
        public var started: String

        /// A header for a new attempt.
        public init(
            id: String = UUID().uuidString.lowercased(), caseID: String, caseHash: String, seed: UInt64?, mode: String,
            student: String? = nil, session: String? = nil, started: String = AttemptLog.timestamp()
        ) {
            self.id = id
            self.caseID = caseID
            self.caseHash = caseHash
            self.seed = seed
            self.mode = mode
            self.student = student
            self.session = session
            self.started = started
        }
    }

    /// A line after the header.
    public enum Entry: Equatable, Sendable {
        /// Step `step` (1-based) took `choice`, with the student's written reasons if the scene asked.
        case step(step: Int, choice: ChoiceID, at: String, reflection: String?)
        /// The last standing step, `step`, was taken back (practice mode).
        case undo(step: Int, at: String)
    }

    /// What is wrong with an attempt file, and on which line.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The line (1-based); 0 for the file as a whole.
        public var line: Int
        public var message: String

        public var description: String { line > 0 ? "line \(line): \(message)" : message }
    }

    /// The format this version of Practicum writes and reads.
    public static let formatVersion = 1
    /// The longest line read: a step with a long reflection fits many times over.
    public static let maximumLineLength = 65_536
    /// The most lines an attempt file may hold after its header (steps and undos together). No case is played
    /// that long by hand; without a cap, a 64 MiB file of a case's loop (about a million legal steps) made grading
    /// take over a gigabyte of memory and write a statements.json of nearly a gigabyte and a 116 MB debrief.
    /// Reading stops at the first line beyond it and refuses the file.
    public static let maximumEntries = 10_000

    public var header: Header
    public var entries: [Entry]
    /// The `"mac"` of each line as read, the header's first (nil for a line without one); empty when no line has
    /// one (an unsigned file, or an attempt made in memory). See `AttemptChain`.
    public var lineMACs: [String?]
    /// Whether the reflections were cut to `ReflectionCaps` as the file was read (`ReflectionKeeping.capped`, what
    /// grading reads): each standing step's reflection is then already what `standing` shows, a step taken back
    /// keeps none, and `lineMACs` is empty (the chain was checked as the lines were read: `Reading.signatures`).
    public var reflectionsAreCapped = false

    /// An attempt with these lines.
    public init(header: Header, entries: [Entry] = [], lineMACs: [String?] = []) {
        self.header = header
        self.entries = entries
        self.lineMACs = lineMACs
    }

    // MARK: What the lines mean

    /// The choices standing after every undo, in order.
    public var choices: [ChoiceID] {
        var choices: [ChoiceID] = []
        for entry in entries {
            switch entry {
            case .step(_, let choice, _, _): choices.append(choice)
            case .undo: choices.removeLast()
            }
        }
        return choices
    }

    /// The standing steps with when each was taken and any reflection, the reflections within
    /// `ReflectionCaps` (text past a cap is cut with a marker; the entries keep the text as written).
    public var standing: [(choice: ChoiceID, at: String, reflection: String?)] {
        var steps: [(choice: ChoiceID, at: String, reflection: String?)] = []
        for entry in entries {
            switch entry {
            case .step(_, let choice, let at, let reflection): steps.append((choice, at, reflection))
            case .undo: steps.removeLast()
            }
        }
        guard !reflectionsAreCapped, steps.contains(where: { $0.reflection != nil }) else { return steps }
        let capped = ReflectionCaps.apply(to: steps.map(\.reflection))
        for index in steps.indices { steps[index].reflection = capped[index] }
        return steps
    }

    /// The choices taken back, each with the step it had been and the choice's text from the case.
    public func undone(in scenario: Scenario?) -> [UndoneChoice] {
        var steps: [ChoiceID] = []
        var undone: [UndoneChoice] = []
        for entry in entries {
            switch entry {
            case .step(_, let choice, _, _): steps.append(choice)
            case .undo(let step, _):
                let choice = steps.removeLast()
                let text = scenario?.scene(named: choice.scene).flatMap { scene in
                    scene.choices.indices.contains(choice.index) ? scene.choices[choice.index].text : nil
                }
                undone.append(UndoneChoice(step: step, choice: choice, text: text ?? choice.description))
            }
        }
        return undone
    }

    /// When the last line was written: the last entry's time, or the start.
    public var lastActivity: String {
        switch entries.last {
        case .step(_, _, let at, _)?, .undo(_, let at)?: return at
        case nil: return header.started
        }
    }

    // MARK: Lines

    /// The header as one line of JSON, without the line break; with its `"mac"` when signed (see `AttemptChain`).
    public static func line(for header: Header, mac: String? = nil) -> String {
        var object: [String: LineValue] = [
            "type": .string("attempt"), "format": .number(String(header.format)), "id": .string(header.id),
            "caseID": .string(header.caseID), "caseHash": .string(header.caseHash), "mode": .string(header.mode),
            "started": .string(header.started),
        ]
        if let seed = header.seed { object["seed"] = .number(String(seed)) }
        if let student = header.student { object["student"] = .string(student) }
        if let session = header.session { object["session"] = .string(session) }
        if let mac { object["mac"] = .string(mac) }
        return render(object)
    }

    /// An entry as one line of JSON, without the line break; with its `"mac"` when signed (see `AttemptChain`).
    public static func line(for entry: Entry, mac: String? = nil) -> String {
        var object: [String: LineValue]
        switch entry {
        case .step(let step, let choice, let at, let reflection):
            object = [
                "type": .string("step"), "step": .number(String(step)), "choice": .string(choice.description),
                "at": .string(at),
            ]
            if let reflection { object["reflection"] = .string(reflection) }
        case .undo(let step, let at):
            object = ["type": .string("undo"), "step": .number(String(step)), "at": .string(at)]
        }
        if let mac { object["mac"] = .string(mac) }
        return render(object)
    }

    /// The whole file's text (unsigned).
    public var text: String {
        ([Self.line(for: header)] + entries.map { Self.line(for: $0) }).map { $0 + "\n" }.joined()
    }

    /// The whole file's text with every line signed by `key` (see `AttemptChain`), as play with that key writes it.
    public func signedText(key: AttemptKey) -> String {
        var chain = AttemptChain(key: key)
        var text = ""
        func add(_ canonical: String, _ line: (String) -> String) {
            let mac = chain.mac(for: canonical)
            chain.advance(to: mac)
            text += line(mac) + "\n"
        }
        add(Self.line(for: header)) { Self.line(for: header, mac: $0) }
        for entry in entries { add(Self.line(for: entry)) { Self.line(for: entry, mac: $0) } }
        return text
    }

    /// Now, as the attempt files write times: ISO 8601 in UTC, to the second.
    /// Written by hand (`Timestamp.text`): making an `ISO8601DateFormatter` for each line cost a served choice
    /// more than its fsync.
    public static func timestamp(_ date: Date = Date()) -> String {
        Timestamp.text(date.timeIntervalSince1970)
    }

    private enum LineValue {
        case string(String)
        case number(String)
    }

    /// Compact JSON with sorted keys; strings escaped as JSON requires (control characters as `\u00XX`).
    private static func render(_ object: [String: LineValue]) -> String {
        "{" + object.keys.sorted().map { key -> String in
            let value: String
            switch object[key]! {
            case .string(let text): value = quote(text)
            case .number(let digits): value = digits
            }
            return quote(key) + ":" + value
        }.joined(separator: ",") + "}"
    }

    static func quote(_ text: String) -> String {
        if isPlain(text) { return "\"" + text + "\"" }
        return escaped(text)
    }

    /// `quote(text)` added to the end of `out`, without a string in between when the text needs no escape.
    static func appendQuoted(_ text: String, to out: inout String) {
        if isPlain(text) {
            out += "\""
            out += text
            out += "\""
        } else {
            out += escaped(text)
        }
    }

    /// Whether the text needs no escape: no quote, backslash, control character, DEL, C1 control (bytes C2
    /// 80-9F) or line/paragraph separator (E2 80 A8/A9).
    private static func isPlain(_ text: String) -> Bool {
        // Printable ASCII other than the quote and the backslash is plain whatever surrounds it: most text
        // (times, ids, choice ids) is only that, and is checked here in one pass over its bytes.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        }
        if printable == true { return true }
        var plain = true
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte < 0xA0)
                || (beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9))
            {
                plain = false
                break
            }
            beforePrevious = previous
            previous = byte
        }
        return plain
    }

    /// The text quoted with every character that needs it escaped.
    private static func escaped(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
