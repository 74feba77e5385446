import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring
import Testing

@testable import PracticumWeb

/// The instructor's page: its own token and cookie, the class live from the attempt files, the review flow,
/// the release of the debriefs and the downloads, each checked against what the terminal's code does.
@Suite("Web app: the instructor's page")
struct InstructorTests {
    static let token = "0123456789abcdef0123456789abcdef"
    /// The fixture's sound path.
    static let sound = ["meet#2", "hub#1", "hub#2", "hub#3", "hub#4", "plan#2", "crisis#1", "act#1", "follow#1", "review#2", "close#1"]
    /// The sound start, then leaving a dizzy client alone: the case ends in harm, and the model marks it.
    static let leftAlone = ["meet#2", "hub#1", "hub#2", "hub#3", "hub#4", "plan#2", "crisis#2"]

    typealias Fixture = (folder: URL, session: Session, roster: Roster, scenario: Scenario)

    static func app(_ fixture: Fixture, clock: WebFixture.Clock = .init(), configure: (inout WebApp.Configuration) -> Void = { _ in }) -> WebApp {
        WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario, clock: clock) {
            $0.instructorToken = token
            configure(&$0)
        }
    }

    /// A browser signed in as the instructor.
    static func instructor(_ app: WebApp, peer: String = "10.0.0.9") -> Browser {
        let browser = Browser(app, peer: peer)
        browser.get("/instructor")
        let answer = browser.post("/instructor/signin", [("token", token)])
        #expect(answer.status == 303 && answer.location == "/instructor")
        return browser
    }

    /// A student signs in and takes these choices through the web, one POST each.
    static func play(_ app: WebApp, student: String, _ choices: [String]) {
        let browser = Browser(app, peer: "10.1.0.\(student.count)")
        browser.signIn(student, code: WebFixture.codes[student]!)
        let base = "/cases/\(WebFixture.caseID)"
        browser.get(base)
        #expect(browser.post(base + "/start").status == 303)
        for (step, choice) in choices.enumerated() {
            browser.get(base + "/play")
            let answer = browser.post(base + "/choose", [("step", String(step)), ("choice", choice), ("reflection", "I weighed it.")])
            #expect(answer.status == 303, "\(student) step \(step + 1)")
        }
    }

    /// The class table's row of a student (the text of its `<tr>`).
    static func row(_ page: String, student: String) -> String? {
        page.components(separatedBy: "<tr>").first { $0.contains("(\(student))</span></th>") }
    }

    /// Grades the session folder as `practicum grade` does (its own cases, read and checked again, and a scorer
    /// of its own; the ratings from ratings.csv; every LMS layout), writing into results/.
    static func gradeAsTheTerminalDoes(_ folder: URL) throws -> SessionGrader.Outcome {
        let loader = ScenarioLoader(content: WebFixture.content)
        let grader = try SessionGrader(
            folder: folder, scenario: { loader.load(path: $0.path).scenario },
            scorer: { Scorer(scenario: $0, rubric: WebFixture.rubric, content: WebFixture.content, language: $0.header.language) })
        let ratings = try grader.ratings(at: folder.appendingPathComponent(SessionGrader.ratingsName))
        return try grader.grade(.init(ratings: ratings, canvas: true, moodle: true))
    }

    // MARK: Signing in

    @Test func theTokenSignsInByAPostOnlyWithACookieOfItsOwnAndFailuresAreRateLimited() throws {
        let fixture = try WebFixture.makeSession()
        let clock = WebFixture.Clock()
        let app = Self.app(fixture, clock: clock) { $0.failuresAllowed = 3 }
        let browser = Browser(app, peer: "10.0.0.9")
        let form = browser.get("/instructor")
        #expect(form.status == 200 && form.text.contains("action=\"/instructor/signin\"") && form.text.contains("type=\"password\""))
        let cookie = try #require(form.headers.first { $0.name == "Set-Cookie" && $0.value.hasPrefix("practicum_instructor=") }?.value)
        #expect(cookie.contains("Path=/instructor") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(browser.cookies["practicum_session"] == nil)

        // The token in the address does nothing.
        #expect(!browser.get("/instructor?token=\(Self.token)").text.contains("class-table"))
        // Wrong tokens: the form again with the error, until the limit; then 429 even for the right one.
        for wrong in ["", "0123456789abcdef0123456789abcdee", Self.token + "0"] {
            let answer = browser.post("/instructor/signin", [("token", wrong)])
            #expect(answer.status == 200 && answer.text.contains("That is not the instructor token."))
        }
        let limited = browser.post("/instructor/signin", [("token", Self.token)])
        #expect(limited.status == 429 && !limited.text.contains("class-table"))
        #expect(browser.get("/instructor").text.contains("name=\"token\""))
        // Another peer is not held back; after the window this one signs in with the right token.
        #expect(Self.instructor(app, peer: "10.0.0.10").get("/instructor").text.contains("class-table"))
        clock.advance(301)
        let before = browser.cookies["practicum_instructor"]
        let right = browser.post("/instructor/signin", [("token", " \(Self.token) ")])
        #expect(right.status == 303 && right.location == "/instructor")
        #expect(browser.cookies["practicum_instructor"] != before)
        let table = browser.get("/instructor")
        #expect(table.status == 200 && table.text.contains("class-table") && table.text.contains("You are signed in as the instructor."))
        #expect(table.header("Refresh") == "15" && table.header("Cache-Control") == "no-store")
        // On a phone the rows become cards: every cell names its column, and the table scrolls in its own box.
        #expect(table.text.contains("<td data-label=\"State\">") && table.text.contains("<td data-label=\"Last activity\">"))
        #expect(table.text.contains("class=\"table-box\" role=\"region\" aria-labelledby=\"class-caption\" tabindex=\"0\""))
        #expect(Stylesheet.css.contains("table.stacked td[data-label]::before { content: attr(data-label)"))
        // Signing out forgets the token.
        #expect(browser.post("/instructor/signout").location == "/instructor")
        #expect(!browser.get("/instructor").text.contains("class-table"))
    }

    @Test func noInstructorRouteOpensWithoutTheInstructorsCookieNorWithAStudentsAndViceVersa() throws {
        let fixture = try WebFixture.makeSession(feedback: .released)
        let app = Self.app(fixture)
        Self.play(app, student: "s1", Self.sound)
        let instructor = Self.instructor(app)
        let student = Browser(app, peer: "10.0.0.2")
        student.signIn("s1", code: "code-one")
        let stranger = Browser(app, peer: "10.0.0.3")
        let review = "/instructor/review/s1/\(WebFixture.caseID)"
        for browser in [student, stranger] {
            let page = browser.get("/instructor")
            #expect(page.status == 200 && !page.text.contains("class-table") && page.text.contains("name=\"token\""))
            for path in [review, "/instructor/download/gradebook.csv", "/instructor/download/report.html", "/instructor/download/statements.json"] {
                let answer = browser.get(path)
                #expect(answer.status == 303 && answer.location == "/instructor" && answer.body.isEmpty, "\(path)")
            }
            // The student's (or a fresh) CSRF token opens no instructor POST.
            for path in ["/instructor/release", review, "/instructor/signout"] {
                #expect(browser.post(path, [("level", "Competent")]).status == 403, "\(path)")
            }
        }
        // The student's own cookie value under the instructor's cookie name opens nothing either.
        let forged = Browser(app, peer: "10.0.0.4")
        forged.cookies["practicum_instructor"] = student.cookies["practicum_session"]
        #expect(forged.get(review).location == "/instructor")
        // And the instructor's cookie value is no student's sign-in.
        let other = Browser(app, peer: "10.0.0.5")
        other.cookies["practicum_session"] = instructor.cookies["practicum_instructor"]
        #expect(other.get("/cases").location == "/signin")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("ratings.csv").path))
        #expect(try Session.read(folder: fixture.folder).released == false)
        // In library mode, and without a token, there is no instructor page.
        let noToken = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        #expect(Browser(noToken).get("/instructor").status == 404)
        let library = WebApp(.init(libraryCases: [fixture.scenario], content: WebFixture.content, rubric: WebFixture.rubric))
        #expect(Browser(library).get("/instructor").status == 404)
        #expect(instructor.send("PUT", "/instructor").status == 405)
        #expect(instructor.get("/instructor/release").status == 405)
        #expect(instructor.get("/instructor/download/../session.json").status == 404)
        #expect(instructor.get("/instructor/download/session.json").status == 404)
    }

    @Test func everyInstructorPostNeedsTheInstructorsCSRFToken() throws {
        let fixture = try WebFixture.makeSession(feedback: .released)
        let app = Self.app(fixture)
        Self.play(app, student: "s2", Self.leftAlone)
        let instructor = Self.instructor(app)
        let student = Browser(app)
        student.signIn("s1", code: "code-one")
        let studentCSRF = try #require(student.csrf)
        let review = "/instructor/review/s2/\(WebFixture.caseID)"
        for path in ["/instructor/release", review, "/instructor/signout", "/instructor/signin"] {
            for fields in [[("level", "Competent")], [("csrf", "0" + String(studentCSRF.dropFirst())), ("level", "Competent")], [("csrf", studentCSRF), ("level", "Competent")]] {
                #expect(instructor.send("POST", path, form: fields + [("token", Self.token)]).status == 403, "\(path)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("ratings.csv").path))
        #expect(try Session.read(folder: fixture.folder).released == false)
        #expect(instructor.get("/instructor").text.contains("class-table"))
    }

    // MARK: The class

    @Test func theClassTableShowsWhoIsPlayingAtWhichStepWhoIsDoneAndWhoIsMarked() throws {
        let fixture = try WebFixture.makeSession(attempts: 2)
        let app = Self.app(fixture)
        Self.play(app, student: "s1", Self.sound)
        Self.play(app, student: "s2", Array(Self.leftAlone.prefix(3)))
        let instructor = Self.instructor(app)
        var page = instructor.get("/instructor").text
        let s1 = try #require(Self.row(page, student: "s1"))
        let s2 = try #require(Self.row(page, student: "s2"))
        let s3 = try #require(Self.row(page, student: "s3"))
        #expect(s1.contains("Done · attempts left: 1"))
        #expect(s2.contains("Playing, at step 4"))
        #expect(s3.contains("Not started"))
        #expect(page.contains("1 playing, 1 done, 1 not started, 0 marked for review."))
        // The model's level and score of s1's counted attempt, as grading gives them.
        let outcome = try Self.gradeAsTheTerminalDoes(fixture.folder)
        let report = try #require(outcome.book.entries.first { $0.student.id == "s1" }?.report)
        #expect(s1.contains("\(report.level.rawValue) · \(report.overall)"))

        // s2 goes on to the harmful ending: done, and marked for review with the model's reason.
        let browser = Browser(app, peer: "10.2.0.1")
        browser.signIn("s2", code: "code-two")
        let base = "/cases/\(WebFixture.caseID)"
        browser.get(base)
        #expect(browser.post(base + "/start").status == 303)
        for (offset, choice) in Self.leftAlone.enumerated().dropFirst(3) {
            browser.get(base + "/play")
            browser.post(base + "/choose", [("step", String(offset)), ("choice", choice), ("reflection", "I weighed it.")])
        }
        page = instructor.get("/instructor").text
        let marked = try #require(Self.row(page, student: "s2"))
        let entry = try #require(try Self.gradeAsTheTerminalDoes(fixture.folder).book.entries.first { $0.student.id == "s2" })
        #expect(entry.needsReview && !entry.reviewReasons.isEmpty && entry.reviewReasons.allSatisfy { !$0.isEmpty })
        #expect(marked.contains("Done · attempts left: 1") && marked.contains("Marked for review:"))
        for reason in entry.reviewReasons { #expect(marked.contains(Markup.escaped(reason))) }
        #expect(marked.contains("href=\"/instructor/review/s2/\(WebFixture.caseID)\""))
        #expect(page.contains("0 playing, 2 done, 1 not started, 1 marked for review."))

        // A server started again reads the same from the files.
        let restarted = Self.instructor(Self.app(fixture)).get("/instructor").text
        #expect(Self.row(restarted, student: "s2") == marked)
        #expect(Self.row(restarted, student: "s1") == Self.row(page, student: "s1"))
    }

    @Test func rosterNamesWithMarkupAreEscaped() throws {
        let fixture = try WebFixture.makeSession()
        let app = Self.app(fixture)
        Self.play(app, student: "s1", Self.leftAlone)
        let instructor = Self.instructor(app)
        let page = instructor.get("/instructor").text
        #expect(page.contains("Ana &lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script"))
        #expect(page.contains("Budi &quot;B&quot; O&#39;Neil"))
        let review = instructor.get("/instructor/review/s1/\(WebFixture.caseID)").text
        #expect(review.contains("Ana &lt;script&gt;") && !review.contains("<script"))
    }

    // MARK: Review

    @Test func aRatingGivenOnTheReviewPageIsSavedAsReviewSavesItAndGradeUsesIt() throws {
        let fixture = try WebFixture.makeSession()
        let app = Self.app(fixture)
        Self.play(app, student: "s2", Self.leftAlone)
        Self.play(app, student: "s1", Self.sound)
        let instructor = Self.instructor(app)
        let path = "/instructor/review/s2/\(WebFixture.caseID)"
        let page = instructor.get(path)
        #expect(page.status == 200)
        // Every scene and the choice taken, why it was marked, the model's level and score.
        let engine = Engine(scenario: fixture.scenario)
        var state = engine.start().state
        for (step, choice) in Self.leftAlone.enumerated() {
            let id = try #require(SessionRoutesChoice.id(choice))
            let offered = engine.availableChoices(in: state)
            let taken = try #require(offered.first { $0.id == id })
            #expect(page.text.contains("Step \(step + 1): the student chose</strong>: <span lang=\"en\">\(Markup.escaped(taken.choice.text))</span>"))
            state = try engine.choose(id: id, in: state).state
            state = engine.autoContinue(state).state
        }
        let entry = try #require(try Self.gradeAsTheTerminalDoes(fixture.folder).book.entries.first { $0.student.id == "s2" })
        let report = try #require(entry.report)
        #expect(page.text.contains("Why the model marked it for review"))
        #expect(page.text.contains("The model&#39;s level: \(report.level.rawValue), overall \(report.overall)."))
        // The class is kept as numbers (and the words of review and cap reasons): no log, no path, no items; the
        // page above read its attempt again.
        let known = app.instructorDesk.verdicts.values
        #expect(!known.isEmpty && known.allSatisfy { $0.judged.log == nil })
        #expect(known.compactMap(\.fullVerdict).allSatisfy { verdict in
            if case .graded(let report, let path, _, _) = verdict { return report.items.isEmpty && path.isEmpty } else { return true }
        })
        #expect(page.text.contains("value=\"Competent\"") && page.text.contains("(Kompeten)"))

        // Not a level: nothing saved.
        #expect(instructor.post(path, [("level", "Brilliant"), ("comment", "x")]).location == path)
        #expect(instructor.get(path).text.contains("Choose one of the four levels."))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("ratings.csv").path))
        // An Indonesian name, then a second rating of s1 that keeps the first.
        #expect(instructor.post(path, [("level", "Kompeten"), ("comment", "Knew <when> to stop,\nmostly")]).location == "/instructor")
        #expect(instructor.post("/instructor/review/s1/\(WebFixture.caseID)", [("level", "Exemplary"), ("comment", "")]).location == "/instructor")
        let saved = try String(contentsOf: fixture.folder.appendingPathComponent("ratings.csv"), encoding: .utf8)
        var expected = Ratings()
        expected.set(.init(student: "s2", caseID: WebFixture.caseID, level: .competent, comment: "Knew <when> to stop, mostly"))
        expected.set(.init(student: "s1", caseID: WebFixture.caseID, level: .exemplary, comment: ""))
        #expect(saved == expected.csv(session: fixture.session, roster: fixture.roster))
        #expect(instructor.get("/instructor").text.contains("You rated it Competent."))
        #expect(instructor.get(path).text.contains("Your comment so far: Knew &lt;when&gt; to stop, mostly"))

        // `grade` reads the rating beside the model's level.
        let outcome = try Self.gradeAsTheTerminalDoes(fixture.folder)
        let gradebook = try String(contentsOf: fixture.folder.appendingPathComponent("results/gradebook.csv"), encoding: .utf8)
        #expect(gradebook == outcome.book.csv(ratings: expected))
        #expect(gradebook.contains("Competent") && gradebook.contains("Knew <when> to stop, mostly"))
    }

    // MARK: Release

    @Test func releasingShowsTheStudentsTheirDebriefsAndWritesTheSession() throws {
        let fixture = try WebFixture.makeSession(feedback: .released)
        let app = Self.app(fixture)
        Self.play(app, student: "s1", Self.sound)
        let student = Browser(app, peer: "10.0.0.2")
        student.signIn("s1", code: "code-one")
        let debrief = "/cases/\(WebFixture.caseID)/debrief"
        let held = student.get(debrief).text
        #expect(held.contains("Your instructor will release the debrief"))
        #expect(!held.contains("Scores by dimension"))
        let instructor = Self.instructor(app)
        let before = instructor.get("/instructor").text
        #expect(before.contains("action=\"/instructor/release\""))
        #expect(instructor.post("/instructor/release").location == "/instructor")
        let after = instructor.get("/instructor").text
        #expect(after.contains("The debriefs are released: students see theirs now.") && !after.contains("action=\"/instructor/release\""))
        #expect(try Session.read(folder: fixture.folder).released)
        #expect(student.get(debrief).text.contains("Scores by dimension"))
        // A server started again reads the release from session.json.
        let restarted = WebFixture.app(
            folder: fixture.folder, session: try Session.read(folder: fixture.folder), roster: fixture.roster, scenario: fixture.scenario)
        let again = Browser(restarted)
        again.signIn("s1", code: "code-one")
        #expect(again.get(debrief).text.contains("Scores by dimension"))
    }

    // MARK: Downloads

    @Test func eachDownloadIsWhatGradeWritesForTheSameSession() throws {
        let fixture = try WebFixture.makeSession()
        let app = Self.app(fixture)
        Self.play(app, student: "s1", Self.sound)
        Self.play(app, student: "s2", Self.leftAlone)
        Self.play(app, student: "s3", Array(Self.sound.prefix(2)))
        let instructor = Self.instructor(app)
        instructor.get("/instructor/review/s2/\(WebFixture.caseID)")
        instructor.post("/instructor/review/s2/\(WebFixture.caseID)", [("level", "Developing"), ("comment", "=SUM(A1) talk")])
        var downloaded: [String: HTTPResponse] = [:]
        for item in WebApp.downloads {
            let answer = instructor.get("/instructor/download/\(item.name)")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == item.type)
            #expect(answer.header("Content-Disposition") == "attachment; filename=\"week3-\(item.name)\"")
            #expect(answer.header("Cache-Control") == "no-store")
            downloaded[item.name] = answer
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("results").path))
        _ = try Self.gradeAsTheTerminalDoes(fixture.folder)
        let results = fixture.folder.appendingPathComponent("results")
        for item in WebApp.downloads {
            let written = try String(contentsOf: results.appendingPathComponent(item.name), encoding: .utf8)
            var served = try #require(downloaded[item.name]).text
            if item.name == "report.html" {
                // The one difference: the time each was made.
                served = Self.withoutGradingTime(served)
                #expect(Self.withoutGradingTime(written) == served)
            } else {
                #expect(written == served, "\(item.name)")
            }
        }
        #expect(try #require(downloaded["gradebook.csv"]).text.contains("Developing"))
    }

    static func withoutGradingTime(_ report: String) -> String {
        report.replacingOccurrences(of: "graded [0-9T:.Z+-]+", with: "graded TIME", options: .regularExpression)
    }

    @Test func theClassTableShowsTimesToTheMinuteInUTC() {
        #expect(WebApp.readableTime("2026-12-07T15:27:03Z") == "2026-12-07 15:27 UTC")
        #expect(WebApp.readableTime("2026-12-07T15:27:03.250Z") == "2026-12-07 15:27 UTC")
        #expect(WebApp.readableTime("2026-12-07T15:27Z") == "2026-12-07 15:27 UTC")
        #expect(WebApp.readableTime("2026-12-07T15:27:03+07:00") == "2026-12-07T15:27:03+07:00")
        #expect(WebApp.readableTime("") == "")
    }
}

/// The web's reading of a posted choice id, for the tests' replay.
enum SessionRoutesChoice {
    static func id(_ text: String) -> ChoiceID? { WebApp.choiceID(text) }
}
