import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// The web front end of `practicum serve`: answers HTTP requests with pages, as an `HTTPHandler`. It never
/// opens a file a request names: the stylesheet is compiled in, and the only files it touches are the
/// session's attempt files, through `SessionPlayer` and `AttemptStore`.
///
/// In session mode a student signs in with their id and code and plays their own attempts (the server takes
/// each choice through `SessionPlayer`, which writes it to the attempt file before the page says it is
/// taken). In library mode anyone may practise on the bundled cases in memory, with nothing written.
///
/// Safe to call from many threads at once: the app's state (sign-ins, failures, open plays) sits behind one
/// lock held only for map look-ups; each open play has a lock of its own, held while a choice is taken.
public final class WebApp: @unchecked Sendable {
    /// What the app serves and how.
    public struct Configuration: Sendable {
        /// What is served.
        public enum Mode: Sendable {
            /// A classroom session: its folder, manifest, roster and its verified copies of the cases (in the
            /// session's order), and how a student's code is checked (`verifyCode(student, code)`).
            case session(
                folder: URL, session: Session, roster: Roster, cases: [Scenario],
                verifyCode: @Sendable (_ student: String, _ code: String) -> Bool)
            /// Practice on these cases without a session or sign-in, in memory.
            case library(cases: [Scenario])
        }

        public var mode: Mode
        /// Content/ (phases, outcomes, levels and the debrief's strings).
        public var content: ContentLibrary
        /// The rubric the debrief scores with.
        public var rubric: Rubric
        /// Whether cookies are marked `Secure` (behind TLS).
        public var secureCookies: Bool
        /// The interface language when the browser asks for neither English nor Indonesian.
        public var defaultLanguage: String
        /// How long a sign-in lasts.
        public var signInLifetime: TimeInterval = 12 * 3600
        /// The most browsers known at once (signed in or not).
        public var browserCapacity: Int = 5000
        /// Failed sign-ins allowed per peer and per id within `failureWindow` before 429.
        public var failuresAllowed: Int = 10
        public var failureWindow: TimeInterval = 300
        /// Library mode: the most practice plays held at once, and how long one may sit unused.
        public var libraryPlayCapacity: Int = 1000
        public var libraryPlayIdleLimit: TimeInterval = 3600
        /// Session mode: how long an open play may sit unused before the server lets its attempt go (the file
        /// stays; the student's next visit goes on from it), so a student who walks away can go on at a
        /// terminal, and an abandoned browser does not hold the attempt's lock until the server stops.
        public var sessionPlayIdleLimit: TimeInterval = 20 * 60
        /// The longest reflection taken, in characters (the terminal keeps as many).
        public var reflectionLimit: Int = 4000
        /// Whether the client's address is taken from the last `X-Forwarded-For` address (set this only behind
        /// a reverse proxy that sets that header: otherwise every student would share the proxy's address for
        /// the sign-in limit, and anyone could claim any address).
        public var trustForwardedFor = false
        /// The token that opens the instructor's pages (`/instructor`); nil for none. `newInstructorToken()`
        /// makes one.
        public var instructorToken: String?
        /// Session mode: the key that signs a student's attempt lines (from the session's codes), or nil to
        /// write them unsigned. Asked each time an attempt is opened, so a code replaced while the server runs
        /// signs from then on.
        public var signingKey: @Sendable (_ student: String) -> AttemptKey? = { _ in nil }
        /// The clock (tests move it).
        public var now: @Sendable () -> Date = { Date() }

        /// A session served to its students.
        public init(
            sessionFolder: URL, session: Session, roster: Roster, cases: [Scenario], content: ContentLibrary,
            rubric: Rubric, verifyCode: @escaping @Sendable (String, String) -> Bool, secureCookies: Bool = false,
            defaultLanguage: String = "en"
        ) {
            mode = .session(folder: sessionFolder, session: session, roster: roster, cases: cases, verifyCode: verifyCode)
            self.content = content
            self.rubric = rubric
            self.secureCookies = secureCookies
            self.defaultLanguage = defaultLanguage
        }

        /// The bundled cases, for practice without a session.
        public init(
            libraryCases: [Scenario], content: ContentLibrary, rubric: Rubric, secureCookies: Bool = false,
            defaultLanguage: String = "en"
        ) {
            mode = .library(cases: libraryCases)
            self.content = content
            self.rubric = rubric
            self.secureCookies = secureCookies
            self.defaultLanguage = defaultLanguage
        }
    }

    public let configuration: Configuration
    /// Scorers shared by every student of a case: the case is explored once.
    let scorers = ScorerCache()
    /// Guards `browsers`, `failures`, `plays` and `practice`.
    let lock = NSLock()
    var browsers: BrowserSessions
    var failures: FailureLog
    /// Session mode: one open play per (student, case).
    var plays: [PlayKey: SessionPlay] = [:]
    /// Library mode: one practice play per (browser, case).
    var practice: [PlayKey: PracticePlay] = [:]
    /// When library plays unused for too long were last dropped.
    var lastPracticeSweep = Date.distantPast
    /// When open session plays unused for too long were last let go.
    var lastSessionSweep = Date.distantPast
    /// The instructor's pages' state (their sign-ins, the class table's verdicts, the release).
    let instructorDesk = InstructorDesk()

    /// The cookie that carries a browser's token.
    static let sessionCookie = "practicum_session"
    /// The cookie that carries the interface language.
    static let languageCookie = "practicum_lang"

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        browsers = BrowserSessions(capacity: configuration.browserCapacity, lifetime: configuration.signInLifetime)
        failures = FailureLog(allowed: configuration.failuresAllowed, window: configuration.failureWindow)
    }

    /// The app as the server's handler.
    public var handler: HTTPHandler { { [self] request, peer in handle(request, peer: peer) } }

    /// Answers one request. Never throws, never crashes on what a browser sends: anything it cannot read gets
    /// a 400 page.
    public func handle(_ request: HTTPRequest, peer: String) -> HTTPResponse {
        var visit = Visit(request: request, peer: clientAddress(request, peer: peer), app: self)
        var response = route(&visit)
        for cookie in visit.setCookies { response.headers.append(("Set-Cookie", cookie)) }
        Self.addSecurityHeaders(&response)
        // HEAD: the GET's headers without its body.
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    /// The client's address for the sign-in limit: the peer without its port, or behind a trusted proxy the
    /// last address of `X-Forwarded-For` (the one the proxy itself added).
    func clientAddress(_ request: HTTPRequest, peer: String) -> String {
        if configuration.trustForwardedFor, let forwarded = request.header("x-forwarded-for"),
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return Self.addressWithoutPort(peer)
    }

    /// `10.0.0.1:5123` -> `10.0.0.1`, `[::1]:5123` -> `::1`; anything else as it is.
    static func addressWithoutPort(_ peer: String) -> String {
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        let colons = peer.filter { $0 == ":" }.count
        if colons == 1, let colon = peer.firstIndex(of: ":") { return String(peer[..<colon]) }
        return peer
    }

    /// The headers every response carries.
    static func addSecurityHeaders(_ response: inout HTTPResponse) {
        response.headers.append(
            ("Content-Security-Policy",
             "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        response.headers.append(("Referrer-Policy", "no-referrer"))
        response.headers.append(("X-Frame-Options", "DENY"))
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
    }

    // MARK: Routing

    /// The method and path to a page. Every POST has passed the CSRF check before it gets here.
    ///
    /// Adding routes (the instructor's page): give the path its allowed methods in the table below, then
    /// answer it in `routeSession` (or a function of its own called from here before the mode's router).
    func route(_ visit: inout Visit) -> HTTPResponse {
        let request = visit.request
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if request.path == "/style.css" {
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed(&visit, allow: "GET, HEAD") }
            return HTTPResponse(
                status: 200,
                headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "public, max-age=3600")],
                body: Array(Stylesheet.css.utf8))
        }
        if request.path == "/favicon.svg" {
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed(&visit, allow: "GET, HEAD") }
            return HTTPResponse(
                status: 200,
                headers: [("Content-Type", "image/svg+xml"), ("Cache-Control", "public, max-age=86400")],
                body: Array(Stylesheet.icon.utf8))
        }
        if parts.first == "instructor" { return routeInstructor(&visit, parts: parts) }
        let allowed: String
        switch parts.count {
        case 0: allowed = "GET"
        case 1 where parts[0] == "signin": allowed = "GET, POST"
        case 1 where parts[0] == "signout": allowed = "POST"
        case 1 where parts[0] == "cases": allowed = "GET"
        case 2 where parts[0] == "cases": allowed = "GET"
        case 3 where parts[0] == "cases" && ["play", "debrief"].contains(parts[2]): allowed = "GET"
        case 3 where parts[0] == "cases" && ["start", "choose", "undo"].contains(parts[2]): allowed = "POST"
        default: return notFound(&visit)
        }
        let method = request.method == "HEAD" ? "GET" : request.method
        guard allowed.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(method) else {
            return methodNotAllowed(&visit, allow: allowed)
        }
        if method == "POST" {
            guard let form = request.form else { return badRequest(&visit) }
            visit.form = form
            guard let browser = visit.browser, let sent = visit.field("csrf"), BrowserSessions.sameToken(sent, browser.csrf) else {
                return forbidden(&visit)
            }
        }
        switch configuration.mode {
        case .session(let folder, let session, let roster, let cases, let verifyCode):
            var classroom = Classroom(folder: folder, session: session, roster: roster, cases: cases, verifyCode: verifyCode)
            if instructorDesk.released { classroom.session.released = true }
            return routeSession(&visit, parts: parts, method: method, classroom: classroom)
        case .library(let cases):
            return routeLibrary(&visit, parts: parts, method: method, cases: cases)
        }
    }

    // MARK: Responses

    /// A page in the layout.
    func page(_ visit: inout Visit, status: Int = 200, title: String, body: Markup) -> HTTPResponse {
        let html = Layout.page(visit: &visit, title: title, body: body)
        return HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(html.html.utf8))
    }

    /// POST-redirect-GET, and every other move to another page.
    func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: 303, headers: [("Location", location)])
    }

    func notFound(_ visit: inout Visit) -> HTTPResponse {
        let strings = visit.strings
        return page(
            &visit, status: 404, title: strings("notFound.title"),
            body: "<h1>\(strings("notFound.title"))</h1><p>\(strings("notFound.text"))</p><p><a href=\"/\">\(strings("home"))</a></p>")
    }

    func methodNotAllowed(_ visit: inout Visit, allow: String) -> HTTPResponse {
        let strings = visit.strings
        var response = page(
            &visit, status: 405, title: strings("methodNotAllowed.title"),
            body: "<h1>\(strings("methodNotAllowed.title"))</h1><p>\(strings("methodNotAllowed.text"))</p><p><a href=\"/\">\(strings("home"))</a></p>")
        response.headers.append(("Allow", allow))
        return response
    }

    func forbidden(_ visit: inout Visit) -> HTTPResponse {
        let strings = visit.strings
        return page(
            &visit, status: 403, title: strings("forbidden.title"),
            body: "<h1>\(strings("forbidden.title"))</h1><p>\(strings("forbidden.text"))</p><p><a href=\"/\">\(strings("home"))</a></p>")
    }

    func badRequest(_ visit: inout Visit) -> HTTPResponse {
        let strings = visit.strings
        return page(
            &visit, status: 400, title: strings("badRequest.title"),
            body: "<h1>\(strings("badRequest.title"))</h1><p>\(strings("badRequest.text"))</p><p><a href=\"/\">\(strings("home"))</a></p>")
    }

    // MARK: State

    /// Runs `body` with the app's lock held.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// A play's key: a student (or a library browser's token) and a case.
struct PlayKey: Hashable {
    var owner: String
    var caseID: String
}

/// The session being served, as the routes use it.
struct Classroom {
    var folder: URL
    var session: Session
    var roster: Roster
    var cases: [Scenario]
    var verifyCode: @Sendable (String, String) -> Bool

    func scenario(id: String) -> (Session.Case, Scenario)? {
        guard let sessionCase = session.case(id: id), let scenario = cases.first(where: { $0.id == id }) else { return nil }
        return (sessionCase, scenario)
    }
}
