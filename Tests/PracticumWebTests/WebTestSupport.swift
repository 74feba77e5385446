import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring
import Testing

@testable import PracticumWeb

/// What the web tests share: Content/ and its rubric, a session folder made in a temporary folder with the
/// Classroom API, and a browser that keeps its cookies and calls `WebApp.handle` directly (no sockets).
enum WebFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let content: ContentLibrary = {
        do { return try ContentLoader.load(from: root.appendingPathComponent("Content")) } catch {
            fatalError("tests need Content/: \(error)")
        }
    }()
    static let rubric: Rubric = {
        do { return try Rubric.load(from: root.appendingPathComponent("Content")) } catch {
            fatalError("tests need Content/'s rubric: \(error)")
        }
    }()
    static let caseID = "okafor-referral"
    static let caseSource = root.appendingPathComponent("Tests/PracticumAppTests/Fixtures/Library/\(caseID).scenario")
    /// The codes the tests' `verifyCode` accepts.
    static let codes = ["s1": "code-one", "s2": "code-two", "s3": "code-three"]

    /// A session folder (one case, roster s1-s3, one with a name that is markup) and its manifest and case.
    static func makeSession(
        mode: PlayMode = .graded, attempts: Int = 1, feedback: Session.Feedback = .debrief, released: Bool = false
    ) throws -> (folder: URL, session: Session, roster: Roster, scenario: Scenario) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        for sub in [Session.casesFolder, Session.attemptsFolder] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let source = try Data(contentsOf: caseSource)
        let file = "\(Session.casesFolder)/\(caseID).scenario"
        try source.write(to: folder.appendingPathComponent(file))
        let scenario = try #require(ScenarioLoader(content: content).load(path: folder.appendingPathComponent(file).path).scenario)
        var session = Session(
            id: "week3", created: "2026-11-20T08:00:00Z", mode: mode.rawValue, attempts: attempts, policy: .best,
            feedback: feedback, passMark: 60, due: nil, homePage: "https://lms.example/",
            cases: [.init(id: caseID, file: file, sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
        session.released = released
        try session.write(folder: folder)
        let rosterText = "id,name,email\ns1,Ana <script>alert(1)</script>,ana@x.id\ns2,Budi \"B\" O'Neil,budi@x.id\ns3,Citra,citra@x.id\n"
        try rosterText.write(to: folder.appendingPathComponent(Session.rosterName), atomically: true, encoding: .utf8)
        let roster = try Roster(csv: Data(rosterText.utf8))
        return (folder, session, roster, scenario)
    }

    static func app(
        folder: URL, session: Session, roster: Roster, scenario: Scenario, clock: Clock = Clock(), configure: (inout WebApp.Configuration) -> Void = { _ in }
    ) -> WebApp {
        var configuration = WebApp.Configuration(
            sessionFolder: folder, session: session, roster: roster, cases: [scenario], content: content, rubric: rubric,
            verifyCode: { student, code in codes[student] == code })
        configuration.now = { clock.now }
        configure(&configuration)
        return WebApp(configuration)
    }

    /// A clock the tests move.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_800_000_000)
        var now: Date {
            lock.lock()
            defer { lock.unlock() }
            return current
        }
        func advance(_ seconds: TimeInterval) {
            lock.lock()
            current += seconds
            lock.unlock()
        }
    }
}

/// A browser: keeps the cookies the app sets and sends them back; reads the CSRF token from the last page.
/// Not shared between threads: each thread drives a browser of its own.
final class Browser: @unchecked Sendable {
    let app: WebApp
    let peer: String
    var cookies: [String: String] = [:]
    var acceptLanguage: String?
    /// Every response this browser received, for searching.
    var received: [HTTPResponse] = []

    init(_ app: WebApp, peer: String = "10.0.0.1") {
        self.app = app
        self.peer = peer
    }

    var cookieHeader: [(name: String, value: String)] {
        guard !cookies.isEmpty else { return [] }
        return [("cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))]
    }

    @discardableResult
    func send(_ method: String, _ target: String, form: [(String, String)]? = nil, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        let pieces = target.split(separator: "?", maxSplits: 1)
        let path = String(pieces[0])
        let query = pieces.count > 1 ? FormEncoding.decode(String(pieces[1])) ?? [] : []
        var allHeaders = cookieHeader + headers
        if let acceptLanguage { allHeaders.append(("accept-language", acceptLanguage)) }
        let body = form.map { Array(FormEncoding.encode($0.map { (name: $0.0, value: $0.1) }).utf8) } ?? []
        if form != nil { allHeaders.append(("content-type", "application/x-www-form-urlencoded")) }
        let response = app.handle(HTTPRequest(method: method, path: path, query: query, headers: allHeaders, body: body), peer: peer)
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let cookieName = String(pair[0])
            let cookieValue = pair.count > 1 ? String(pair[1]) : ""
            if value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = cookieValue }
        }
        received.append(response)
        return response
    }

    func get(_ target: String) -> HTTPResponse { send("GET", target) }

    /// Posts a form with this browser's CSRF token (from the last page that had one).
    @discardableResult
    func post(_ target: String, _ fields: [(String, String)] = []) -> HTTPResponse {
        send("POST", target, form: [("csrf", csrf ?? "")] + fields)
    }

    /// The CSRF token on the latest page that carries one.
    var csrf: String? {
        for response in received.reversed() {
            if let token = Self.value(after: "name=\"csrf\" value=\"", in: response.text) { return token }
        }
        return nil
    }

    static func value(after marker: String, in text: String) -> String? {
        guard let start = text.range(of: marker) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// Signs in (the sign-in page first, for its form) and returns the sign-in POST's response; when it
    /// redirects, follows it as a browser does (so the next form has the signed-in browser's CSRF token).
    @discardableResult
    func signIn(_ id: String, code: String) -> HTTPResponse {
        get("/signin")
        let response = post("/signin", [("id", id), ("code", code)])
        if response.status == 303, let location = response.location { received.append(get(location)) }
        return response
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    var location: String? { header("Location") }
}
