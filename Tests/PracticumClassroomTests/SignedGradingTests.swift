import Foundation
import PracticumCore
import Testing

@testable import PracticumClassroom

/// Grading a session with codes: files signed by their student's key are `signed`; a copy of another student's
/// signed file is caught as that student's, whose own file is graded as usual; files that do not verify are not
/// counted, and unsigned files are marked for review. Sessions without codes grade as before (the other suites).
@Suite("Grading a session with codes")
struct SignedGradingTests {
    typealias Base = SessionGraderTests

    /// A session with codes for s1-s3, and each student's code.
    static func sessionWithCodes() throws -> (folder: URL, fingerprint: String, codes: [String: String]) {
        let (folder, fingerprint) = try Base.makeSession()
        var session = try Session.read(folder: folder)
        session.codes = true
        try session.write(folder: folder)
        var codes = SessionCodes(session: session.id)
        var made: [String: String] = [:]
        for student in ["s1", "s2", "s3"] { made[student] = codes.add(student: student) }
        try codes.write(folder: folder)
        return (folder, fingerprint, made)
    }

    /// An attempt's text signed with the key a code gives its student.
    static func signed(_ text: String, code: String, student: String) throws -> String {
        let log = try AttemptLog.read(Data(text.utf8)).log
        return log.signedText(key: AttemptKey(code: code, session: "week3", student: student))
    }

    @Test func aCopyWithTheStudentChangedNamedToSortFirstIsCaughtAsTheAuthorsAndTheAuthorIsGraded() throws {
        let (folder, fingerprint, codes) = try Self.sessionWithCodes()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Self.signed(
            Base.attempt(student: "s1", path: Base.best, fingerprint: fingerprint), code: codes["s1"]!, student: "s1")
        try Base.hand(original, as: "s1--\(Base.caseID)--1.jsonl", in: folder)
        // s2 copies it, changes only "student", and names it to be read first.
        let copy = original.replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s2\"")
        #expect(copy != original)
        try Base.hand(copy, as: "0--\(Base.caseID)--1.jsonl", in: folder)

        let grader = try Base.open(folder)
        #expect(grader.attemptNames().first == "0--\(Base.caseID)--1.jsonl")
        let outcome = try grader.grade()
        let s1 = try #require(outcome.book.entries.first { $0.student.id == "s1" })
        #expect(s1.status == "graded" && s1.report?.overall == 100 && s1.provenance == .signed && s1.handInReasons.isEmpty)
        let s2 = try #require(outcome.book.entries.first { $0.student.id == "s2" })
        #expect(s2.status == "rejected" && s2.counted == nil && s2.needsReview)
        #expect(s2.lastRejection?.contains("a copy of s1's attempt") == true)
        #expect(s2.handInReasons == ["0--\(Base.caseID)--1.jsonl is a copy of s1's attempt with the student changed to s2"])
        #expect(outcome.log.contains("0--\(Base.caseID)--1.jsonl: rejected, s2 at \(Base.caseID): a copy of s1's attempt"))
        let rows = try Base.gradebook(folder)
        let record = try #require(rows[0].firstIndex(of: "record"))
        #expect(rows[1][0] == "s1" && rows[1][4] == "graded" && rows[1][record] == "signed")
        #expect(rows[2][0] == "s2" && rows[2][4] == "rejected")
        let report = try String(contentsOf: folder.appendingPathComponent("results/report.html"), encoding: .utf8)
        #expect(report.contains("<span class=\"self-reported\">signed</span></td>"))
        let statements = try String(contentsOf: folder.appendingPathComponent("results/statements.json"), encoding: .utf8)
        #expect(statements.contains("\"https://lms.example/practicum/xapi/record\":\"signed\""))
        #expect(!statements.contains("\"https://lms.example/practicum/xapi/record\":\"self-reported\""))
    }

    @Test func aFileThatDoesNotVerifyIsNotCountedAndAnUnsignedOneIsMarkedForReview() throws {
        let (folder, fingerprint, codes) = try Self.sessionWithCodes()
        defer { try? FileManager.default.removeItem(at: folder) }
        // s2's own signed attempt at the short path, with its last choice changed by hand.
        let s2 = try Self.signed(
            Base.attempt(student: "s2", path: "meet#1,hub#1", fingerprint: fingerprint), code: codes["s2"]!, student: "s2")
        try Base.hand(s2.replacingOccurrences(of: "\"choice\":\"hub#1\"", with: "\"choice\":\"hub#2\""), as: "s2--\(Base.caseID)--1.jsonl", in: folder)
        // s3 hands in a file written without a key (the best path, as `simulate` would find it).
        try Base.hand(Base.attempt(student: "s3", path: Base.best, fingerprint: fingerprint), as: "s3--\(Base.caseID)--1.jsonl", in: folder)
        // s1 signs with s3's code: lines signed by another student's key, header unchanged.
        try Base.hand(
            Self.signed(Base.attempt(student: "s1", path: Base.best, fingerprint: fingerprint), code: codes["s3"]!, student: "s1"),
            as: "s1--\(Base.caseID)--1.jsonl", in: folder)

        let outcome = try Base.open(folder).grade()
        let entry = { (id: String) in outcome.book.entries.first { $0.student.id == id } }
        let tampered = try #require(entry("s2"))
        #expect(tampered.status == "rejected" && tampered.needsReview)
        #expect(tampered.lastRejection?.hasPrefix("its lines do not verify under s2's key (line 3:") == true)
        let unsigned = try #require(entry("s3"))
        #expect(unsigned.status == "needs review" && unsigned.report?.overall == 100 && unsigned.provenance == .selfReported)
        #expect(!unsigned.passed(passMark: 60))
        #expect(unsigned.handInReasons.first?.contains("is not signed, though the session has codes") == true)
        // The debrief says why in the student's terms, not as a shared attempt id (as it once did).
        let debrief = try String(
            contentsOf: folder.appendingPathComponent("results/debriefs/s3--\(Base.caseID).md"), encoding: .utf8)
        #expect(debrief.contains("before the grade stands: the attempt file is not signed, though the session has codes."))
        #expect(!debrief.contains("same attempt id"))
        let wrongKey = try #require(entry("s1"))
        #expect(wrongKey.status == "rejected" && wrongKey.lastRejection?.contains("line 1:") == true)
        let rows = try Base.gradebook(folder)
        let record = try #require(rows[0].firstIndex(of: "record"))
        #expect(rows[3][0] == "s3" && rows[3][record] == "self-reported" && rows[3][4] == "needs review")
        let statements = try String(contentsOf: folder.appendingPathComponent("results/statements.json"), encoding: .utf8)
        // s3's attempt: marked for review, so `failed`, never `passed`, however high its score.
        #expect(statements.contains("\"https://lms.example/practicum/xapi/needsReview\":true"))
        #expect(!statements.contains("verbs/passed"))
    }

    /// Grading reads each file as a stream, keeping only the reflections its reports show, and checks the chain as
    /// the lines go by: the verdicts are those of the whole-file reader, file by file, a copy's author included.
    @Test func filesReadAsAStreamAreJudgedAsTheirBytesAre() throws {
        let (folder, fingerprint, codes) = try Self.sessionWithCodes()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Self.signed(
            Base.attempt(student: "s1", path: Base.best, fingerprint: fingerprint), code: codes["s1"]!, student: "s1")
        let files = [
            original, original.replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s2\""),
            original.replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s3\""),
            try Self.signed(Base.attempt(student: "s1", path: Base.best, fingerprint: fingerprint), code: codes["s3"]!, student: "s1"),
            Base.attempt(student: "s3", path: Base.best, fingerprint: fingerprint),
            Base.attempt(student: "s2", path: "meet#1,hub#1", fingerprint: fingerprint), "", "{\"type\":\"attempt\"}\n",
            String(original.dropLast(10)), original.replacingOccurrences(of: "\"step\":2", with: "\"step\":3"),
        ]
        let grader = try Base.open(folder).grader
        for (index, text) in files.enumerated() {
            let name = "s\(index % 3 + 1)--\(Base.caseID)--\(index).jsonl"
            try Base.hand(text, as: name, in: folder)
            let path = folder.appendingPathComponent("attempts/\(name)").path
            let streamed = grader.judge(path: path, file: name)
            let whole = grader.judge(Data(text.utf8), file: name)
            #expect(SessionGrader.logLine(streamed) == SessionGrader.logLine(whole), "\(index)")
            #expect(streamed.provenance == whole.provenance && streamed.reviewReason == whole.reviewReason, "\(index)")
            #expect(streamed.log?.standing.map(\.choice) == whole.log?.standing.map(\.choice), "\(index)")
            #expect(streamed.log?.standing.map(\.reflection) == whole.log?.standing.map(\.reflection), "\(index)")
        }
        #expect(grader.judge(path: folder.appendingPathComponent("attempts/none.jsonl").path, file: "none.jsonl").verdict.name == "rejected")
    }
}
