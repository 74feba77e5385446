import Foundation
import PracticumCore
import Testing
@testable import PracticumClassroom

@Suite("Attempt files: JSON lines, flushed as they are written, read strictly")
struct AttemptLogTests {
    static let header = AttemptLog.Header(
        id: "7f1c", caseID: "keluarga-dimas", caseHash: "sha256:ab", seed: 42, mode: "practice", student: "s1",
        session: "week3", started: "2026-11-27T09:00:00Z")

    static func step(_ number: Int, _ choice: String, reflection: String? = nil) -> AttemptLog.Entry {
        .step(step: number, choice: AttemptLog.choiceID(choice)!, at: "2026-11-27T09:0\(number):00Z", reflection: reflection)
    }

    static var sample: AttemptLog {
        AttemptLog(header: header, entries: [
            step(1, "rujukan#3"), step(2, "kunjungan-malam#2", reflection: "Dia \"takut\"\nsekali, ⚠ \u{1B}[2J"),
            .undo(step: 2, at: "2026-11-27T09:03:00Z"), step(2, "kunjungan-malam#1"),
        ])
    }

    /// Times are written by hand, exactly as ISO8601DateFormatter writes them, and read back to the second.
    @Test func timestampsAreWrittenAsTheISO8601FormatterWritesThem() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SystemRandomNumberGenerator()
        // Whole seconds from 1900 to 2200, leap days, the turns of centuries, and some fractions of a second.
        var times: [Double] = [0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_400, -1, -86_400, -2_208_988_800, 1_798_761_599.75]
        times += (0..<2_000).map { _ in Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator)) }
        times += (0..<200).map { _ in Double.random(in: 0...4_102_444_800, using: &generator) }
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            // Times are written to the second, cut (not rounded): the formatter rounds a fraction close enough
            // to the next second up, so it is shown the whole second the file means.
            let whole = Date(timeIntervalSince1970: time.rounded(.down))
            #expect(AttemptLog.timestamp(date) == formatter.string(from: whole), "\(time)")
            #expect(Timestamp.seconds(AttemptLog.timestamp(date)) == time.rounded(.down), "\(time)")
        }
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let text = Self.sample.text
        let reading = try AttemptLog.read(Data(text.utf8))
        #expect(reading.log == Self.sample)
        #expect(!reading.droppedTornLine)
        #expect(reading.wholeLength == text.utf8.count)
        #expect(reading.log.choices.map(\.description) == ["rujukan#3", "kunjungan-malam#1"])
        #expect(reading.log.undone(in: nil).map(\.step) == [2])
        // One object per line, keys sorted, control characters escaped: no raw escape byte in the file.
        let lines = text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("{\"caseHash\":\"sha256:ab\",\"caseID\":\"keluarga-dimas\",\"format\":1,"))
        #expect(!text.utf8.contains(0x1B))
    }

    @Test func everyCharacterThatCouldBreakALineIsEscaped() throws {
        let nasty = "a\u{85}b\u{2028}c\u{2029}d\u{7F}e\u{1B}f\"g\\h\ti\rj\nk é ⚠"
        let line = AttemptLog.line(for: .step(step: 1, choice: ChoiceID(scene: "s", index: 0), at: "t", reflection: nasty))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(line.contains("\\u0085") && line.contains("\\u2028") && line.contains("é ⚠"))
        let log = AttemptLog(
            header: Self.header, entries: [.step(step: 1, choice: ChoiceID(scene: "s", index: 0), at: "2026-11-27T09:01:00Z", reflection: nasty)])
        #expect(try AttemptLog.read(Data(log.text.utf8)).log == log)
        #expect(AttemptLog.quote("plain text, é") == "\"plain text, é\"")
    }

    @Test func aLastLineCutShortIsDroppedAndEarlierLinesKept() throws {
        let text = Self.sample.text
        for cut in 1..<30 {
            let data = Data(text.utf8.dropLast(cut))
            let reading = try AttemptLog.read(data)
            #expect(reading.droppedTornLine)
            #expect(reading.log.entries == Array(Self.sample.entries.dropLast()))
            #expect(reading.wholeLength < data.count)
        }
        // Zero bytes where a power cut left the file longer than its data.
        let zeros = try AttemptLog.read(Data(text.utf8) + Data(repeating: 0, count: 40) + Data([0x0A]))
        #expect(zeros.droppedTornLine && zeros.log == Self.sample && zeros.wholeLength == text.utf8.count)
    }

    @Test(arguments: [
        ("", 0, "empty"),
        ("{\"type\":\"attempt\"", 0, "only a line cut short"),
        ("not json\n", 1, "not a line of JSON"),
        ("{\"type\":\"step\"}\n", 1, "not an attempt header"),
        ("{\"caseHash\":\"h\",\"caseID\":\"c\",\"format\":2,\"id\":\"i\",\"mode\":\"graded\",\"started\":\"t\",\"type\":\"attempt\"}\n", 1, "newer Practicum"),
        ("{\"caseHash\":\"h\",\"caseID\":\"c\",\"format\":0,\"id\":\"i\",\"mode\":\"graded\",\"started\":\"t\",\"type\":\"attempt\"}\n", 1, "format 0 is not one Practicum ever wrote"),
        ("{\"caseHash\":\"h\",\"caseID\":\"c\",\"format\":-3,\"id\":\"i\",\"mode\":\"graded\",\"started\":\"t\",\"type\":\"attempt\"}\n", 1, "format -3 is not one Practicum ever wrote"),
        ("{\"caseHash\":\"h\",\"caseID\":\"c\",\"format\":1,\"id\":\"i\",\"mode\":\"exam\",\"started\":\"t\",\"type\":\"attempt\"}\n", 1, "not 'practice' or 'graded'"),
        ("{\"caseHash\":\"h\",\"caseID\":\"c\",\"caseID\":\"d\",\"format\":1,\"id\":\"i\",\"mode\":\"graded\",\"started\":\"t\",\"type\":\"attempt\"}\n", 1, "not a line of JSON"),
    ])
    func aBrokenHeaderIsRefused(text: String, line: Int, words: String) {
        #expect {
            try AttemptLog.read(Data(text.utf8))
        } throws: { error in
            guard let problem = error as? AttemptLog.Problem else { return false }
            return problem.line == line && problem.message.contains(words)
        }
    }

    /// Issue 17: a file of a million legal steps made grading take 1.23 GB. Reading stops at the first line past
    /// the cap (lowered here), refusing the file with the cap in the message; a file at the cap reads.
    @Test func anAttemptLongerThanTheCapIsRefusedWhereItPassesIt() throws {
        func file(steps: Int) -> Data {
            let header = AttemptLog.Header(
                id: "i", caseID: "c", caseHash: "h", seed: nil, mode: "graded", started: "2026-11-27T09:00:00Z")
            let entries = (1...steps).map {
                AttemptLog.Entry.step(step: $0, choice: AttemptLog.choiceID("hub#1")!, at: "2026-11-27T09:01:00Z", reflection: nil)
            }
            return Data(AttemptLog(header: header, entries: entries).text.utf8)
        }
        #expect(try AttemptLog.read(file(steps: 3), maximumEntries: 3).log.entries.count == 3)
        #expect {
            try AttemptLog.read(file(steps: 4), maximumEntries: 3)
        } throws: { error in
            (error as? AttemptLog.Problem) == AttemptLog.Problem(
                line: 5,
                message: "the attempt is longer than an attempt can be: at most 3 steps and undos follow the header (no case is "
                    + "played that long); the file is not read further")
        }
        // A torn line after the last allowed one is dropped as ever, not counted.
        var torn = file(steps: 3)
        torn.append(contentsOf: Data("{\"at\":".utf8))
        #expect(try AttemptLog.read(torn, maximumEntries: 3).droppedTornLine)

        // The real cap, 10,000.
        #expect(AttemptLog.maximumEntries == 10_000)
        #expect(try AttemptLog.read(file(steps: 10_000)).log.entries.count == 10_000)
        #expect {
            try AttemptLog.read(file(steps: 10_001))
        } throws: { error in
            let problem = error as? AttemptLog.Problem
            return problem?.line == 10_002 && problem?.message.contains("at most 10000 steps and undos") == true
        }
    }

    /// Issue 17: a format of 0 or below was refused as "written by a newer Practicum"; no Practicum wrote it.
    @Test func aFormatBelowOneIsNeverCalledNewer() {
        for format in [0, -1, Int.min] {
            let message = FileFormat.mismatch(format, reads: 1)
            #expect(message?.contains("not one Practicum ever wrote") == true && message?.contains("newer") == false)
        }
        #expect(FileFormat.mismatch(2, reads: 1)?.contains("a newer Practicum wrote it") == true)
        #expect(FileFormat.mismatch(1, reads: 1) == nil)
    }

    /// Forged or damaged files: every one is refused, naming the line.
    @Test func linesRepeatedLeftOutOrMovedAreCaught() throws {
        let header = AttemptLog.line(for: Self.header) + "\n"
        func lines(_ entries: [AttemptLog.Entry]) -> String { entries.map { AttemptLog.line(for: $0) + "\n" }.joined() }
        let cases: [(String, Int, String)] = [
            (lines([Self.step(1, "a#1"), Self.step(1, "a#1")]), 3, "a line was repeated"),
            (lines([Self.step(1, "a#1"), Self.step(3, "b#1")]), 3, "step 3 comes after 1"),
            (lines([Self.step(2, "a#1")]), 2, "step 2 comes after 0"),
            (lines([.undo(step: 1, at: "t")]), 2, "last standing step is 0"),
            (lines([Self.step(1, "a#1"), Self.step(2, "b#1"), .undo(step: 1, at: "t")]), 4, "last standing step is 2"),
            ("{\"at\":\"t\",\"choice\":\"a#0\",\"step\":1,\"type\":\"step\"}\n", 2, "scene#n"),
            ("{\"at\":\"t\",\"choice\":\"a#1\",\"step\":1,\"type\":\"score\",\"score\":100}\n", 2, "does not know"),
            ("{\"at\":\"t\",\"choice\":\"a#1\",\"step\":1.5,\"type\":\"step\"}\n", 2, "whole-number \"step\""),
            ("\n", 2, "not a line of JSON"),
        ]
        for (body, line, words) in cases {
            #expect {
                try AttemptLog.read(Data((header + body).utf8))
            } throws: { error in
                guard let problem = error as? AttemptLog.Problem else { return false }
                return problem.line == line && problem.message.contains(words)
            }
        }
        // An undo in a graded attempt.
        var graded = Self.header
        graded.mode = "graded"
        #expect(throws: AttemptLog.Problem.self) {
            try AttemptLog.read(Data((AttemptLog.line(for: graded) + "\n" + lines([Self.step(1, "a#1"), .undo(step: 1, at: "t")])).utf8))
        }
    }

    @Test func theWriterAppendsFlushedLinesAndResumesAfterATornOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attempts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("s1.jsonl")
        do {
            let writer = try AttemptWriter.create(at: url, header: Self.header)
            try writer.append(Self.step(1, "rujukan#3"))
        }
        // A second create never replaces the file.
        #expect(throws: AttemptWriter.Failure.self) { try AttemptWriter.create(at: url, header: Self.header) }
        // A crash mid-write leaves half a line.
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data("{\"at\":\"2026-11-27T09:02:00Z\",\"choi".utf8))
        try handle.close()
        let reading = try AttemptLog.read(try Data(contentsOf: url))
        #expect(reading.droppedTornLine && reading.log.entries == [Self.step(1, "rujukan#3")])
        do {
            let writer = try AttemptWriter.resume(at: url, wholeLength: reading.wholeLength)
            try writer.append(Self.step(2, "kunjungan-malam#2"))
        }
        let again = try AttemptLog.read(try Data(contentsOf: url))
        #expect(!again.droppedTornLine)
        #expect(again.log.entries == [Self.step(1, "rujukan#3"), Self.step(2, "kunjungan-malam#2")])
    }

    /// A new file appears under its name only with its header on the disk (made under a hidden name, then
    /// linked), so a kill while it is created leaves no empty attempt; the hidden name is never listed.
    @Test func aNewFileAppearsOnlyWithItsHeaderAndLeavesNothingHiddenBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attempts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("s1--case--1.jsonl")
        _ = try AttemptWriter.create(at: url, header: Self.header)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["s1--case--1.jsonl"])
        let reading = try AttemptLog.read(try Data(contentsOf: url))
        #expect(reading.log.header == Self.header && reading.log.entries.isEmpty)
        // What a kill between writing the hidden file and linking it would leave: not an attempt.
        try Data().write(to: folder.appendingPathComponent(".s1--case--2.jsonl.12345.creating"))
        #expect(AttemptStore(directory: folder).entries().map(\.name) == ["s1--case--1"])
    }

    @Test func aFileThatCannotBeWrittenSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        // A folder where the file should be.
        let blocked = folder.appendingPathComponent("s1.jsonl")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        #expect {
            try AttemptWriter.create(at: blocked, header: Self.header)
        } throws: { error in
            (error as? AttemptWriter.Failure)?.message.contains("cannot create") == true
        }
    }

    /// Step lines as the writer writes them are read without the general JSON reader; whatever that shortcut
    /// accepts must read exactly as the general reader reads it, and anything it is unsure of goes to it.
    @Test func theShortcutForPlainStepLinesReadsAsTheGeneralReaderDoes() throws {
        let written = [
            AttemptLog.line(for: Self.step(1, "rujukan#3")), AttemptLog.line(for: Self.step(9, "a#1")),
            AttemptLog.line(for: .step(step: 123_456, choice: AttemptLog.choiceID("x-y_z.w#40")!, at: "", reflection: nil)),
        ]
        for line in written {
            let bytes = ArraySlice(Array(line.utf8).filter { $0 != 0x0A })
            let shortcut = try #require(AttemptLog.plainStep(bytes), "a line as written takes the shortcut: \(line)")
            #expect(shortcut == (try AttemptLog.parsedEntry(bytes, number: 2)))
        }
        // Lines the shortcut must leave to the general reader, or read as it does.
        var variants = [
            ##"{"at":"t","choice":"a#1","step":01,"type":"step"}"##, ##"{"at":"t","choice":"a#1","step":0,"type":"step"}"##,
            ##"{"at":"t","choice":"a#0","step":1,"type":"step"}"##, ##"{"at":"t","choice":"#1","step":1,"type":"step"}"##,
            ##"{"at":"t","choice":"a#1","step":1,"type":"step"} "##, ##"{"at":"t","choice":"a#1","step":1,"type":"step"}}"##,
            ##"{"at":"t\"","choice":"a#1","step":1,"type":"step"}"##, ##"{"at":"t\u0041","choice":"a#1","step":1,"type":"step"}"##,
            ##"{"at":"t","choice":"a#1","step":1.0,"type":"step"}"##, ##"{"at":"t","choice":"a#1","step":1e2,"type":"step"}"##,
            ##"{"at":"t","choice":"a#1","step":99999999999999999999,"type":"step"}"##,
            ##"{"at":"t","choice":"a#1","step":1,"type":"undo"}"##, ##"{"at":"t","choice":"a#1","step":1,"type":"step","x":1}"##,
            ##"{"at":"é","choice":"a#1","step":1,"type":"step"}"##, "{\"at\":\"\u{7F}\",\"choice\":\"a#1\",\"step\":1,\"type\":\"step\"}",
            "{\"at\":\"\t\",\"choice\":\"a#1\",\"step\":1,\"type\":\"step\"}", ##"{"at":"t","choice":"a#1","step":1,"##,
            ##"{"at":"t","choice":"a#99999999999","step":1,"type":"step"}"##, ##"{"choice":"a#1","at":"t","step":1,"type":"step"}"##,
        ]
        // Every line cut short, and every byte of a written line replaced by a few others.
        let base = Array(written[0].utf8).filter { $0 != 0x0A }
        for end in 0..<base.count { variants.append(String(decoding: base[..<end], as: UTF8.self)) }
        for position in base.indices {
            for byte: UInt8 in [0x20, 0x22, 0x30, 0x39, 0x5C, 0x7D, 0x23, 0x00, 0xC3] {
                var changed = base
                changed[position] = byte
                variants.append(String(decoding: changed, as: UTF8.self))
            }
        }
        var shortcuts = 0
        for line in variants {
            let bytes = ArraySlice(Array(line.utf8))
            guard let shortcut = AttemptLog.plainStep(bytes) else { continue }
            shortcuts += 1
            #expect(shortcut == (try? AttemptLog.parsedEntry(bytes, number: 2)), "the shortcut read \(line) otherwise")
        }
        #expect(shortcuts > 10, "the shortcut still reads plain lines with other digits and names")
    }

    /// Headers as the writer writes them are read without the general JSON reader too; what the shortcut
    /// reads must be the very value (positions included) the general reader gives.
    @Test func theShortcutForFlatObjectsReadsAsTheGeneralReaderDoes() throws {
        let headers = [
            AttemptLog.line(for: Self.header),
            AttemptLog.line(for: AttemptLog.Header(id: "a", caseID: "c", caseHash: "h", seed: UInt64.max, mode: "graded")),
            AttemptLog.line(for: AttemptLog.Header(id: "a", caseID: "c", caseHash: "h", seed: 0, mode: "graded")),
        ]
        var variants: [String] = [
            ##"{"a":1,"a":2}"##, ##"{"b":1,"a":2}"##, ##"{"a":01}"##, ##"{"a":-1}"##, ##"{"a":1.5}"##, ##"{"a":1e3}"##,
            ##"{"a":null}"##, ##"{"a":true}"##, ##"{"a":[1]}"##, ##"{"a":{"b":1}}"##, ##"{"a":"A"}"##, ##"{}"##,
            ##"{"a":"x"} "##, ##" {"a":"x"}"##, ##"{"a" :"x"}"##, ##"{"a":123456789012345678901}"##, ##"{"a":"é"}"##,
            ##"{"a":"x","b":18446744073709551616}"##, ##"{"":"x"}"##, ##"{"a":"x",}"##,
        ]
        for header in headers {
            let base = Array(header.utf8).filter { $0 != 0x0A }
            variants.append(header)
            for end in 0..<base.count { variants.append(String(decoding: base[..<end], as: UTF8.self)) }
            for position in base.indices {
                for byte: UInt8 in [0x20, 0x22, 0x30, 0x31, 0x5C, 0x7D, 0x2C, 0x3A, 0x00, 0xC3, 0x61] {
                    var changed = base
                    changed[position] = byte
                    variants.append(String(decoding: changed, as: UTF8.self))
                }
            }
        }
        var shortcuts = 0
        for line in variants {
            let bytes = ArraySlice(Array(line.utf8))
            guard let shortcut = AttemptLog.plainObject(bytes) else { continue }
            shortcuts += 1
            #expect(shortcut == (try? JSONValue.parse(bytes)), "the shortcut read \(line) otherwise")
        }
        #expect(shortcuts > 100)
        for header in headers {
            #expect(AttemptLog.plainObject(ArraySlice(Array(header.utf8))) != nil, "a header as written takes the shortcut")
        }
    }
}
