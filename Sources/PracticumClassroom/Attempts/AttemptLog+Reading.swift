import Foundation
import PracticumCore

extension AttemptLog {
    /// An attempt file as read: the attempt, and whether a last line cut short by a crash was left out.
    public struct Reading: Equatable, Sendable {
        public var log: AttemptLog
        /// Whether the file ended in a line with no line break (a write cut short), which was dropped.
        public var droppedTornLine: Bool
        /// How many bytes of the file are whole lines: where the next line is to be written after a torn
        /// line is cut off.
        public var wholeLength: Int
        /// What the lines' macs showed under each chain the streamed reader was asked to check
        /// (`read(file:reflections:chains:)`), in the order asked; empty when none was asked.
        public var signatures: [Signature] = []
        /// The file read, as it stood (`read(file:)`), when it did not change while it was read; nil for bytes
        /// read from memory, or a file that changed under the reader. Not part of what two readings compare:
        /// it says where the bytes came from, not what they say.
        public var stamp: FileStamp?

        public static func == (left: Reading, right: Reading) -> Bool {
            left.log == right.log && left.droppedTornLine == right.droppedTornLine && left.wholeLength == right.wholeLength
                && left.signatures == right.signatures
        }
    }

    /// Which file, at which version: its device and inode, its size and the time it was last changed (to the
    /// nanosecond). Two readings with the same stamp read the same bytes; a file written again (in place, or a
    /// new file renamed over it, as `play` writes) has another.
    public struct FileStamp: Equatable, Sendable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        public var modified: Int64
        public var modifiedNanoseconds: Int64

        /// The stamp of a file's status.
        init(_ status: stat) {
            self.init(
                device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
                modified: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec))
        }

        public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanoseconds: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
            self.modifiedNanoseconds = modifiedNanoseconds
        }

        /// The stamp of an open file.
        static func of(descriptor: Int32) -> FileStamp? {
            var status = stat()
            return fstat(descriptor, &status) == 0 ? FileStamp(status) : nil
        }
    }

    /// Reads an attempt file. Every line must be whole and in order; the only thing forgiven is a last line
    /// without its line break, which is what a crash in the middle of a write leaves, and which is dropped
    /// (the step it held was never confirmed to the student).
    public static func read(_ data: Data, maximumEntries: Int = AttemptLog.maximumEntries) throws(Problem) -> Reading {
        try read(bytes: [UInt8](data), maximumEntries: maximumEntries)
    }

    /// `read(_:)` for the file's bytes as an array (what grading reads a file into). A file with more than
    /// `maximumEntries` lines after its header is refused as soon as the line beyond them is found, before any
    /// line is read as JSON (the default is `AttemptLog.maximumEntries`; tests lower it).
    public static func read(bytes: [UInt8], maximumEntries: Int = AttemptLog.maximumEntries) throws(Problem) -> Reading {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var wholeLength = 0
        var dropped = false
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                dropped = true
                break
            }
            guard lines.count <= maximumEntries else {
                throw Problem(
                    line: lines.count + 1,
                    message: "the attempt is longer than an attempt can be: at most \(maximumEntries) steps and undos "
                        + "follow the header (no case is played that long); the file is not read further")
            }
            lines.append(bytes[start..<end])
            start = end + 1
            wholeLength = start
        }
        // A power cut can leave a line of zero bytes where the file grew but its data never arrived.
        if let last = lines.last, !last.isEmpty, last.allSatisfy({ $0 == 0 }) {
            lines.removeLast()
            wholeLength -= last.count + 1
            dropped = true
        }
        guard let first = lines.first else {
            throw Problem(line: 0, message: dropped ? "the file holds only a line cut short" : "the file is empty")
        }
        let (header, headerMAC) = try Self.header(first)
        try requireTime(header.started, key: "started", line: 1)
        var entries: [Entry] = []
        var macs: [String?] = [headerMAC]
        var standing = 0
        for (offset, line) in lines.dropFirst().enumerated() {
            let number = offset + 2
            let (entry, mac) = try Self.entry(line, number: number)
            macs.append(mac)
            try follow(entry, standing: &standing, mode: header.mode, line: number)
            entries.append(entry)
        }
        let log = AttemptLog(header: header, entries: entries, lineMACs: macs.contains { $0 != nil } ? macs : [])
        return Reading(log: log, droppedTornLine: dropped, wholeLength: wholeLength)
    }

    /// Checks that an entry follows the ones before it (`standing` steps stand, and are moved on by it): a step
    /// numbered one past them, an undo of the last of them in practice mode only, and a time that is one. The one
    /// check of the whole-file and the streamed readers.
    static func follow(_ entry: Entry, standing: inout Int, mode: String?, line number: Int) throws(Problem) {
        switch entry {
        case .step(let step, _, _, _):
            guard step == standing + 1 else {
                throw Problem(
                    line: number,
                    message: "step \(step) comes after \(standing) standing step\(standing == 1 ? "" : "s"); "
                        + "a line was repeated, left out or moved")
            }
            standing += 1
        case .undo(let step, _):
            guard mode == "practice" else {
                throw Problem(line: number, message: "an undo in a graded attempt; only practice mode can undo")
            }
            guard standing > 0, step == standing else {
                throw Problem(line: number, message: "an undo of step \(step), but the last standing step is \(standing)")
            }
            standing -= 1
        }
        switch entry {
        case .step(_, _, let at, _), .undo(_, let at): try requireTime(at, key: "at", line: number)
        }
    }

    /// Refuses a time that is not one: attempt files write ISO 8601 times in UTC (`2026-11-27T09:01:10Z`), and
    /// grading decides lateness by them, so a time that does not parse can never pass for "not late".
    /// Read strictly (`Timestamp`): nothing may follow the time, so only a real time ever reaches a report or an
    /// xAPI `timestamp`.
    static func requireTime(_ text: String, key: String, line: Int) throws(Problem) {
        guard case .failure(let problem) = Timestamp.read(text) else { return }
        throw Problem(
            line: line,
            message: "\"\(key)\" is '\(VisibleText.make(String(text.prefix(40)), keepNewlines: false))', not a time "
                + "as attempt files write them (ISO 8601, like 2026-11-27T09:01:10Z): \(problem.message)")
    }

    // MARK: One line

    private static func object(_ bytes: ArraySlice<UInt8>, number: Int) throws(Problem) -> JSONValue {
        guard bytes.count <= maximumLineLength else {
            throw Problem(line: number, message: "the line is longer than \(maximumLineLength) bytes")
        }
        if let plain = plainObject(bytes) { return plain }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw Problem(line: number, message: "not a line of JSON (\(error))")
        }
        guard case .object = value.kind else { throw Problem(line: number, message: "not a JSON object") }
        return value
    }

    private static func string(_ value: JSONValue, _ key: String, line: Int, required: Bool = true) throws(Problem) -> String? {
        switch value[key]?.kind {
        case .string(let text)?: return text
        case nil where !required, .null? where !required: return nil
        case nil: throw Problem(line: line, message: "no \"\(key)\"")
        default: throw Problem(line: line, message: "\"\(key)\" is not a string")
        }
    }

    static func header(_ bytes: ArraySlice<UInt8>) throws(Problem) -> (Header, mac: String?) {
        let value = try object(bytes, number: 1)
        guard try string(value, "type", line: 1, required: false) == "attempt" else {
            throw Problem(line: 1, message: "the first line is not an attempt header (\"type\": \"attempt\")")
        }
        guard case .number(let format)? = value["format"]?.kind, let version = Int(format) else {
            throw Problem(line: 1, message: "no whole-number \"format\"")
        }
        if let mismatch = FileFormat.mismatch(version, reads: formatVersion) {
            throw Problem(line: 1, message: mismatch)
        }
        let seed: UInt64?
        switch value["seed"]?.kind {
        case nil, .null?: seed = nil
        case .number(let digits)? where UInt64(digits) != nil: seed = UInt64(digits)
        default: throw Problem(line: 1, message: "\"seed\" is not a whole number from 0 to \(UInt64.max)")
        }
        let mode = try string(value, "mode", line: 1)!
        guard mode == "practice" || mode == "graded" else {
            throw Problem(line: 1, message: "\"mode\" is '\(VisibleText.make(String(mode.prefix(40)), keepNewlines: false))', not 'practice' or 'graded'")
        }
        let header = Header(
            id: try string(value, "id", line: 1)!, caseID: try string(value, "caseID", line: 1)!,
            caseHash: try string(value, "caseHash", line: 1)!, seed: seed, mode: mode,
            student: try string(value, "student", line: 1, required: false),
            session: try string(value, "session", line: 1, required: false),
            started: try string(value, "started", line: 1)!)
        return (header, try string(value, "mac", line: 1, required: false))
    }

    static func entry(_ bytes: ArraySlice<UInt8>, number: Int) throws(Problem) -> (Entry, mac: String?) {
        if let plain = plainSignedStep(bytes) { return plain }
        return try parsedSignedEntry(bytes, number: number)
    }

    /// A line after the header, read by the general JSON reader.
    static func parsedEntry(_ bytes: ArraySlice<UInt8>, number: Int) throws(Problem) -> Entry {
        try parsedSignedEntry(bytes, number: number).0
    }

    /// A line after the header and its mac, if it has one, read by the general JSON reader.
    static func parsedSignedEntry(_ bytes: ArraySlice<UInt8>, number: Int) throws(Problem) -> (Entry, mac: String?) {
        let value = try object(bytes, number: number)
        let mac = try string(value, "mac", line: number, required: false)
        return (try entry(value, number: number), mac)
    }

    private static func entry(_ value: JSONValue, number: Int) throws(Problem) -> Entry {
        let at = try string(value, "at", line: number)!
        guard case .number(let digits)? = value["step"]?.kind, let step = Int(digits), step >= 1 else {
            throw Problem(line: number, message: "no whole-number \"step\" of at least 1")
        }
        switch try string(value, "type", line: number)! {
        case "step":
            let text = try string(value, "choice", line: number)!
            guard let choice = choiceID(text) else {
                throw Problem(line: number, message: "\"choice\" is not of the form \"scene#n\"")
            }
            return .step(step: step, choice: choice, at: at, reflection: try string(value, "reflection", line: number, required: false))
        case "undo":
            return .undo(step: step, at: at)
        case let other:
            throw Problem(line: number, message: "a line of type '\(VisibleText.make(String(other.prefix(40)), keepNewlines: false))', which this Practicum does not know")
        }
    }

    /// The characters of a JSON string from `index` (just after its opening quote) up to its closing quote,
    /// leaving `index` past the quote; nil when the string holds anything but printable ASCII without quotes
    /// or backslashes (an escape, a control character, non-ASCII), which only the general reader reads.
    private static func plainString(in line: ArraySlice<UInt8>, at index: inout Int) -> String? {
        let start = index
        while index < line.endIndex {
            let byte = line[index]
            if byte == 0x22 {
                let text = String(decoding: line[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { return nil }
            index += 1
        }
        return nil
    }

    /// A line that is a flat object as the writer writes one (a header): members in strictly ascending
    /// order of their keys, no spaces, keys and string values of printable ASCII with no escapes, numbers
    /// as whole numbers without leading zeros. Read without the general JSON reader into the value it would
    /// give, positions included; nil for anything else, which the general reader then reads. (A test and
    /// the attempt-log fuzz target hold it to that.)
    static func plainObject(_ line: ArraySlice<UInt8>) -> JSONValue? {
        var index = line.startIndex
        let end = line.endIndex
        func column() -> Int { index - line.startIndex + 1 }
        func plainString() -> String? { Self.plainString(in: line, at: &index) }
        guard index < end, line[index] == 0x7B else { return nil }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var previous: [UInt8]?
        while true {
            guard index < end, line[index] == 0x22 else { return nil }
            index += 1
            let keyStart = index
            guard let key = plainString() else { return nil }
            let keyBytes = Array(line[keyStart..<(index - 1)])
            if let previous, !previous.lexicographicallyPrecedes(keyBytes) { return nil }
            previous = keyBytes
            guard index < end, line[index] == 0x3A else { return nil }
            index += 1
            guard index < end else { return nil }
            let valueColumn = column()
            if line[index] == 0x22 {
                index += 1
                guard let text = plainString() else { return nil }
                members.append((key, JSONValue(.string(text), line: 1, column: valueColumn)))
            } else {
                let digitsStart = index
                while index < end, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
                let count = index - digitsStart
                guard count >= 1, count <= 20, count == 1 || line[digitsStart] != 0x30 else { return nil }
                let digits = String(decoding: line[digitsStart..<index], as: UTF8.self)
                members.append((key, JSONValue(.number(digits), line: 1, column: valueColumn)))
            }
            guard index < end else { return nil }
            if line[index] == 0x2C {
                index += 1
                continue
            }
            guard line[index] == 0x7D, index + 1 == end else { return nil }
            return JSONValue(.object(members), line: 1, column: 1)
        }
    }

    /// A step line exactly as `AttemptWriter` writes one without a reflection,
    /// `{"at":"…","choice":"scene#n","step":n,"type":"step"}` with no spaces, no escapes and only printable
    /// ASCII in its strings, read without the general JSON reader; nil for any other line, which the
    /// general reader then reads (and, if it is wrong, explains). Grading a class reads hundreds of
    /// thousands of such lines. What it gives is what the general reader gives for the same line (a test
    /// and the attempt-log fuzz target hold it to that).
    static func plainStep(_ line: ArraySlice<UInt8>) -> Entry? {
        guard let (entry, mac) = plainSignedStep(line), mac == nil else { return nil }
        return entry
    }

    /// `plainStep`, also for a signed step line, `{"at":"…","choice":"scene#n","mac":"…","step":n,"type":"step"}`,
    /// with its mac.
    static func plainSignedStep(_ line: ArraySlice<UInt8>) -> (Entry, mac: String?)? {
        guard line.count <= maximumLineLength else { return nil }
        var index = line.startIndex
        let end = line.endIndex
        func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard end - index >= count else { return false }
            let matches = text.withUTF8Buffer { expected in
                var position = index
                for byte in expected {
                    guard line[position] == byte else { return false }
                    position += 1
                }
                return true
            }
            if matches { index += count }
            return matches
        }
        func plainString() -> String? { Self.plainString(in: line, at: &index) }
        guard literal("{\"at\":\""), let at = plainString(), literal(",\"choice\":\""), let choiceText = plainString()
        else { return nil }
        var mac: String?
        if literal(",\"mac\":\"") {
            guard let text = plainString() else { return nil }
            mac = text
        }
        guard literal(",\"step\":") else { return nil }
        let digitsStart = index
        while index < end, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
        let digitCount = index - digitsStart
        guard digitCount >= 1, digitCount <= 18, line[digitsStart] != 0x30 else { return nil }
        var step = 0
        for position in digitsStart..<index { step = step * 10 + Int(line[position] - 0x30) }
        guard literal(",\"type\":\"step\"}"), index == end, let choice = choiceID(choiceText) else { return nil }
        return (.step(step: step, choice: choice, at: at, reflection: nil), mac)
    }

    /// `scene#n` (n from 1, digits only) as a choice id.
    public static func choiceID(_ text: String) -> ChoiceID? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let digits = text[text.index(after: hash)...]
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits),
            number >= 1
        else { return nil }
        let scene = String(text[..<hash])
        return scene.isEmpty ? nil : ChoiceID(scene: scene, index: number - 1)
    }
}
