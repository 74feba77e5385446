import Foundation
import Testing

/// A case whose state space passes the scoring search's limit plays to its debrief at once, and the debrief,
/// `play --json` and the web debrief say the best-path figures come from a partial search and how far it got
/// (issue 16). The limit is lowered through a copy of Content/ whose rubric sets `explorationLimit`, rather
/// than the case made huge: a counter hub of 2 x 30 + 1 values (63 states) against a limit of 40.
@Suite struct PartialSearchPlayTests {
    /// A folder with a copy of Content/ (the rubric's limit set to `limit`) and the counter hub case.
    static func folder(limit: Int) throws -> (content: URL, scenario: URL) {
        let folder = AppTestSupport.temporaryDirectory()
        let content = folder.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: AppTestSupport.root.appendingPathComponent("Content"), to: content)
        let rubric = content.appendingPathComponent("rubric.json")
        let text = try String(contentsOf: rubric, encoding: .utf8)
        #expect(text.contains("\"explorationLimit\": 200000"))
        try text.replacingOccurrences(of: "\"explorationLimit\": 200000", with: "\"explorationLimit\": \(limit)")
            .write(to: rubric, atomically: true, encoding: .utf8)
        let scenario = folder.appendingPathComponent("counter-hub.scenario")
        try """
            title: Counter hub
            id: counter-hub
            language: en
            level: micro

            var n = 0

            == hub
            N is {n}.
            * Up
              phase: engagement
              quality: 1
              requires: n < 30
              set: n + 1
              -> hub
            * Down
              phase: engagement
              quality: 0
              requires: n > -30
              set: n - 1
              -> hub
            * Leave
              phase: termination
              quality: 1
              requires: n <= 0
              -> end

            == end [ending: goals-met]
            End.

            """.write(to: scenario, atomically: true, encoding: .utf8)
        return (content, scenario)
    }

    @Test func theDebriefSaysTheSearchWasPartial() throws {
        let files = try Self.folder(limit: 40)
        let run = AppTestSupport.run(
            ["play", files.scenario.path, "--content", files.content.path, "--choices", "2,3", "--mode", "graded"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let flat = run.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("The best path and the scores here come from a partial search"))
        #expect(flat.contains("limit of 40, and it stopped after 40 of them"))

        let indonesian = AppTestSupport.run(
            ["play", files.scenario.path, "--content", files.content.path, "--choices", "2,3", "--mode", "graded", "--lang", "id"])
        #expect(indonesian.exitCode == 0, "\(indonesian.errors)")
        let flatID = indonesian.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flatID.contains("berasal dari penelusuran parsial"))
        #expect(flatID.contains("(40), dan penelusuran berhenti setelah 40 keadaan"))
    }

    @Test func theJSONCarriesTheFlagAndHowFarTheSearchGot() throws {
        let files = try Self.folder(limit: 40)
        let run = AppTestSupport.run(
            ["play", files.scenario.path, "--content", files.content.path, "--choices", "2,3", "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let score = try #require(object["score"] as? [String: Any])
        #expect(score["explorationTruncated"] as? Bool == true)
        let partial = try #require(score["partialSearch"] as? [String: Any])
        #expect(partial["states"] as? Int == 40)
        #expect(partial["limit"] as? Int == 40)
    }

    /// With the limit above the case's 63 states, nothing is said and the JSON has no record.
    @Test func aWholeSearchSaysNothing() throws {
        let files = try Self.folder(limit: 1000)
        let run = AppTestSupport.run(
            ["play", files.scenario.path, "--content", files.content.path, "--choices", "2,3", "--mode", "graded"])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(!run.output.contains("partial search"))
        let json = AppTestSupport.run(["play", files.scenario.path, "--content", files.content.path, "--choices", "2,3", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let score = try #require(object["score"] as? [String: Any])
        #expect(score["explorationTruncated"] as? Bool == false)
        #expect(score["partialSearch"] == nil)
    }
}
