import Foundation
import Testing
@testable import PracticumApp

@Suite("play: scripted, piped, saved and resumed")
struct PlayTests {
    let caseID = "rent-arrears-intake"

    @Test func scriptedJSONHasScenarioEndingAndPath() throws {
        let run = AppTestSupport.run(["play", caseID, "--choices", "1,1", "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let result = try #require(AppTestSupport.json(run.output))
        #expect(result["scenario"] as? String == caseID)
        let path = try #require(result["path"] as? [[String: Any]])
        #expect(path.count == 2)
        #expect(path[0]["choice"] as? Int == 1)
        #expect(path[0]["phase"] as? String == "engagement")
        #expect(path[0]["scene"] as? String != nil)
        #expect(path[0]["text"] as? String != nil)
        #expect(result["complete"] as? Bool == false)
        #expect(result.keys.contains("ending"))
    }

    @Test func outOfRangeChoiceNamesTheStepAndWhatWasAvailable() {
        let run = AppTestSupport.run(["play", caseID, "--choices", "1,9"])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("step 2"))
        #expect(run.errors.contains("there is no choice 9"))
        #expect(run.errors.contains("1-4 are available"))
    }

    @Test func pipedInputReadsOneChoicePerLineAndAnswersCommands() {
        let run = AppTestSupport.run(["play", caseID], input: ["notes", "plan", "help", "banana", "", "42", "1", "undo", "1"])
        #expect(run.exitCode == 0)
        #expect(run.output.contains("Your case notes are empty"))
        #expect(run.output.contains("The intervention plan has no goals yet."))
        #expect(run.output.contains("'notes' shows your case notes"))
        #expect(run.output.contains("'banana' is not a choice or a command"))
        #expect(run.output.contains("Type the number of a choice"))
        #expect(run.output.contains("There is no choice 42 here."))
        #expect(run.output.contains("Your last choice is undone."))
        #expect(run.output.contains("Progress saved."))
        #expect(!run.output.contains("\u{1B}["), "no colour on a pipe")
    }

    @Test func practiceModeScoresEachChoiceAtOnce() {
        // Calling the landlord first is premature and breaches self-determination.
        let run = AppTestSupport.run(["play", caseID, "--choices", "2"])
        let beforeDebrief = run.output.components(separatedBy: "Debrief\n")[0]
        #expect(beforeDebrief.contains("-10 Lifecycle: You moved to implementation before any planning: premature."))
        #expect(beforeDebrief.contains("-25 Ethics: A major breach of self-determination"))
        let graded = AppTestSupport.run(["play", caseID, "--mode", "graded", "--choices", "2"])
        #expect(!graded.output.components(separatedBy: "Debrief\n")[0].contains("premature"))
    }

    @Test func theDebriefShowsWhatEachScoreRestsOn() {
        // Two premature moves and a walk-out: no plan at all, 45 ethics points lost.
        let run = AppTestSupport.run(["play", caseID, "--choices", "2,2"])
        #expect(run.output.contains("Overall: 16/100 (Emerging)"))
        #expect(run.output.contains("(0 of 60 points)"))
        #expect(run.output.contains("(45 points lost)"))
        #expect(run.output.contains("What a stronger path would have done"))
        #expect(run.output.contains("Your path never reached assessment"))
    }

    @Test func aGoalPlannedBeforeItWasAssessedStaysUngroundedInPlayAndDebrief() throws {
        let file = AppTestSupport.temporaryDirectory().appendingPathComponent("order.scenario")
        try """
            title: Order
            id: order
            language: en
            level: micro

            finding rent: Rent is two months behind

            == a
            Start.
            * Write the rent into the plan.
              phase: planning
              quality: -1
              addresses: rent
              -> b
            == b
            Then.
            * Ask about the rent.
              phase: assessment
              quality: 1
              reveals: rent
              -> c
            == c
            Now.
            * Finish.
              phase: termination
              quality: 0
              -> end
            == end [ending: goals-met]
            Done.
            """.write(to: file, atomically: true, encoding: .utf8)
        let run = AppTestSupport.run(["play", file.path], input: ["1", "1", "plan", "1"])
        let planned = run.output.components(separatedBy: "Intervention plan (goals so far):")
        #expect(planned.count == 3, "the plan command and the debrief both list the plan")
        for listing in planned.dropFirst() {
            #expect(listing.contains("(ungrounded: planned before your assessment found"))
        }
    }

    @Test func gradedModeHidesFeedbackAndRefusesUndo() {
        let practice = AppTestSupport.run(["play", caseID, "--choices", "1"])
        #expect(practice.output.contains("Feedback:"))
        let graded = AppTestSupport.run(["play", caseID, "--mode", "graded", "--choices", "1"])
        // Graded play keeps feedback for the debrief: none before it, and the step's feedback in it.
        let parts = graded.output.components(separatedBy: "Debrief\n")
        #expect(parts.count == 2)
        #expect(!parts[0].contains("Feedback:"))
        #expect(parts.last?.contains("Feedback:") == true)
        let undo = AppTestSupport.run(["play", caseID, "--mode", "graded"], input: ["1", "undo"])
        #expect(undo.output.contains("Undo is not available in graded mode."))
    }

    @Test func endOfInputSavesAndResumeContinues() throws {
        let state = AppTestSupport.temporaryDirectory()
        let first = AppTestSupport.run(["play", caseID], input: ["1", "1"], state: state)
        #expect(first.exitCode == 0)
        let save = state.appendingPathComponent("practicum/saves/\(caseID).practice.json")
        #expect(FileManager.default.fileExists(atPath: save.path))
        let saved = try #require(AppTestSupport.json(String(contentsOf: save, encoding: .utf8)))
        #expect((saved["choices"] as? [Any])?.count == 2)
        // A pipe is never asked; --resume picks the game up where it was.
        let resumed = AppTestSupport.run(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(resumed.output.contains("Resuming after 2 choices."))
        // A person at a terminal is asked.
        let asked = AppTestSupport.run(["play", caseID], input: ["y", "quit"], state: state, terminalInput: true)
        #expect(asked.output.contains("Resume it? [Y/n]"))
        #expect(asked.output.contains("Resuming after 2 choices."))
        let restarted = AppTestSupport.run(["play", caseID, "--restart"], input: [], state: state)
        #expect(!restarted.output.contains("Resuming"))
    }

    @Test func aSaveThatNoLongerFitsStartsAgain() throws {
        let state = AppTestSupport.temporaryDirectory()
        let folder = state.appendingPathComponent("practicum/saves")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stale = #"{"formatVersion":1,"scenario":"rent-arrears-intake","mode":"practice","choices":[{"scene":"gone","index":0}],"savedAt":"x"}"#
        try stale.write(to: folder.appendingPathComponent("\(caseID).practice.json"), atomically: true, encoding: .utf8)
        let run = AppTestSupport.run(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(run.exitCode == 0)
        #expect(run.output.contains("no longer fits this case"))
    }

    @Test func savesFallBackToHomeLocalState() {
        let home = AppTestSupport.temporaryDirectory()
        let store = SaveStore(environment: ["HOME": home.path])
        #expect(store.directory.path == home.appendingPathComponent(".local/state/practicum/saves").path)
        let xdg = SaveStore(environment: ["HOME": home.path, "XDG_STATE_HOME": "/tmp/x"])
        #expect(xdg.directory.path == "/tmp/x/practicum/saves")
        let relative = SaveStore(environment: ["HOME": home.path, "XDG_STATE_HOME": "relative"])
        #expect(relative.directory.path.hasPrefix(home.path), "a relative XDG path is ignored, as the spec says")
    }

    @Test func menuWithNoArgumentListsTheLibrary() {
        let run = AppTestSupport.run(["play"], input: ["quit"])
        #expect(run.exitCode == 0)
        #expect(run.output.contains("Practicum case library"))
        #expect(run.output.contains("Marcus and the eviction hearing"))
        let chosen = AppTestSupport.run([], input: ["7", "1", "quit"])
        #expect(chosen.output.contains("Type a case number"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        #expect(!AppTestSupport.run(["play", caseID, "--choices", "1"]).output.contains("\u{1B}["))
    }
}
