import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The debrief's details: what did not fit the first screen, every point step by step, the case notes and
/// the plan, undone choices, the stronger path and the competency evidence.
extension Debrief {
    // MARK: The details

    func details(
        state: CaseState, engine: Engine, report: ScoreReport, content: DebriefContent,
        stronger: (step: Int, path: [ChoiceID])?
    ) -> String {
        let scenario = engine.scenario
        var sections: [String] = []
        var scores = [screen.styled(strings("debrief.scores"), .bold)]
        if report.isCapped {
            scores += wrapped(
                strings(
                    "debrief.beforeCap",
                    ["score": String(report.uncappedOverall), "level": level(report.uncappedLevel), "capped": level(report.level)]),
                indent: "  ")
        }
        scores += bars(report, withBasis: true)
        sections.append(scores.joined(separator: "\n"))
        if !content.objectives.isEmpty {
            sections.append(
                ([screen.styled(strings("debrief.objectives.title"), .bold)] + content.objectives.flatMap(objectiveLines))
                    .joined(separator: "\n"))
        }
        if !content.missed.isEmpty {
            var lines = [screen.styled(strings("debrief.expected.title"), .bold)]
            for missed in content.missed {
                lines += bullet("✗", missed.because + " (" + strings("score.severity.\(missed.severity.rawValue)") + ")", style: .red)
                if let step = missed.step {
                    lines += wrapped(strings("debrief.expected.atStep", ["step": String(step)]), indent: "      ")
                }
            }
            sections.append(lines.joined(separator: "\n"))
        }
        if !content.best.isEmpty {
            var lines = [screen.styled(strings("debrief.best.title"), .bold)]
            for highlight in content.best {
                lines += bullet("✓", strings("debrief.stepLabel", ["step": String(highlight.step), "text": highlight.choice]), style: .green)
                if let shows = highlight.shows {
                    lines += wrapped(strings("debrief.best.shows", ["what": shows]), indent: "      ")
                }
            }
            sections.append(lines.joined(separator: "\n"))
        }
        if !content.improve.isEmpty {
            var lines = [screen.styled(strings("debrief.improve.title"), .bold)]
            for improvement in content.improve {
                lines += bullet("✗", label(of: improvement), style: .red)
                if let why = improvement.why { lines += wrapped(why, indent: "      ") }
            }
            sections.append(lines.joined(separator: "\n"))
        }
        let dilemmas = dilemmaSection(content)
        if !dilemmas.items.isEmpty {
            sections.append(([dilemmas.title] + dilemmas.items.flatMap { $0 }).joined(separator: "\n"))
        }
        sections.append(stepByStep(report, state: state, scenario: scenario))
        let whole = report.wholePathItems
        if !whole.isEmpty {
            sections.append(screen.styled(strings("debrief.whole"), .bold) + "\n" + whole.map(item).joined(separator: "\n"))
        }
        sections.append(screen.notes(state, scenario: scenario).trimmingSuffix())
        sections.append(screen.plan(content.plan, markGrounded: true).trimmingSuffix())
        if !report.undone.isEmpty {
            sections.append(
                screen.styled(strings("debrief.undone.title"), .bold) + "\n"
                    + report.undone.map {
                        screen.wrap(
                            strings("debrief.undone.item", ["step": String($0.step), "text": $0.text]), indent: "    ",
                            firstIndent: "  - ")
                    }.joined(separator: "\n"))
        }
        if let stronger {
            sections.append(strongerPath(stronger, state: state, engine: engine))
        }
        if !report.competencies.isEmpty {
            sections.append(
                screen.styled(strings("debrief.competencies"), .bold) + "\n"
                    + report.competencies.map { evidence in
                        var parts: [String] = []
                        if !evidence.steps.isEmpty {
                            parts.append(
                                strings(
                                    evidence.steps.count == 1 ? "debrief.competency.steps.one" : "debrief.competency.steps",
                                    ["steps": list(evidence.steps)]))
                        }
                        if !evidence.concerns.isEmpty {
                            parts.append(
                                strings(
                                    evidence.concerns.count == 1
                                        ? "debrief.competency.concerns.one" : "debrief.competency.concerns",
                                    ["steps": list(evidence.concerns)]))
                        }
                        if !evidence.unmetExpectations.isEmpty {
                            parts.append(
                                strings("debrief.competency.unmet", ["names": evidence.unmetExpectations.joined(separator: ", ")]))
                        }
                        return screen.wrap(
                            evidence.competency + (parts.isEmpty ? "" : " " + parts.joined(separator: "; ")),
                            indent: "    ", firstIndent: "  - ")
                    }.joined(separator: "\n"))
        }
        return "\n" + sections.joined(separator: "\n\n") + "\n"
    }

    /// Every scored item under the step that earned it, with the step's feedback.
    func stepByStep(_ report: ScoreReport, state: CaseState, scenario: Scenario) -> String {
        var lines = [screen.styled(strings("debrief.byStep"), .bold)]
        // Grouped once: picking each step's items out of the whole list is quadratic in the path.
        let itemsByStep = Dictionary(grouping: report.items, by: \.step)
        for (index, step) in state.path.enumerated() {
            let number = index + 1
            lines.append("")
            lines.append(
                screen.wrap(
                    strings("debrief.step", ["step": String(number), "choice": step.text, "phase": strings.phase(step.phase)]),
                    indent: "    ", firstIndent: "  "))
            for scored in itemsByStep[number] ?? [] { lines.append(item(scored)) }
            if let feedback = scenario.scene(named: step.scene)?.choices[safe: step.choice.index]?.feedback {
                lines.append(screen.wrap(strings("play.feedback") + " " + feedback, indent: "      ", firstIndent: "    "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One item: its points (a share of the credit for the means), the dimension, and the reason.
    func item(_ item: ScoreItem) -> String {
        let points = item.outOf > 0 ? Self.percent(item.points / item.outOf) : Self.format(item.points)
        let dimension = strings("score.dimension.\(item.dimension.rawValue)")
        let label = "\(points) \(dimension)"
        let good = item.outOf > 0 ? item.points >= item.outOf - 1e-9 : item.points > 0
        let bad = item.outOf > 0 ? item.points < item.outOf - 1e-9 : item.points < 0
        let style: Style = good ? .green : bad ? .red : .dim
        let text = screen.wrap(label + ": " + item.reason, indent: "      ", firstIndent: "    ")
        guard screen.colored, text.hasPrefix("    " + label) else { return text }
        return "    " + screen.styled(label, style) + text.dropFirst(4 + label.count)
    }

    /// Practice mode's immediate feedback: what one step won or lost, with its reasons, in the words the
    /// debrief uses: every item of the step that counts or says why it counts nothing (a decision, a lapse
    /// and the readings counted with it, a lifecycle note). `stepItems` are that step's items (from
    /// `Scorer.StepByStep`, or picked out of a report of the whole path).
    func immediate(items stepItems: [ScoreItem]) -> String {
        let items = stepItems.filter {
            $0.points != 0 || $0.outOf > 0 || $0.gate != nil || $0.notCharged || $0.basis.kind == "phase"
        }
        guard !items.isEmpty else { return "" }
        return items.map { item($0) }.joined(separator: "\n") + "\n"
    }

    /// "From step N, a stronger path would have gone: ..."
    func strongerPath(_ stronger: (step: Int, path: [ChoiceID]), state: CaseState, engine: Engine) -> String {
        var lines = [screen.styled(strings("debrief.stronger.title"), .bold)]
        lines.append(screen.wrap(strings("debrief.stronger.intro", ["step": String(stronger.step)])))
        for (offset, id) in stronger.path.enumerated() {
            guard let choice = engine.scenario.scene(named: id.scene)?.choices[safe: id.index] else { continue }
            let number = String(stronger.step + offset)
            lines.append(
                screen.wrap(
                    "\(number). \(choice.text) (\(strings.phase(choice.phase)))",
                    indent: String(repeating: " ", count: number.count + 4), firstIndent: "  "))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
