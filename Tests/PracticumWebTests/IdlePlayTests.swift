import Foundation
import PracticumClassroom
import PracticumCore
import Testing

@testable import PracticumWeb

/// An open web play holds its attempt's lock; one left unused for longer than the configured limit is let go,
/// so the student can go on at a terminal, and going on in the browser resumes from the file.
@Suite("Web app: idle plays let their attempt go")
struct IdlePlayTests {
    static let base = "/cases/\(WebFixture.caseID)"

    func choose(_ browser: Browser, _ id: String) {
        let page = browser.get(Self.base + "/play").text
        let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
        browser.post(Self.base + "/choose", [("step", step), ("choice", id)])
    }

    func openAtTerminal(_ fixture: (folder: URL, session: Session, roster: Roster, scenario: Scenario)) throws -> SessionPlayer.Opening {
        try SessionPlayer.open(
            session: fixture.session, folder: fixture.folder, sessionCase: fixture.session.cases[0],
            scenario: fixture.scenario, student: "s1", newOrder: { .written })
    }

    @Test func aPlayUnusedPastTheLimitIsLetGoAndTheBrowserGoesOnFromTheFile() throws {
        let fixture = try WebFixture.makeSession()
        let clock = WebFixture.Clock()
        let app = WebFixture.app(
            folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario, clock: clock)
        let student = Browser(app)
        student.signIn("s1", code: "code-one")
        student.post(Self.base + "/start")
        choose(student, SessionFlowTests.best[0])

        // Still in use: a terminal is refused.
        #expect(throws: AttemptLock.Busy.self) { _ = try openAtTerminal(fixture) }

        // 21 minutes later another student's visit sweeps; s1's play is let go.
        clock.advance(21 * 60)
        let other = Browser(app, peer: "10.0.0.2")
        other.signIn("s2", code: "code-two")
        other.get(Self.base)
        do {
            let opening = try openAtTerminal(fixture)
            guard case .playing(let player) = opening else {
                Issue.record("the terminal found no attempt to go on with")
                return
            }
            #expect(player.state.path.count == 1, "the terminal goes on after the confirmed choice")
        }

        // Back in the browser: the play page sends to the case, Start goes on from the file.
        #expect(student.get(Self.base + "/play").location == Self.base)
        #expect(student.post(Self.base + "/start").location == Self.base + "/play")
        choose(student, SessionFlowTests.best[1])
        let log = try AttemptLog.read(
            Data(contentsOf: fixture.folder.appendingPathComponent("attempts/s1--okafor-referral--1.jsonl"))).log
        #expect(log.choices.map(\.description) == Array(SessionFlowTests.best.prefix(2)))
    }

    @Test func aPlayUsedWithinTheLimitKeepsItsAttempt() throws {
        let fixture = try WebFixture.makeSession()
        let clock = WebFixture.Clock()
        let app = WebFixture.app(
            folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario, clock: clock)
        let student = Browser(app)
        student.signIn("s1", code: "code-one")
        student.post(Self.base + "/start")
        clock.advance(15 * 60)
        choose(student, SessionFlowTests.best[0])
        clock.advance(15 * 60)
        let other = Browser(app, peer: "10.0.0.2")
        other.signIn("s2", code: "code-two")
        other.get(Self.base)
        #expect(throws: AttemptLock.Busy.self) { _ = try openAtTerminal(fixture) }
    }
}
