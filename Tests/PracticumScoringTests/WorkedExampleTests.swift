import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// docs/scoring.md's worked example, number by number. If the case or the rubric changes, this test
/// fails, and the page must change with it.
@Suite struct WorkedExampleTests {
    static let path = """
        walk-in#4 his-story#3 the-papers#3 landlord-calls#1 he-returns#1
        a-pause#4 sunday#3 the-plan#1 asking#4 what-holds#1 the-plan#3
        the-rest#1 first-steps#2 a-week-later#2 keisha-calls#1 hearing-day#1
        last-meeting#3
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    @Test func theDocumentQuotesThisPath() throws {
        let page = try String(contentsOf: Support.root.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
        let block = try #require(
            page.components(separatedBy: "In written-order ids, the attempt is:\n\n```\n").last?
                .components(separatedBy: "```").first)
        #expect(block.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) == Self.path)
    }

    @Test func numbersQuotedInTheDocs() throws {
        let scorer = try Support.bundledScorer("rent-arrears-intake.scenario")
        let report = try scorer.score(Support.path(Self.path))
        #expect(report.steps == 17)
        #expect(report.outcome == "goals-met")

        // Practice: every step is a decision; two fall short of full credit.
        let decisions = report.decisions
        #expect(decisions.count == 17)
        #expect(decisions.filter { $0.points == 1 }.count == 15)
        let steppingPast = try #require(report.items(atStep: 7).first { $0.dimension == .practice })
        #expect(steppingPast.points == 0.25 && steppingPast.stronger?.hasPrefix("Say you heard him") == true)
        let keisha = try #require(report.items(atStep: 15).first { $0.dimension == .practice })
        #expect(keisha.points == 0.75 && keisha.stronger?.hasPrefix("Say you can't share") == true)
        #expect(report.raw[.practice] == 16 && report.best[.practice] == 17)
        #expect(report.dimensions[.practice] == 94)

        #expect(report.raw[.lifecycle] == 70 && report.best[.lifecycle] == 70 && report.dimensions[.lifecycle] == 100)
        #expect(report.items(in: .lifecycle).filter { $0.points == 10 }.count == 7)
        #expect(report.raw[.ethics] == -25 && report.dimensions[.ethics] == 75)
        let breach = try #require(report.items(atStep: 7).first { $0.dimension == .ethics && $0.points < 0 })
        #expect(breach.basis == .principle("competence") && breach.gate?.cap == .competent)

        let planning = report.items(in: .planning)
        #expect(planning.count == 8 && planning.allSatisfy { $0.points == 1 })
        #expect(planning.compactMap(\.step) == [10, 10, 10, 10, 10, 11, 12, 12])
        #expect(planning.contains { $0.basis == .finding("strengths") })
        #expect(report.dimensions[.planning] == 100 && report.dimensions[.outcome] == 100)

        #expect(report.expectations.count == 10 && report.expectations.allSatisfy(\.met))
        #expect(report.expectations.first { $0.name == "asked-directly" }?.step == 8)

        #expect(report.uncappedOverall == 92)
        #expect(report.overall == 89, "capped at Competent, the number is held to the top of Competent's band")
        #expect(report.uncappedLevel == .exemplary)
        #expect(report.level == .competent)
        #expect(!report.needsReview)
        #expect(report.gatekeeping.map(\.summary) == ["a major breach of competence at step 7"])

        let evidence = Dictionary(uniqueKeysWithValues: report.competencies.map { ($0.id, $0) })
        #expect(evidence["epas-1"]?.concerns == [7])
        #expect(evidence["epas-6"]?.steps == [1, 2, 4, 5] && evidence["epas-6"]?.concerns == [])
        #expect(evidence["epas-7"]?.steps == [3, 6, 8, 9, 11, 12] && evidence["epas-7"]?.concerns == [7])
        #expect(evidence["epas-8"]?.steps == [10, 13, 15, 17])
        #expect(evidence["epas-9"]?.steps == [14, 16])
    }
}
