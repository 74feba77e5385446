import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// One student's open play of one case of the session: the `SessionPlayer` (which holds the attempt's lock
/// while it is open), the screen to show next, and once the case ends, the finished attempt (the player is
/// then let go, and its lock with it). Its own lock is held while a choice is taken.
final class SessionPlay: @unchecked Sendable {
    let lock = NSLock()
    var player: SessionPlayer?
    var screen: SessionPlayer.Screen?
    /// The scored feedback on the last choice, when the policy gives feedback after each choice.
    var scored: [String] = []
    var finished: FinishedPlay?
    /// When the student last reached this play (kept under the app's lock, not this one).
    var lastUsed = Date.distantPast
}

/// An attempt that reached its ending, with what its debrief needs.
struct FinishedPlay {
    var engine: Engine
    var state: CaseState
    var undone: [UndoneChoice]
    var reflections: [(step: Int, text: String)]
}

/// Where a student stands at a case, as the case list shows it.
enum Progress: Equatable {
    case notStarted
    case inProgress(step: Int)
    /// The latest attempt reached its ending; `attemptsLeft` more may be started.
    case done(attemptsLeft: Int)
    /// Every attempt is used and the latest did not reach an ending.
    case noAttemptsLeft
}

extension WebApp {
    func routeSession(_ visit: inout Visit, parts: [String], method: String, classroom: Classroom) -> HTTPResponse {
        switch parts.first {
        case "signin":
            return method == "GET" ? signInPage(&visit, error: nil) : signIn(&visit, classroom: classroom)
        case "signout":
            if let token = visit.browser?.token { locked { browsers.remove(token: token) } }
            visit.browser = nil
            visit.setCookies.append(expiredSessionCookie())
            return redirect(to: "/signin")
        default:
            break
        }
        // Who the student is comes only from the server's map of sign-ins.
        guard let student = visit.student, classroom.roster.student(id: student) != nil else { return redirect(to: "/signin") }
        guard parts.count >= 1 else { return redirect(to: "/cases") }
        guard parts.count >= 2 else { return casesPage(&visit, student: student, classroom: classroom) }
        guard let (sessionCase, scenario) = classroom.scenario(id: parts[1]) else { return notFound(&visit) }
        let base = "/cases/\(FormEncoding.percentEncode(scenario.id))"
        let play = sessionPlay(student: student, caseID: scenario.id)
        switch parts.count == 2 ? "" : parts[2] {
        case "":
            return casePage(&visit, student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario, play: play, base: base)
        case "start":
            return start(&visit, student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario, play: play, base: base)
        case "play":
            return playPage(&visit, classroom: classroom, scenario: scenario, play: play, base: base)
        case "choose":
            return choose(&visit, scenario: scenario, play: play, base: base)
        case "undo":
            return undo(&visit, play: play, base: base)
        case "debrief":
            return debriefPage(&visit, student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario, play: play, base: base)
        default:
            return notFound(&visit)
        }
    }

    /// The student's play of a case (made on first use). At most once a minute, open plays unused for longer
    /// than `sessionPlayIdleLimit` are let go first (see `releaseIdlePlays`).
    func sessionPlay(student: String, caseID: String) -> SessionPlay {
        let now = configuration.now()
        let idle: [SessionPlay] = locked {
            guard now.timeIntervalSince(lastSessionSweep) >= 60 else { return [] }
            lastSessionSweep = now
            return plays.values.filter { now.timeIntervalSince($0.lastUsed) > configuration.sessionPlayIdleLimit }
        }
        releaseIdlePlays(idle)
        return locked {
            let key = PlayKey(owner: student, caseID: caseID)
            let play = plays[key] ?? SessionPlay()
            plays[key] = play
            play.lastUsed = now
            return play
        }
    }

    /// Closes each of these plays' open attempt, which lets its lock go: the attempt file is whole (every
    /// confirmed choice is on the disk), and the student's next Start goes on from it. A play busy with a
    /// request is skipped (it is in use, so not idle).
    func releaseIdlePlays(_ idle: [SessionPlay]) {
        for play in idle where play.lock.try() {
            if play.player != nil {
                play.player = nil
                play.screen = nil
            }
            play.lock.unlock()
        }
    }

    // MARK: Signing in

    func signInPage(_ visit: inout Visit, error: String?, status: Int = 200, id: String = "") -> HTTPResponse {
        if visit.student != nil && error == nil { return redirect(to: "/cases") }
        _ = visit.ensureBrowser()
        let strings = visit.strings
        let problem: Markup = error.map { "<p class=\"error\" id=\"signin-error\">\($0)</p>" } ?? ""
        let described: Markup = error == nil ? "" : " aria-describedby=\"signin-error\""
        return page(
            &visit, status: status, title: strings("signin.title"),
            body: """
                <h1>\(strings("signin.title"))</h1>
                <p>\(strings("signin.intro"))</p>
                \(problem)
                <form method="post" action="/signin">\(visit.csrfField)
                <label for="id">\(strings("signin.id"))</label>
                <input type="text" id="id" name="id" value="\(id)" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required\(described)>
                <label for="code">\(strings("signin.code"))</label>
                <input type="password" id="code" name="code" autocomplete="current-password" maxlength="128" required\(described)>
                <p><button type="submit">\(strings("signin.submit"))</button></p>
                </form>
                """)
    }

    /// Checks an id and code. A failure says the same whether or not the id is on the roster; failures are
    /// counted per peer and per id, and past the limit every try is refused with 429 until the window passes.
    func signIn(_ visit: inout Visit, classroom: Classroom) -> HTTPResponse {
        let strings = visit.strings
        let id = (visit.field("id") ?? "").trimmingCharacters(in: .whitespaces)
        let code = (visit.field("code") ?? "").trimmingCharacters(in: .whitespaces)
        let now = configuration.now()
        let peerKey = "peer:" + visit.peer
        let idKey = "id:" + id
        let limited = locked { failures.isLimited(peerKey, now: now) || failures.isLimited(idKey, now: now) }
        if limited {
            return page(
                &visit, status: 429, title: strings("signin.limited.title"),
                body: "<h1>\(strings("signin.limited.title"))</h1><p>\(strings("signin.limited"))</p>")
        }
        let onRoster = !id.isEmpty && id.count <= Roster.maximumIDLength && classroom.roster.student(id: id) != nil
        // The code is checked even for an id not on the roster, so both take about as long.
        let codeMatches = code.count <= 128 && classroom.verifyCode(id, code)
        guard onRoster && codeMatches else {
            locked {
                failures.record(peerKey, now: now)
                if !id.isEmpty { failures.record(idKey, now: now) }
            }
            return signInPage(&visit, error: strings("signin.failed"), id: String(id.prefix(Roster.maximumIDLength)))
        }
        // A new token at sign-in: a token set before (by anyone) is never the signed-in one.
        let signedIn = locked {
            if let old = visit.browser?.token { browsers.remove(token: old) }
            return browsers.add(student: id, now: now)
        }
        visit.browser = signedIn
        visit.setCookies.append(sessionCookie(token: signedIn.token))
        visit.notify("signin.done")
        return redirect(to: "/cases")
    }

    // MARK: Cases

    /// Where the student stands at a case: the open play if it has moved, else the attempt files.
    func progress(student: String, classroom: Classroom, sessionCase: Session.Case, scenario: Scenario, play: SessionPlay) -> Progress {
        play.lock.lock()
        let open = play.player.map { $0.engine.autoContinue($0.state).state.path.count }
        play.lock.unlock()
        if let open, open > 0 { return .inProgress(step: open) }
        let (used, latest) = attemptsOnDisk(student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario)
        if let latest {
            if latest.ended { return .done(attemptsLeft: max(0, classroom.session.attempts - used)) }
            return .inProgress(step: latest.state.path.count)
        }
        if used == 0 { return .notStarted }
        return used >= classroom.session.attempts ? .noAttemptsLeft : .notStarted
    }

    /// The student's attempts at a case on the disk: how many are used, and the latest readable one played on
    /// this version of the case, replayed.
    func attemptsOnDisk(student: String, classroom: Classroom, sessionCase: Session.Case, scenario: Scenario)
        -> (used: Int, latest: (reading: AttemptLog.Reading, engine: Engine, state: CaseState, ended: Bool)?)
    {
        let store = AttemptStore(directory: classroom.folder.appendingPathComponent(Session.attemptsFolder))
        let mine = StudentAttempts(store: store, session: classroom.session, student: student, caseID: scenario.id)
        guard let (_, reading) = mine.readable.last, reading.log.header.caseHash == sessionCase.fingerprint else {
            return (mine.count, nil)
        }
        let engine = Engine(scenario: scenario, order: reading.log.header.seed.map { .shuffled(seed: $0) } ?? .written)
        guard let replayed = try? engine.replay(reading.log.choices) else { return (mine.count, nil) }
        let settled = engine.autoContinue(replayed).state
        let ended = if case .ended = engine.status(of: settled) { true } else { false }
        return (mine.count, (reading, engine, settled, ended))
    }

    func statusText(_ progress: Progress, strings: WebStrings) -> String {
        switch progress {
        case .notStarted: strings("status.notStarted")
        case .inProgress(let step): strings("status.step", ["step": String(step)])
        case .done(let left): left > 0 ? strings("status.done") : strings("status.done") + " · " + strings("status.noneLeft")
        case .noAttemptsLeft: strings("status.noneLeft")
        }
    }

    func casesPage(_ visit: inout Visit, student: String, classroom: Classroom) -> HTTPResponse {
        let strings = visit.strings
        let items = classroom.session.cases.compactMap { sessionCase -> Markup? in
            guard let (_, scenario) = classroom.scenario(id: sessionCase.id) else { return nil }
            let play = sessionPlay(student: student, caseID: scenario.id)
            let progress = progress(student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario, play: play)
            let href = "/cases/\(FormEncoding.percentEncode(scenario.id))"
            return """
                <li><h2><a href="\(href)" lang="\(scenario.header.language)">\(scenario.header.title)</a></h2>
                <p>\(statusText(progress, strings: strings))</p></li>
                """
        }
        let list: Markup = items.isEmpty ? "<p>\(strings("cases.none"))</p>" : "<ul class=\"cases\">\(items)</ul>"
        return page(
            &visit, title: strings("cases.title"),
            body: """
                <h1>\(strings("cases.title"))</h1>
                <p class="muted">\(strings("cases.session", ["session": classroom.session.id]))</p>
                \(list)
                """)
    }

    // MARK: Helpers

    /// The case's scorer, shared by every student (the case is explored once).
    func scorer(for scenario: Scenario, language: String) -> Scorer {
        scorers.scorer(scenario: scenario, rubric: configuration.rubric, content: configuration.content, language: language)
    }

    /// A choice id as a form posts it (`scene#n`, n from 1); nil when it is not one.
    static func choiceID(_ text: String) -> ChoiceID? {
        guard let hash = text.lastIndex(of: "#"), hash > text.startIndex,
            let number = Int(text[text.index(after: hash)...]), number >= 1, number <= 10_000
        else { return nil }
        return ChoiceID(scene: String(text[..<hash]), index: number - 1)
    }

    /// The reflections an attempt file holds, by step (read as a stream, keeping only those shown).
    static func reflections(in url: URL) -> [(step: Int, text: String)] {
        guard let reading = try? AttemptLog.read(file: url.path, reflections: .capped) else { return [] }
        return reflections(of: reading.log)
    }

    static func reflections(of log: AttemptLog) -> [(step: Int, text: String)] {
        log.standing.enumerated().compactMap { offset, step in step.reflection.map { (offset + 1, $0) } }
    }
}
