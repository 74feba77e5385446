import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The worked example of docs/scoring.md, on the bundled case rent-arrears-intake:
/// a student who engages well, reaches for the rent fund too soon, misses the first
/// sign of suicide risk but comes back to it, plans three of the six needs, rushes
/// the consent form and confirms to the landlord that Marcus is a client.
@Suite struct WorkedExampleTests {
    static let steps: [(scene: String, text: String)] = [
        ("front-desk", "Introduce yourself"),
        ("his-words", "Tell him the agency has an emergency rent fund"),
        ("assessment-hub", "\"Can we read the court papers"),
        ("assessment-hub", "\"You said you'd never been late"),
        ("assessment-hub", "\"Who's at home"),
        ("loretta", "\"Tell me about Loretta.\""),
        ("assessment-hub", "Go back to what he said"),
        ("safety-first", "Stay with him."),
        ("assessment-hub", "Summarize what you have heard"),
        ("plan-building", "Start with safety."),
        ("plan-building", "Write the goal in his words"),
        ("plan-building", "Write the goal \"Get my hours"),
        ("plan-building", "Read the plan back"),
        ("release-form", "Slide the form across"),
        ("week-one", "Call Legal Aid's housing unit"),
        ("week-one", "With the first steps under way"),
        ("manager-calls", "Since she already knows"),
        ("tell-marcus", "Tell him honestly"),
        ("check-in", "Review each goal"),
        ("hearing-day", "Evaluate together"),
        ("closing", "Plan the ending"),
    ]

    @Test func numbersQuotedInTheDocs() throws {
        let scorer = try Support.bundledScorer("rent-arrears-intake.scenario")
        let path = try Support.play(Self.steps, in: scorer.scenario)
        let report = try scorer.score(path)
        #expect(report.raw == [.practice: 26, .lifecycle: 60, .ethics: -60, .planning: 20, .outcome: 60])
        #expect(report.best == [.practice: 47, .lifecycle: 70, .ethics: 0, .planning: 60, .outcome: 100])
        #expect(report.dimensions == [.practice: 55, .lifecycle: 86, .ethics: 40, .planning: 33, .outcome: 60])
        #expect(report.overall == 57)
        #expect(report.level == .emerging)
        #expect(!report.needsReview)
        #expect(report.outcome == "partial")

        let practice = report.items(in: .practice).map { Int($0.points) }
        #expect(practice == [2, -1, 1, 2, 2, 0, 1, 2, 1, 2, 2, 2, 2, -1, 2, 1, -1, 1, 2, 2, 2])
        let lost = report.items.filter { $0.points < 0 }.map { "\($0.step ?? 0) \($0.dimension) \(Int($0.points))" }
        #expect(
            lost == [
                "2 practice -1", "2 lifecycle -10", "2 ethics -10", "14 practice -1", "14 ethics -25", "17 practice -1",
                "17 ethics -25", "0 planning -5", "0 planning -5",
            ])
        #expect(
            report.items(atStep: 2).contains {
                $0.reason.hasPrefix("You moved to implementation before any planning: premature")
            })
        #expect(report.items(atStep: 8).contains { $0.dimension == .lifecycle && $0.reason.contains("crisis") })
        #expect(report.items(atStep: 19).contains { $0.dimension == .lifecycle && $0.points == 10 })
        #expect(report.items(in: .planning).filter { $0.points > 0 }.map(\.step) == [10, 11, 12])
        #expect(
            report.wholePathItems.filter { $0.points < 0 }.map(\.basis) == [
                .finding("bereavement"), .finding("daughter"),
            ])
        #expect(report.wholePathItems.filter { $0.dimension == .lifecycle }.reduce(0) { $0 + $1.points } == 60)

        let competencies = report.competencies.map { ($0.sources, $0.steps, $0.concerns) }
        #expect(competencies.count == 5)
        #expect(
            competencies[0].0 == ["ethics"] && competencies[0].1 == Array(1...21) && competencies[0].2 == [2, 14, 17])
        #expect(competencies[1].1 == [1, 6])
        #expect(competencies[2].1 == [3, 4, 5, 7, 9, 10, 11, 12, 13, 14])
        #expect(competencies[3].1 == [2, 8, 15, 16, 17, 18, 21] && competencies[3].2 == [2])
        #expect(competencies[4].1 == [19, 20])

        let alternative = try #require(scorer.strongerAlternative(for: path))
        #expect(alternative.step == 2)
        let first = try #require(alternative.path.first)
        #expect(
            scorer.scenario.scene(named: first.scene)?.choices[first.index].text.hasPrefix("Reflect what you hear")
                == true)
    }
}
