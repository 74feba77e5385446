import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// docs/scoring.md's worked example, number by number. If the case or the rubric changes, this test
/// fails, and the page must change with it.
@Suite struct WorkedExampleTests {
    static let path = """
        front-desk#2 his-words#4 assessment-hub#2 loretta#3 assessment-hub#4
        safety-first#3 safety-first#4 assessment-hub#3 assessment-hub#5 assessment-hub#1
        assessment-hub#6 plan-start#4 plan-building#1 plan-building#2 plan-building#3
        plan-building#5 plan-building#4 release-form#1 week-one#2 week-one#4
        week-one#6 week-one#3 manager-calls#3 tell-marcus#1 check-in#4 hearing-day#1
        closing#1
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
        #expect(report.steps == 27)
        #expect(report.outcome == "goals-met")

        // Practice: 22 decisions, two short of full credit.
        let decisions = report.decisions
        #expect(decisions.count == 22)
        #expect(decisions.filter { $0.points == 1 }.count == 20)
        #expect(report.items(atStep: 4).first { $0.dimension == .practice }?.points == 0.25)
        let signing = try #require(report.items(atStep: 17).first { $0.dimension == .practice })
        #expect(signing.points == 0 && signing.stronger?.hasPrefix("Ask what he will do himself") == true)
        #expect(report.raw[.practice] == 20.25 && report.best[.practice] == 22)
        #expect(report.dimensions[.practice] == 92)

        #expect(report.raw[.lifecycle] == 70 && report.best[.lifecycle] == 70 && report.dimensions[.lifecycle] == 100)
        #expect(report.items(in: .lifecycle).filter { $0.points == 10 }.count == 7)
        #expect(report.raw[.ethics] == -25 && report.dimensions[.ethics] == 75)
        let breach = try #require(report.items(atStep: 4).first { $0.dimension == .ethics && $0.points < 0 })
        #expect(breach.basis == .principle("competence") && breach.gate?.cap == .competent)

        let planning = report.items(in: .planning)
        #expect(planning.count == 6 && planning.allSatisfy { $0.points == 1 })
        #expect(planning.compactMap(\.step) == [7, 13, 14, 15, 15, 16])
        #expect(!planning.contains { $0.basis == .finding("strengths") })
        #expect(report.dimensions[.planning] == 100 && report.dimensions[.outcome] == 100)

        #expect(report.expectations.count == 7 && report.expectations.allSatisfy(\.met))
        #expect(report.expectations.first { $0.name == "asked-directly" }?.step == 5)

        #expect(report.uncappedOverall == 91)
        #expect(report.overall == 89, "capped at Competent, the number is held to the top of Competent's band")
        #expect(report.uncappedLevel == .exemplary)
        #expect(report.level == .competent)
        #expect(!report.needsReview)
        #expect(report.gatekeeping.map(\.summary) == ["a major breach of competence at step 4"])

        let evidence = Dictionary(uniqueKeysWithValues: report.competencies.map { ($0.id, $0) })
        #expect(evidence["epas-1"]?.concerns == [4])
        #expect(evidence["epas-6"]?.steps == [1, 2] && evidence["epas-6"]?.concerns == [4])
        #expect(evidence["epas-7"]?.steps == [3, 5, 6] + Array(8...18))
        #expect(evidence["epas-8"]?.steps == [7] + Array(19...24) + [27])
        #expect(evidence["epas-9"]?.steps == [25, 26])
    }
}
