import Foundation
import PracticumClassroom
import PracticumCore
import PracticumTerminal
import Testing
@testable import PracticumApp

@Suite("play: scripted, piped, saved and resumed")
struct PlayTests {
    let caseID = "okafor-referral"
    /// The sound path, by id.
    static let best = "meet#2,hub#3,hub#1,hub#2,hub#4,plan#2,crisis#1,act#1,follow#1,review#2,close#1"

    @Test func scriptedJSONHasScenarioEndingAndPath() throws {
        let run = AppTestSupport.fixture(["play", caseID, "--choices", "1,1", "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let result = try #require(AppTestSupport.json(run.output))
        #expect(result["scenario"] as? String == caseID)
        let path = try #require(result["path"] as? [[String: Any]])
        #expect(path.count == 2)
        #expect(path[0]["choice"] as? Int == 1)
        #expect(path[0]["id"] as? String == "meet#1")
        #expect(path[0]["phase"] as? String == "engagement")
        #expect(path[1]["id"] as? String == "hub#1")
        #expect(result["complete"] as? Bool == false)
        #expect(result.keys.contains("ending"))
        #expect(result["seed"] is NSNull, "scripted play keeps the written order")
        #expect((result["undone"] as? [Any])?.isEmpty == true)
    }

    @Test func choicesCanBeGivenByIdAndNumbersAndIdsMix() throws {
        let byID = AppTestSupport.fixture(["play", caseID, "--choices", Self.best, "--json"])
        let result = try #require(AppTestSupport.json(byID.output))
        #expect((result["ending"] as? [String: Any])?["scene"] as? String == "home")
        #expect((result["score"] as? [String: Any])?["overall"] as? Int == 100)
        let mixed = AppTestSupport.fixture(["play", caseID, "--choices", "2,hub#3", "--json"])
        #expect((AppTestSupport.json(mixed.output)?["path"] as? [Any])?.count == 2)
        let missing = AppTestSupport.fixture(["play", caseID, "--choices", "meet#2,plan#1"])
        #expect(missing.exitCode == 1)
        #expect(missing.errors.contains("step 2 (scene 'hub'): choice plan#1 is not on offer here"))
        for bad in ["+1", "meet#+2", "meet#0", "1.5", "-1", ""] {
            let refused = AppTestSupport.fixture(["play", caseID, "--choices", bad])
            #expect(refused.exitCode == 64, "--choices \(bad)")
        }
    }

    /// A script that runs past the ending keeps the debrief of the attempt as played, says which items were not
    /// used and why, and exits 1; with --json the result is printed whole and names them.
    @Test func aScriptLongerThanThePathShowsTheDebriefAndNamesTheUnusedChoices() throws {
        let script = Self.best + ",1,2"
        let text = AppTestSupport.fixture(["play", caseID, "--choices", script])
        #expect(text.exitCode == 1)
        #expect(text.output.contains("Debrief: "), "the debrief is shown: \(text.output.suffix(400))")
        #expect(text.output.contains("Overall 100/100"))
        #expect(text.errors.hasPrefix(
            "error: choices 12-13 of --choices were not used: the case ended at step 11 (scene 'home', outcome goals-met)\n"
                + "The attempt is the 11 steps played, up to the ending."), "\(text.errors)")
        let one = AppTestSupport.fixture(["play", caseID, "--choices", Self.best + ",1"])
        #expect(one.exitCode == 1 && one.errors.contains("error: choice 12 of --choices was not used"), "\(one.errors)")
        // The ending scene is shown once, as when the script fits (it used to be shown a second time).
        let fitting = AppTestSupport.fixture(["play", caseID, "--choices", Self.best])
        let beforeDebrief = { (output: String) in String(output[..<(output.range(of: "Debrief: ")?.lowerBound ?? output.endIndex)]) }
        #expect(beforeDebrief(text.output) == beforeDebrief(fitting.output))
        let json = AppTestSupport.fixture(["play", caseID, "--choices", script, "--json"])
        #expect(json.exitCode == 1)
        let result = try #require(AppTestSupport.json(json.output), "the JSON result is printed: \(json.output)")
        #expect(result["complete"] as? Bool == true)
        #expect((result["path"] as? [Any])?.count == 11)
        #expect(result["unusedChoices"] as? [String] == ["1", "2"])
        #expect((result["score"] as? [String: Any])?["overall"] as? Int == 100)
        #expect(json.errors.contains("error: choices 12-13 of --choices were not used"))
        // A script that fits leaves the key out.
        let fits = AppTestSupport.fixture(["play", caseID, "--choices", Self.best, "--json"])
        #expect(fits.exitCode == 0)
        #expect(AppTestSupport.json(fits.output)?.keys.contains("unusedChoices") == false)
    }

    /// Scripted play keeps no attempt file, so once the case has ended its output names the exact command that
    /// plays this attempt again, by choice id and with the options that shape what is shown.
    @Test func aScriptedPlayThatEndsNamesTheCommandThatPlaysItAgain() throws {
        let played = AppTestSupport.fixture(["play", caseID, "--choices", Self.best, "--seed", "7", "--mode", "graded"])
        #expect(played.exitCode == 0, "\(played.errors)")
        let command = try #require(played.output.split(separator: "\n").last.map(String.init))
        #expect(command.hasPrefix("  practicum play okafor-referral --mode graded --seed 7 --choices meet#"), "\(command)")
        #expect(command.hasSuffix(" --details"))
        #expect(played.output.contains("Scripted play keeps no attempt file. To play this attempt again"))
        #expect(!played.output.contains("practicum replay with --details"), "the vague hint gives way to the command")
        // The command plays the same attempt, with every point.
        let words = command.split(separator: " ").map(String.init)
        let again = AppTestSupport.fixture(Array(words.dropFirst()))
        #expect(again.exitCode == 0, "\(again.errors)")
        let overall = { (text: String) in text.components(separatedBy: "Overall ").dropFirst().first?.prefix(7) }
        #expect(overall(again.output) != nil && overall(again.output) == overall(played.output))
        #expect(again.output.contains("Step 1"), "with every point")
        // With --json it goes to standard error, so the result stays one JSON document.
        let json = AppTestSupport.fixture(["play", caseID, "--choices", Self.best, "--json"])
        #expect(AppTestSupport.json(json.output) != nil)
        #expect(json.errors.contains("  practicum play okafor-referral --choices \(Self.best) --details"), "\(json.errors)")
        // A script that stops before an ending names nothing: there is no attempt to see again.
        let partial = AppTestSupport.fixture(["play", caseID, "--choices", "1,1"])
        #expect(partial.exitCode == 0)
        #expect(!partial.output.contains("To play this attempt again"))
    }

    @Test func aSeedShufflesTheOrderAndTheNumbersFollowIt() throws {
        let seeded = try #require(
            AppTestSupport.json(AppTestSupport.fixture(["play", caseID, "--seed", "7", "--choices", "1,1", "--json"]).output))
        #expect(seeded["seed"] as? UInt64 == 7)
        let path = try #require(seeded["path"] as? [[String: Any]])
        #expect(path.map { $0["choice"] as? Int } == [1, 1], "the numbers are the shown ones")
        // The same seed shows the same order; the id recorded is the written choice.
        let again = try #require(
            AppTestSupport.json(AppTestSupport.fixture(["play", caseID, "--seed", "7", "--choices", "1,1", "--json"]).output))
        #expect((again["path"] as? [[String: Any]])?.map { $0["id"] as? String } == path.map { $0["id"] as? String })
        // Some seed shows meet's choices in another order than written.
        let orders = Set((0..<12).compactMap { seed -> String? in
            let run = AppTestSupport.fixture(["play", caseID, "--seed", String(seed), "--choices", "1", "--json"])
            return (AppTestSupport.json(run.output)?["path"] as? [[String: Any]])?.first?["id"] as? String
        })
        #expect(orders.count > 1, "\(orders)")
        #expect(AppTestSupport.fixture(["play", caseID, "--seed", "x"]).exitCode == 64)
        #expect(AppTestSupport.fixture(["play", caseID, "--seed", "-3"]).exitCode == 64)
    }

    @Test func outOfRangeChoiceNamesTheStepAndWhatWasAvailable() {
        let run = AppTestSupport.fixture(["play", caseID, "--choices", "1,9"])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("step 2"))
        #expect(run.errors.contains("there is no choice 9"))
        #expect(run.errors.contains("1-4 are available"))
    }

    @Test func pipedInputReadsOneChoicePerLineAndAnswersCommands() {
        let run = AppTestSupport.fixture(["play", caseID], input: ["notes", "plan", "help", "banana", "", "42", "1", "undo", "1"])
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
        // Stepping in uninvited: the weakest option on offer, and a minor breach of dignity.
        let run = AppTestSupport.fixture(["play", caseID, "--choices", "3"])
        let beforeDebrief = run.output.components(separatedBy: "Debrief: ")[0]
        #expect(beforeDebrief.contains("0% Practice: No credit for this decision: the weakest option on offer."))
        #expect(beforeDebrief.contains("-10 Ethics: A minor breach of dignity"))
        let graded = AppTestSupport.fixture(["play", caseID, "--mode", "graded", "--choices", "3"])
        #expect(!graded.output.components(separatedBy: "Debrief: ")[0].contains("No credit"))
    }

    @Test func theCaseIsExploredForScoringOncePerPlay() {
        // Scripted and piped play, in practice mode (a score after every choice, then the debrief) and graded.
        for mode in ["practice", "graded"] {
            let scripted = AppTestSupport.fixture(["play", caseID, "--mode", mode, "--choices", "1,1"])
            #expect(scripted.exitCode == 0 && scripted.scorerBuilds == 1, "\(mode): \(scripted.errors)")
            // The best path, as the numbers a pipe (written order) shows.
            let piped = AppTestSupport.fixture(
                ["play", caseID, "--mode", mode], input: ["2", "3", "1", "1", "1", "2", "1", "1", "1", "2", "1"])
            #expect(piped.output.contains("Debrief: ") && piped.scorerBuilds == 1, "\(mode)")
        }
    }

    @Test func undoIsRecordedAndTravelsWithTheAttempt() throws {
        let state = AppTestSupport.temporaryDirectory()
        let played = AppTestSupport.fixture(["play", caseID], input: ["3", "undo", "2", "quit"], state: state)
        #expect(played.output.contains("Your last choice is undone."))
        let log = try #require(AppTestSupport.attempts(in: state).first?.log)
        #expect(log.entries.count == 3)
        #expect(log.undone(in: nil).map(\.step) == [1])
        #expect(log.undone(in: nil).first?.choice.scene == "meet")
        #expect(log.choices.count == 1)
        // Finish it: the debrief says the attempt had an undo, and so does the JSON.
        let rest = ["1", "1", "1", "1", "2", "1", "1", "1", "2", "1"]
        let finished = AppTestSupport.fixture(["play", caseID, "--resume"], input: rest, state: state)
        #expect(finished.output.contains("Practice attempt with 1 undone (step 1)."), "\(finished.output.suffix(2500))")
        let json = AppTestSupport.fixture(["play", caseID, "--json"], input: ["3", "undo", "2"] + rest)
        let result = try #require(AppTestSupport.json(json.output), "\(json.output.suffix(500))")
        #expect((result["undone"] as? [Any])?.count == 1)
        #expect(((result["score"] as? [String: Any])?["undone"] as? [Any])?.count == 1)
        #expect((result["score"] as? [String: Any])?["overall"] as? Int == 100, "the score is the path's own")
    }

    @Test func interactivePlayShufflesFromADrawnSeedAndResumesInTheSameOrder() throws {
        let state = AppTestSupport.temporaryDirectory()
        let first = AppTestSupport.fixture(["play", caseID], input: ["1", "quit"], state: state, terminalInput: true, seed: 99)
        #expect(first.exitCode == 0)
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        #expect(attempt.log.header.seed == 99)
        let shownFirst = try #require(first.output.components(separatedBy: "  1. ").dropFirst().first?.prefix(30))
        // Resumed with a different drawn seed: the attempt keeps its own order.
        let resumed = AppTestSupport.fixture(["play", caseID], input: ["y", "quit"], state: state, terminalInput: true, seed: 5)
        #expect(resumed.output.contains("Resuming after 1 choice."))
        let replay = AppTestSupport.fixture(["replay", attempt.url.path])
        #expect(replay.output.contains(String(shownFirst)), "replay shows the order the student saw")
    }

    @Test func theDebriefFirstScreenFitsAndSaysWhatMatters() throws {
        // Harm: sent home dizzy. Never asked about falls; planned for her.
        let harm = AppTestSupport.fixture(["play", caseID, "--choices", "meet#2,hub#3,hub#4,plan#3,crisis#2"])
        let screen = try #require(harm.output.components(separatedBy: "───────\nDebrief: ").last)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= Debrief.screenLines, "\(lines.count) lines:\n\(screen)")
        #expect(screen.contains("Overall "))
        #expect(screen.contains("· Emerging"))
        #expect(screen.contains("Needs instructor review: not shown: A referral after a fall"))
        #expect(screen.contains("the case ended in harm"))
        #expect(screen.contains("What a competent worker would also have done"))
        #expect(screen.contains("A referral after a fall is always followed by direct questions"))
        #expect(screen.contains("To improve"))
        #expect(screen.contains("✗ Step 3: stronger here: Ask how she has been managing on the stairs"))
        // What does not fit on an 80x24 screen is named, whole, and follows in the details; nothing is cut.
        #expect(screen.contains("In the details: Done best, Learning objectives."))
        #expect(!screen.contains("…"))
        #expect(screen.contains("To play this attempt again"))
        #expect(!screen.contains("Every point, step by step"))
        let details = AppTestSupport.fixture(["play", caseID, "--choices", "meet#2,hub#3,hub#4,plan#3,crisis#2", "--details"])
        #expect(details.output.contains("Learning objectives\n  ✗ Ask about falls and safety at home"))
        #expect(details.output.contains("· Be good company (not scored by the model)"))
        #expect(details.output.contains("Out of reach from step"))
    }

    @Test func theBestPathsDebriefPraisesAndHasNothingToImprove() throws {
        let run = AppTestSupport.fixture(["play", caseID, "--choices", Self.best])
        #expect(run.output.contains("Overall 100/100 · Exemplary"))
        #expect(run.output.contains("Everything this case expects of a competent worker, you did."))
        #expect(run.output.contains("Done best"))
        #expect(!run.output.contains("To improve"))
        #expect(run.output.contains("✓ Ask about falls and safety at home"))
    }

    @Test func detailsListEveryPointThePlanInTheChoicesWordsAndTheStrongerPath() throws {
        let run = AppTestSupport.fixture(["play", caseID, "--choices", "1,hub#1,hub#3,hub#4,plan#1", "--details"])
        #expect(run.output.contains("Every point, step by step"))
        #expect(run.output.contains("Step 1 (Engagement): Ask through the door"))
        // The plan names each goal by what it addresses (the words "added to the plan" used), then the choice.
        #expect(run.output.contains("Intervention plan (goals so far):\n  - Two falls this month; she hides them from her son\n    goal, step 5: Write the plan for her so she does not have to bother."))
        #expect(run.output.contains("What a stronger path would have done"))
        #expect(run.output.contains("CSWE EPAS 2022 Competency 7"))
    }

    @Test func aTerminalIsOfferedTheDetailsPageByPage() {
        let run = AppTestSupport.fixture(
            ["play", caseID, "--choices", Self.best], input: ["", "", "q"], terminalInput: true)
        #expect(run.output.contains("Press Enter to see every point, step by step, or type q to finish:"))
        #expect(run.output.contains("Every point, step by step"))
        #expect(run.output.contains("-- Enter for more, q to stop --"))
        let declined = AppTestSupport.fixture(["play", caseID, "--choices", Self.best], input: ["q"], terminalInput: true)
        #expect(!declined.output.contains("Every point, step by step"))
    }

    @Test func theIndonesianInterfaceNamesPrinciplesAndCompetenciesInIndonesian() {
        let run = AppTestSupport.fixture(["play", caseID, "--choices", "meet#3,hub#1,hub#3,hub#4,plan#1", "--lang", "id", "--details"])
        #expect(run.output.contains("harkat dan martabat manusia"))
        #expect(run.output.contains("CSWE EPAS 2022 Kompetensi"))
        #expect(!run.output.contains("Competency 8"))
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
        let run = AppTestSupport.run(["play", file.path, "--details"], input: ["1", "1", "plan", "1"])
        let planned = run.output.components(separatedBy: "Intervention plan (goals so far):")
        #expect(planned.count == 3, "the plan command and the debrief both list the plan")
        for listing in planned.dropFirst() {
            #expect(listing.contains("Write the rent into the plan. (ungrounded:"))
        }
    }

    @Test func gradedModeHidesFeedbackAndRefusesUndo() {
        let practice = AppTestSupport.fixture(["play", caseID, "--choices", "1"])
        #expect(practice.output.contains("Feedback:") || practice.output.contains("Practice:"))
        let graded = AppTestSupport.fixture(["play", caseID, "--mode", "graded", "--choices", "1,1", "--details"])
        let parts = graded.output.components(separatedBy: "Every point, step by step")
        #expect(parts.count == 2)
        #expect(!parts[0].contains("% Practice:"))
        let undo = AppTestSupport.fixture(["play", caseID, "--mode", "graded"], input: ["1", "undo"])
        #expect(undo.output.contains("Undo is not available in graded mode."))
    }

    @Test func endOfInputSavesAndResumeContinues() throws {
        let state = AppTestSupport.temporaryDirectory()
        let first = AppTestSupport.fixture(["play", caseID], input: ["1", "1"], state: state)
        #expect(first.exitCode == 0)
        #expect(first.output.contains("Progress saved. 'practicum play \(caseID) --resume' goes on from here."))
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        #expect(attempt.log.choices.count == 2)
        #expect(attempt.log.header.seed == nil, "a pipe plays in written order")
        // A pipe is never asked; --resume picks the attempt up where it was.
        let resumed = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(resumed.output.contains("Resuming after 2 choices."))
        // A person at a terminal is asked.
        let asked = AppTestSupport.fixture(["play", caseID], input: ["y", "quit"], state: state, terminalInput: true)
        #expect(asked.output.contains("Resume it? [Y/n]"))
        #expect(asked.output.contains("Resuming after 2 choices."))
        // --restart starts a new attempt and keeps the old one as it was.
        let restarted = AppTestSupport.fixture(["play", caseID, "--restart"], input: ["1", "quit"], state: state)
        #expect(!restarted.output.contains("Resuming"))
        #expect(restarted.output.contains("Your unfinished one is kept"))
        let kept = AppTestSupport.attempts(in: state)
        #expect(kept.count == 2)
        #expect(kept.contains { $0.url == attempt.url && $0.log == attempt.log })
    }

    @Test func anAttemptThatNoLongerFitsOrIsAtAnotherVersionIsKeptAndANewOneStarts() throws {
        let state = AppTestSupport.temporaryDirectory()
        let folder = state.appendingPathComponent("practicum/attempts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fingerprint = try #require(AppTestSupport.fixture(["play", caseID, "--json", "--choices", "1"]).output
            .components(separatedBy: "\"fingerprint\" : \"").dropFirst().first?.prefix { $0 != "\"" })
        let gone = AttemptLog(
            header: AttemptLog.Header(caseID: caseID, caseHash: String(fingerprint), seed: nil, mode: "practice"),
            entries: [.step(step: 1, choice: ChoiceID(scene: "gone", index: 0), at: "2026-11-27T09:01:00Z", reflection: nil)])
        let goneFile = folder.appendingPathComponent("\(caseID)--practice--1.jsonl")
        try gone.text.write(to: goneFile, atomically: true, encoding: .utf8)
        let run = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(run.exitCode == 0)
        #expect(run.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("no longer fits this case"))
        #expect(try String(contentsOf: goneFile, encoding: .utf8) == gone.text, "kept exactly as it was")
        // Another version of the case: said, and kept.
        var other = gone
        other.header.caseHash = "sha256:0000"
        other.entries = [.step(step: 1, choice: ChoiceID(scene: "meet", index: 0), at: "2026-11-27T09:01:00Z", reflection: nil)]
        let otherFile = folder.appendingPathComponent("\(caseID)--practice--2.jsonl")
        try other.text.write(to: otherFile, atomically: true, encoding: .utf8)
        let changed = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(
            changed.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("played on another version of this case"),
            "\(changed.output.prefix(800))")
        #expect(try String(contentsOf: otherFile, encoding: .utf8) == other.text)
    }

    @Test func attemptsFallBackToHomeLocalState() {
        let home = AppTestSupport.temporaryDirectory()
        let store = AttemptStore(environment: ["HOME": home.path])
        #expect(store.directory.path == home.appendingPathComponent(".local/state/practicum/attempts").path)
        let xdg = AttemptStore(environment: ["HOME": home.path, "XDG_STATE_HOME": "/tmp/x"])
        #expect(xdg.directory.path == "/tmp/x/practicum/attempts")
        let relative = AttemptStore(environment: ["HOME": home.path, "XDG_STATE_HOME": "relative"])
        #expect(relative.directory.path.hasPrefix(home.path), "a relative XDG path is ignored, as the spec says")
    }

    @Test func menuWithNoArgumentListsTheLibrary() {
        let run = AppTestSupport.fixture(["play"], input: ["quit"])
        #expect(run.exitCode == 0)
        #expect(run.output.contains("Practicum case library"))
        #expect(run.output.contains("Mrs. Okafor's referral"))
        let chosen = AppTestSupport.fixture([], input: ["7", "1", "quit"])
        #expect(chosen.output.contains("Type a case number"))
    }

    /// A library of two copies of the fixture case, at two levels, one with a content warning.
    static func warnedLibrary() throws -> URL {
        let folder = AppTestSupport.temporaryDirectory()
        let text = try String(
            contentsOf: AppTestSupport.library.appendingPathComponent("okafor-referral.scenario"), encoding: .utf8)
        try text.write(to: folder.appendingPathComponent("okafor-referral.scenario"), atomically: true, encoding: .utf8)
        let warned = text.replacingOccurrences(of: "\nid: okafor-referral", with: "\nid: okafor-warned")
            .replacingOccurrences(of: "\ntitle: ", with: "\ncontent-warning: a test warning\ntitle: Warned ")
            .replacingOccurrences(of: "\nlevel: micro", with: "\nlevel: macro")
        try warned.write(to: folder.appendingPathComponent("okafor-warned.scenario"), atomically: true, encoding: .utf8)
        return folder
    }

    /// The menu marks a case with a content warning, and shows the warning in full before the case starts,
    /// with a way back: the student never starts such a case without having seen it.
    @Test func theMenuShowsAContentWarningBeforeTheCaseStarts() throws {
        let library = try Self.warnedLibrary()
        let menu = AppTestSupport.run(["play", "--scenarios", library.path], input: ["quit"])
        #expect(menu.output.contains("Micro · English\n  1. Mrs. Okafor"))
        #expect(menu.output.contains("Macro · English\n  2. Warned Mrs. Okafor"))
        #expect(menu.output.contains("min) ⚠\n"), "the warned case is marked")
        #expect(menu.output.contains("⚠ has a content warning, shown before the case starts."))
        // Choosing it shows the warning; 'b' goes back to the menu, Enter starts the case.
        let back = AppTestSupport.run(["play", "--scenarios", library.path], input: ["2", "b", "quit"])
        #expect(back.output.contains("⚠ Content warning: a test warning\nPress Enter to start"))
        #expect(back.output.components(separatedBy: "Practicum case library").count == 3, "the menu again")
        let started = AppTestSupport.run(["play", "--scenarios", library.path], input: ["2", "", "quit"])
        #expect(started.output.contains("Press Enter to start"))
        #expect(started.output.contains("Client:"), "the case started")
        // A case with no warning starts at once; closed input at the warning leaves without starting.
        let plain = AppTestSupport.run(["play", "--scenarios", library.path], input: ["1", "quit"])
        #expect(!plain.output.contains("Press Enter to start") && plain.output.contains("Client:"))
        let closed = AppTestSupport.run(["play", "--scenarios", library.path], input: ["2"])
        #expect(closed.exitCode == 0 && !closed.output.contains("Client:"))
        // In Indonesian, the labels are Indonesian.
        let indonesian = AppTestSupport.run(["play", "--scenarios", library.path, "--lang", "id"], input: ["2", "keluar"])
        #expect(indonesian.output.contains("Makro · Bahasa Inggris") && indonesian.output.contains("⚠ Peringatan konten: a test warning"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        #expect(!AppTestSupport.fixture(["play", caseID, "--choices", "1"]).output.contains("\u{1B}["))
    }
}

/// A terminal resized while the student plays: the width is read again before each scene and prompt.
@Suite("Resizing the terminal")
struct ResizeTests {
    /// The window's width, which a test changes as input is read.
    final class Window: @unchecked Sendable {
        let lock = NSLock()
        var columns = 80
    }

    /// Input that narrows the window to 30 columns as it hands over its second line, and marks the moment in
    /// the output.
    struct NarrowingInput: LineInput {
        let window: Window
        let output: CapturedOutput
        var lines: [String]
        mutating func readLine() -> String? {
            guard !lines.isEmpty else { return nil }
            if lines.count == 2 {
                window.lock.withLock { window.columns = 30 }
                output.write("\n<resized>\n")
            }
            return lines.removeFirst()
        }
    }

    @Test func textWrapsToTheNewWidthAfterAResize() {
        let window = Window()
        let output = CapturedOutput()
        let terminal = TerminalInfo(
            environment: ["TERM": "xterm"], isTTY: { _ in false },
            windowColumns: { window.lock.withLock { window.columns } })
        var context = AppContext(
            output: output, errors: CapturedOutput(), input: NarrowingInput(window: window, output: output, lines: ["2", "3", "quit"]),
            environment: [
                "XDG_STATE_HOME": AppTestSupport.temporaryDirectory().path, "HOME": "/nonexistent",
                "PRACTICUM_SCENARIOS": AppTestSupport.library.path,
            ],
            terminal: terminal, workingDirectory: AppTestSupport.root, executable: nil, inputIsTerminal: false)
        _ = Practicum.run(["play", "okafor-referral"], context: &context)
        let parts = output.text.components(separatedBy: "<resized>")
        #expect(parts.count == 2)
        let before = parts[0].split(separator: "\n")
        // After the resize, everything but the one-line prompt is wrapped to 30 columns.
        let after = parts[1].split(separator: "\n").filter { !$0.hasPrefix("Choose ") }
        #expect(before.contains { $0.count > 30 }, "the first scene is wrapped at 80 columns")
        #expect(after.count > 5)
        #expect(after.allSatisfy { $0.count <= 30 }, "\(after.filter { $0.count > 30 })")
    }
}
