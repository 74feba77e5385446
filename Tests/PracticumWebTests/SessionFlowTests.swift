import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import Testing

@testable import PracticumWeb

/// A student's flow through a session, by calling `handle` with constructed requests: sign-in and its refusals,
/// CSRF, the cases, the content warning, play through SessionPlayer, stale and foreign posts, undo, the debrief
/// under the feedback policy, and what a student can never reach.
@Suite("Web app: sign-in, play and refusals in a session")
struct SessionFlowTests {
    static let best = ["meet#2", "hub#1", "hub#2", "hub#3", "hub#4", "plan#2", "crisis#1", "act#1", "follow#1", "review#2", "close#1"]
    static let base = "/cases/okafor-referral"

    func make(
        mode: PlayMode = .graded, attempts: Int = 1, feedback: Session.Feedback = .debrief, released: Bool = false,
        clock: WebFixture.Clock = .init()
    ) throws -> (app: WebApp, folder: URL, fixture: (folder: URL, session: Session, roster: Roster, scenario: Scenario)) {
        let fixture = try WebFixture.makeSession(mode: mode, attempts: attempts, feedback: feedback, released: released)
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario, clock: clock)
        return (app, fixture.folder, fixture)
    }

    func attemptFiles(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("attempts").path)
            .filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    func log(_ folder: URL, _ name: String) throws -> AttemptLog {
        try AttemptLog.read(Data(contentsOf: folder.appendingPathComponent("attempts/\(name)"))).log
    }

    /// Posts a choice from the play page as a browser would: the step the page was made at, the choice's id.
    @discardableResult
    func choose(_ browser: Browser, _ id: String, reflection: String? = nil) -> HTTPResponse {
        let page = browser.get(Self.base + "/play").text
        let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
        var fields = [("step", step), ("choice", id)]
        if let reflection { fields.append(("reflection", reflection)) }
        return browser.post(Self.base + "/choose", fields)
    }

    // MARK: Signing in

    @Test func withoutASignInEveryStudentPageGoesToTheSignInPage() throws {
        let (app, _, _) = try make()
        let browser = Browser(app)
        for path in ["/", "/cases", Self.base, Self.base + "/play", Self.base + "/debrief"] {
            let response = browser.get(path)
            #expect(response.status == 303 && response.location == "/signin", "\(path)")
        }
        let page = browser.get("/signin")
        #expect(page.status == 200)
        #expect(page.text.contains("<label for=\"id\">Student id</label>") && page.text.contains("<label for=\"code\">Code</label>"))
        // A form from the sign-in page, posted to a student route while not signed in: back to sign-in.
        #expect(browser.post(Self.base + "/start").location == "/signin")
    }

    @Test func aRightCodeSignsInWithAFreshHttpOnlyStrictCookie() throws {
        let (app, _, _) = try make()
        let browser = Browser(app)
        browser.get("/signin")
        let before = try #require(browser.cookies[WebApp.sessionCookie])
        let response = browser.post("/signin", [("id", "s1"), ("code", "code-one")])
        #expect(response.status == 303 && response.location == "/cases")
        let setCookie = try #require(response.headers.first { $0.name == "Set-Cookie" && $0.value.hasPrefix(WebApp.sessionCookie) }?.value)
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
        #expect(!setCookie.contains("Secure"))
        let token = try #require(browser.cookies[WebApp.sessionCookie])
        #expect(token != before && token.count == 32 && token.allSatisfy(\.isHexDigit))
        let cases = browser.get("/cases")
        #expect(cases.status == 200 && cases.text.contains("Signed in as s1") && cases.text.contains("Not started"))
        // The token from before the sign-in is not signed in.
        let fixated = Browser(app)
        fixated.cookies[WebApp.sessionCookie] = before
        #expect(fixated.get("/cases").location == "/signin")
    }

    @Test func secureCookiesAreMarkedSecureWhenConfigured() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario) {
            $0.secureCookies = true
        }
        let response = Browser(app).signIn("s1", code: "code-one")
        #expect(response.headers.filter { $0.name == "Set-Cookie" }.allSatisfy { $0.value.contains("; Secure") })
    }

    @Test func aWrongCodeAndAnUnknownIdAreRefusedInTheSameWords() throws {
        let (app, _, _) = try make()
        let wrong = Browser(app).signIn("s1", code: "nope")
        let unknown = Browser(app).signIn("nobody", code: "code-one")
        #expect(wrong.status == 200 && unknown.status == 200)
        func error(_ text: String) -> String? { Browser.value(after: "<p class=\"error\" id=\"signin-error\">", in: text.replacingOccurrences(of: "</p>", with: "\"")) }
        #expect(error(wrong.text) == "That id and code do not match. Check both and try again.")
        #expect(error(wrong.text) == error(unknown.text))
        // Another student's code does not open this id.
        #expect(Browser(app).signIn("s1", code: "code-two").text.contains("do not match"))
    }

    @Test func tenFailuresInFiveMinutesFromOnePeerOrForOneIdAre429UntilTheWindowPasses() throws {
        let clock = WebFixture.Clock()
        let (app, _, _) = try make(clock: clock)
        let attacker = Browser(app, peer: "10.9.9.9")
        for _ in 0..<10 { #expect(attacker.signIn("s1", code: "guess").status == 200) }
        // Even the right code is refused now, from this peer, and for this id from anywhere.
        #expect(attacker.signIn("s1", code: "code-one").status == 429)
        #expect(attacker.signIn("s2", code: "code-two").status == 429)
        let elsewhere = Browser(app, peer: "10.1.1.1")
        let limited = elsewhere.signIn("s1", code: "code-one")
        #expect(limited.status == 429 && limited.text.contains("Too many tries"))
        // Another id from another peer is not affected.
        #expect(elsewhere.signIn("s2", code: "code-two").location == "/cases")
        clock.advance(301)
        #expect(Browser(app, peer: "10.9.9.9").signIn("s1", code: "code-one").location == "/cases")
    }

    @Test func signingOutEndsTheSignInAndASignInExpires() throws {
        let clock = WebFixture.Clock()
        let (app, _, _) = try make(clock: clock)
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        let token = try #require(browser.cookies[WebApp.sessionCookie])
        browser.get("/cases")
        #expect(browser.post("/signout").location == "/signin")
        let replay = Browser(app)
        replay.cookies[WebApp.sessionCookie] = token
        #expect(replay.get("/cases").location == "/signin")

        let later = Browser(app)
        later.signIn("s2", code: "code-two")
        #expect(later.get("/cases").status == 200)
        clock.advance(12 * 3600 + 1)
        #expect(later.get("/cases").location == "/signin")
    }

    // MARK: CSRF

    @Test func aPostWithoutOrWithAWrongCSRFTokenIs403AndChangesNothing() throws {
        let (app, folder, _) = try make()
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.get(Self.base)
        #expect(browser.post(Self.base + "/start").location == Self.base + "/play")
        let step = [("step", "0"), ("choice", "meet#2")]
        #expect(browser.send("POST", Self.base + "/choose", form: step).status == 403)
        #expect(browser.send("POST", Self.base + "/choose", form: [("csrf", "0123456789abcdef0123456789abcdef")] + step).status == 403)
        // The token of another browser does not do either.
        let other = Browser(app)
        other.get("/signin")
        let otherToken = try #require(other.csrf)
        #expect(browser.send("POST", Self.base + "/choose", form: [("csrf", otherToken)] + step).status == 403)
        #expect(browser.send("POST", "/signin", form: [("id", "s1"), ("code", "code-one")]).status == 403)
        #expect(browser.send("POST", "/signout", form: []).status == 403)
        #expect(try attemptFiles(folder).isEmpty)
        // A body that is not a form is a 400.
        #expect(app.handle(HTTPRequest(method: "POST", path: "/signin", body: [0xFF, 0xFE]), peer: "x").status == 400)
    }

    // MARK: Playing

    @Test func theContentWarningAndStartComeBeforeTheCaseAndPlayBeforeStartGoesBack() throws {
        let fixture = try WebFixture.makeSession()
        var scenario = fixture.scenario
        scenario.header.contentWarning = "A fall at home and a medical emergency."
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: scenario)
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        #expect(browser.get(Self.base + "/play").location == Self.base)
        let front = browser.get(Self.base).text
        let warning = try #require(front.range(of: "<h2 id=\"warning\">Content warning</h2><p lang=\"en\">A fall at home and a medical emergency.</p>"))
        let start = try #require(front.range(of: ">Start the case</button>"))
        #expect(warning.upperBound < start.lowerBound)
        #expect(front.contains("href=\"/cases\">Back to the cases</a>"))
        #expect(!front.contains("Mrs. Okafor opens the door"))
    }

    @Test func aFullPlayThroughTheWebWritesWhatSessionPlayerWritesForTheSameChoices() throws {
        let (app, folder, fixture) = try make()
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        let first = browser.get(Self.base + "/play")
        #expect(first.text.contains("Mrs. Okafor opens the door on the chain."))
        #expect(first.text.contains("<legend><h2>What do you do?</h2></legend>"))
        for id in Self.best.dropLast() {
            let response = choose(browser, id)
            #expect(response.status == 303 && response.location == Self.base + "/play", "\(id)")
        }
        let last = choose(browser, Self.best.last!)
        #expect(last.location == Self.base + "/debrief")
        let files = try attemptFiles(folder)
        #expect(files == ["s1--okafor-referral--1.jsonl"])
        let web = try log(folder, files[0])
        #expect(web.choices.map(\.description) == Self.best)
        let seed = try #require(web.header.seed)

        // The same choices through SessionPlayer, in another folder, with the same seed.
        let other = try WebFixture.makeSession()
        do {
            guard case .playing(var player) = try SessionPlayer.open(
                session: other.session, folder: other.folder, sessionCase: other.session.cases[0], scenario: other.scenario,
                student: "s1", newOrder: { .shuffled(seed: seed) })
            else { Issue.record("no attempt to play"); return }
            for id in web.choices { _ = try player.choose(id) }
        }
        let direct = try log(other.folder, "s1--okafor-referral--1.jsonl")
        #expect(direct.choices == web.choices)
        #expect(direct.header.seed == web.header.seed)
        // The same header but for the attempt's own id and start time.
        var header = direct.header
        header.id = web.header.id
        header.started = web.header.started
        #expect(header == web.header)
        #expect(direct.entries.count == web.entries.count)
        #expect(direct.standing.map(\.reflection) == web.standing.map(\.reflection))
        _ = fixture

        // The debrief (policy: debrief) is shown, with the outcome.
        let debrief = browser.get(Self.base + "/debrief")
        #expect(debrief.status == 200)
        #expect(debrief.text.contains("Overall ") && debrief.text.contains("Learning objectives"))
        let cases = browser.get("/cases").text
        #expect(cases.contains("Done"))
        // The case page now offers the debrief and no new attempt (one allowed).
        let front = browser.get(Self.base).text
        #expect(front.contains("See the debrief") && !front.contains("Start attempt"))
        #expect(browser.post(Self.base + "/start").location == Self.base)
    }

    @Test func theChoicesComeInTheAttemptsShuffledOrder() throws {
        let (app, folder, fixture) = try make()
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        choose(browser, "meet#2")
        let page = browser.get(Self.base + "/play").text
        let seed = try #require(try log(folder, "s1--okafor-referral--1.jsonl").header.seed)
        let engine = Engine(scenario: fixture.scenario, order: .shuffled(seed: seed))
        let state = engine.autoContinue(try engine.replay([ChoiceID(scene: "meet", index: 1)])).state
        let expected = engine.availableChoices(in: state).map { "value=\"\($0.id.description)\"" }
        let positions = expected.map { page.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func aSecondPostOfTheSameFormTakesNothingAndReloadDoesNotRepost() throws {
        let (app, folder, _) = try make()
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        browser.get(Self.base + "/play")
        let form = [("step", "0"), ("choice", "meet#2")]
        #expect(browser.post(Self.base + "/choose", form).location == Self.base + "/play")
        #expect(browser.post(Self.base + "/choose", form).location == Self.base + "/play")
        let page = browser.get(Self.base + "/play")
        #expect(page.text.contains("That page was out of date, so nothing was taken."))
        // A reload is a GET: it shows the page again and takes nothing.
        browser.get(Self.base + "/play")
        #expect(try log(folder, "s1--okafor-referral--1.jsonl").choices.map(\.description) == ["meet#2"])
    }

    @Test func aChoiceNotOnOfferOrNotAChoiceIsRefusedWithAMessageAndNothingWritten() throws {
        let (app, folder, _) = try make()
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        for bad in ["hub#1", "meet#99", "meet#0", "nonsense", "#1", "meet#", ""] {
            browser.get(Self.base + "/play")
            let response = browser.post(Self.base + "/choose", [("step", "0"), ("choice", bad)])
            #expect(response.status == 303, "\(bad)")
            let page = browser.get(Self.base + "/play")
            #expect(page.status == 200)
            #expect(page.text.contains("class=\"error\""), "\(bad)")
        }
        browser.post(Self.base + "/choose", [("step", "zero"), ("choice", "meet#1")])
        #expect(try attemptFiles(folder).isEmpty)
    }

    @Test func undoIsRefusedInAGradedSessionAndTakenInAPracticeOne() throws {
        let (graded, gradedFolder, _) = try make()
        let student = Browser(graded)
        student.signIn("s1", code: "code-one")
        student.post(Self.base + "/start")
        choose(student, "meet#2")
        #expect(!student.get(Self.base + "/play").text.contains("/undo"))
        #expect(student.post(Self.base + "/undo").location == Self.base + "/play")
        #expect(student.get(Self.base + "/play").text.contains("There is no choice to take back here."))
        #expect(try log(gradedFolder, "s1--okafor-referral--1.jsonl").entries.count == 1)

        let (practice, practiceFolder, _) = try make(mode: .practice, feedback: .immediate)
        let learner = Browser(practice)
        learner.signIn("s1", code: "code-one")
        learner.post(Self.base + "/start")
        choose(learner, "meet#2")
        let page = learner.get(Self.base + "/play").text
        #expect(page.contains("action=\"/cases/okafor-referral/undo\""))
        #expect(page.contains("<h2 id=\"feedback\">Feedback on your last choice</h2>"))
        #expect(learner.post(Self.base + "/undo").location == Self.base + "/play")
        let after = learner.get(Self.base + "/play").text
        #expect(after.contains("The last choice was taken back.") && after.contains("Mrs. Okafor opens the door"))
        let written = try log(practiceFolder, "s1--okafor-referral--1.jsonl")
        #expect(written.entries.count == 2 && written.choices.isEmpty)
    }

    @Test func aPlayOpenElsewhereIsRefusedWithAClearMessage() throws {
        let (app, folder, fixture) = try make()
        // A terminal play of the same student and case, open meanwhile.
        let opening = try SessionPlayer.open(
            session: fixture.session, folder: folder, sessionCase: fixture.session.cases[0], scenario: fixture.scenario,
            student: "s1", newOrder: { .written })
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.get(Self.base)
        #expect(browser.post(Self.base + "/start").location == Self.base)
        #expect(browser.get(Self.base).text.contains("This case is open somewhere else"))
        withExtendedLifetime(opening) {}
    }

    // MARK: Only one's own

    @Test func aStudentReachesOnlyTheirOwnAttempt() throws {
        let (app, folder, _) = try make()
        let ana = Browser(app, peer: "10.0.0.1")
        ana.signIn("s1", code: "code-one")
        ana.post(Self.base + "/start")
        choose(ana, "meet#2")
        choose(ana, "hub#1")

        let budi = Browser(app, peer: "10.0.0.2")
        budi.signIn("s2", code: "code-two")
        // Budi's case is not started: his play page goes to his case page, not to Ana's attempt.
        #expect(budi.get(Self.base + "/play").location == Self.base)
        #expect(budi.get("/cases").text.contains("Not started"))
        // A form naming another student is the signed-in student's all the same.
        budi.get(Self.base)
        budi.post(Self.base + "/start", [("student", "s1")])
        let page = budi.get(Self.base + "/play").text
        #expect(page.contains("Mrs. Okafor opens the door"))
        budi.post(Self.base + "/choose", [("step", "0"), ("choice", "meet#1"), ("student", "s1")])
        #expect(try log(folder, "s1--okafor-referral--1.jsonl").choices.map(\.description) == ["meet#2", "hub#1"])
        #expect(try log(folder, "s2--okafor-referral--1.jsonl").choices.map(\.description) == ["meet#1"])
        // A case the session does not have is not found, for every route under it.
        for path in ["/cases/other-case", "/cases/other-case/play", "/cases/..%2Fsession.json"] { #expect(budi.get(path).status == 404) }
        #expect(budi.post("/cases/other-case/start").status == 404)
        // A guessed cookie value is nobody.
        let guesser = Browser(app, peer: "10.0.0.3")
        guesser.cookies[WebApp.sessionCookie] = String(repeating: "0", count: 32)
        #expect(guesser.get(Self.base + "/play").location == "/signin")
        #expect(guesser.send("POST", Self.base + "/choose", form: [("csrf", ""), ("step", "2"), ("choice", "hub#2")]).status == 403)
        // Nothing Budi received names Ana or shows her steps.
        for response in budi.received {
            #expect(!response.text.contains("s1"))
            #expect(!response.text.contains("Ask how she has been managing on the stairs since the fall.") || response.text.contains("value=\"hub#1\""))
        }
        for response in ana.received { #expect(!response.text.contains("s2")) }
    }

    @Test func theCaseFileItsBestPathAndTheFolderAreNeverSent() throws {
        let (app, folder, fixture) = try make()
        let browser = Browser(app)
        browser.get("/signin")
        browser.signIn("s1", code: "code-one")
        browser.get("/cases")
        browser.get(Self.base)
        browser.post(Self.base + "/start")
        for id in Self.best { choose(browser, id, reflection: nil) }
        browser.get(Self.base + "/debrief")
        browser.get(Self.base)
        let source = try String(contentsOf: WebFixture.caseSource, encoding: .utf8)
        // Lines only the source has: the header comment with the sound path, the expectations, the keys.
        let telltales = ["Sound path", "expect falls-asked", "quality: +1", "phase: engagement", "-> hub", "== meet", "finding falls [risk]"]
        for telltale in telltales { #expect(source.contains(telltale)) }
        let bestPath = Self.best.joined(separator: ",")
        for response in browser.received {
            let text = response.text
            for telltale in telltales { #expect(!text.contains(telltale), "\(telltale)") }
            #expect(!text.contains(bestPath))
            #expect(!text.contains(folder.path) && !text.contains(fixture.session.cases[0].sha256))
            #expect(!text.contains(fixture.scenario.fingerprint))
            #expect(!text.contains(".scenario") && !text.contains(".jsonl"))
            // And every page's forms stand where HTML allows them (never inside a paragraph).
            #expect(!text.contains("<p><form"))
        }
    }

    // MARK: Feedback policy

    @Test func theDebriefIsHeldUnderReleasedFeedbackUntilReleased() throws {
        let (held, folder, fixture) = try make(feedback: .released)
        let browser = Browser(held)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        for id in Self.best { choose(browser, id) }
        let page = browser.get(Self.base + "/debrief")
        #expect(page.text.contains("Your instructor will release the debrief"))
        #expect(!page.text.contains("Overall ") && !page.text.contains("Learning objectives"))
        #expect(page.text.contains("The case has ended:"))

        // Released: a server started on the released session shows it, from the attempt file.
        var released = fixture.session
        released.released = true
        let app = WebFixture.app(folder: folder, session: released, roster: fixture.roster, scenario: fixture.scenario)
        let again = Browser(app)
        again.signIn("s1", code: "code-one")
        let shown = again.get(Self.base + "/debrief")
        #expect(shown.text.contains("Overall ") && shown.text.contains("Learning objectives"))
        #expect(!shown.text.contains("Your instructor will release the debrief"))
    }

    @Test func gradedFeedbackIsNotShownDuringPlay() throws {
        let (app, _, fixture) = try make(feedback: .debrief)
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        choose(browser, "meet#2")
        let page = browser.get(Self.base + "/play").text
        #expect(!page.contains("<h2 id=\"feedback\">"))
        let written = fixture.scenario.scenes[0].choices[1].feedback
        if let written, !written.isEmpty { #expect(!page.contains(Markup.escaped(written))) }
    }

    // MARK: Languages

    @Test func pagesComeInEnglishAndIndonesianByLinkCookieOrAcceptLanguage() throws {
        let (app, _, _) = try make()
        let browser = Browser(app)
        let english = browser.get("/signin").text
        #expect(english.contains("<html lang=\"en\">") && english.contains("Student id"))
        let indonesian = browser.get("/signin?lang=id")
        #expect(indonesian.text.contains("<html lang=\"id\">") && indonesian.text.contains("Nomor induk mahasiswa"))
        #expect(browser.cookies[WebApp.languageCookie] == "id")
        // The cookie keeps it.
        #expect(browser.get("/signin").text.contains("Nomor induk mahasiswa"))
        let fresh = Browser(app)
        fresh.acceptLanguage = "id-ID,id;q=0.9,en;q=0.5"
        #expect(fresh.get("/signin").text.contains("<html lang=\"id\">"))
        fresh.acceptLanguage = "fr-FR, en;q=0.4"
        #expect(fresh.get("/signin").text.contains("<html lang=\"en\">"))
        // The case's own text stays in its language, marked as such, under an Indonesian page.
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        let play = browser.get(Self.base + "/play").text
        #expect(play.contains("<html lang=\"id\">") && play.contains("Apa yang Anda lakukan?"))
        #expect(play.contains("<section lang=\"en\"") && play.contains("Mrs. Okafor opens the door on the chain."))
        // Every English string has an Indonesian one and the other way round.
        #expect(Set(WebStrings.english.keys) == Set(WebStrings.indonesian.keys))
    }
}
