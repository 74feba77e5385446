import Foundation
import PracticumCore
import PracticumEngine
import Testing

@testable import PracticumClassroom

/// Session codes (made, stored as hashes, verified) and attempt lines signed with the key a code gives: a
/// signed attempt verifies, and every way of tampering with one is caught at the line where it was done.
@Suite("Session codes and signed attempt lines")
struct SessionCodesTests {
    /// A generator that gives the same numbers every run, for tests that must not depend on chance.
    struct Counter: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    // MARK: Codes

    @Test func aCodeIsTenLettersOfTheAlphabetInTwoGroups() {
        var generator = SystemRandomNumberGenerator()
        var seen: Set<String> = []
        for _ in 0..<500 {
            let code = SessionCodes.newCode(using: &generator)
            #expect(code.count == 11)
            let parts = code.split(separator: "-")
            #expect(parts.count == 2 && parts.allSatisfy { $0.count == 5 })
            #expect(code.filter { $0 != "-" }.allSatisfy { SessionCodes.alphabet.contains($0) })
            #expect(!code.contains(where: { "0O1IL".contains($0) }))
            seen.insert(code)
        }
        // 500 draws from about 2^49 codes: a repeat would mean the draw is broken.
        #expect(seen.count == 500)
        #expect(SessionCodes.alphabet.count == 31 && Set(SessionCodes.alphabet).count == 31)
        // At least 48 bits.
        #expect(Double(SessionCodes.length) * log2(Double(SessionCodes.alphabet.count)) >= 48)
    }

    @Test func theFileKeepsHashesAndKeysNeverTheCodeAndVerifiesNormalisedInput() throws {
        var codes = SessionCodes(session: "week3")
        let one = codes.add(student: "s1", created: "2026-12-07T09:00:00Z")
        let two = codes.add(student: "s2", created: "2026-12-07T09:00:00Z")
        #expect(one != two)
        try codes.write(folder: folder)
        let url = folder.appendingPathComponent(SessionCodes.fileName)
        let text = try String(contentsOf: url, encoding: .utf8)
        for code in [one, two] {
            #expect(!text.contains(code) && !text.contains(SessionCodes.normalised(code)))
        }
        // No student id either: students are named by their key.
        #expect(!text.contains("\"s1\"") && text.contains(Session(id: "week3", created: "", mode: "graded", attempts: 1, policy: .best, feedback: .debrief, passMark: 60, due: nil, homePage: "https://x/", cases: []).studentKey("s1")))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let read = try #require(try SessionCodes.read(folder: folder))
        #expect(read == codes)
        #expect(read.verify(student: "s1", code: one))
        #expect(read.verify(student: "s1", code: " " + one.lowercased().replacingOccurrences(of: "-", with: " ") + " "))
        #expect(read.verify(student: "s1", code: one.replacingOccurrences(of: "-", with: "")))
        #expect(!read.verify(student: "s1", code: two))
        #expect(!read.verify(student: "s2", code: one))
        #expect(!read.verify(student: "s3", code: one))
        #expect(!read.verify(student: "s1", code: ""))
        #expect(read.signingKey(student: "s1") == AttemptKey(code: one, session: "week3", student: "s1"))
        #expect(read.signingKey(student: "s1") == AttemptKey(code: one.lowercased(), session: "week3", student: "s1"))
        #expect(read.signingKey(student: "s1") != AttemptKey(code: one, session: "week4", student: "s1"))
        #expect(read.signingKey(student: "s3") == nil)
        #expect(try SessionCodes.read(folder: folder.appendingPathComponent("none")) == nil)
    }

    /// The server's view of codes.json: read once, then again only when the file changed, so a code replaced while
    /// the server runs signs in at once and the old one no longer does.
    @Test func theCodesFileIsReadAgainOnlyWhenItChanges() throws {
        let file = SessionCodesFile(folder: folder)
        #expect(try file.current() == nil)
        var codes = SessionCodes(session: "week3")
        let first = codes.add(student: "s1")
        try codes.write(folder: folder)
        let read = try #require(try file.current())
        #expect(read.verify(student: "s1", code: first))
        #expect(try file.current() == read)
        // Replaced within the same second: the rewrite is a new file, so it is seen.
        let second = codes.add(student: "s1")
        try codes.write(folder: folder)
        let now = try #require(try file.current())
        #expect(now.verify(student: "s1", code: second) && !now.verify(student: "s1", code: first))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(SessionCodes.fileName))
        #expect(try file.current() == nil)
    }

    @Test func aNewCodeRetiresTheOldOneForSignInButKeepsItsKey() {
        var generator = Counter(state: 42)
        var codes = SessionCodes(session: "week3")
        let old = codes.add(student: "s1", created: "2026-12-07T09:00:00Z", using: &generator)
        let new = codes.add(student: "s1", created: "2026-12-08T09:00:00Z", using: &generator)
        #expect(!codes.verify(student: "s1", code: old) && codes.verify(student: "s1", code: new))
        #expect(codes.keys(student: "s1") == [old, new].map { AttemptKey(code: $0, session: "week3", student: "s1") })
        #expect(codes.signingKey(student: "s1") == AttemptKey(code: new, session: "week3", student: "s1"))
        #expect(codes.entries(student: "s1").map(\.created) == ["2026-12-07T09:00:00Z", "2026-12-08T09:00:00Z"])
    }

    // MARK: Signed lines

    static let header = AttemptLog.Header(
        id: "a1", caseID: "player", caseHash: "sha256:abc", seed: 7, mode: "practice", student: "s1", session: "week3",
        started: "2026-11-27T09:00:00Z")
    static let key = AttemptKey(code: "ABCDE-FGHJK", session: "week3", student: "s1")
    static let otherKey = AttemptKey(code: "MNPQR-STUVW", session: "week3", student: "s2")

    static func step(_ number: Int, _ choice: String, minute: Int) -> AttemptLog.Entry {
        .step(step: number, choice: AttemptLog.choiceID(choice)!, at: String(format: "2026-11-27T09:%02d:00Z", minute), reflection: nil)
    }

    /// step 1, step 2 (a), undo, step 2 (b), undo, step 2 (c), step 3: a practice attempt where lines can be
    /// dropped or swapped without the step numbers showing it.
    static let entries: [AttemptLog.Entry] = [
        step(1, "start#1", minute: 1), step(2, "second#1", minute: 2), .undo(step: 2, at: "2026-11-27T09:03:00Z"),
        step(2, "second#2", minute: 4), .undo(step: 2, at: "2026-11-27T09:05:00Z"), step(2, "second#1", minute: 6),
        step(3, "third#1", minute: 7),
    ]

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func signature(_ lines: [String], keys: [AttemptKey] = [Self.key]) throws -> AttemptLog.Signature {
        try AttemptLog.read(Data((lines.joined(separator: "\n") + "\n").utf8)).log.signature(keys: keys)
    }

    @Test func aSignedAttemptVerifiesUnderItsKeyOnlyAndReadsAsBefore() throws {
        let log = AttemptLog(header: Self.header, entries: Self.entries)
        let signed = log.signedText(key: Self.key)
        let reading = try AttemptLog.read(Data(signed.utf8))
        #expect(reading.log.header == log.header && reading.log.entries == log.entries)
        #expect(reading.log.lineMACs.count == 8 && reading.log.isSigned)
        #expect(reading.log.signature(keys: [Self.key]) == .verified)
        #expect(reading.log.signature(keys: [Self.otherKey, Self.key]) == .verified)
        if case .broken(let line, _) = reading.log.signature(keys: [Self.otherKey]) { #expect(line == 1) } else {
            Issue.record("verified under another student's key")
        }
        // An unsigned file reads as before and says so.
        #expect(try AttemptLog.read(Data(log.text.utf8)).log.signature(keys: [Self.key]) == .unsigned)
        #expect(try AttemptLog.read(Data(log.text.utf8)).log.lineMACs.isEmpty)
        // A signed step line still takes the reader's shortcut, and gives what the general reader gives.
        let stepLine = lines(signed)[1]
        let bytes = ArraySlice(Array(stepLine.utf8))
        let plain = try #require(AttemptLog.plainSignedStep(bytes))
        let general = try AttemptLog.parsedSignedEntry(bytes, number: 2)
        #expect(plain.0 == general.0 && plain.mac == general.mac && plain.mac != nil)
        #expect(AttemptLog.plainStep(bytes) == nil)
    }

    @Test func aChangedChoiceIsCaughtAtItsLine() throws {
        var signed = lines(AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        signed[7] = signed[7].replacingOccurrences(of: "third#1", with: "third#2")
        #expect(signed[7].contains("third#2"))
        guard case .broken(let line, let reason) = try signature(signed) else {
            Issue.record("not caught")
            return
        }
        #expect(line == 8 && reason.contains("changed"))
    }

    @Test func aChangedStudentIsCaughtAtTheHeaderUnderEitherKey() throws {
        var signed = lines(AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        signed[0] = signed[0].replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s2\"")
        #expect(signed[0].contains("\"s2\""))
        guard case .broken(let line, _) = try signature(signed, keys: [Self.otherKey]) else {
            Issue.record("not caught")
            return
        }
        #expect(line == 1)
        // Nor under the author's key: the header's mac covers the student it names.
        guard case .broken(let again, _) = try signature(signed, keys: [Self.key]) else {
            Issue.record("not caught")
            return
        }
        #expect(again == 1)
    }

    @Test func aDroppedPairOfLinesIsCaughtWhereTheStepNumbersDoNotShowIt() throws {
        var signed = lines(AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        // Drop "step 2 (a), undo": the numbering still reads step 1, step 2 (b), ...
        signed.removeSubrange(2...3)
        guard case .broken(let line, let reason) = try signature(signed) else {
            Issue.record("not caught")
            return
        }
        #expect(line == 3 && reason.contains("left out"))
    }

    @Test func reorderedLinesAreCaught() throws {
        var signed = lines(AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        // Swap step 2 (a) with step 2 (b): each is followed by an undo of step 2, so the numbers still fit.
        signed.swapAt(2, 4)
        guard case .broken(let line, _) = try signature(signed) else {
            Issue.record("not caught")
            return
        }
        #expect(line == 3)
    }

    @Test func aLineMovedInFromAnotherAttemptIsCaught() throws {
        var other = Self.header
        other.id = "a2"
        let mine = lines(AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        // The same student's other attempt took third#2 at step 3, signed with the same key.
        var otherEntries = Self.entries
        otherEntries[6] = Self.step(3, "third#2", minute: 7)
        let theirs = lines(AttemptLog(header: other, entries: otherEntries).signedText(key: Self.key))
        var spliced = mine
        spliced[7] = theirs[7]
        #expect(spliced[7] != mine[7])
        guard case .broken(let line, _) = try signature(spliced) else {
            Issue.record("not caught")
            return
        }
        #expect(line == 8)
        // And an unsigned line put among signed ones.
        var unsigned = mine
        unsigned[7] = AttemptLog.line(for: Self.entries[6])
        guard case .broken(let bare, let reason) = try signature(unsigned) else {
            Issue.record("not caught")
            return
        }
        #expect(bare == 8 && reason.contains("no mac"))
    }

    @Test func theWriterSignsAsSignedTextDoesAndResumingContinuesTheChain() throws {
        let url = folder.appendingPathComponent("a.jsonl")
        do {
            let writer = try AttemptWriter.create(at: url, header: Self.header, signingKey: Self.key)
            for entry in Self.entries.prefix(3) { try writer.append(entry) }
        }
        // A crash left half a line.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"at\":\"2026-11-27T09:04".utf8))
        try handle.close()
        let reading = try AttemptLog.read(Data(contentsOf: url))
        #expect(reading.droppedTornLine)
        let recorder = try AttemptRecorder(resuming: url, reading: reading, signingKey: Self.key)
        #expect(recorder.signs)
        for entry in Self.entries.dropFirst(3) { #expect(recorder.record(entry) == nil) }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == AttemptLog(header: Self.header, entries: Self.entries).signedText(key: Self.key))
        #expect(try AttemptLog.read(Data(text.utf8)).log.signature(keys: [Self.key]) == .verified)

        // An unsigned file goes on unsigned, rather than half signed.
        let plain = folder.appendingPathComponent("b.jsonl")
        try AttemptLog(header: Self.header, entries: Array(Self.entries.prefix(2))).text.write(to: plain, atomically: true, encoding: .utf8)
        let goingOn = try AttemptRecorder(resuming: plain, reading: AttemptLog.read(Data(contentsOf: plain)), signingKey: Self.key)
        #expect(!goingOn.signs)
        #expect(goingOn.record(Self.entries[2]) == nil)
        #expect(try AttemptLog.read(Data(contentsOf: plain)).log.signature(keys: [Self.key]) == .unsigned)
    }
}
