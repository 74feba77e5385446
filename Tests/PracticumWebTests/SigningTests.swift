import Foundation
import PracticumClassroom
import PracticumCore
import Testing

@testable import PracticumWeb

/// A web play signs the student's attempt lines with the key the configuration gives (from the session's
/// codes), so that `grade` can tell the server's record from a hand-written file.
@Suite("Web app: signed attempt lines")
struct SigningTests {
    static let base = "/cases/\(WebFixture.caseID)"

    @Test func aWebPlayWithTheStudentsKeySignsEveryLineAndItVerifiesOnlyUnderThatKey() throws {
        let fixture = try WebFixture.makeSession()
        let key = AttemptKey(code: "code-one", session: fixture.session.id, student: "s1")
        let app = WebFixture.app(
            folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario
        ) { configuration in
            configuration.signingKey = { student in student == "s1" ? key : nil }
        }
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post(Self.base + "/start")
        for id in SessionFlowTests.best.prefix(3) {
            let page = browser.get(Self.base + "/play").text
            let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
            browser.post(Self.base + "/choose", [("step", step), ("choice", id)])
        }
        let data = try Data(contentsOf: fixture.folder.appendingPathComponent("attempts/s1--okafor-referral--1.jsonl"))
        let log = try AttemptLog.read(data).log
        #expect(log.choices.map(\.description) == Array(SessionFlowTests.best.prefix(3)))
        #expect(log.isSigned)
        #expect(log.signature(keys: [key]) == .verified)
        let other = AttemptKey(code: "code-two", session: fixture.session.id, student: "s2")
        #expect(log.signature(keys: [other]) != .verified)
    }

    @Test func withoutAKeyTheAttemptIsWrittenUnsignedAsBefore() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let browser = Browser(app)
        browser.signIn("s2", code: "code-two")
        browser.post(Self.base + "/start")
        let page = browser.get(Self.base + "/play").text
        let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
        browser.post(Self.base + "/choose", [("step", step), ("choice", SessionFlowTests.best[0])])
        let data = try Data(contentsOf: fixture.folder.appendingPathComponent("attempts/s2--okafor-referral--1.jsonl"))
        let log = try AttemptLog.read(data).log
        #expect(log.choices.count == 1)
        #expect(!log.isSigned)
    }
}
