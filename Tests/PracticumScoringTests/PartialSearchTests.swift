import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// A case whose state space passes the rubric's limit is still scored at once, against what the search found,
/// and every report says how much of it the search covered (issue 16). The limit is lowered here rather than
/// the case made huge: a counter hub of 2 x 30 + 1 counter values (63 states) against limits below that.
@Suite struct PartialSearchTests {
    static func scorer(limit: Int) throws -> Scorer {
        var rubric = Support.rubric
        rubric.explorationLimit = limit
        return try Support.scorer(Cases.counterHub(bound: 30), rubric: rubric)
    }

    @Test func aSearchCutAtTheLimitSaysHowFarItGot() throws {
        let scorer = try Self.scorer(limit: 40)
        #expect(scorer.isExplorationTruncated)
        #expect(scorer.partialSearch == ScoreReport.PartialSearch(states: 40, limit: 40))
        // Down to the floor and out: a complete path the search may not have seen whole.
        let path = Support.path("hub#2", "hub#3")
        let report = try scorer.score(path)
        #expect(report.explorationTruncated)
        #expect(report.partialSearch == ScoreReport.PartialSearch(states: 40, limit: 40))
        #expect(report.outcome == "goals-met")
        for dimension in Dimension.allCases { #expect((0...100).contains(report.dimensions[dimension]!)) }
    }

    @Test func aSearchThatCoveredEveryStateIsNotPartial() throws {
        let scorer = try Self.scorer(limit: 1000)
        #expect(!scorer.isExplorationTruncated)
        #expect(scorer.partialSearch == nil)
        let report = try scorer.score(Support.path("hub#3"))
        #expect(report.partialSearch == nil)
        #expect(!report.explorationTruncated)
    }

    /// The record is part of the report's JSON (what `play --json` prints and attempts are graded from), and a
    /// report written before it existed still reads, without it.
    @Test func theRecordIsInTheJSONAndOptional() throws {
        let report = try Self.scorer(limit: 40).score(Support.path("hub#3"))
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let partial = try #require(object["partialSearch"] as? [String: Any])
        #expect(partial["states"] as? Int == 40 && partial["limit"] as? Int == 40)
        #expect(try JSONDecoder().decode(ScoreReport.self, from: data) == report)
        var older = object
        older["partialSearch"] = nil
        let decoded = try JSONDecoder().decode(ScoreReport.self, from: try JSONSerialization.data(withJSONObject: older))
        #expect(decoded.partialSearch == nil && decoded.explorationTruncated)
    }
}
