import Foundation
import PracticumClassroom
import PracticumCore
import PracticumHTTP
import Testing

@testable import PracticumWeb

/// Many requests at once, a server restart, and where the sign-in limit counts a client.
@Suite("Web app: concurrent students, a restart, client addresses")
struct ConcurrencyTests {
    static let base = "/cases/okafor-referral"

    @Test func studentsPlayingAtOnceEachGetAWholeAttempt() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let students = ["s1", "s2", "s3"]
        let browsers = students.enumerated().map { index, id in
            let browser = Browser(app, peer: "10.0.0.\(index + 1)")
            browser.signIn(id, code: WebFixture.codes[id]!)
            browser.post(Self.base + "/start")
            return browser
        }
        let path = SessionFlowTests.best
        // Each student's browser in a thread of its own, every step a GET and a POST, all at once.
        DispatchQueue.concurrentPerform(iterations: browsers.count) { index in
            let browser = browsers[index]
            for id in path {
                let page = browser.get(Self.base + "/play").text
                let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
                browser.post(Self.base + "/choose", [("step", step), ("choice", id)])
            }
        }
        for id in students {
            let log = try AttemptLog.read(
                Data(contentsOf: fixture.folder.appendingPathComponent("attempts/\(id)--okafor-referral--1.jsonl"))).log
            #expect(log.choices.map(\.description) == path, "\(id)")
            #expect(log.header.student == id)
        }
    }

    @Test func afterARestartAStudentGoesOnFromTheAttemptFile() throws {
        let fixture = try WebFixture.makeSession()
        do {
            let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
            let browser = Browser(app)
            browser.signIn("s1", code: "code-one")
            browser.post(Self.base + "/start")
            for id in ["meet#2", "hub#1"] {
                let page = browser.get(Self.base + "/play").text
                let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
                browser.post(Self.base + "/choose", [("step", step), ("choice", id)])
            }
        }
        // A new server on the same folder (the old one, and its attempt lock, gone).
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        #expect(browser.received.last?.text.contains("In progress: step 2") == true)
        #expect(browser.get(Self.base + "/play").location == Self.base)
        #expect(browser.get(Self.base).text.contains("Continue the case"))
        #expect(browser.post(Self.base + "/start").location == Self.base + "/play")
        let page = browser.get(Self.base + "/play").text
        #expect(page.contains("name=\"step\" value=\"2\""))
        #expect(page.contains("Two falls this month"))  // the case notes so far, from the file
        browser.post(Self.base + "/choose", [("step", "2"), ("choice", "hub#2")])
        let log = try AttemptLog.read(
            Data(contentsOf: fixture.folder.appendingPathComponent("attempts/s1--okafor-referral--1.jsonl"))).log
        #expect(log.choices.map(\.description) == ["meet#2", "hub#1", "hub#2"])
    }

    @Test func theSignInLimitCountsAnAddressNotAConnection() throws {
        #expect(WebApp.addressWithoutPort("10.0.0.1:5123") == "10.0.0.1")
        #expect(WebApp.addressWithoutPort("[::1]:5123") == "::1")
        #expect(WebApp.addressWithoutPort("::1") == "::1")
        #expect(WebApp.addressWithoutPort("10.0.0.1") == "10.0.0.1")
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        for port in 0..<10 { Browser(app, peer: "10.7.7.7:\(4000 + port)").signIn("s1", code: "wrong") }
        #expect(Browser(app, peer: "10.7.7.7:5000").signIn("s2", code: "code-two").status == 429)

        // Behind a trusted proxy, the address the proxy adds counts, not the proxy's own.
        let proxied = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario) {
            $0.trustForwardedFor = true
        }
        for _ in 0..<10 {
            let browser = Browser(proxied, peer: "127.0.0.1:1")
            browser.get("/signin")
            browser.send("POST", "/signin", form: [("csrf", browser.csrf ?? ""), ("id", "s1"), ("code", "wrong")],
                headers: [("x-forwarded-for", "203.0.113.5")])
        }
        let other = Browser(proxied, peer: "127.0.0.1:1")
        other.get("/signin")
        let response = other.send("POST", "/signin", form: [("csrf", other.csrf ?? ""), ("id", "s2"), ("code", "code-two")],
            headers: [("x-forwarded-for", "198.51.100.7")])
        #expect(response.location == "/cases")
    }
}

