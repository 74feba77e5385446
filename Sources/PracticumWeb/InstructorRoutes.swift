import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// Where one roster student stands at one case, as the instructor's class table shows it, read from the
/// attempt files (the same files `grade` reads, so the table is right after a restart).
enum ClassState: Equatable {
    case notStarted
    /// The latest attempt has not reached its ending: the student is at step `step` (`step - 1` choices
    /// taken), last active at `lastActivity`.
    case playing(step: Int, lastActivity: String)
    /// The latest attempt reached its ending at `finished`; `attemptsLeft` more may be started.
    case done(finished: String, attemptsLeft: Int)
    /// Every attempt is used and none is going on.
    case noAttemptsLeft
    /// The latest file was rejected (and attempts are left), with why.
    case rejected(reason: String)
}

/// One row of the class table: a student at a case, the gradebook's entry (the attempt that counts, its
/// review marks) and where the student stands now.
struct ClassRow {
    var entry: Gradebook.Entry
    var state: ClassState
}

extension WebApp {
    /// The instructor's cookie: its own name, sent only to `/instructor` pages.
    static let instructorCookie = "practicum_instructor"
    /// The downloads, by the name in their address: the file `grade` writes, its type, and its label's key.
    static let downloads: [(name: String, type: String, label: String)] = [
        ("gradebook.csv", "text/csv; charset=utf-8", "download.gradebook"),
        ("gradebook-canvas.csv", "text/csv; charset=utf-8", "download.canvas"),
        ("gradebook-moodle.csv", "text/csv; charset=utf-8", "download.moodle"),
        ("report.html", "text/html; charset=utf-8", "download.report"),
        ("statements.json", "application/json", "download.statements"),
    ]

    /// A new instructor token: 128 random bits from the system's generator, as 32 hex digits.
    public static func newInstructorToken() -> String { BrowserSessions.randomToken() }

    // MARK: Routing

    /// Every `/instructor` address. A student's sign-in counts for nothing here: only the instructor's own
    /// cookie, whose token the instructor's map knows, opens these pages; every POST carries that browser's
    /// CSRF token. In library mode, and when no instructor token is configured, there are no such pages.
    func routeInstructor(_ visit: inout Visit, parts: [String]) -> HTTPResponse {
        guard case .session(let folder, let session, let roster, let cases, let verifyCode) = configuration.mode,
            let token = configuration.instructorToken, !token.isEmpty
        else { return notFound(&visit) }
        // The student's sign-in, if any, plays no part in these pages (nor shows in their header).
        visit.browser = nil
        let allowed: String
        switch (parts.count, parts.count > 1 ? parts[1] : "") {
        case (1, _): allowed = "GET"
        case (2, "signin"), (2, "signout"), (2, "release"): allowed = "POST"
        case (3, "download"): allowed = "GET"
        case (4, "review"): allowed = "GET, POST"
        default: return notFound(&visit)
        }
        let method = visit.request.method == "HEAD" ? "GET" : visit.request.method
        guard allowed.components(separatedBy: ", ").contains(method) else { return methodNotAllowed(&visit, allow: allowed) }
        let now = configuration.now()
        let cookie = visit.request.cookies[Self.instructorCookie]
        var browser = instructorDesk.withState(configuration) { $0.signIns.browser(token: cookie, now: now) }
        if method == "POST" {
            guard let form = visit.request.form else { return badRequest(&visit) }
            visit.form = form
            guard let browser, let sent = visit.field("csrf"), BrowserSessions.sameToken(sent, browser.csrf) else {
                return forbidden(&visit)
            }
        }
        var classroom = Classroom(folder: folder, session: session, roster: roster, cases: cases, verifyCode: verifyCode)
        if instructorDesk.released { classroom.session.released = true }
        var desk = InstructorVisit(browser: browser, strings: InstructorStrings(language: visit.language))
        if parts.count == 2 && parts[1] == "signin" {
            return instructorSignIn(&visit, &desk, token: token)
        }
        guard browser?.student == InstructorDesk.signedIn else {
            if method == "POST" { return forbidden(&visit) }
            if parts.count == 1 {
                if browser == nil {
                    browser = instructorDesk.withState(configuration) { $0.signIns.add(student: nil, now: now) }
                    visit.setCookies.append(instructorCookieHeader(token: browser!.token))
                    desk.browser = browser
                }
                return instructorSignInPage(&visit, desk: desk, error: nil)
            }
            return redirect(to: "/instructor")
        }
        switch parts.count == 1 ? "" : parts[1] {
        case "signout":
            if let token = browser?.token { instructorDesk.withState(configuration) { $0.signIns.remove(token: token) } }
            visit.setCookies.append(instructorCookieHeader(token: "", expired: true))
            return redirect(to: "/instructor")
        case "release":
            return releaseDebriefs(&visit, desk: desk, classroom: classroom)
        case "download":
            return download(&visit, desk: desk, classroom: classroom, name: parts[2])
        case "review":
            return method == "GET"
                ? reviewPage(&visit, desk: desk, classroom: classroom, student: parts[2], caseID: parts[3])
                : saveRating(&visit, desk: desk, classroom: classroom, student: parts[2], caseID: parts[3])
        default:
            return classPage(&visit, desk: desk, classroom: classroom)
        }
    }

    /// The instructor's cookie's header value (or the one that removes it).
    func instructorCookieHeader(token: String, expired: Bool = false) -> String {
        "\(Self.instructorCookie)=\(token); Path=/instructor; HttpOnly; SameSite=Strict; Max-Age=\(expired ? 0 : Int(configuration.signInLifetime))"
            + (configuration.secureCookies ? "; Secure" : "")
    }

    // MARK: Signing in

    func instructorSignInPage(_ visit: inout Visit, desk: InstructorVisit, error: String?, status: Int = 200) -> HTTPResponse {
        let strings = desk.strings
        let problem: Markup = error.map { "<p class=\"error\" id=\"token-error\">\($0)</p>" } ?? ""
        let described: Markup = error == nil ? "" : " aria-describedby=\"token-error\""
        return page(
            &visit, status: status, title: strings("signin.title"),
            body: """
                <h1>\(strings("signin.title"))</h1>
                <p>\(strings("signin.intro"))</p>
                \(problem)
                <form method="post" action="/instructor/signin">\(desk.csrfField)
                <label for="token">\(strings("signin.token"))</label>
                <input type="password" id="token" name="token" autocomplete="off" spellcheck="false" maxlength="128" required\(described)>
                <p><button type="submit">\(strings("signin.submit"))</button></p>
                </form>
                """)
    }

    /// Checks the token (in time that does not depend on where it differs); failures are counted per peer, and
    /// past the limit every try is refused with 429 until the window passes. A right token gets a new cookie
    /// token, never the one the sign-in form was sent with.
    func instructorSignIn(_ visit: inout Visit, _ desk: inout InstructorVisit, token: String) -> HTTPResponse {
        let strings = desk.strings
        let now = configuration.now()
        let peerKey = "peer:" + clientAddress(visit.request, peer: visit.peer)
        if instructorDesk.withState(configuration, { $0.failures.isLimited(peerKey, now: now) }) {
            return instructorSignInPage(&visit, desk: desk, error: strings("signin.limited"), status: 429)
        }
        let given = (visit.field("token") ?? "").trimmingCharacters(in: .whitespaces)
        guard BrowserSessions.sameToken(given, token) else {
            instructorDesk.withState(configuration) { $0.failures.record(peerKey, now: now) }
            return instructorSignInPage(&visit, desk: desk, error: strings("signin.failed"))
        }
        let old = desk.browser?.token
        let signedIn = instructorDesk.withState(configuration) { state in
            if let old { state.signIns.remove(token: old) }
            state.failures.clear(peerKey)
            let made = state.signIns.add(student: InstructorDesk.signedIn, now: now)
            state.signIns.setNotice(strings("signin.done"), token: made.token)
            return made
        }
        visit.setCookies.append(instructorCookieHeader(token: signedIn.token))
        return redirect(to: "/instructor")
    }

    // MARK: Release

    /// Releases the debriefs as `session release` does (the session's `session.json` says so from now on), and
    /// the students' pages show them at once.
    func releaseDebriefs(_ visit: inout Visit, desk: InstructorVisit, classroom: Classroom) -> HTTPResponse {
        let strings = desk.strings
        let notice: String
        var isError = false
        do {
            var session = try Session.read(folder: classroom.folder)
            switch try session.release(folder: classroom.folder) {
            case .released, .alreadyReleased:
                instructorDesk.withState(configuration) { $0.released = true }
                notice = strings("release.done")
            case .nothingHeld:
                notice = strings("release.notHeld")
            }
        } catch {
            notice = strings("release.failed", ["reason": error.message])
            isError = true
        }
        desk.setNotice(notice, isError: isError, instructorDesk, configuration)
        return redirect(to: "/instructor")
    }

    // MARK: Downloads

    /// One of the files `grade` writes, made now by the grading core with `grade`'s options (the ratings in the
    /// session's ratings file), written into a temporary folder of its own and sent from memory. Only the
    /// names in `downloads` are served; nothing in the address is ever a path.
    func download(_ visit: inout Visit, desk: InstructorVisit, classroom: Classroom, name: String) -> HTTPResponse {
        let strings = desk.strings
        guard let item = Self.downloads.first(where: { $0.name == name }) else { return notFound(&visit) }
        let grader = sessionGrader(classroom)
        func failed(_ text: String) -> HTTPResponse {
            page(
                &visit, status: 500, title: strings("download.failed.title"),
                body: """
                    <h1>\(strings("download.failed.title"))</h1><p class="error">\(text)</p>
                    <p><a href="/instructor">\(strings("reviewPage.back"))</a></p>
                    """)
        }
        let ratings: Ratings?
        do {
            ratings = try savedRatings(classroom, grader: grader)
        } catch {
            switch error {
            case .unreadable: return failed(strings("download.ratings", ["reason": SessionGrader.ratingsName]))
            case .wrong(let message): return failed(strings("download.ratings", ["reason": SessionGrader.ratingsName + ": " + message]))
            }
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("practicum-download-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            _ = try grader.grade(
                .init(ratings: ratings, canvas: name == "gradebook-canvas.csv", moodle: name == "gradebook-moodle.csv", resultsFolder: scratch))
        } catch {
            switch error {
            case .results(_, let error), .statements(let error): return failed(strings("download.failed", ["reason": error.localizedDescription]))
            }
        }
        guard let data = FileManager.default.contents(atPath: scratch.appendingPathComponent(item.name).path) else {
            return failed(strings("download.failed", ["reason": item.name]))
        }
        let session = String(classroom.session.id.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }.map(Character.init))
        let filename = (session.isEmpty ? "session" : session) + "-" + item.name
        return HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", item.type), ("Content-Disposition", "attachment; filename=\"\(filename)\""), ("Cache-Control", "no-store"),
            ],
            body: [UInt8](data))
    }
}

/// The instructor's browser on one request, and the words of the instructor's pages in its language.
struct InstructorVisit {
    var browser: BrowserSessions.Browser?
    let strings: InstructorStrings

    /// The hidden CSRF field of this browser's forms.
    var csrfField: Markup { "<input type=\"hidden\" name=\"csrf\" value=\"\(browser?.csrf ?? "")\">" }

    /// The notice waiting for this browser, taken, as the page's first paragraph.
    func notice(_ desk: InstructorDesk, _ configuration: WebApp.Configuration) -> Markup {
        guard let token = browser?.token, let notice = desk.withState(configuration, { $0.signIns.takeNotice(token: token) }) else {
            return ""
        }
        return notice.isError ? "<p class=\"error\" role=\"alert\">\(notice.text)</p>" : "<p class=\"panel\" role=\"status\">\(notice.text)</p>"
    }

    /// Leaves a notice for this browser's next page.
    func setNotice(_ text: String, isError: Bool = false, _ desk: InstructorDesk, _ configuration: WebApp.Configuration) {
        guard let token = browser?.token else { return }
        desk.withState(configuration) { $0.signIns.setNotice(text, isError: isError, token: token) }
    }
}
