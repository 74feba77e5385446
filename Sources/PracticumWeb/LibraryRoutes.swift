import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// A practice play in library mode: in memory only, with feedback after each choice, undo, and the debrief at
/// the end. Nothing of it is ever written to the disk.
final class PracticePlay: @unchecked Sendable {
    let lock = NSLock()
    let engine: Engine
    var state: CaseState
    var screen: SessionPlayer.Screen
    var undone: [UndoneChoice] = []
    /// The scored feedback on the last choice.
    var scored: [String] = []
    /// The reflections written, by step.
    var reflections: [Int: String] = [:]
    var lastUsed: Date

    static let policy = SessionPlayer.FeedbackPolicy(afterEachChoice: true, debriefShown: true)

    init(scenario: Scenario, now: Date) {
        engine = Engine(scenario: scenario, order: .shuffled(seed: UInt64.random(in: 1...UInt64.max)))
        state = engine.start().state
        screen = SessionPlayer.screen(engine: engine, from: state, after: [], policy: Self.policy)
        lastUsed = now
    }

    var settled: CaseState { engine.autoContinue(state).state }
}

extension WebApp {
    func routeLibrary(_ visit: inout Visit, parts: [String], method: String, cases: [Scenario]) -> HTTPResponse {
        guard let first = parts.first else { return libraryPage(&visit, cases: cases) }
        guard first == "cases" else { return notFound(&visit) }
        guard parts.count >= 2 else { return libraryPage(&visit, cases: cases) }
        guard let scenario = cases.first(where: { $0.id == parts[1] }) else { return notFound(&visit) }
        let base = "/cases/\(FormEncoding.percentEncode(scenario.id))"
        let browser = visit.ensureBrowser()
        let key = PlayKey(owner: browser.token, caseID: scenario.id)
        let now = configuration.now()
        let play = locked { () -> PracticePlay? in
            guard let found = practice[key] else { return nil }
            guard now.timeIntervalSince(found.lastUsed) < configuration.libraryPlayIdleLimit else {
                practice[key] = nil
                return nil
            }
            return found
        }
        play?.lock.lock()
        play?.lastUsed = now
        play?.lock.unlock()
        let pages = pages(visit)
        let strings = visit.strings
        switch parts.count == 2 ? "" : parts[2] {
        case "":
            var actions: [Markup] = []
            if play != nil {
                actions.append("<a class=\"button\" href=\"\(base)/play\">\(strings("case.continue"))</a>")
                actions.append(pages.button(strings("case.start"), action: base + "/start", secondary: true))
            } else {
                actions.append(pages.button(strings("case.start"), action: base + "/start"))
            }
            actions.append("<a class=\"button secondary\" href=\"/\">\(strings("case.back"))</a>")
            return page(
                &visit, title: scenario.header.title,
                body: "\(pages.front(scenario: scenario))<p>\(strings("case.mode.practice"))</p><div class=\"actions\">\(actions)</div>")
        case "start":
            let made = PracticePlay(scenario: scenario, now: now)
            let added = locked { () -> Bool in
                // Plays unused for too long go: at least once a minute, and whenever the library is full.
                let full = practice[key] == nil && practice.count >= configuration.libraryPlayCapacity
                if full || now.timeIntervalSince(lastPracticeSweep) >= 60 {
                    lastPracticeSweep = now
                    let limit = configuration.libraryPlayIdleLimit
                    practice = practice.filter { _, play in
                        play.lock.lock()
                        defer { play.lock.unlock() }
                        return now.timeIntervalSince(play.lastUsed) < limit
                    }
                }
                if practice[key] == nil && practice.count >= configuration.libraryPlayCapacity { return false }
                practice[key] = made
                return true
            }
            guard added else {
                visit.notify("library.full", isError: true)
                return redirect(to: base)
            }
            return redirect(to: base + "/play")
        case "play", "debrief":
            guard let play else {
                visit.notify("library.gone", isError: true)
                return redirect(to: base)
            }
            play.lock.lock()
            let screen = play.screen
            let state = play.settled
            let undone = play.undone
            let scored = play.scored
            let reflections = play.reflections.sorted { $0.key < $1.key }.map { (step: $0.key, text: $0.value) }
            play.lock.unlock()
            if screen.ended {
                guard parts[2] == "debrief" else { return redirect(to: base + "/debrief") }
                let report = scorer(for: scenario, language: strings.language).score(state, undone: undone)
                let body: Markup = """
                    \(pages.ending(scenario: scenario, screen: screen, outcome: screen.outcome))
                    \(pages.debrief(report: report, reflections: reflections))
                    <div class="actions">\(pages.button(strings("debrief.again"), action: base + "/start")) <a class="button secondary" href="/">\(strings("case.back"))</a></div>
                    """
                return page(&visit, title: strings("debrief.title", ["title": scenario.header.title]), body: body)
            }
            guard parts[2] == "play" else { return redirect(to: base + "/play") }
            return page(
                &visit, title: scenario.header.title,
                body: pages.play(scenario: scenario, screen: screen, scored: scored, state: state, basePath: base, canUndo: true, saved: false))
        case "choose":
            guard let play else {
                visit.notify("library.gone", isError: true)
                return redirect(to: base)
            }
            play.lock.lock()
            defer { play.lock.unlock() }
            let current = play.settled
            guard let postedStep = visit.field("step").flatMap(Int.init), postedStep == current.path.count else {
                visit.notify("play.stale", isError: true)
                return redirect(to: base + "/play")
            }
            let reflection = visit.field("reflection").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let reflection, reflection.count > configuration.reflectionLimit {
                visit.notify("play.tooLong", ["limit": String(configuration.reflectionLimit)], isError: true)
                return redirect(to: base + "/play")
            }
            if play.screen.reflectPrompt != nil && (reflection ?? "").isEmpty {
                visit.notify("play.reflect.empty", isError: true)
                return redirect(to: base + "/play")
            }
            guard case .choosing(let offered) = play.engine.status(of: current),
                let id = visit.field("choice").flatMap(Self.choiceID),
                let pick = offered.first(where: { $0.id == id }),
                let next = try? play.engine.choose(offered: pick, in: current)
            else {
                visit.notify("play.notOnOffer", isError: true)
                return redirect(to: base + "/play")
            }
            if let reflection, !reflection.isEmpty, play.screen.reflectPrompt != nil {
                play.reflections[next.state.path.count] = reflection
            }
            play.state = next.state
            play.screen = SessionPlayer.screen(engine: play.engine, from: next.state, after: next.events, policy: PracticePlay.policy)
            play.scored = pages.scoredFeedback(scorer(for: scenario, language: strings.language).score(next.state), step: next.state.path.count)
            return redirect(to: base + (play.screen.ended ? "/debrief" : "/play"))
        case "undo":
            guard let play else {
                visit.notify("library.gone", isError: true)
                return redirect(to: base)
            }
            play.lock.lock()
            defer { play.lock.unlock() }
            let current = play.settled
            guard let last = current.path.last, let previous = play.engine.undo(current) else {
                visit.notify("play.cannotUndo", isError: true)
                return redirect(to: base + "/play")
            }
            play.undone.append(UndoneChoice(step: current.path.count, choice: last.choice, text: last.text))
            play.reflections[current.path.count] = nil
            play.state = previous
            play.screen = SessionPlayer.screen(engine: play.engine, from: previous, after: [], policy: PracticePlay.policy)
            play.scored = []
            visit.notify("play.undone")
            return redirect(to: base + "/play")
        default:
            return notFound(&visit)
        }
    }

    /// The bundled cases, grouped by level and then by language, each with its content warning.
    func libraryPage(_ visit: inout Visit, cases: [Scenario]) -> HTTPResponse {
        _ = visit.ensureBrowser()
        let strings = visit.strings
        let pages = pages(visit)
        let levelOrder = configuration.content.levels.map(\.id)
        let levels = Dictionary(grouping: cases, by: { $0.header.level }).sorted { a, b in
            (levelOrder.firstIndex(of: a.key) ?? Int.max, a.key) < (levelOrder.firstIndex(of: b.key) ?? Int.max, b.key)
        }
        var sections: [Markup] = []
        for (_, inLevel) in levels {
            let levelName = pages.level(of: inLevel[0])
            var groups: [Markup] = []
            for (language, inLanguage) in Dictionary(grouping: inLevel, by: { $0.header.language }).sorted(by: { $0.key < $1.key }) {
                let items = inLanguage.sorted { $0.header.title < $1.header.title }.map { scenario -> Markup in
                    let warning: Markup = scenario.header.contentWarning.map {
                        "<p class=\"warning\"><strong>\(strings("case.warning.title")):</strong> <span lang=\"\(scenario.header.language)\">\($0)</span></p>"
                    } ?? ""
                    return """
                        <li><a href="/cases/\(FormEncoding.percentEncode(scenario.id))" lang="\(scenario.header.language)">\(scenario.header.title)</a>\(warning)</li>
                        """
                }
                groups.append("<h3>\(WebStrings.languageNames[language] ?? language)</h3><ul class=\"cases\">\(items)</ul>")
            }
            sections.append("<section><h2>\(strings("library.level", ["level": levelName]))</h2>\(groups)</section>")
        }
        return page(
            &visit, title: strings("library.title"),
            body: "<h1>\(strings("library.title"))</h1><p>\(strings("library.intro"))</p>\(sections)")
    }
}
