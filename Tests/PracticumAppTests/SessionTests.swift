import Foundation
import PracticumClassroom
import PracticumCore
import Testing
@testable import PracticumApp

/// A classroom session from roster to gradebook, and everything a student or a forger could do to it.
@Suite("Sessions: set up, play, grade")
struct SessionTests {
    let caseID = "okafor-referral"
    /// The best path of the fixture case as ids, and a path that stops short.
    let best = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#2,crisis#1,act#1,follow#1,review#2,close#1"

    /// A session folder with a roster of three (one with a formula for a name, one with HTML), made in a
    /// fresh working folder.
    func makeSession(_ extra: [String] = []) throws -> (work: URL, folder: URL) {
        let work = AppTestSupport.temporaryDirectory()
        let roster = "\u{FEFF}id,name,email\r\ns1,\"Okafor, Ana\",ana@x.id\r\ns2,=1+1,b@x.id\r\ns3,<b>Budi</b>,c@x.id\r\n"
        try roster.write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "week3"] + extra, in: work)
        #expect(made.exitCode == 0, "\(made.errors)")
        return (work, work.appendingPathComponent("week3"))
    }

    func run(_ arguments: [String], in work: URL, input: [String] = []) -> AppRun {
        AppTestSupport.inFolder(arguments, in: work, input: input)
    }

    func attempt(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("attempts/\(name)"), encoding: .utf8)
    }

    func gradebook(_ folder: URL) throws -> [[String]] {
        try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook.csv"))).map(\.fields)
    }

    @Test func aSessionFolderHoldsTheManifestTheCasesTheRosterAndEmptyFolders() throws {
        let (work, folder) = try makeSession(["--attempts", "2", "--due", "2026-12-01"])
        let session = try Session.read(folder: folder)
        #expect(session.id == "week3" && session.mode == "graded" && session.attempts == 2 && session.policy == .best)
        #expect(session.feedback == .debrief && session.due == "2026-12-01T23:59:59Z")
        let copy = try Data(contentsOf: folder.appendingPathComponent("cases/\(caseID).scenario"))
        #expect(session.cases.first?.sha256 == Session.sha256(copy))
        #expect(copy == (try Data(contentsOf: AppTestSupport.library.appendingPathComponent("\(caseID).scenario"))))
        #expect(try Data(contentsOf: folder.appendingPathComponent("roster.csv")) == Data(contentsOf: work.appendingPathComponent("roster.csv")))
        for sub in ["attempts", "results"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(sub).path))
        }
        // Never made over anything.
        let again = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "week3"], in: work)
        #expect(again.exitCode == 1 && again.errors.contains("already exists"))
    }

    @Test(arguments: [
        (["--attempts", "0"], "--attempts takes a whole number from 1 to 100"),
        (["--policy", "median"], "--policy is one of best, last, first"),
        (["--feedback", "never"], "--feedback is one of immediate, debrief, released"),
        (["--due", "next week"], "--due takes a time"),
        (["--home-page", "ftp://x"], "--home-page takes an http or https address"),
        (["--mode", "exam"], "unknown mode 'exam'"),
    ])
    func badSettingsAreRefused(extra: [String], words: String) throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id\ns1\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "s"] + extra, in: work)
        #expect(made.exitCode == 64 && made.errors.contains(words), "\(made.errors)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("s").path))
    }

    /// Issue 17: Foundation's parser stored `2026-02-30` as 2 March and read `2026-12-01T25:61+99:99` as the end of
    /// 1 December; an impossible date, time or offset is refused, naming the part that is wrong.
    @Test(arguments: [
        ("2026-02-30", "the day is 30, but February 2026 has 28 days"),
        ("2026-12-01T25:61+99:99", "the hour is 25; hours run from 00 to 23"),
        ("2026-12-01T17:61+07:00", "the minute is 61"),
        ("2026-12-01T17:00+99:99", "the offset's hours are 99"),
        ("2026-12-01T17:00+07:99", "the offset's minutes are 99"),
        ("2026-13-01", "the month is 13"),
        ("2026-12-01T17:00:60Z", "the second is 60"),
        ("2026-12-01T17:00", "the time has no offset"),
        ("2026-12-01T17:00Zjunk", "something follows the time"),
    ])
    func anImpossibleDueTimeIsRefusedNamingThePart(due: String, words: String) throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id\ns1\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "s", "--due", due], in: work)
        #expect(made.exitCode == 64 && made.errors.contains(words), "\(made.errors)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("s").path))
    }

    @Test func aPossibleDueTimeIsStoredInUTC() throws {
        for (due, stored) in [
            ("2028-02-29", "2028-02-29T23:59:59Z"), ("2026-12-01T17:00+07:00", "2026-12-01T10:00:00Z"),
            ("2026-12-01T10:00:00.750Z", "2026-12-01T10:00:00Z"), ("2026-12-31T23:30-01:00", "2027-01-01T00:30:00Z"),
        ] {
            let (_, folder) = try makeSession(["--due", due])
            #expect(try Session.read(folder: folder).due == stored, "\(due)")
        }
    }

    @Test func aBadRosterIsRefusedWithItsLine() throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id,name\ns1,Ana\ns1,Budi\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "s"], in: work)
        #expect(made.exitCode == 1 && made.errors.contains("line 3: the id 's1' is already on line 2"))
    }

    /// Issue 17: `-5` and `@SUM` went into the Canvas and Moodle files as `'-5` and `'@SUM`, which no LMS matches;
    /// `S1` and `s1` were two students. `session new` refuses both, naming the lines.
    @Test(arguments: [
        ("id,name\ns1,Ana\n-5,Budi\n", "line 3: the id '-5' starts with '-'"),
        ("id,name\n@SUM,Ana\n", "line 2: the id '@SUM' starts with '@'"),
        ("id,name\nS1,Ana\ns1,Budi\n", "line 3: the id 's1' differs only in case from 'S1' on line 2"),
        ("id,name,id\ns1,Ana,s2\n", "line 1: the column 'id' is named twice"),
    ])
    func aRosterAnLMSCouldNotMatchIsRefusedWithItsLines(roster: String, words: String) throws {
        let work = AppTestSupport.temporaryDirectory()
        try roster.write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let made = run(["session", "new", "--scenario", caseID, "--roster", "roster.csv", "--out", "s"], in: work)
        #expect(made.exitCode == 1 && made.errors.contains(words), "\(made.errors)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("s").path))
    }

    @Test func aStudentNotOnTheRosterOrWithNoAttemptsLeftIsRefusedAndNothingChanges() throws {
        let (work, folder) = try makeSession()
        let stranger = run(["play", "--session", "week3", "--student", "s9", "--choices", "1"], in: work)
        #expect(stranger.exitCode == 1 && stranger.errors.contains("'s9' is not on the roster of session 'week3'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("attempts").path).isEmpty)
        let played = run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work)
        #expect(played.exitCode == 0, "\(played.errors)")
        #expect(played.output.contains("Debrief: "), "feedback: debrief")
        let before = try attempt(folder, "s1--\(caseID)--1.jsonl")
        // No attempts left: a scripted play is refused; a plain one shows the last debrief again.
        let more = run(["play", "--session", "week3", "--student", "s1", "--choices", "1"], in: work)
        #expect(more.exitCode == 1 && more.errors.contains("s1 has used the attempt allowed"))
        let again = run(["play", "--session", "week3", "--student", "s1"], in: work)
        #expect(again.exitCode == 0 && again.output.contains("this is the debrief of your last one"))
        #expect(try attempt(folder, "s1--\(caseID)--1.jsonl") == before)
    }

    @Test func aStudentsCopyWithoutTheRosterStillRefusesAnIdNotOnIt() throws {
        let (work, folder) = try makeSession()
        let manifest = try String(contentsOf: folder.appendingPathComponent("session.json"), encoding: .utf8)
        #expect(!manifest.contains("ana@x.id") && !manifest.contains("\"s1\""), "no id or email in the manifest")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("roster.csv"))
        let stranger = run(["play", "--session", "week3", "--student", "s9", "--choices", "1"], in: work)
        #expect(stranger.exitCode == 1 && stranger.errors.contains("is not on the roster"))
        let student = run(["play", "--session", "week3", "--student", "s1", "--choices", "meet#2"], in: work)
        #expect(student.exitCode == 0, "\(student.errors)")
    }

    @Test func anAttemptCutShortGoesOnWhereItStoppedAndTheFileNamesEverything() throws {
        let (work, folder) = try makeSession()
        let first = run(["play", "--session", "week3", "--student", "s2", "--choices", "meet#2,hub#1"], in: work)
        #expect(first.exitCode == 0)
        #expect(!first.output.contains("Overall"), "no partial score in a session")
        #expect(first.output.contains("Progress saved."))
        // The rest of the path, continued by the same command.
        let rest = best.split(separator: ",").dropFirst(2).joined(separator: ",")
        let second = run(["play", "--session", "week3", "--student", "s2", "--choices", rest], in: work)
        #expect(second.output.contains("Resuming after 2 choices."), "\(second.output.prefix(300))")
        let reading = try AttemptLog.read(Data(try attempt(folder, "s2--\(caseID)--1.jsonl").utf8))
        let header = reading.log.header
        #expect(header.student == "s2" && header.session == "week3" && header.caseID == caseID)
        #expect(header.caseHash == (try Session.read(folder: folder)).cases[0].fingerprint)
        #expect(reading.log.choices.map(\.description).joined(separator: ",") == best)
    }

    @Test func gradingCountsTheRightAttemptAndRejectsEveryForgery() throws {
        let (work, folder) = try makeSession(["--attempts", "3"])
        let attempts = folder.appendingPathComponent("attempts")
        #expect(run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work).exitCode == 0)
        #expect(run(["play", "--session", "week3", "--student", "s2", "--choices", "meet#1,hub#1"], in: work).exitCode == 0)
        let good = try attempt(folder, "s1--\(caseID)--1.jsonl")
        var lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Forgeries, each handed in as another file of s3's.
        func hand(_ text: String, _ name: String) throws {
            try text.write(to: attempts.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        func header(_ change: (inout AttemptLog.Header) -> Void) throws -> String {
            var parsed = try AttemptLog.read(Data(good.utf8)).log
            change(&parsed.header)
            parsed.header.id = UUID().uuidString
            return parsed.text
        }
        try hand(try header { $0.student = "s3" }.replacingOccurrences(of: "meet#2", with: "meet#9"), "s3--\(caseID)--1.jsonl")
        try hand(try header { $0.student = "s3"; $0.caseHash = "sha256:" + String(repeating: "0", count: 64) }, "s3--\(caseID)--2.jsonl")
        try hand(try header { $0.student = "mallory" }, "mallory--\(caseID)--1.jsonl")
        try hand(good, "s1-copy.jsonl")
        lines.insert(lines[2], at: 2)
        try hand(lines.joined(separator: "\n"), "s3--\(caseID)--3.jsonl")
        try hand(try header { $0.student = "s3" } + "{\"at\":\"t\",\"score\":100,\"step\":12,\"type\":\"score\"}\n", "s3--\(caseID)--4.jsonl")
        try hand(String(good.prefix(40)), "s3--\(caseID)--5.jsonl")

        let graded = run(["grade", "week3"], in: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        let log = try String(contentsOf: folder.appendingPathComponent("results/grading.log"), encoding: .utf8)
        #expect(log.contains("s3--\(caseID)--1.jsonl: rejected, s3 at \(caseID): step 1: 'meet#9' was not on offer"), "\(log)")
        #expect(log.contains("s3--\(caseID)--2.jsonl: rejected, s3 at \(caseID): it was played on another version"))
        #expect(log.contains("mallory--\(caseID)--1.jsonl: rejected, mallory at \(caseID): its student 'mallory' is not on the roster"))
        // The same attempt handed in twice: neither file is believed over the other; both are graded and marked
        // for review, and only the first one's statements are written (a statement's id comes from the attempt's).
        #expect(log.contains("s1-copy.jsonl: graded, s1 at \(caseID): 100 Exemplary"))
        #expect(log.contains("it shares its attempt id with s1--\(caseID)--1.jsonl: both need review"))
        #expect(log.contains("s3--\(caseID)--3.jsonl: rejected, s3: the file cannot be read: line 4: step 2 comes after 2"))
        #expect(log.contains("s3--\(caseID)--4.jsonl: rejected, s3: the file cannot be read: line 13: a line of type 'score'"))
        #expect(log.contains("s3--\(caseID)--5.jsonl: rejected, s3: the file cannot be read: the file holds only a line cut short"))

        let rows = try gradebook(folder)
        #expect(rows[0].prefix(7) == ["id", "name", "email", "case", "status", "overall", "level"])
        #expect(rows.count == 4, "a row per roster student")
        #expect(rows[1][0] == "s1" && rows[1][1] == "Okafor, Ana" && rows[1][4] == "needs review" && rows[1][5] == "100")
        #expect(rows[1].last?.contains("s1-copy.jsonl shares its attempt id with s1--\(caseID)--1.jsonl") == true, "\(rows[1])")
        #expect(rows[2][0] == "s2" && rows[2][1] == "'=1+1" && rows[2][4] == "incomplete", "a formula name is neutralised")
        #expect(rows[3][0] == "s3" && rows[3][4] == "rejected" && rows[3][5].isEmpty)
        // A debrief per student, with the roster's HTML escaped.
        let debrief = try String(contentsOf: folder.appendingPathComponent("results/debriefs/s3--\(caseID).md"), encoding: .utf8)
        #expect(debrief.contains("&lt;b&gt;Budi&lt;/b&gt;") && !debrief.contains("<b>"))
        let counted = try String(contentsOf: folder.appendingPathComponent("results/debriefs/s1--\(caseID).md"), encoding: .utf8)
        #expect(counted.contains("**Overall:** 100 (Exemplary); not passed (pass mark 60)"))
        #expect(counted.contains("**Needs review:** an instructor must review this attempt before the grade stands: another file handed in has the same attempt id."))
        #expect(graded.output.contains("1 needs review, 1 incomplete, 1 rejected"), "\(graded.output)")
        // The class report: one page, nothing fetched, no script, the roster's HTML escaped.
        let report = try String(contentsOf: folder.appendingPathComponent("results/report.html"), encoding: .utf8)
        #expect(report.hasPrefix("<!DOCTYPE html>") && report.contains("<svg"))
        #expect(!report.contains("<script") && !report.contains("src=") && !report.contains("<b>Budi"))
        // The only links are to the students' debriefs, relative, beside the page: nothing is fetched.
        let links = report.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(links.count == 3 && links.allSatisfy { $0.hasPrefix("debriefs/") && $0.hasSuffix("--\(caseID).md") }, "\(links)")
        #expect(links.contains("debriefs/s1--\(caseID).md"))
        #expect(report.contains("&lt;b&gt;Budi&lt;/b&gt;"))
        #expect(report.contains("Okafor, Ana (s1)") && report.contains("mallory--\(caseID)--1.jsonl"))
        // xAPI: the graded attempt and the incomplete one, nothing of a rejected one; the same ids every time.
        let statementsURL = folder.appendingPathComponent("results/statements.json")
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: statementsURL)) as? [[String: Any]])
        func verbs(of student: String) -> [String] {
            statements.filter { (($0["actor"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String == student }
                .compactMap { (($0["verb"] as? [String: Any])?["id"] as? String)?.components(separatedBy: "/").last }
        }
        #expect(verbs(of: "s1") == ["attempted"] + Array(repeating: "answered", count: 11) + ["completed", "passed"])
        #expect(verbs(of: "s2") == ["attempted", "answered", "answered"])
        #expect(verbs(of: "s3").isEmpty && verbs(of: "mallory").isEmpty)
        let passed = try #require(statements.first { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/passed" })
        let result = try #require(passed["result"] as? [String: Any])
        #expect((result["score"] as? [String: Any])?["scaled"] as? Double == 1 && result["success"] as? Bool == true)
        #expect((result["duration"] as? String)?.hasPrefix("PT") == true)
        let registrations = Set(statements.compactMap { ($0["context"] as? [String: Any])?["registration"] as? String })
        #expect(registrations.count == 2)
        let answered = try #require(statements.first { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/answered" })
        let definition = try #require((answered["object"] as? [String: Any])?["definition"] as? [String: Any])
        #expect(definition["interactionType"] as? String == "choice" && (definition["choices"] as? [Any])?.isEmpty == false)
        #expect((answered["result"] as? [String: Any])?["response"] as? String == "meet#2")
        // A scene's choices are listed the first time the file names it; later answers name its id and type.
        var listed: Set<String> = []
        var briefs = 0
        for statement in statements where (statement["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/answered" {
            let object = try #require(statement["object"] as? [String: Any])
            let id = try #require(object["id"] as? String)
            let definition = try #require(object["definition"] as? [String: Any])
            #expect(definition["interactionType"] as? String == "choice")
            if listed.insert(id).inserted {
                #expect((definition["choices"] as? [Any])?.isEmpty == false, "\(id) is first named without its choices")
            } else {
                #expect(definition["choices"] == nil, "\(id) lists its choices again")
                briefs += 1
            }
        }
        #expect(briefs > 0, "s1 and s2 both answer the first scene")
        let first = try Data(contentsOf: statementsURL)
        #expect(run(["grade", "week3"], in: work).exitCode == 0)
        #expect(try Data(contentsOf: statementsURL) == first, "grading again gives the same statements")
    }

    @Test func theGradebookComesInTheLayoutsCanvasAndMoodleImport() throws {
        let (work, folder) = try makeSession()
        #expect(run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work).exitCode == 0)
        #expect(run(["play", "--session", "week3", "--student", "s2", "--choices", "meet#2"], in: work).exitCode == 0)
        let graded = run(
            ["grade", "week3", "--lms", "canvas", "--lms", "moodle", "--canvas-assignment", "\(caseID)=Week 3 case (4411)"], in: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        // Every file written, named by its path, one a line; each is there.
        let written = graded.output.components(separatedBy: "Written:\n").last?.split(separator: "\n").map {
            String($0.trimmingCharacters(in: .whitespaces).prefix { $0 != " " })
        } ?? []
        #expect(written == [
            "week3/results/gradebook.csv", "week3/results/gradebook-canvas.csv", "week3/results/gradebook-moodle.csv",
            "week3/results/report.html", "week3/results/debriefs/STUDENT--CASE.md", "week3/results/statements.json",
            "week3/results/grading.log",
        ], "\(graded.output)")
        for file in written where !file.contains("STUDENT") {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(file).path), "\(file)")
        }
        #expect(graded.output.contains("debriefs/STUDENT--CASE.md (3 files)"))
        let canvas = try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook-canvas.csv"))).map(\.fields)
        #expect(canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Notes", "Week 3 case (4411)"])
        #expect(canvas[1] == ["Points Possible", "", "", "", "", "", "100"])
        #expect(canvas[2] == ["Okafor, Ana", "", "s1", "ana@x.id", "", "Exemplary (100). The debrief is in Practicum.", "100"])
        #expect(
            canvas[3] == ["'=1+1", "", "s2", "b@x.id", "", "The attempt stopped before the case ended.", ""],
            "no grade for an incomplete attempt, and why in the notes; the formula neutralised")
        let moodle = try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook-moodle.csv"))).map(\.fields)
        #expect(moodle[0] == ["ID number", "Email address", "Full name", "\(caseID) grade", "\(caseID) feedback"])
        #expect(moodle[1].prefix(4) == ["s1", "ana@x.id", "Okafor, Ana", "100"])
        #expect(moodle[2][3].isEmpty && moodle[2][4] == "The attempt stopped before the case ended.")
        #expect(run(["grade", "week3", "--lms", "blackboard"], in: work).exitCode == 64)
    }

    @Test func theInstructorsRatingsSitBesideTheModelsAndDisagreementsAreShown() throws {
        let (work, folder) = try makeSession()
        #expect(run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work).exitCode == 0)
        try "id,level,comment\ns1,competent,\"=good, but slow\"\ns2,Emerging,no attempt\n"
            .write(to: work.appendingPathComponent("ratings.csv"), atomically: true, encoding: .utf8)
        let graded = run(["grade", "week3", "--ratings", "ratings.csv"], in: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        #expect(graded.output.contains("the same level in 0% of 1 attempts"))
        let rows = try gradebook(folder)
        // The instructor's level and the agreement beside the model's level; the comment after the model's note.
        #expect(rows[0][6...8] == ["level", "instructor level", "levels agree"] && rows[0].last == "instructor comment")
        #expect(rows[1][6...8] == ["Exemplary", "Competent", "no"] && rows[1].last == "'=good, but slow")
        #expect(rows[2][6...8] == ["", "Emerging", ""] && rows[2].last == "no attempt")
        let report = try String(contentsOf: folder.appendingPathComponent("results/report.html"), encoding: .utf8)
        #expect(report.contains("Your ratings and the model") && report.contains("<td>Exemplary (100)</td><td>Competent</td>"))
        // The students' table has the instructor's level (and comment) beside the model's.
        #expect(report.contains("<th>level</th><th>your level</th>"))
        #expect(report.contains("<td>Exemplary</td><td>Competent<div class=\"comment\">=good, but slow</div></td>"))
        // A bad ratings file stops before anything is written.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("results/gradebook.csv"))
        for (text, words) in [
            ("id,level\ns1,Excellent\n", "line 2: the level 'excellent' is not one of Emerging, Developing, Competent, Exemplary"),
            ("id,level\ns9,Competent\n", "line 2: 's9' is not on the session's roster"),
            ("id,level\ns1,Competent\ns1,Emerging\n", "line 3: s1 is rated twice"),
            ("name,level\nAna,Competent\n", "needs 'id' and 'level' columns"),
        ] {
            try text.write(to: work.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
            let refused = run(["grade", "week3", "--ratings", "bad.csv"], in: work)
            #expect(refused.exitCode == 1 && refused.errors.contains(words), "\(refused.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results/gradebook.csv").path))
    }

    @Test func thePolicyPicksTheAttemptThatCounts() throws {
        for (policy, expected) in [("best", "100"), ("first", "100"), ("last", nil as String?)] {
            let (work, folder) = try makeSession(["--attempts", "2", "--policy", policy])
            #expect(run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work).exitCode == 0)
            let weaker = "meet#1," + best.split(separator: ",").dropFirst().joined(separator: ",")
            _ = run(["play", "--session", "week3", "--student", "s1", "--choices", weaker], in: work)
            #expect(run(["grade", "week3"], in: work).exitCode == 0)
            let row = try gradebook(folder)[1]
            let countedFile = row[13]
            if let expected {
                #expect(row[5] == expected && countedFile == "s1--\(caseID)--\(policy == "first" || policy == "best" ? 1 : 2).jsonl", "\(policy): \(row)")
            } else {
                #expect(countedFile == "s1--\(caseID)--2.jsonl", "\(policy): \(row)")
            }
        }
    }

    @Test func releasedFeedbackIsHeldUntilTheInstructorReleasesIt() throws {
        let (work, _) = try makeSession(["--feedback", "released", "--attempts", "1"])
        let played = run(["play", "--session", "week3", "--student", "s1", "--choices", best], in: work)
        #expect(played.exitCode == 0 && !played.output.contains("Overall"))
        #expect(played.output.contains("Your instructor will release the debrief"))
        let held = run(["play", "--session", "week3", "--student", "s1"], in: work)
        #expect(!held.output.contains("Overall"))
        #expect(run(["session", "release", "week3"], in: work).output.contains("debriefs released"))
        let shown = run(["play", "--session", "week3", "--student", "s1"], in: work)
        #expect(shown.output.contains("Debrief: "))
    }

    @Test func aChangedCaseCopyStopsGradingWithAClearMessage() throws {
        let (work, folder) = try makeSession()
        let copy = folder.appendingPathComponent("cases/\(caseID).scenario")
        try (String(contentsOf: copy, encoding: .utf8) + "\n// edited\n").write(to: copy, atomically: true, encoding: .utf8)
        let graded = run(["grade", "week3"], in: work)
        #expect(graded.exitCode == 1 && graded.errors.contains("has changed since the session was made"))
        let played = run(["play", "--session", "week3", "--student", "s1", "--choices", "1"], in: work)
        #expect(played.exitCode == 1 && played.errors.contains("has changed since the session was made"))
    }
}
