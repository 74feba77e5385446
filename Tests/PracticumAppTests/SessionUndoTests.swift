import Foundation
import PracticumClassroom
import Testing

/// Terminal play of a practice session takes choices and undos through the classroom's SessionPlayer: what
/// the student sees and what the attempt file holds.
@Suite("Session play at the terminal: choices and undo through the classroom player")
struct SessionUndoTests {
    @Test func anUndoInAPracticeSessionIsShownWrittenAndGoneOnFrom() throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id,name\ns1,Ana\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = AppTestSupport.inFolder(
            ["session", "new", "--scenario", "okafor-referral", "--roster", "roster.csv", "--out", "s", "--mode", "practice"],
            in: work)
        try #require(made.exitCode == 0, "\(made.errors)")
        let played = AppTestSupport.inFolder(
            ["play", "--session", "s", "--student", "s1"], in: work, input: ["2", "1", "undo", "2", "quit"])
        #expect(played.exitCode == 0, "\(played.errors)")
        #expect(played.output.contains("Your last choice is undone."))
        #expect(played.output.contains("Progress saved."))
        let file = work.appendingPathComponent("s/attempts/s1--okafor-referral--1.jsonl")
        let log = try AttemptLog.read(Data(contentsOf: file)).log
        #expect(log.choices.map(\.description) == ["meet#2", "hub#2"])
        #expect(log.undone(in: nil).map(\.choice.description) == ["hub#1"])
        // Going on later starts after the two standing choices.
        let again = AppTestSupport.inFolder(["play", "--session", "s", "--student", "s1"], in: work, input: ["quit"])
        #expect(again.output.contains("Resuming after 2 choices."), "\(again.output.prefix(300))")
    }
}
