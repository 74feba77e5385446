import Foundation
import PracticumClassroom
import Testing
@testable import PracticumApp

/// A scene that asks for a written reflection (format v1.2): asked before the choices, kept with the choice,
/// shown in the debrief, the instructor's debrief, the report and the xAPI answer; never scored.
@Suite("Reflection: the student's own reasons, kept and shown")
struct ReflectionTests {
    static let text = """
        title: Reflect
        id: reflect-case
        language: en
        level: micro

        == a
        A client waits.
        reflect: What do you need to know first?
        * Ask what brings her in
          phase: engagement
          quality: 2
          -> b
        * Hand her a <form> & "sign" =HERE
          phase: engagement
          quality: -1
          -> b
        == b
        She talks.
        * Listen
          phase: assessment
          quality: 1
          -> end
        == end [ending: goals-met]
        Done.

        """

    @Test func aReflectionIsAskedKeptAndShownButNeverScored() throws {
        let work = AppTestSupport.temporaryDirectory()
        let file = work.appendingPathComponent("reflect-case.scenario")
        try Self.text.write(to: file, atomically: true, encoding: .utf8)
        let state = AppTestSupport.temporaryDirectory()
        // An empty answer is asked again; then the choice.
        let played = AppTestSupport.fixture(["play", file.path], input: ["", "Whether <b>she</b> is safe", "1", "1"], state: state)
        #expect(played.exitCode == 0, "\(played.errors)")
        #expect(played.output.contains("Before you choose: What do you need to know first?"))
        #expect(played.output.contains("Write a sentence or two first"))
        #expect(played.output.contains("What you wrote before choosing"))
        #expect(played.output.contains("Step 1: Whether <b>she</b> is safe"))
        // A step with no item of its own is still named in "Done best" by its choice.
        #expect(played.output.contains("✓ Step 2: Listen"), "\(played.output.suffix(1200))")
        let log = try #require(AppTestSupport.attempts(in: state).first?.log)
        #expect(log.standing.first?.reflection == "Whether <b>she</b> is safe")
        // The same path without a reflection scores the same.
        let plain = AppTestSupport.fixture(["play", file.path, "--choices", "1,1", "--json"])
        let withReflection = try #require(played.output.components(separatedBy: "Overall").dropFirst().first?.prefix(8))
        let scored = try #require(AppTestSupport.json(plain.output)?["score"] as? [String: Any])
        #expect(withReflection.contains(String(scored["overall"] as? Int ?? -1)))
        // The debrief command shows it again.
        let name = try #require(AppTestSupport.attempts(in: state).first?.url.deletingPathExtension().lastPathComponent)
        let again = AppTestSupport.run(["debrief", name, "--scenario", file.path], state: state)
        #expect(again.output.contains("Step 1: Whether <b>she</b> is safe"), "\(again.errors)")
    }

    /// A case whose second scene asks for a reflection, so there is a choice to undo from its prompt.
    static let later = """
        title: Reflect later
        id: reflect-later
        language: en
        level: micro

        finding rent: Two months behind on the rent

        == a
        A client waits.
        * Ask what brings him in
          phase: assessment
          quality: 2
          reveals: rent
          -> b
        * Hand him a form
          phase: engagement
          quality: -1
          -> b
        == b
        He talks about the rent.
        reflect: What will you plan first, and why?
        * Plan the rent with him
          phase: planning
          quality: 2
          addresses: rent
          -> end
        == end [ending: goals-met]
        Done.

        """

    /// At the reflection prompt, `undo`, `notes`, `plan`, `help` and `quit` (and their Indonesian words) act as
    /// commands and are never kept as the reflection.
    @Test func commandsAtTheReflectionPromptActAndAreNotKept() throws {
        let work = AppTestSupport.temporaryDirectory()
        let file = work.appendingPathComponent("reflect-later.scenario")
        try Self.later.write(to: file, atomically: true, encoding: .utf8)
        let state = AppTestSupport.temporaryDirectory()
        // Choice 2 first; at the question: notes, plan, help, then undo back to the first scene; choice 1; the
        // question again, answered; the plan.
        let played = AppTestSupport.fixture(
            ["play", file.path], input: ["2", "notes", "PLAN", "help", "undo", "1", "batal", "1", "Rent first: the hearing is soon", "1"],
            state: state)
        #expect(played.exitCode == 0, "\(played.errors)")
        let output = played.output
        #expect(output.contains("Your case notes are empty"), "notes at the question shows the notes")
        #expect(output.contains("The intervention plan has no goals yet."), "plan at the question shows the plan")
        #expect(output.contains("Commands work here too"), "help at the question says what to write")
        #expect(output.components(separatedBy: "Your last choice is undone.").count == 3, "both undos act")
        #expect(output.components(separatedBy: "Before you choose: What will you plan first").count == 7)
        let log = try #require(AppTestSupport.attempts(in: state).first?.log)
        #expect(log.choices.map(\.description) == ["a#1", "b#1"])
        #expect(log.standing.map(\.reflection) == [nil, "Rent first: the hearing is soon"])
        #expect(log.undone(in: nil).count == 2)
        for entry in log.entries {
            if case .step(_, _, _, let reflection?) = entry {
                #expect(!["notes", "plan", "help", "undo", "batal"].contains(reflection.lowercased()), "kept '\(reflection)'")
            }
        }
        #expect(output.contains("Step 2: Rent first: the hearing is soon"))
    }

    @Test func undoAtTheReflectionPromptInGradedModeSaysItIsNotAvailable() throws {
        let work = AppTestSupport.temporaryDirectory()
        let file = work.appendingPathComponent("reflect-later.scenario")
        try Self.later.write(to: file, atomically: true, encoding: .utf8)
        let state = AppTestSupport.temporaryDirectory()
        let played = AppTestSupport.fixture(
            ["play", file.path, "--mode", "graded"], input: ["1", "undo", "help", "Because the hearing is soon", "1"], state: state)
        #expect(played.exitCode == 0, "\(played.errors)")
        #expect(played.output.contains("Undo is not available in graded mode."))
        #expect(played.output.contains("graded play has no undo"))
        let log = try #require(AppTestSupport.attempts(in: state).first?.log)
        #expect(log.standing.map(\.reflection) == [nil, "Because the hearing is soon"])
        #expect(log.undone(in: nil).isEmpty)
        // quit at the question leaves, keeping what was chosen and no reflection.
        let quitting = AppTestSupport.temporaryDirectory()
        let left = AppTestSupport.fixture(["play", file.path], input: ["1", "quit"], state: quitting)
        #expect(left.exitCode == 0)
        #expect(left.output.contains("Progress saved."))
        let kept = try #require(AppTestSupport.attempts(in: quitting).first?.log)
        #expect(kept.choices.map(\.description) == ["a#1"])
        #expect(kept.standing.map(\.reflection) == [nil])
    }

    @Test func theInstructorSeesItInTheDebriefTheReportAndTheStatements() throws {
        let work = AppTestSupport.temporaryDirectory()
        try Self.text.write(to: work.appendingPathComponent("reflect-case.scenario"), atomically: true, encoding: .utf8)
        try "id,name\ns1,Ana\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let environment = ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path]
        func run(_ arguments: [String], input: [String] = []) -> AppRun {
            AppTestSupport.run(arguments, input: input, environment: environment, workingDirectory: work)
        }
        #expect(run(["session", "new", "--scenario", "reflect-case.scenario", "--roster", "roster.csv", "--out", "s"]).exitCode == 0)
        let played = run(["play", "--session", "s", "--student", "s1"], input: ["Her <safety> & housing", "1", "1"])
        #expect(played.exitCode == 0, "\(played.errors)")
        #expect(run(["grade", "s"]).exitCode == 0)
        let results = work.appendingPathComponent("s/results")
        let debrief = try String(contentsOf: results.appendingPathComponent("debriefs/s1--reflect-case.md"), encoding: .utf8)
        #expect(debrief.contains("**Step 1:** Her &lt;safety&gt; &amp; housing"))
        let report = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2>Reflections</h2>") && report.contains("Her &lt;safety&gt; &amp; housing"))
        // Case text is escaped too.
        #expect(report.contains("Hand her a &lt;form&gt; &amp; &quot;sign&quot; =HERE") && !report.contains("<form>"))
        let statements = try String(contentsOf: results.appendingPathComponent("statements.json"), encoding: .utf8)
        #expect(statements.contains("\"https://practicum.local/practicum/xapi/reflection\":\"Her <safety> & housing\""))
    }
}
