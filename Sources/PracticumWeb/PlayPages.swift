import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring

/// The pages of a case, for session and library plays alike: the case's front page with its content warning,
/// the play page, and the ending with the debrief.
struct PlayPages {
    let strings: WebStrings
    let content: ContentLibrary
    let csrfField: Markup
    let reflectionLimit: Int

    /// The case's level, in the interface language.
    func level(of scenario: Scenario) -> String {
        content.levels.first { $0.id == scenario.header.level }?.name(in: strings.language) ?? scenario.header.level
    }

    /// The case's facts and content warning, shown before it starts.
    func front(scenario: Scenario) -> Markup {
        let header = scenario.header
        var facts: [Markup] = ["<li>\(strings("case.level", ["level": level(of: scenario)]))</li>"]
        if let minutes = header.minutes { facts.append("<li>\(strings("case.minutes", ["minutes": String(minutes)]))</li>") }
        let languageName = WebStrings.languageNames[header.language] ?? header.language
        facts.append("<li>\(strings("language")): \(languageName)</li>")
        let warning: Markup = header.contentWarning.map { text in
            "<section class=\"panel warning\" aria-labelledby=\"warning\"><h2 id=\"warning\">\(strings("case.warning.title"))</h2><p lang=\"\(header.language)\">\(text)</p></section>"
        } ?? "<section class=\"panel\" aria-labelledby=\"warning\"><h2 id=\"warning\">\(strings("case.warning.title"))</h2><p>\(strings("case.warning.none"))</p></section>"
        return """
            <h1 lang="\(header.language)">\(header.title)</h1>
            <ul>\(facts)</ul>
            \(warning)
            """
    }

    /// A form with one button that posts to `action`.
    func button(_ label: String, action: String, secondary: Bool = false) -> Markup {
        """
        <form class="inline" method="post" action="\(action)">\(csrfField)<button type="submit"\(secondary ? " class=\"secondary\"" as Markup : "")>\(label)</button></form>
        """
    }

    /// The play page: the scene, what the last choice changed, the feedback allowed, the choices as one form
    /// (one button per choice, posting its id, with the step it was offered at), the reflection box when the
    /// scene asks for one, undo when allowed, and the notes and plan so far.
    func play(
        scenario: Scenario, screen: SessionPlayer.Screen, scored: [String] = [], state: CaseState, basePath: String,
        canUndo: Bool, saved: Bool
    ) -> Markup {
        let caseLanguage = scenario.header.language
        var parts: [Markup] = [
            "<h1 lang=\"\(caseLanguage)\">\(scenario.header.title)</h1>",
            "<p class=\"muted\">\(strings("play.step", ["step": String(screen.step + 1)]))</p>",
        ]
        // What the last choice brought (its feedback, what it added to the notes and the plan) comes first, as
        // at the terminal: it answers the choice just made, before the scene it led to.
        parts.append(lastChoice(scenario: scenario, screen: screen, scored: scored))
        let paragraphs = screen.paragraphs.map { paragraph -> Markup in "<p>\(paragraph)</p>" }
        parts.append("<section lang=\"\(caseLanguage)\" aria-label=\"\(scenario.header.title)\">\(paragraphs)</section>")
        if !screen.choices.isEmpty {
            var reflection: Markup = ""
            if let prompt = screen.reflectPrompt {
                let label = strings("play.reflect.label", ["prompt": prompt, "limit": String(reflectionLimit)])
                reflection = """
                    <label for="reflection">\(label)</label>
                    <textarea id="reflection" name="reflection" maxlength="\(reflectionLimit)" rows="5" required></textarea>
                    """
            }
            let buttons = screen.choices.map { choice -> Markup in
                "<li><button type=\"submit\" name=\"choice\" value=\"\(choice.id.description)\" lang=\"\(caseLanguage)\">\(choice.text)</button></li>"
            }
            parts.append("""
                <form method="post" action="\(basePath)/choose">\(csrfField)<input type="hidden" name="step" value="\(screen.step)">
                \(reflection)
                <fieldset><legend><h2>\(strings("play.choose"))</h2></legend><ol class="choices">\(buttons)</ol></fieldset>
                </form>
                """)
        } else if screen.stuck {
            parts.append("<p class=\"error\">\(strings("play.stuck"))</p>")
        }
        if canUndo && screen.step > 0 { parts.append("<div class=\"actions\">\(button(strings("play.undo"), action: basePath + "/undo", secondary: true))</div>") }
        parts.append(notesAndPlan(scenario: scenario, state: state))
        if saved { parts.append("<p class=\"muted\">\(strings("play.saved"))</p>") }
        return Markup.joined(parts, separator: "\n")
    }

    /// The panel on the last choice: the feedback the policy gives and what the choice added to the case notes
    /// and the plan; nothing when there is neither.
    func lastChoice(scenario: Scenario, screen: SessionPlayer.Screen, scored: [String]) -> Markup {
        let caseLanguage = scenario.header.language
        var changes: [Markup] = screen.noted.map { "<li>\(strings("play.noted", ["text": $0]))</li>" }
        changes += screen.planned.map { "<li>\(strings("play.planned", ["text": $0]))</li>" }
        guard !screen.feedback.isEmpty || !scored.isEmpty || !changes.isEmpty else { return "" }
        let items = screen.feedback.map { text -> Markup in "<p lang=\"\(caseLanguage)\">\(text)</p>" }
        let points: Markup = scored.isEmpty ? "" : "<ul>\(scored.map { line -> Markup in "<li>\(line)</li>" })</ul>"
        let added: Markup = changes.isEmpty ? "" : "<ul>\(changes)</ul>"
        let heading: Markup =
            screen.feedback.isEmpty && scored.isEmpty
            ? "<h2 id=\"feedback\">\(strings("play.lastChoice"))</h2>" : "<h2 id=\"feedback\">\(strings("play.feedback"))</h2>"
        return "<section class=\"panel\" aria-labelledby=\"feedback\">\(heading)\(items)\(points)\(added)</section>"
    }

    /// Feedback after a choice (when the policy gives it), as the terminal's practice mode says it: every item
    /// of the step that counts or says why it counts nothing, "+2 Practice: reason".
    func scoredFeedback(_ report: ScoreReport, step: Int) -> [String] {
        report.items(atStep: step).filter {
            $0.points != 0 || $0.outOf > 0 || $0.gate != nil || $0.notCharged || $0.basis.kind == "phase"
        }.map { item in
            let points = item.outOf > 0 ? "\(Int((item.points / item.outOf * 100).rounded()))%" : Self.format(item.points)
            let dimension = content.string("score.dimension.\(item.dimension.rawValue)", language: strings.language)
            return "\(points) \(dimension): \(item.reason)"
        }
    }

    /// `+2`, `-25`, `+1.5`, `0`.
    static func format(_ points: Double) -> String {
        let rounded = (points * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return rounded > 0 ? "+" + text : text
    }

    /// The case notes and the plan so far.
    func notesAndPlan(scenario: Scenario, state: CaseState) -> Markup {
        var parts: [Markup] = []
        let notes = state.revealedFindings.map { id -> Markup in "<li>\(scenario.finding(named: id)?.text ?? id)</li>" }
        if !notes.isEmpty {
            parts.append("<section aria-labelledby=\"notes\"><h2 id=\"notes\">\(strings("play.notes"))</h2><ul lang=\"\(scenario.header.language)\">\(notes)</ul></section>")
        }
        let plan = DebriefContent.plan(of: state.choicesTaken, in: scenario).map { entry -> Markup in
            "<li>\(entry.findingText)</li>"
        }
        if !plan.isEmpty {
            parts.append("<section aria-labelledby=\"plan\"><h2 id=\"plan\">\(strings("play.plan"))</h2><ul lang=\"\(scenario.header.language)\">\(plan)</ul></section>")
        }
        return Markup.joined(parts, separator: "\n")
    }

    /// The ending: the last text of the case and how it ended.
    func ending(scenario: Scenario, screen: SessionPlayer.Screen?, outcome: String?) -> Markup {
        var parts: [Markup] = ["<h1 lang=\"\(scenario.header.language)\">\(scenario.header.title)</h1>"]
        if let screen, screen.ended {
            if !screen.feedback.isEmpty {
                let items = screen.feedback.map { text -> Markup in "<p lang=\"\(scenario.header.language)\">\(text)</p>" }
                parts.append("<section class=\"panel\" aria-labelledby=\"feedback\"><h2 id=\"feedback\">\(strings("play.feedback"))</h2>\(items)</section>")
            }
            let paragraphs = screen.paragraphs.map { paragraph -> Markup in "<p>\(paragraph)</p>" }
            parts.append("<section lang=\"\(scenario.header.language)\">\(paragraphs)</section>")
        }
        if let outcome {
            let name = content.outcomes.first { $0.id == outcome }?.name(in: strings.language) ?? outcome
            parts.append("<p><strong>\(strings("play.ended", ["outcome": name]))</strong></p>")
        }
        return Markup.joined(parts, separator: "\n")
    }

    /// The debrief: the same report data the terminal lays out (`ScoreReport` and its `DebriefContent`), with the
    /// debrief's sentences from Content/strings in the interface language.
    func debrief(report: ScoreReport, reflections: [(step: Int, text: String)]) -> Markup {
        let language = strings.language
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            content.string(key, language: language, arguments)
        }
        func level(_ level: Level) -> String { say("score.level.\(level.rawValue.lowercased())") }
        let debrief = report.debrief ?? DebriefContent()
        var parts: [Markup] = [
            "<h2 id=\"debrief\">\(say("debrief.scores"))</h2>",
            "<p><strong>\(say("debrief.overall", ["score": String(report.overall), "level": level(report.level)]))</strong></p>",
        ]
        if let partial = report.partialSearch {
            parts.append("<p>\(say("score.partialSearch", ["states": String(partial.states), "limit": String(partial.limit)]))</p>")
        }
        if !debrief.review.isEmpty {
            parts.append("<p class=\"error\">\(say("debrief.review", ["reasons": debrief.review.joined(separator: "; ")]))</p>")
        }
        if let cap = debrief.cap, !cap.reasons.isEmpty {
            parts.append("<p>\(say("debrief.capped", ["level": level(cap.level), "reason": cap.reasons.joined(separator: "; ")]))</p>")
        }
        let rows = Dimension.allCases.map { dimension -> Markup in
            let name = say("score.dimension.\(dimension.rawValue)")
            let score = report.notAssessed.contains(dimension) ? say("debrief.notAssessed") : report.dimensions[dimension].map { "\($0)/100" } ?? "–"
            return "<tr><th scope=\"row\">\(name)</th><td>\(score)</td></tr>"
        }
        parts.append("<table class=\"scores\" aria-label=\"\(strings("debrief.dimensions"))\"><tbody>\(rows)</tbody></table>")
        func section(_ titleKey: String, _ items: [Markup]) {
            guard !items.isEmpty else { return }
            parts.append("<h3>\(say(titleKey))</h3><ul>\(items)</ul>")
        }
        section("debrief.expected.title", debrief.missed.map { missed -> Markup in
            let reach: Markup = missed.step.map { " \(say("debrief.expected.atStep", ["step": String($0)]))" } ?? ""
            return "<li>\(missed.sentence)\(reach)</li>"
        })
        section("debrief.best.title", debrief.best.map { best -> Markup in
            let shows: Markup = best.shows.map { "<br>\(say("debrief.best.shows", ["what": $0]))" } ?? ""
            return "<li>\(say("debrief.stepLabel", ["step": String(best.step), "text": best.choice]))\(shows)</li>"
        })
        section("debrief.improve.title", debrief.improve.map { item -> Markup in
            var head = item.matter ?? ""
            if let step = item.step { head = say("debrief.stepLabel", ["step": String(step), "text": item.choice ?? ""]) }
            let why: Markup = item.why.map { "<br>\($0)" } ?? ""
            return "<li>\(head)\(why)</li>"
        })
        section("debrief.objectives.title", debrief.objectives.map { objective -> Markup in
            let state: String
            switch objective.state {
            case .met: state = strings("objective.met")
            case .unmet: state = strings("objective.unmet")
            case .didNotArise: state = say("debrief.objective.didNotArise")
            case .pending: state = say("debrief.objective.pending")
            case .notAssessed: state = say("debrief.objective.notAssessed")
            }
            return "<li>\(objective.text) — \(state)</li>"
        })
        section("debrief.dilemmas.title", debrief.dilemmas.map { dilemma -> Markup in
            "<li>\(dilemma.tradeOff)<br>\(say("debrief.dilemmas.chose", ["step": String(dilemma.step), "choice": dilemma.choice]))</li>"
        })
        section("debrief.plan.title", debrief.plan.map { entry -> Markup in
            "<li>\(entry.findingText): \(entry.goal)</li>"
        })
        section("debrief.undone.title", report.undone.map { undone -> Markup in
            "<li>\(say("debrief.undone.item", ["step": String(undone.step), "text": undone.text]))</li>"
        })
        section("debrief.reflections", reflections.map { reflection -> Markup in
            "<li>\(say("debrief.reflection.step", ["step": String(reflection.step)])) \(reflection.text)</li>"
        })
        return Markup.joined(parts, separator: "\n")
    }
}
