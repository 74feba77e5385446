import Foundation
import PracticumClassroom
import PracticumCore
import PracticumTerminal
import Testing
@testable import PracticumApp

/// Every way a student's work used to be lost (issue: classroom sessions, "Tried as a new user would"),
/// each now kept.
@Suite("Attempts: nothing a student confirmed is lost")
struct AttemptKeepingTests {
    let caseID = "okafor-referral"
    /// The best path of the fixture case, as a pipe (written order) numbers it.
    let bestPath = ["2", "1", "1", "1", "1", "2", "1", "1", "1", "2", "1"]

    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// A state folder with an unfinished attempt of three choices.
    func threeChoicesMade() throws -> (state: URL, url: URL, text: String) {
        let state = AppTestSupport.temporaryDirectory()
        let first = AppTestSupport.fixture(["play", caseID], input: ["2", "1", "1", "quit"], state: state)
        #expect(first.exitCode == 0)
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        #expect(attempt.log.choices.count == 3)
        return (state, attempt.url, try String(contentsOf: attempt.url, encoding: .utf8))
    }

    @Test func endOfInputAtTheResumeQuestionChangesNothing() throws {
        let (state, url, text) = try threeChoicesMade()
        let run = AppTestSupport.fixture(["play", caseID], input: [], state: state, terminalInput: true)
        #expect(run.exitCode == 0)
        #expect(flat(run.output).contains("Nothing was changed: your unfinished attempt is kept."))
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
        #expect(AppTestSupport.attempts(in: state).count == 1)
    }

    @Test func aStrayAnswerAsksAgainAndOnlyAConfirmedNoStartsANewAttempt() throws {
        let (state, url, text) = try threeChoicesMade()
        let stray = AppTestSupport.fixture(["play", caseID], input: ["1", "y", "quit"], state: state, terminalInput: true)
        #expect(stray.output.contains("Please answer y (yes, resume) or n (no)."))
        #expect(stray.output.contains("Resuming after 3 choices."))
        // "n", then anything but yes at the confirmation: asked again; the end of input keeps everything.
        let declined = AppTestSupport.fixture(["play", caseID], input: ["n", "", "n"], state: state, terminalInput: true)
        #expect(flat(declined.output).contains("Start a new attempt? The unfinished one is kept"))
        #expect(flat(declined.output).contains("Nothing was changed"))
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
        // Confirmed: a new attempt, and the old one still there, as it was.
        let confirmed = AppTestSupport.fixture(["play", caseID], input: ["n", "y", "1", "quit"], state: state, terminalInput: true)
        #expect(!confirmed.output.contains("Resuming"))
        let attempts = AppTestSupport.attempts(in: state)
        #expect(attempts.count == 2)
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test func aPipeWithoutResumeKeepsTheUnfinishedAttempt() throws {
        let (state, url, text) = try threeChoicesMade()
        let piped = AppTestSupport.fixture(["play", caseID], input: ["1", "quit"], state: state)
        #expect(flat(piped.output).contains("Your unfinished one is kept: 'practicum play okafor-referral --resume'"))
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
        // --resume still finds the newest unfinished attempt, and the older one is never touched.
        #expect(AppTestSupport.attempts(in: state).count == 2)
    }

    @Test func aLastLineCutShortIsDroppedOnResumeAndTheFileStaysWhole() throws {
        let (state, url, text) = try threeChoicesMade()
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data("{\"at\":\"2026-11-27T10:00:00Z\",\"choice\":\"ass".utf8))
        try handle.close()
        let resumed = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["1", "quit"], state: state)
        #expect(flat(resumed.output).contains("cut off while it was being saved"))
        #expect(resumed.output.contains("Resuming after 3 choices."))
        let after = try String(contentsOf: url, encoding: .utf8)
        #expect(after.hasPrefix(text))
        let reading = try AttemptLog.read(Data(after.utf8))
        #expect(!reading.droppedTornLine && reading.log.choices.count == 4)
    }

    @Test func anUnreadableAttemptIsKeptAsItIsAndReported() throws {
        let (state, url, text) = try threeChoicesMade()
        let broken = text.replacingOccurrences(of: "\"step\":2,", with: "\"step\":9,")
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let run = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["1", "quit"], state: state)
        #expect(flat(run.output).contains("cannot be read (line 3: step 9 comes after 1 standing step"))
        #expect(try String(contentsOf: url, encoding: .utf8) == broken)
        let listed = AppTestSupport.fixture(["attempts"], state: state)
        #expect(listed.output.contains("cannot be read: line 3"))
    }

    @Test func aSaveThatFailedIsNeverReportedAsSaved() throws {
        let state = AppTestSupport.temporaryDirectory()
        // A file where the attempts folder should be: nothing can be written.
        try FileManager.default.createDirectory(at: state.appendingPathComponent("practicum"), withIntermediateDirectories: true)
        try "x".write(to: state.appendingPathComponent("practicum/attempts"), atomically: true, encoding: .utf8)
        let run = AppTestSupport.fixture(["play", caseID], input: ["2", "1", "quit"], state: state)
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("warning: this choice could not be saved"))
        #expect(flat(run.output).contains("Your progress could NOT be saved"))
        #expect(!run.output.contains("Progress saved"))
    }

    @Test func aFinishedAttemptIsKeptAndItsDebriefCanBeShownAgain() throws {
        let state = AppTestSupport.temporaryDirectory()
        let played = AppTestSupport.fixture(["play", caseID], input: bestPath, state: state)
        #expect(played.exitCode == 0)
        let attempt = try #require(AppTestSupport.attempts(in: state).first)
        let name = attempt.url.deletingPathExtension().lastPathComponent
        #expect(flat(played.output).contains("This attempt is kept: 'practicum debrief \(name)'"))
        let listed = AppTestSupport.fixture(["attempts"], state: state)
        #expect(listed.output.contains(name) && listed.output.contains("finished"), "\(listed.output)")
        let debrief = AppTestSupport.fixture(["debrief", String(name.prefix(20))], state: state)
        #expect(debrief.exitCode == 0, "\(debrief.errors)")
        #expect(debrief.output.contains("Debrief: "))
        // The same score as the play itself.
        let score = { (text: String) in text.components(separatedBy: "Overall").dropFirst().first?.prefix(12) }
        #expect(score(debrief.output) != nil && score(debrief.output) == score(played.output))
        // Playing again does not offer to resume a finished attempt.
        let again = AppTestSupport.fixture(["play", caseID], input: ["quit"], state: state, terminalInput: true)
        #expect(!again.output.contains("Resume it?"))
    }

    @Test func anUnfinishedAttemptHasNoDebriefYetAndSaysHowToGoOn() throws {
        let (state, url, _) = try threeChoicesMade()
        let run = AppTestSupport.fixture(["debrief", url.path], state: state)
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("has not reached an ending yet (3 choices made)"))
        #expect(run.errors.contains("'practicum play okafor-referral --resume'"))
        #expect(AppTestSupport.fixture(["debrief", "nothing-like-it"], state: state).exitCode == 1)
    }

    @Test func theResumeHintNamesACommandThatWorksAsTyped() throws {
        let state = AppTestSupport.temporaryDirectory()
        let graded = AppTestSupport.fixture(["play", caseID, "--mode", "graded"], input: ["2", "quit"], state: state)
        #expect(flat(graded.output).contains("'practicum play okafor-referral --mode graded --resume'"))
        var context = AppContext(
            output: CapturedOutput(), errors: CapturedOutput(), input: ScriptedInput(lines: []), environment: [:],
            terminal: TerminalInfo(), workingDirectory: URL(fileURLWithPath: "/"),
            executable: URL(fileURLWithPath: "/home/ana/practicum/.build/debug/practicum"), inputIsTerminal: false)
        #expect(context.commandName == "swift run practicum")
        context.executable = URL(fileURLWithPath: "/usr/local/bin/practicum")
        #expect(context.commandName == "practicum")
        #expect(PlayCommand.shellWord("my case.scenario") == "'my case.scenario'")
        #expect(PlayCommand.shellWord("Scenarios/x.scenario") == "Scenarios/x.scenario")
    }

    @Test func aSavedGameFromBeforeAttemptFilesIsCarriedOver() throws {
        let state = AppTestSupport.temporaryDirectory()
        let saves = state.appendingPathComponent("practicum/saves")
        try FileManager.default.createDirectory(at: saves, withIntermediateDirectories: true)
        let old = #"{"formatVersion":2,"scenario":"okafor-referral","mode":"practice","choices":[{"scene":"meet","index":1},{"scene":"hub","index":0}],"undone":[{"step":1,"choice":{"scene":"meet","index":2},"text":"x"}],"savedAt":"2026-11-01T10:00:00Z"}"#
        try old.write(to: saves.appendingPathComponent("okafor-referral.practice.json"), atomically: true, encoding: .utf8)
        let resumed = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        #expect(resumed.output.contains("Resuming after 2 choices."), "\(resumed.output.prefix(600))")
        let log = try #require(AppTestSupport.attempts(in: state).first?.log)
        #expect(log.undone(in: nil).map(\.step) == [1])
        #expect(FileManager.default.fileExists(atPath: saves.appendingPathComponent("migrated/okafor-referral.practice.json").path))
        #expect(!FileManager.default.fileExists(atPath: saves.appendingPathComponent("okafor-referral.practice.json").path))
    }
}
