import Foundation
import PracticumClassroom
import PracticumCore
import PracticumHTTP
import Testing

@testable import PracticumWeb

/// Every route of `serve`, and every refusal, through the real HTTP server on 127.0.0.1 (a free port): what the
/// handler-level tests check, once more over a socket, with keep-alive connections that carry cookies as a
/// browser does.
@Suite("serve over loopback: every route and refusal")
struct LoopbackRoutesTests {
    static let base = "/cases/\(WebFixture.caseID)"
    static let token = "fedcba9876543210fedcba9876543210"

    /// A browser over one keep-alive connection: keeps cookies, reads the CSRF token from the last page.
    final class SocketBrowser {
        let connection: LoopbackClient.Connection
        var cookies: [String: String] = [:]
        /// The CSRF token of the latest page that carried one (a browser posts from the page it shows).
        var csrf = ""

        init(port: UInt16) throws {
            connection = try LoopbackClient(port: port).connect()
        }

        @discardableResult
        func send(
            _ method: String, _ path: String, form: [(String, String)]? = nil, withCSRF: Bool = true, rawBody: String? = nil
        ) throws -> LoopbackClient.Response {
            var headers: [(name: String, value: String)] = []
            if !cookies.isEmpty {
                headers.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
            }
            var body: [UInt8] = []
            if var fields = form {
                if withCSRF { fields.insert(("csrf", csrf), at: 0) }
                body = Array(FormEncoding.encode(fields.map { (name: $0.0, value: $0.1) }).utf8)
                headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            }
            if let rawBody { body = Array(rawBody.utf8) }
            let response = try connection.send(method: method, path: path, headers: headers, body: body)
            for (name, value) in response.headers where name == "set-cookie" {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                cookies[String(pair[0])] = value.contains("Max-Age=0") ? nil : (pair.count > 1 ? String(pair[1]) : "")
            }
            // A page (not a download) carries the CSRF token for the next form.
            if response.header("content-type")?.hasPrefix("text/html") == true && response.header("content-disposition") == nil,
                let token = Browser.value(after: "name=\"csrf\" value=\"", in: response.text)
            {
                csrf = token
            }
            return response
        }

        func get(_ path: String) throws -> LoopbackClient.Response { try send("GET", path) }
        @discardableResult
        func post(_ path: String, _ fields: [(String, String)] = []) throws -> LoopbackClient.Response {
            try send("POST", path, form: fields)
        }

        /// Posts the choice with this id from the current play page.
        @discardableResult
        func choose(_ id: String) throws -> LoopbackClient.Response {
            let page = try get(LoopbackRoutesTests.base + "/play").text
            let step = Browser.value(after: "name=\"step\" value=\"", in: page) ?? "?"
            return try post(LoopbackRoutesTests.base + "/choose", [("step", step), ("choice", id)])
        }
    }

    /// A session (practice, feedback after each choice, so undo and the debrief are on offer) served by the
    /// real server on a free port of 127.0.0.1.
    func serve(feedback: Session.Feedback = .immediate) throws -> (server: HTTPServer, port: UInt16, folder: URL) {
        let fixture = try WebFixture.makeSession(mode: .practice, attempts: 2, feedback: feedback)
        let app = WebFixture.app(
            folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario
        ) { $0.instructorToken = Self.token }
        let server = HTTPServer(host: "127.0.0.1", port: 0, handler: app.handler)
        let port = try server.start()
        return (server, port, fixture.folder)
    }

    @Test func aStudentsWholeVisitGoesThroughEveryStudentRoute() throws {
        let (server, port, folder) = try serve()
        defer { server.stop() }
        let student = try SocketBrowser(port: port)

        #expect(try student.get("/").header("location") == "/signin")
        let signInPage = try student.get("/signin")
        #expect(signInPage.status == 200 && signInPage.text.contains("<label for=\"code\">"))
        for header in ["content-security-policy", "x-content-type-options", "referrer-policy", "cache-control"] {
            #expect(signInPage.header(header) != nil, "missing \(header)")
        }
        #expect(try student.get("/style.css").header("content-type") == "text/css; charset=utf-8")
        #expect(try student.post("/signin", [("id", "s1"), ("code", "code-one")]).header("location") == "/cases")
        let cookie = try #require(student.cookies["practicum_session"])
        #expect(cookie.count == 32)

        #expect(try student.get("/cases").text.contains(Self.base))
        #expect(try student.get(Self.base).text.contains("action=\"\(Self.base)/start\""))
        #expect(try student.post(Self.base + "/start").header("location") == Self.base + "/play")
        #expect(try student.choose(SessionFlowTests.best[0]).header("location") == Self.base + "/play")
        #expect(try student.get(Self.base + "/play").text.contains("Feedback on your last choice"))
        #expect(try student.post(Self.base + "/undo").header("location") == Self.base + "/play")
        for id in SessionFlowTests.best { try student.choose(id) }
        let ending = try student.get(Self.base + "/play")
        #expect(ending.status == 303 || ending.text.contains("debrief"))
        let debrief = try student.get(Self.base + "/debrief")
        #expect(debrief.status == 200 && debrief.text.contains("Exemplary"), "\(debrief.text.prefix(400))")
        #expect(try student.post("/signout").status == 303)
        #expect(try student.get("/cases").header("location") == "/signin")

        let log = try AttemptLog.read(
            Data(contentsOf: folder.appendingPathComponent("attempts/s1--okafor-referral--1.jsonl"))).log
        #expect(log.choices.map(\.description) == SessionFlowTests.best)
    }

    @Test func theInstructorsRoutesAnswerOverTheSocket() throws {
        let (server, port, _) = try serve(feedback: .released)
        defer { server.stop() }
        let instructor = try SocketBrowser(port: port)
        #expect(try instructor.get("/instructor").text.contains("action=\"/instructor/signin\""))
        #expect(try instructor.post("/instructor/signin", [("token", Self.token)]).status == 303)
        let table = try instructor.get("/instructor")
        #expect(table.status == 200 && table.text.contains("class-table"))
        for name in ["gradebook.csv", "gradebook-canvas.csv", "gradebook-moodle.csv", "report.html", "statements.json"] {
            let download = try instructor.get("/instructor/download/" + name)
            #expect(download.status == 200, "\(name)")
            #expect(download.header("content-disposition")?.hasPrefix("attachment") == true, "\(name)")
        }
        #expect(try instructor.get("/instructor/download/session.json").status == 404)
        #expect(try instructor.get("/instructor/review/s1/\(WebFixture.caseID)").status == 200)
        let release = try instructor.post("/instructor/release")
        #expect(release.status == 303, "\(release.status) \(release.text.prefix(300)) csrf=\(instructor.csrf)")
        #expect(try instructor.post("/instructor/signout").status == 303)
        #expect(try !instructor.get("/instructor").text.contains("class-table"))
    }

    @Test func everyRefusalComesBackOverTheSocket() throws {
        let (server, port, folder) = try serve()
        defer { server.stop() }
        let student = try SocketBrowser(port: port)
        _ = try student.get("/signin")

        // No CSRF token, or a wrong one: 403.
        #expect(try student.send("POST", "/signin", form: [("id", "s1"), ("code", "code-one")], withCSRF: false).status == 403)
        #expect(try student.send("POST", "/signin", form: [("csrf", "0000"), ("id", "s1"), ("code", "code-one")], withCSRF: false).status == 403)
        // Unknown page, wrong method, a body that is not a form.
        #expect(try student.get("/nowhere").status == 404)
        #expect(try student.get("/signout").status == 405)
        #expect(try student.send("POST", "/signin", rawBody: "id=%zz").status == 400)
        // A case that is not the session's, and an instructor page with a student's cookie.
        _ = try student.get("/signin")
        try student.post("/signin", [("id", "s1"), ("code", "code-one")])
        #expect(try student.get("/cases/not-a-case").status == 404)
        #expect(try !student.get("/instructor").text.contains("class-table"))
        #expect(try student.send("POST", "/instructor/release", form: []).status == 403)
        // A choice not on offer takes nothing.
        _ = try student.get(Self.base)
        try student.post(Self.base + "/start")
        try student.choose("no-such#9")
        let file = folder.appendingPathComponent("attempts/s1--okafor-referral--1.jsonl")
        if let data = FileManager.default.contents(atPath: file.path) {
            #expect(try AttemptLog.read(data).log.choices.isEmpty)
        }
        let again = try student.get(Self.base + "/play")
        #expect(again.text.contains("name=\"step\" value=\"0\""), "\(again.status) \(again.header("location") ?? "")")

        // Wrong codes from one address: 429 after the limit, over a new connection each time.
        let guesser = try SocketBrowser(port: port)
        var statuses: [Int] = []
        for _ in 0..<11 {
            _ = try guesser.get("/signin")
            statuses.append(try guesser.post("/signin", [("id", "s2"), ("code", "wrong")]).status)
        }
        #expect(statuses.last == 429, "\(statuses)")

        // Malformed HTTP: 400 from the server itself, and the server goes on.
        let raw = try LoopbackClient(port: port).connect()
        try raw.write(Array("GET /../session.json HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try raw.readResponse().status == 400)
        #expect(try LoopbackClient(port: port).send(path: "/signin").status == 200)
    }
}
