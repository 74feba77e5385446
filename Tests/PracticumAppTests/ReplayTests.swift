import Foundation
import Testing

@Suite("replay, and scores that follow the rubric")
struct ReplayTests {
    let caseID = "rent-arrears-intake"
    let path = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,1,1,1,1,2,2,1"

    func write(_ text: String, name: String = "attempt.json") throws -> URL {
        let file = AppTestSupport.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func replayingAPlayResultRecomputesTheSameScore() throws {
        let played = AppTestSupport.run(["play", caseID, "--choices", path, "--json"])
        let file = try write(played.output)
        let replayed = AppTestSupport.run(["replay", file.path, "--json"])
        #expect(replayed.exitCode == 0, "\(replayed.errors)")
        let before = try #require(AppTestSupport.json(played.output)?["score"] as? [String: Any])
        let after = try #require(AppTestSupport.json(replayed.output)?["score"] as? [String: Any])
        #expect(before["overall"] as? Int == after["overall"] as? Int)
        #expect(before["level"] as? String == after["level"] as? String)
        let text = AppTestSupport.run(["replay", file.path])
        #expect(text.output.contains("Replay of an attempt at: Marcus and the eviction hearing"))
        #expect(text.output.contains("Step 22: chose"))
        #expect(text.output.contains("Needs instructor review"))
    }

    @Test func aScoreWrittenInTheFileIsIgnored() throws {
        let played = AppTestSupport.run(["play", caseID, "--choices", path, "--json"])
        var object = try #require(AppTestSupport.json(played.output))
        var score = try #require(object["score"] as? [String: Any])
        score["overall"] = 100
        score["level"] = "Exemplary"
        object["score"] = score
        let data = try JSONSerialization.data(withJSONObject: object)
        let file = try write(String(decoding: data, as: UTF8.self))
        let replayed = try #require(AppTestSupport.json(AppTestSupport.run(["replay", file.path, "--json"]).output))
        #expect((replayed["score"] as? [String: Any])?["overall"] as? Int == 60)
    }

    @Test func aSavedGameReplaysToo() throws {
        let state = AppTestSupport.temporaryDirectory()
        _ = AppTestSupport.run(["play", caseID], input: ["1", "1", "quit"], state: state)
        let save = state.appendingPathComponent("practicum/saves/\(caseID).practice.json")
        let run = AppTestSupport.run(["replay", save.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("Step 2: chose"))
        #expect(run.output.contains("The case has not reached an ending yet."))
    }

    @Test func aForgedStepIsRejectedWithItsNumber() throws {
        let file = try write(#"{"scenario": "rent-arrears-intake", "choices": [{"scene": "front-desk", "index": 0}, {"scene": "home-secure", "index": 0}]}"#)
        let run = AppTestSupport.run(["replay", file.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("step 2"))
        #expect(run.errors.contains("was not on offer"))
    }

    @Test(arguments: [
        ("not json at all", "not a JSON object"),
        (#"{"path": []}"#, "no \"scenario\" id"),
        (#"{"scenario": "rent-arrears-intake"}"#, "neither a \"path\""),
        (#"{"scenario": "rent-arrears-intake", "path": [{"id": "front-desk"}]}"#, "step 1 has no choice id"),
    ])
    func malformedAttemptsAreClearErrors(text: String, message: String) throws {
        let run = AppTestSupport.run(["replay", try write(text).path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func changingAWeightInContentChangesTheScore() throws {
        // Copy Content/ and give all the weight to the outcome: the breach path ends 'partial' (60).
        let copy = AppTestSupport.temporaryDirectory().appendingPathComponent("Content")
        try FileManager.default.copyItem(at: AppTestSupport.root.appendingPathComponent("Content"), to: copy)
        let rubricFile = copy.appendingPathComponent("rubric.json")
        var rubric = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: rubricFile)) as? [String: Any])
        rubric["weights"] = ["practice": 0, "lifecycle": 0, "ethics": 0, "planning": 0, "outcome": 100]
        try JSONSerialization.data(withJSONObject: rubric).write(to: rubricFile)
        let tuned = AppTestSupport.run(["play", caseID, "--choices", path, "--json", "--content", copy.path])
        #expect(tuned.exitCode == 0, "\(tuned.errors)")
        let score = try #require(AppTestSupport.json(tuned.output)?["score"] as? [String: Any])
        #expect(score["overall"] as? Int == 60)
        // A broken rubric is a clear error, not a crash.
        try Data("{\"weights\": 3}".utf8).write(to: rubricFile)
        let broken = AppTestSupport.run(["play", caseID, "--choices", path, "--content", copy.path])
        #expect(broken.exitCode == 1)
        #expect(broken.errors.contains("rubric.json"))
    }
}
