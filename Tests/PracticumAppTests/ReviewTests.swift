import Foundation
import PracticumClassroom
import PracticumCore
import Testing
@testable import PracticumApp

/// `practicum review`: the instructor walks the flagged attempts, and `grade` sets the ratings beside the
/// model's. Built on the fixture case, never the bundled library.
@Suite("Review: the instructor's own level, attempt by attempt")
struct ReviewTests {
    let caseID = "okafor-referral"
    /// The fixture's sound path.
    let sound = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#2,crisis#1,act#1,follow#1,review#2,close#1"
    /// The sound start, then leaving a dizzy client alone: the case ends in harm.
    let leftAlone = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#2,crisis#2"
    /// Never asking about the falls the referral is about.
    let neverAsked = "meet#3,hub#4,plan#1,crisis#1,act#2,follow#2,review#1,close#1"

    /// A session of four (s4 never plays), graded once so the tests can read the model's own verdicts.
    func makeSession() throws -> (work: URL, folder: URL) {
        let work = AppTestSupport.temporaryDirectory()
        try "id,name,email\ns1,Ana,a@x.id\ns2,Budi,b@x.id\ns3,Citra,c@x.id\ns4,Dewi,d@x.id\n"
            .write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        #expect(run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "week3"], in: work).exitCode == 0)
        for (student, path) in [("s1", sound), ("s2", leftAlone), ("s3", neverAsked)] {
            let played = run(["play", "--session", "week3", "--student", student, "--choices", path], in: work)
            #expect(played.exitCode == 0, "\(played.errors)")
        }
        return (work, work.appendingPathComponent("week3"))
    }

    func run(_ arguments: [String], in work: URL, input: [String] = []) -> AppRun {
        AppTestSupport.inFolder(arguments, in: work, input: input)
    }

    /// The gradebook's rows by student id, each as a dictionary by column name.
    func gradebook(_ folder: URL) throws -> [String: [String: String]] {
        let records = try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook.csv"))).map(\.fields)
        let head = records[0]
        var rows: [String: [String: String]] = [:]
        for record in records.dropFirst() {
            rows[record[0]] = Dictionary(uniqueKeysWithValues: zip(head, record))
        }
        return rows
    }

    func ratings(_ url: URL) throws -> [[String]] {
        try CSVReader.records(Data(contentsOf: url)).map(\.fields)
    }

    @Test func reviewWalksTheFlaggedAttemptsAndGradeReadsTheRatingsByDefault() throws {
        let (work, folder) = try makeSession()
        #expect(run(["grade", "week3"], in: work).exitCode == 0)
        let model = try gradebook(folder)
        let flagged = ["s1", "s2", "s3"].filter { model[$0]?["status"] == "needs review" }
        try #require(flagged.count >= 1, "the fixture's harmful paths are marked for review: \(model)")

        // A level for each flagged attempt, with a comment; the first written as a number, the rest by name.
        var input: [String] = []
        for (index, _) in flagged.enumerated() { input += [index == 0 ? "2" : "compet", "comment \(index)"] }
        let reviewed = run(["review", "week3"], in: work, input: input)
        #expect(reviewed.exitCode == 0, "\(reviewed.errors)")
        #expect(reviewed.output.contains("\(flagged.count) attempt\(flagged.count == 1 ? "" : "s") to review"))
        for student in flagged {
            let row = try #require(model[student])
            // The model's level and score, as the gradebook has them; the transcript; the reasons.
            #expect(reviewed.output.contains("The model's level: \(row["level"]!), overall \(row["overall"]!)"), "\(reviewed.output)")
            #expect(reviewed.output.contains("(\(student))"))
        }
        #expect(reviewed.output.contains("Why the model marked it for review:"))
        #expect(reviewed.output.contains("> Step 1: chose "), "the transcript, as replay shows it")
        #expect(!reviewed.output.contains("(s1)") || flagged.contains("s1"), "an attempt that is not flagged is not walked")
        #expect(reviewed.output.contains("Done: \(flagged.count) rated, 0 skipped"))

        let file = try ratings(folder.appendingPathComponent("ratings.csv"))
        #expect(file[0] == ["id", "level", "comment"])
        #expect(file.dropFirst().map { $0[0] } == flagged)
        #expect(file[1][1] == "Developing" && file[1][2] == "comment 0")

        // grade reads SESSION/ratings.csv without being told, says so, and sets it beside the model's level.
        let graded = run(["grade", "week3"], in: work)
        #expect(graded.output.contains("Your ratings: \(flagged.count) from week3/ratings.csv (read by default"), "\(graded.output)")
        let rows = try gradebook(folder)
        let first = try #require(rows[flagged[0]])
        #expect(first["instructor level"] == "Developing" && first["instructor comment"] == "comment 0")
        #expect(first["levels agree"] == (first["level"] == "Developing" ? "yes" : "no"))
        #expect(rows["s4"]?["instructor level"] == "")
    }

    @Test func quittingKeepsWhatWasEnteredAndAReReviewReplacesOnlyThatRating() throws {
        let (work, folder) = try makeSession()
        let file = folder.appendingPathComponent("ratings.csv")
        // Every graded attempt: s1, s2, s3 in roster order. Rate s1, then stop at s2.
        let first = run(["review", "week3", "--all"], in: work, input: ["exemplary", "model work", "q"])
        #expect(first.exitCode == 0)
        #expect(first.output.contains("3 attempts to review (every graded attempt that counts)"))
        #expect(first.output.contains("Stopped at attempt 2 of 3; 1 rating given this time"))
        #expect(try ratings(file) == [["id", "level", "comment"], ["s1", "Exemplary", "model work"]])

        // Again: s1 is shown with its rating and skipped (it stands), s2 rated, then the input ends at s3.
        let second = run(["review", "week3", "--all"], in: work, input: ["s", "1", "left her alone"])
        #expect(second.exitCode == 0, "\(second.errors)")
        #expect(second.output.contains("Your rating so far: Exemplary (\"model work\")"))
        #expect(second.output.contains("Skipped; your earlier rating stands."))
        #expect(second.output.contains("Stopped at attempt 3 of 3"))
        #expect(try ratings(file).dropFirst() == [["s1", "Exemplary", "model work"], ["s2", "Emerging", "left her alone"]])

        // A re-review replaces s1's rating; s2's stays. A level with the input ending before its comment is kept.
        let third = run(["review", "week3", "--all"], in: work, input: ["dev", "second thoughts", "s", "Kompeten"])
        #expect(third.exitCode == 0)
        #expect(
            try ratings(file).dropFirst()
                == [["s1", "Developing", "second thoughts"], ["s2", "Emerging", "left her alone"], ["s3", "Competent", ""]])
        #expect(try !FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasSuffix(".partial") })
    }

    @Test func anotherRatingsFileAClosedInputAndAWrongFolder() throws {
        let (work, folder) = try makeSession()
        // --ratings names the file; the session's own is left alone.
        let elsewhere = run(["review", "week3", "--all", "--ratings", "mine.csv"], in: work, input: ["4", ""])
        #expect(elsewhere.exitCode == 0, "\(elsewhere.errors)")
        #expect(try ratings(work.appendingPathComponent("mine.csv")) == [["id", "level", "comment"], ["s1", "Exemplary", ""]])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ratings.csv").path))
        // No input at all: it stops at the first prompt, writes nothing, and does not fail.
        let closed = run(["review", "week3", "--all"], in: work, input: [])
        #expect(closed.exitCode == 0 && closed.output.contains("Stopped at attempt 1 of 3; 0 ratings"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ratings.csv").path))
        // An answer that is not a level is asked again, with a hint.
        let unclear = run(["review", "week3", "--all"], in: work, input: ["e", "excellent", "q"])
        #expect(unclear.output.contains("'e' could be Emerging or Exemplary"))
        #expect(unclear.output.contains("'excellent' is not a level"))
        // Wrong folders, and a ratings file that does not fit, are refused with what is wrong.
        let nowhere = run(["review", "nowhere"], in: work)
        #expect(nowhere.exitCode == 1 && nowhere.errors.contains("is not a session folder: it has no session.json"))
        #expect(run(["review"], in: work).exitCode == 64)
        try "id,level\ns9,Competent\n".write(to: folder.appendingPathComponent("ratings.csv"), atomically: true, encoding: .utf8)
        let bad = run(["review", "week3"], in: work, input: ["1", ""])
        #expect(bad.exitCode == 1 && bad.errors.contains("week3/ratings.csv: line 2: 's9' is not on the session's roster"))
        #expect(try String(contentsOf: folder.appendingPathComponent("ratings.csv"), encoding: .utf8) == "id,level\ns9,Competent\n")
    }

    @Test func aSessionWithNothingFlaggedSaysSo() throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id\ns1\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        #expect(run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "week3"], in: work).exitCode == 0)
        let empty = run(["review", "week3"], in: work)
        #expect(empty.exitCode == 0 && empty.output.contains("No attempt in 'week3' is marked for review (0 graded)"))
    }

    @Test(arguments: [
        ("1", ReviewAnswer.level(.emerging)), ("4", .level(.exemplary)), ("Em", .level(.emerging)), ("EXEMP", .level(.exemplary)),
        ("d", .level(.developing)), ("competent", .level(.competent)), ("mulai", .level(.emerging)),
        ("Sedang Berkembang", .level(.developing)), ("kom", .level(.competent)), ("tel", .level(.exemplary)),
        ("s", .skip), ("SKIP", .skip), ("lewati", .skip), ("q", .quit), ("keluar", .quit), ("stop", .quit),
    ])
    func answersAreLevelsSkipOrStop(text: String, answer: ReviewAnswer) {
        #expect(ReviewAnswer.parse(text) == answer)
    }

    @Test(arguments: ["", "e", "k", "5", "0", "berkembang", "good"])
    func anythingElseIsAskedAgain(text: String) {
        guard case .unclear = ReviewAnswer.parse(text) else {
            Issue.record("'\(text)' was read as an answer")
            return
        }
    }
}

/// Scoring rules 10 and 12: a capped attempt says so wherever its grade goes, with why and the score before
/// the cap, in the words of the model's own report.
@Suite("Caps: visible wherever the grade goes")
struct CapVisibilityTests {
    let caseID = "okafor-referral"
    /// The fixture's sound path, but the plan written for the client rather than with her.
    let planForHer = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#1,crisis#1,act#1,follow#1,review#2,close#1"
    /// The sound start, then leaving a dizzy client alone.
    let leftAlone = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#2,crisis#2"

    func run(_ arguments: [String], in work: URL) -> AppRun {
        AppTestSupport.inFolder(arguments, in: work)
    }

    /// The model's own report of a path, as `play --json` gives it.
    func modelScore(of path: String, in work: URL) throws -> [String: Any] {
        let played = run(["play", caseID, "--choices", path, "--json"], in: work)
        return try #require(AppTestSupport.json(played.output)?["score"] as? [String: Any])
    }

    @Test func theGradebookTheLMSFilesTheReportAndTheDebriefSayAnAttemptIsCapped() throws {
        let work = AppTestSupport.temporaryDirectory()
        let score = try modelScore(of: planForHer, in: work)
        let debrief = try #require(score["debrief"] as? [String: Any])
        let cap = try #require(debrief["cap"] as? [String: Any], "the path is capped: \(score)")
        let level = try #require(score["level"] as? String)
        let overall = try #require(score["overall"] as? Int)
        let before = try #require(cap["uncappedOverall"] as? Int)
        let uncappedLevel = try #require(cap["uncappedLevel"] as? String)
        let reasons = try #require(cap["reasons"] as? [String])
        try #require(!reasons.isEmpty && before > overall)
        let note = "capped at \(level): \(reasons.joined(separator: "; ")); before the cap: \(before) (\(uncappedLevel))"

        try "id,name,email\ns1,Ana,a@x.id\ns2,Budi,b@x.id\n".write(
            to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        #expect(run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "week3"], in: work).exitCode == 0)
        #expect(run(["play", "--session", "week3", "--student", "s1", "--choices", planForHer], in: work).exitCode == 0)
        #expect(run(["play", "--session", "week3", "--student", "s2", "--choices", leftAlone], in: work).exitCode == 0)
        let graded = run(["grade", "week3", "--lms", "canvas", "--lms", "moodle"], in: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        let results = work.appendingPathComponent("week3/results")

        let book = try CSVReader.records(Data(contentsOf: results.appendingPathComponent("gradebook.csv"))).map(\.fields)
        let noteColumn = try #require(book[0].firstIndex(of: "note"))
        #expect(book[1][5] == String(overall) && book[1][6] == level, "the number agrees with the capped level")
        #expect(book[1][noteColumn] == note, "\(book[1])")

        // The second attempt needs review: its note names the model's reasons.
        let leftScore = try modelScore(of: leftAlone, in: work)
        let review = try #require((leftScore["debrief"] as? [String: Any])?["review"] as? [String])
        try #require(leftScore["needsReview"] as? Bool == true && !review.isEmpty)
        #expect(book[2][noteColumn].hasPrefix("needs review: \(review.joined(separator: "; "))"))

        let moodle = try CSVReader.records(Data(contentsOf: results.appendingPathComponent("gradebook-moodle.csv"))).map(\.fields)
        #expect(moodle[1][3] == String(overall))
        #expect(moodle[1][4].contains("Capped at \(level): \(reasons.joined(separator: "; ")); before the cap: \(before)"), "\(moodle[1])")
        #expect(moodle[2][3].isEmpty && moodle[2][4].contains(review.joined(separator: "; ")))

        let canvas = try CSVReader.records(Data(contentsOf: results.appendingPathComponent("gradebook-canvas.csv"))).map(\.fields)
        #expect(canvas[0][5] == "Notes" && canvas[1][5].isEmpty)
        #expect(canvas[2][5] == moodle[1][4] && canvas[2][6] == String(overall))

        let report = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Attempts whose level is capped"))
        #expect(report.contains("<b>Ana (s1)</b>, \(level) (\(overall)): capped at \(level)"))
        #expect(report.contains("<span class=\"capped\""))

        let markdown = try String(contentsOf: results.appendingPathComponent("debriefs/s1--\(caseID).md"), encoding: .utf8)
        #expect(markdown.contains("**Capped:** the level is held at \(level)"))
        #expect(markdown.contains("Before the cap: \(before) (\(uncappedLevel))"))
    }
}
