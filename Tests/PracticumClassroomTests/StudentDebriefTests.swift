import Foundation
import PracticumCore
import PracticumScoring
import Testing
@testable import PracticumClassroom

/// The Markdown debrief `grade` writes for each student carries what the terminal debrief says, the
/// dilemmas included.
@Suite("The student's Markdown debrief")
struct StudentDebriefTests {
    func entry(_ debrief: DebriefContent, partialSearch: ScoreReport.PartialSearch? = nil) -> Gradebook.Entry {
        var report = ScoreReport(
            overall: 100, level: .exemplary, needsReview: false, dimensions: [:], items: [], raw: [:], best: [:], weights: [:],
            notAssessed: [], uncappedLevel: .exemplary, outcome: "goals-met", steps: 3, competencies: [],
            explorationTruncated: partialSearch != nil, partialSearch: partialSearch)
        report.debrief = debrief
        var entry = Gradebook.Entry(student: .init(id: "s1", name: "Sari", email: "", columns: [:]), caseID: "c")
        entry.graded = 1
        entry.counted = Grader.Judged(file: "s1--c--1.jsonl", verdict: .graded(report: report, path: [], finished: "t", late: false))
        return entry
    }

    static let scenario = Scenario(
        header: Header(title: "T", id: "c", language: "en", level: "micro"), findings: [], variables: [],
        scenes: [Scene(name: "end", ending: "goals-met")], start: "end")

    /// A score measured against a partial search says so, with how far the search got.
    @Test func aPartialSearchIsSaid() {
        let partial = StudentDebrief.markdown(
            entry: entry(DebriefContent(), partialSearch: .init(states: 200_000, limit: 200_000)), scenario: Self.scenario,
            passMark: 70)
        #expect(partial.contains("- **Partial search:** the best path and the scores come from a partial search: the scoring search stopped at its limit of 200000 after 200000 states of the case"))
        let whole = StudentDebrief.markdown(entry: entry(DebriefContent()), scenario: Self.scenario, passMark: 70)
        #expect(!whole.contains("Partial search"))
    }

    @Test func aDilemmaIsExplainedWithTheAnswerTaken() {
        let debrief = DebriefContent(dilemmas: [
            .init(step: 2, scene: "the-call", tradeOff: "Calling now keeps her safe; waiting keeps her trust <b>.", choice: "Wait a day.")
        ])
        let text = StudentDebrief.markdown(entry: entry(debrief), scenario: Self.scenario, passMark: 70)
        #expect(text.contains("## Dilemmas with more than one defensible answer"))
        #expect(text.contains("- Calling now keeps her safe; waiting keeps her trust &lt;b&gt;.\n  Step 2, the student chose: Wait a day."))
        let none = StudentDebrief.markdown(entry: entry(DebriefContent()), scenario: Self.scenario, passMark: 70)
        #expect(!none.contains("Dilemmas"))
    }
}
