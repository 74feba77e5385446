import Foundation
import PracticumCore
import PracticumScoring
import Testing
@testable import PracticumClassroom

/// The class report's choice table: scenes in the order a student meets them, every choice whole and told
/// apart from another with the same words, and a legend for every mark.
@Suite("Class report: scenes, choices and the legend")
struct ClassReportTests {
    static let long =
        "Say \"we will sort this out together\", then explain, slowly and in plain words, what the tenancy tribunal can and cannot decide about the arrears"

    /// Scenes written out of story order: an ending first, a scene no path reaches, and a start that is last.
    let scenario = Scenario(
        header: .init(title: "Order", id: "order", language: "en", level: "micro"), findings: [], variables: [],
        scenes: [
            Scene(name: "end", ending: "goals-met"),
            Scene(name: "orphan", choices: [Choice(text: "Never seen.", phase: "engagement", quality: 0, target: "end")]),
            Scene(
                name: "second",
                choices: [
                    Choice(text: "Listen.", phase: "assessment", quality: 1, target: "end"),
                    Choice(text: "Listen.", phase: "assessment", quality: -1, target: "end"),
                ]),
            Scene(name: "bridge", next: "second"),
            Scene(
                name: "start",
                choices: [
                    Choice(text: long, phase: "engagement", quality: 1, target: "bridge"),
                    Choice(text: "Leave.", phase: "termination", quality: -2, target: "end"),
                ]),
        ], start: "start")

    func entry(_ id: String, path: [ChoiceID], partialSearch: ScoreReport.PartialSearch? = nil) -> Gradebook.Entry {
        var report = ScoreReport(
            overall: 80, level: .competent, needsReview: false, dimensions: [:], items: [], raw: [:], best: [:], weights: [:],
            notAssessed: [], uncappedLevel: .competent, outcome: "goals-met", steps: path.count, competencies: [],
            explorationTruncated: partialSearch != nil)
        report.partialSearch = partialSearch
        var entry = Gradebook.Entry(student: .init(id: id, name: "", email: "", columns: [:]), caseID: "order")
        entry.graded = 1
        entry.counted = Grader.Judged(file: "\(id)--order--1.jsonl", verdict: .graded(report: report, path: path, finished: "t", late: false))
        return entry
    }

    /// A case whose scoring search stopped at the rubric's limit is marked where its scores are shown, with how
    /// far the search got; a case searched whole is not.
    @Test func aPartialSearchIsMarkedOnTheCase() {
        let path = [ChoiceID(scene: "start", index: 1)]
        let partial = ClassReport.section(
            for: scenario, entries: [entry("s1", path: path, partialSearch: .init(states: 40, limit: 40))], tally: .init(), passMark: 70)
        #expect(partial.contains("<b>Partial search:</b> this case has more states than the scoring search's limit of 40; it stopped after 40"))
        let whole = ClassReport.section(for: scenario, entries: [entry("s1", path: path)], tally: .init(), passMark: 70)
        #expect(!whole.contains("Partial search"))
    }

    @Test func scenesComeInStoryOrderAndUnreachableOnesLast() {
        #expect(ClassReport.storyOrder(scenario).map(\.name) == ["start", "bridge", "end", "second", "orphan"], "breadth-first, choices in written order")
    }

    @Test func choicesWithTheSameWordsAreToldApartAndNothingIsCut() throws {
        let entries = [
            entry("s1", path: [ChoiceID(scene: "start", index: 0), ChoiceID(scene: "second", index: 1)]),
            entry("s2", path: [ChoiceID(scene: "start", index: 0), ChoiceID(scene: "second", index: 0)]),
        ]
        var tally = ClassReport.Tally()
        for entry in entries { tally.add(entry) }
        let html = ClassReport.choices(try #require(tally.cases[entries[0].caseID]), scenario: scenario)
        // The start scene's rows come before the second scene's, though it is written after.
        let start = try #require(html.range(of: ">start<"))
        let second = try #require(html.range(of: ">second<"))
        #expect(start.lowerBound < second.lowerBound)
        // The two "Listen." choices: numbered 1 and 2, one good, one poor, each taken once.
        #expect(html.contains("<td class=\"n\">1</td><td class=\"good\">Listen.</td>"))
        #expect(html.contains("<td class=\"n\">2</td><td class=\"poor\">Listen.</td>"))
        // The long choice whole, its quotes kept (escaped), no ellipsis.
        #expect(html.contains(HTML.escaped(Self.long)) && !html.contains("…"))
    }

    @Test func theLegendExplainsEveryColourAndMarkThePageUses() {
        let legend = ClassReport.legend(passMark: 60)
        for mark in ["swatch good", "swatch poor", "swatch neutral", "swatch bar", "swatch track", "swatch pass",
            "swatch needs-review", "swatch rejected", "class=\"capped\"", "–", "your level", "debriefs/ID--CASE.md", "#",
            "class=\"self-reported\""]
        {
            #expect(legend.contains(mark), "the legend explains \(mark)")
        }
    }

    @Test func eachStudentLinksToTheirDebrief() {
        var book = Gradebook(session: Session(
            id: "w", created: "t", mode: "graded", attempts: 1, policy: .best, feedback: .debrief, passMark: 60, due: nil,
            homePage: "https://practicum.local/", cases: [.init(id: "order", file: "cases/order.scenario", sha256: "", fingerprint: "")]),
            roster: try! Roster(csv: Data("id,name\na.b@c,Ana\n".utf8)))
        book.completeCounted { $0 }
        let html = ClassReport.students(book)
        #expect(html.contains("<a href=\"debriefs/a.b%40c--order.md\">Ana (a.b@c)</a>"))
    }
}

@Suite("Grade notes: a cap and a review with the same reason")
struct GradeNotesTests {
    func report(review: [String], capReasons: [String]) throws -> ScoreReport {
        var report = ScoreReport(
            overall: 59, level: .emerging, needsReview: true, dimensions: [:], items: [], raw: [:], best: [:], weights: [:],
            notAssessed: [], uncappedLevel: .developing, outcome: "partial", steps: 12, competencies: [],
            explorationTruncated: false)
        var debrief = DebriefContent()
        debrief.review = review
        let reasons = "[" + capReasons.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
        let cap = #"{"level":"Emerging","reasons":"# + reasons + #","uncappedOverall":72,"uncappedLevel":"Developing"}"#
        debrief.cap = try JSONDecoder().decode(DebriefContent.Cap.self, from: Data(cap.utf8))
        report.debrief = debrief
        return report
    }

    @Test func aReasonGivenForTheReviewIsNotRepeatedForTheCap() throws {
        let lapse = "not shown: Counselling on lethal means"
        let both = try report(review: [lapse, "a known risk left open"], capReasons: [lapse])
        let note = try #require(GradeNotes.all(both))
        #expect(note.components(separatedBy: lapse).count == 2, "the lapse once: \(note)")
        #expect(note.hasSuffix("capped at Emerging by the same lapse; before the cap: 72 (Developing)"))
        #expect(Gradebook.note(both).components(separatedBy: lapse).count == 2)
        // Alone (the step-by-step details, the review screen's heading), the cap still names its reason.
        #expect(GradeNotes.cap(both) == "capped at Emerging: \(lapse); before the cap: 72 (Developing)")
        // A cap with a reason of its own names it beside the review.
        let other = try report(review: ["the case ended in harm"], capReasons: [lapse])
        #expect(try #require(GradeNotes.all(other)).contains("capped at Emerging: \(lapse)"))
    }
}

@Suite("Class report on a phone")
struct ClassReportNarrowTests {
    @Test func onANarrowScreenTheLegendAndTheChartsStackInOneColumn() throws {
        let style = ClassReport.style
        let narrow = try #require(style.range(of: "@media (max-width:640px){"))
        let rule = style[narrow.upperBound...].prefix { $0 != "\n" }
        #expect(rule.contains(".charts,.two{grid-template-columns:1fr}"))
        #expect(rule.contains(".legend dl{display:block}"))
    }
}
