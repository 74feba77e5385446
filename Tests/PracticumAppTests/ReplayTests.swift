import Foundation
import PracticumClassroom
import Testing

@Suite("replay, and scores that follow the rubric")
struct ReplayTests {
    let caseID = "okafor-referral"
    /// A lapse (planning for her: a major breach, and the plan is never written together), then model work.
    let path = "meet#2,hub#3,hub#1,hub#2,hub#4,plan#1,crisis#1,act#1,follow#1,review#2,close#1"

    func write(_ text: String, name: String = "attempt.json") throws -> URL {
        let file = AppTestSupport.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func replayingAPlayResultRecomputesTheSameScore() throws {
        let played = AppTestSupport.fixture(["play", caseID, "--choices", path, "--json"])
        let file = try write(played.output)
        let replayed = AppTestSupport.fixture(["replay", file.path, "--json"])
        #expect(replayed.exitCode == 0, "\(replayed.errors)")
        let before = try #require(AppTestSupport.json(played.output)?["score"] as? [String: Any])
        let after = try #require(AppTestSupport.json(replayed.output)?["score"] as? [String: Any])
        #expect(before["overall"] as? Int == after["overall"] as? Int)
        #expect(before["level"] as? String == "Developing" && after["level"] as? String == "Developing")
        let text = AppTestSupport.fixture(["replay", file.path])
        #expect(text.output.contains("Replay of an attempt at: Mrs. Okafor's referral"))
        #expect(text.output.contains("Step 11: chose"))
        #expect(text.output.contains("> 1. Write the plan for her"), "the choice taken is marked among those shown")
        #expect(text.output.contains("The GP's nurse calls back within the hour"), "continuation scenes are shown")
        #expect(text.output.contains("Level capped at Developing: not shown: A plan is written with the client"))
    }

    @Test func replayShowsTheOrderTheStudentSaw() throws {
        let played = AppTestSupport.fixture(["play", caseID, "--seed", "11", "--choices", "1,1", "--json"])
        let result = try #require(AppTestSupport.json(played.output))
        let file = try write(played.output)
        let replayed = AppTestSupport.fixture(["replay", file.path])
        let path = try #require(result["path"] as? [[String: Any]])
        let firstText = try #require(path.first?["text"] as? String)
        #expect(replayed.output.contains("> 1. " + firstText.prefix(40)), "\(replayed.output.prefix(1500))")
    }

    @Test func aScoreWrittenInTheFileIsIgnored() throws {
        let played = AppTestSupport.fixture(["play", caseID, "--choices", path, "--json"])
        var object = try #require(AppTestSupport.json(played.output))
        var score = try #require(object["score"] as? [String: Any])
        let earned = try #require(score["overall"] as? Int)
        score["overall"] = 100
        score["level"] = "Exemplary"
        object["score"] = score
        let data = try JSONSerialization.data(withJSONObject: object)
        let file = try write(String(decoding: data, as: UTF8.self))
        let replayed = try #require(AppTestSupport.json(AppTestSupport.fixture(["replay", file.path, "--json"]).output))
        #expect((replayed["score"] as? [String: Any])?["overall"] as? Int == earned)
        #expect((replayed["score"] as? [String: Any])?["level"] as? String == "Developing")
    }

    @Test func anAttemptFileReplaysToo() throws {
        let state = AppTestSupport.temporaryDirectory()
        _ = AppTestSupport.fixture(["play", caseID], input: ["1", "1", "quit"], state: state)
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        let run = AppTestSupport.fixture(["replay", attempt.url.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("Step 2: chose"))
        #expect(run.output.contains("The case has not reached an ending yet."))
    }

    /// The fixture case with one choice's quality changed: another version of the case, with the same id.
    func editedLibrary() throws -> URL {
        let folder = AppTestSupport.temporaryDirectory()
        let original = try String(
            contentsOf: AppTestSupport.library.appendingPathComponent("\(caseID).scenario"), encoding: .utf8)
        let edited = original.replacingOccurrences(of: "quality: +2", with: "quality: +1")
        #expect(edited != original)
        try edited.write(to: folder.appendingPathComponent("\(caseID).scenario"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func anAttemptRecordsItsCaseAndIsRefusedAgainstAnotherVersion() throws {
        let played = AppTestSupport.fixture(["play", caseID, "--choices", path, "--json"])
        let fingerprint = try #require(AppTestSupport.json(played.output)?["fingerprint"] as? String)
        #expect(fingerprint.hasPrefix("sha256:") && fingerprint.count == 71)
        let file = try write(played.output)
        // The same case: replayed without a word.
        let same = AppTestSupport.fixture(["replay", file.path, "--json"])
        #expect(same.exitCode == 0 && !same.errors.contains("warning"), "\(same.errors)")
        // An edited case with the same id: refused, saying why.
        let edited = try editedLibrary()
        let refused = AppTestSupport.run(["replay", file.path], environment: ["PRACTICUM_SCENARIOS": edited.path])
        #expect(refused.exitCode == 1)
        #expect(refused.errors.contains("was played on another version of 'okafor-referral'"), "\(refused.errors)")
        #expect(refused.output.isEmpty, "nothing of the attempt is shown")
        // A fingerprint written by hand is refused the same way.
        var object = try #require(AppTestSupport.json(played.output))
        object["fingerprint"] = "sha256:" + String(repeating: "0", count: 64)
        let forged = try write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        #expect(AppTestSupport.fixture(["replay", forged.path]).exitCode == 1)
        // No fingerprint (an older attempt): replayed, with a warning.
        object["fingerprint"] = nil
        let older = try write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let warned = AppTestSupport.fixture(["replay", older.path, "--json"])
        #expect(warned.exitCode == 0)
        #expect(warned.errors.contains("warning: '\(older.path)' records no fingerprint of its case"))
    }

    @Test func anAttemptRecordsTheFingerprintAndResumingOnAChangedCaseIsRefused() throws {
        let state = AppTestSupport.temporaryDirectory()
        _ = AppTestSupport.fixture(["play", caseID], input: ["1", "quit"], state: state)
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        #expect(attempt.log.header.caseHash.hasPrefix("sha256:"))
        let unchanged = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(unchanged.output.contains("Resuming after 1 choice") && !unchanged.output.contains("another version"))
        let resumed = AppTestSupport.run(
            ["play", caseID, "--resume"], input: ["quit"], state: state,
            environment: ["PRACTICUM_SCENARIOS": try editedLibrary().path])
        let said = resumed.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(said.contains("was played on another version of this case"), "\(resumed.output)")
        #expect(!said.contains("Resuming"))
        // The attempt is kept exactly as it was.
        #expect(AppTestSupport.attempts(in: state).contains { $0.url == attempt.url && $0.log == attempt.log })
    }

    @Test func aForgedStepIsRejectedWithItsNumber() throws {
        let file = try write(#"{"scenario": "okafor-referral", "choices": [{"scene": "meet", "index": 0}, {"scene": "close", "index": 0}]}"#)
        let run = AppTestSupport.fixture(["replay", file.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("step 2"))
        #expect(run.errors.contains("was not on offer"))
    }

    @Test(arguments: ["/etc/passwd", "../../etc/passwd", "Scenarios/x.scenario", "OKAFOR", "okafor-referral\u{1B}[2J"])
    func aPathOrOddNameInsideAnAttemptIsNeverOpened(named: String) throws {
        let object: [String: Any] = ["scenario": named, "choices": [["scene": "meet", "index": 0]]]
        let file = try write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let run = AppTestSupport.fixture(["replay", file.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("which is not a case id"), "\(run.errors)")
        #expect(!run.errors.contains("root:"), "nothing of another file is printed")
        #expect(!run.errors.contains("\u{1B}"), "no escape sequence reaches the terminal")
    }

    @Test(arguments: [
        ("not json at all", "not valid JSON (line 1, column 1: expected a value"),
        ("[1, 2]", "not a JSON object"),
        (#"{"scenario": "okafor-referral", "path": [], "path": [{"id": "meet#1"}]}"#, "the key \"path\" appears twice"),
        (#"{"path": []}"#, "no \"scenario\" id"),
        (#"{"scenario": "okafor-referral"}"#, "neither a \"path\""),
        (#"{"scenario": "okafor-referral", "path": [{"id": "meet"}]}"#, "step 1 has no choice id"),
        (#"{"scenario": "okafor-referral", "path": [{"id": "meet#+1"}]}"#, "step 1 has no choice id"),
        (#"{"scenario": "okafor-referral", "seed": -1, "choices": []}"#, "\"seed\" is not a whole number"),
        (#"{"scenario": "okafor-referral", "seed": 1.5, "choices": []}"#, "\"seed\" is not a whole number"),
        (#"{"scenario": "okafor-referral", "seed": true, "choices": []}"#, "\"seed\" is not a whole number"),
    ])
    func malformedAttemptsAreClearErrors(text: String, message: String) throws {
        let run = AppTestSupport.fixture(["replay", try write(text).path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func changingAWeightInContentChangesTheScore() throws {
        // Copy Content/ and give all the weight to the outcome: the path ends goals-met (100), but the plan
        // never written together still caps the level at Developing, and the number agrees with the level:
        // 74, the top of Developing, with 100 kept as the score before the cap.
        let copy = AppTestSupport.temporaryDirectory().appendingPathComponent("Content")
        try FileManager.default.copyItem(at: AppTestSupport.root.appendingPathComponent("Content"), to: copy)
        let rubricFile = copy.appendingPathComponent("rubric.json")
        var rubric = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: rubricFile)) as? [String: Any])
        rubric["weights"] = ["practice": 0, "lifecycle": 0, "ethics": 0, "planning": 0, "outcome": 100]
        try JSONSerialization.data(withJSONObject: rubric).write(to: rubricFile)
        let tuned = AppTestSupport.fixture(["play", caseID, "--choices", path, "--json", "--content", copy.path])
        #expect(tuned.exitCode == 0, "\(tuned.errors)")
        let score = try #require(AppTestSupport.json(tuned.output)?["score"] as? [String: Any])
        #expect(score["overall"] as? Int == 74)
        #expect(score["uncappedOverall"] as? Int == 100)
        #expect(score["level"] as? String == "Developing")
        // A broken rubric is a clear error, not a crash.
        try Data("{\"weights\": 3}".utf8).write(to: rubricFile)
        let broken = AppTestSupport.fixture(["play", caseID, "--choices", path, "--content", copy.path])
        #expect(broken.exitCode == 1)
        #expect(broken.errors.contains("rubric.json"))
    }
}
