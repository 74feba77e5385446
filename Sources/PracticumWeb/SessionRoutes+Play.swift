import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// A student's play of one session case on the web: the case's front page, starting, each step, a choice,
/// undo and the debrief.
extension WebApp {
    // MARK: Playing a case

    func pages(_ visit: Visit) -> PlayPages {
        PlayPages(strings: visit.strings, content: configuration.content, csrfField: visit.csrfField, reflectionLimit: configuration.reflectionLimit)
    }

    /// The case's front page: its facts and content warning, where the student stands, and what they can do
    /// next (start, continue, see the debrief, start another attempt).
    func casePage(
        _ visit: inout Visit, student: String, classroom: Classroom, sessionCase: Session.Case, scenario: Scenario,
        play: SessionPlay, base: String
    ) -> HTTPResponse {
        let strings = visit.strings
        let pages = pages(visit)
        let progress = progress(student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario, play: play)
        let mode = classroom.session.playMode == .practice ? strings("case.mode.practice") : strings("case.mode.graded")
        var actions: [Markup] = []
        switch progress {
        case .notStarted:
            actions.append(pages.button(strings("case.start"), action: base + "/start"))
        case .inProgress:
            actions.append(pages.button(strings("case.continue"), action: base + "/start"))
        case .done(let left):
            actions.append("<a class=\"button\" href=\"\(base)/debrief\">\(strings("case.debrief"))</a>")
            if left > 0 {
                let number = classroom.session.attempts - left + 1
                actions.append(pages.button(strings("case.again", ["number": String(number)]), action: base + "/start", secondary: true))
            }
        case .noAttemptsLeft:
            break
        }
        actions.append("<a class=\"button secondary\" href=\"/cases\">\(strings("case.back"))</a>")
        return page(
            &visit, title: scenario.header.title,
            body: """
                \(pages.front(scenario: scenario))
                <p>\(mode)</p>
                <p><strong>\(statusText(progress, strings: strings))</strong></p>
                <div class="actions">\(actions)</div>
                """)
    }

    /// Opens the student's attempt (going on with the unfinished one, or a new one within the attempts
    /// allowed) and goes to the play page.
    func start(
        _ visit: inout Visit, student: String, classroom: Classroom, sessionCase: Session.Case, scenario: Scenario,
        play: SessionPlay, base: String
    ) -> HTTPResponse {
        play.lock.lock()
        defer { play.lock.unlock() }
        if play.player != nil { return redirect(to: base + "/play") }
        do {
            let opening = try SessionPlayer.open(
                session: classroom.session, folder: classroom.folder, sessionCase: sessionCase, scenario: scenario,
                student: student, signingKey: configuration.signingKey(student),
                newOrder: { .shuffled(seed: UInt64.random(in: 1...UInt64.max)) })
            switch opening {
            case .playing(let player):
                play.player = player
                play.screen = player.screen()
                play.finished = nil
                return redirect(to: base + "/play")
            case .noAttemptsLeft:
                visit.notify("status.noneLeft", isError: true)
                return redirect(to: base)
            }
        } catch is AttemptLock.Busy {
            visit.notify("case.busy", isError: true)
            return redirect(to: base)
        } catch {
            visit.notify("case.cannotOpen", isError: true)
            return redirect(to: base)
        }
    }

    func playPage(_ visit: inout Visit, classroom: Classroom, scenario: Scenario, play: SessionPlay, base: String) -> HTTPResponse {
        play.lock.lock()
        let player = play.player
        let screen = play.screen
        let finished = play.finished != nil
        play.lock.unlock()
        guard let player, let screen else { return redirect(to: finished ? base + "/debrief" : base) }
        let pages = pages(visit)
        let state = player.engine.autoContinue(player.state).state
        play.lock.lock()
        let scored = play.scored
        play.lock.unlock()
        let body = pages.play(
            scenario: scenario, screen: screen, scored: scored, state: state, basePath: base, canUndo: player.mode == .practice,
            saved: true)
        return page(&visit, title: scenario.header.title, body: body)
    }

    /// Takes the posted choice through the student's `SessionPlayer`: only when the page was made at the step the
    /// play stands at (so a second post of the same form, or a page left open in another window, takes
    /// nothing), only a choice on offer, and only once it is on the disk. Then back to the play page (or the
    /// debrief at the end) with a 303.
    func choose(_ visit: inout Visit, scenario: Scenario, play: SessionPlay, base: String) -> HTTPResponse {
        play.lock.lock()
        defer { play.lock.unlock() }
        guard var player = play.player else {
            visit.notify("play.stale", isError: true)
            return redirect(to: play.finished != nil ? base + "/debrief" : base)
        }
        let current = player.engine.autoContinue(player.state).state.path.count
        guard let postedStep = visit.field("step").flatMap(Int.init), postedStep == current else {
            visit.notify("play.stale", isError: true)
            return redirect(to: base + "/play")
        }
        guard let posted = visit.field("choice"), !posted.isEmpty else {
            visit.notify("play.noChoice", isError: true)
            return redirect(to: base + "/play")
        }
        guard let id = Self.choiceID(posted) else {
            visit.notify("play.notOnOffer", isError: true)
            return redirect(to: base + "/play")
        }
        let reflection = visit.field("reflection").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let reflection, reflection.count > configuration.reflectionLimit {
            visit.notify("play.tooLong", ["limit": String(configuration.reflectionLimit)], isError: true)
            return redirect(to: base + "/play")
        }
        // A scene that asks for a reflection takes a choice only with one, as the terminal does; one sent
        // where none is asked is not kept.
        let asksReflection = play.screen?.reflectPrompt != nil
        if asksReflection && (reflection ?? "").isEmpty {
            visit.notify("play.reflect.empty", isError: true)
            return redirect(to: base + "/play")
        }
        // Taken out of `play` while it moves (the lock is held), so that its state is moved on where it is: a
        // second holder would make every step copy the whole path.
        play.player = nil
        do {
            let screen = try player.choose(id, reflection: asksReflection ? reflection : nil)
            play.screen = screen
            play.scored = player.policy.afterEachChoice
                ? pages(visit).scoredFeedback(scorer(for: scenario, language: visit.language).score(player.state), step: player.state.path.count)
                : []
            if screen.ended {
                play.finished = FinishedPlay(
                    engine: player.engine, state: player.engine.autoContinue(player.state).state, undone: player.undone,
                    reflections: Self.reflections(in: player.recorder.url))
                play.player = nil  // lets the attempt's lock go
                return redirect(to: base + "/debrief")
            }
            play.player = player
            visit.notify("play.taken")
            return redirect(to: base + "/play")
        } catch {
            play.player = player
            switch error {
            case .notOnOffer: visit.notify("play.notOnOffer", isError: true)
            case .notChoosing: visit.notify("play.stale", isError: true)
            case .cannotUndo: visit.notify("play.cannotUndo", isError: true)
            case .notSaved: visit.notify("case.notSaved", isError: true)
            }
        }
        return redirect(to: base + "/play")
    }

    /// Takes back the last choice, in a practice session only (SessionPlayer refuses it otherwise).
    func undo(_ visit: inout Visit, play: SessionPlay, base: String) -> HTTPResponse {
        play.lock.lock()
        defer { play.lock.unlock() }
        guard var player = play.player else {
            visit.notify("play.cannotUndo", isError: true)
            return redirect(to: base)
        }
        // Taken out of `play` while it moves, as in `choose`.
        play.player = nil
        defer { play.player = player }
        do {
            play.screen = try player.undo()
            play.scored = []
            visit.notify("play.undone")
        } catch .notSaved {
            visit.notify("case.notSaved", isError: true)
        } catch {
            visit.notify("play.cannotUndo", isError: true)
        }
        return redirect(to: base + "/play")
    }

    /// The ending and the debrief, when the session's policy shows it.
    func debriefPage(
        _ visit: inout Visit, student: String, classroom: Classroom, sessionCase: Session.Case, scenario: Scenario,
        play: SessionPlay, base: String
    ) -> HTTPResponse {
        let strings = visit.strings
        let pages = pages(visit)
        play.lock.lock()
        var finished = play.finished
        let screen = play.screen
        let playing = play.player != nil
        play.lock.unlock()
        if playing { return redirect(to: base + "/play") }
        if finished == nil {
            let (_, latest) = attemptsOnDisk(student: student, classroom: classroom, sessionCase: sessionCase, scenario: scenario)
            if let latest, latest.ended {
                finished = FinishedPlay(
                    engine: latest.engine, state: latest.state, undone: latest.reading.log.undone(in: scenario),
                    reflections: Self.reflections(of: latest.reading.log))
            }
        }
        guard let finished else {
            return page(
                &visit, title: scenario.header.title,
                body: "<h1>\(scenario.header.title)</h1><p>\(strings("debrief.none"))</p><p><a href=\"\(base)\">\(strings("case.back"))</a></p>")
        }
        let outcome: String? = if case .ended(let outcome) = finished.engine.status(of: finished.state) { outcome } else { nil }
        var parts: [Markup] = [pages.ending(scenario: scenario, screen: screen, outcome: outcome)]
        let policy = SessionPlayer.FeedbackPolicy(classroom.session)
        if policy.debriefShown {
            let report = scorer(for: scenario, language: strings.language).score(finished.state, undone: finished.undone)
            parts.append(pages.debrief(report: report, reflections: finished.reflections))
        } else {
            parts.append("<p class=\"panel\">\(strings("debrief.held"))</p>")
        }
        parts.append("<p><a class=\"button secondary\" href=\"\(base)\">\(strings("case.back"))</a></p>")
        return page(&visit, title: strings("debrief.title", ["title": scenario.header.title]), body: Markup.joined(parts, separator: "\n"))
    }
}
