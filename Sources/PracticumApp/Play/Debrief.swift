import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The end-of-play debrief on a terminal, in two parts. It lays out the report's `DebriefContent` (worked out
/// in PracticumScoring from the rubric) and decides nothing: the Markdown debrief, the class report and
/// `--json` say the same things.
///
/// The first screen fits `screenLines` rows with its closing prompt: the outcome, the overall score and
/// level, any review or cap with its reasons, the dimensions, then as much as fits, whole, of what a competent
/// worker would also have done, what to improve, the learning objectives and what was done best, in that order
/// of priority; what does not fit is named and follows in the details. Nothing is cut: every line is wrapped
/// to the terminal's width. The details hold the rest, every point step by step, the case notes and the plan,
/// any undone choices, the stronger path (practice mode) and the competency evidence.
struct Debrief {
    let strings: Strings
    let screen: PlayScreen
    let content: ContentLibrary

    /// The rows of the first screen, its closing prompt or hint (and the blank line before it) included: an 80x24
    /// terminal.
    static let screenLines = 24
    /// The lines of one page of details on a terminal.

    /// The two parts of a debrief.
    struct Pages {
        /// The first screen.
        var summary: String
        /// Everything else, for `--details` or the prompt.
        var details: String
    }

    func render(
        state: CaseState, engine: Engine, report: ScoreReport, stronger: (step: Int, path: [ChoiceID])?
    ) -> Pages {
        let content = report.debrief ?? DebriefContent()
        return Pages(
            summary: summary(state: state, engine: engine, report: report, content: content).joined(separator: "\n") + "\n",
            details: details(state: state, engine: engine, report: report, content: content, stronger: stronger))
    }

    // MARK: The first screen

    /// The first screen's lines: the head in full, then whole sections and items while they fit.
    func summary(state: CaseState, engine: Engine, report: ScoreReport, content: DebriefContent) -> [String] {
        let scenario = engine.scenario
        var head: [String] = [screen.styled(String(repeating: "─", count: screen.width), .dim)]
        head += wrapped(strings("debrief.title", ["title": scenario.header.title])).map { screen.styled($0, .bold) }
        var status = report.outcome.map { strings("debrief.outcome", ["outcome": strings.outcome($0)]) }
            ?? strings("debrief.unfinished")
        status += " " + strings("debrief.steps", ["count": String(state.path.count)])
        if !report.undone.isEmpty {
            status += " " + strings(
                report.undone.count == 1 ? "debrief.practiceUndoneOne" : "debrief.practiceUndone",
                ["count": String(report.undone.count), "steps": report.undone.map { String($0.step) }.joined(separator: ", ")])
        }
        let overall = strings("debrief.overall", ["score": String(report.overall), "level": level(report.level)])
        // The score and how the case ended share a line when they fit on one.
        if displayWidth(of: overall + "  " + status) <= screen.width {
            head.append(screen.styled(overall, .bold) + "  " + VisibleText.make(status, keepNewlines: false))
        } else {
            head.append(screen.styled(overall, .bold))
            head += wrapped(status)
        }
        if !content.review.isEmpty {
            let text = strings("debrief.review", ["reasons": content.review.joined(separator: "; ")])
            head += wrapped(text).map { screen.styled($0, [.bold, .red]) }
        }
        if let cap = content.cap, !cap.reasons.isEmpty {
            let text = strings("debrief.capped", ["level": level(cap.level), "reason": cap.reasons.joined(separator: "; ")])
            head += wrapped(text).map { screen.styled($0, .yellow) }
        }
        if let partial = report.partialSearch {
            let figures = ["states": String(partial.states), "limit": String(partial.limit)]
            head += wrapped(strings("score.partialSearch", figures))
        } else if report.explorationTruncated {
            head += wrapped(strings("score.truncated"))
        }
        head.append("")
        head += bars(report, withBasis: false)

        // Sections in the order shown; filled in the order of what matters most.
        var sections: [Section] = [
            missedSection(content), bestSection(content), improveSection(content), objectivesSection(content),
            dilemmaSection(content),
        ]
        let priority = [0, 2, 4, 3, 1]
        // The closing line (the prompt for the details, or the hint to see them) and the blank line before it, and
        // the blank line before the sections.
        let closing = 1 + max(wrapped(strings("debrief.detailsPrompt")).count, wrapped(strings("debrief.detailsHint")).count)
        // Room for naming the sections that did not fit, at the most it can take.
        let allTitles = sections.map(\.plainTitle).joined(separator: ", ")
        let naming = wrapped(strings("debrief.sectionsBelow", ["sections": allTitles])).count
        var room = Self.screenLines - closing - head.count - 1 - naming
        var shown = [Int](repeating: 0, count: sections.count)
        for index in priority where !sections[index].items.isEmpty {
            let section = sections[index]
            var used = 1  // the title
            var count = 0
            for item in section.items {
                let more = section.items.count - count - 1 > 0 ? 1 : 0
                guard used + item.count + more <= room else { break }
                used += item.count
                count += 1
            }
            if count < section.items.count { used += 1 }
            guard count > 0 else { continue }
            shown[index] = count
            room -= used
        }
        var body: [String] = []
        var omitted: [String] = []
        for index in sections.indices where !sections[index].items.isEmpty {
            let section = sections[index]
            guard shown[index] > 0 else {
                omitted.append(section.plainTitle)
                continue
            }
            body.append(section.title)
            for item in section.items.prefix(shown[index]) { body += item }
            let hidden = section.items.count - shown[index]
            if hidden > 0 { body.append("    " + strings("debrief.moreBelow", ["count": String(hidden)])) }
        }
        sections.removeAll()
        if !omitted.isEmpty {
            body += wrapped(strings("debrief.sectionsBelow", ["sections": omitted.joined(separator: ", ")]))
                .map { screen.styled($0, .dim) }
        }
        return head + [""] + body
    }

    /// A section of the first screen: its title, and each item as the lines it takes.
    private struct Section {
        var title: String
        var plainTitle: String
        var items: [[String]]
    }

    /// The level's name in the interface language.
    private func level(_ level: Level) -> String {
        strings("score.level.\(level.rawValue.lowercased())")
    }

    /// The dimensions as bars, two to a row when the screen is wide enough; `withBasis` adds each one's
    /// points out of the best ("(26 of 47 points)"), one to a row.
    func bars(_ report: ScoreReport, withBasis: Bool) -> [String] {
        let names = Dimension.allCases.map { strings("score.dimension.\($0.rawValue)") }
        let nameWidth = names.map { displayWidth(of: $0) }.max() ?? 10
        let renderer = BarRenderer(glyphs: .blocks)
        let barWidth = withBasis ? 20 : 12
        let cells = zip(Dimension.allCases, names).map { dimension, name -> String in
            let padded = name + String(repeating: " ", count: nameWidth - displayWidth(of: name))
            if report.notAssessed.contains(dimension) {
                return padded + "  " + strings("debrief.notAssessed")
            }
            let value = report.dimensions[dimension] ?? 0
            let number = String(repeating: " ", count: 3 - String(value).count) + String(value)
            var cell = padded + "  " + renderer.bar(fraction: Double(value) / 100, width: barWidth) + " \(number)"
            if withBasis { cell += basis(raw: report.raw[dimension] ?? 0, best: report.best[dimension] ?? 0) }
            return cell
        }
        let cellWidth = cells.map { displayWidth(of: $0) }.max() ?? 0
        guard !withBasis, 2 + 2 * cellWidth + 4 <= screen.width, !cells.contains(where: { $0.contains(strings("debrief.notAssessed")) })
        else { return cells.map { "  " + $0 } }
        var rows: [String] = []
        var index = 0
        while index < cells.count {
            var row = "  " + cells[index]
            if index + 1 < cells.count {
                row += String(repeating: " ", count: cellWidth - displayWidth(of: cells[index]) + 4) + cells[index + 1]
            }
            rows.append(row)
            index += 2
        }
        return rows
    }

    /// What a dimension's score rests on: "(26 of 47 points)"; nothing where the best is 0 or below.
    func basis(raw: Double, best: Double) -> String {
        guard best.isFinite, best > 0 else { return "" }
        let shown = min(raw, best)
        return "  " + strings("debrief.ofBest", ["raw": Self.number(max(0, shown)), "best": Self.number(best)])
    }

    private func missedSection(_ content: DebriefContent) -> Section {
        let title = strings("debrief.expected.title")
        guard !content.missed.isEmpty else {
            // Nothing missed: one line says so, when the case expects anything at all.
            let expectsAnything = !content.objectives.filter { $0.state != .notAssessed }.isEmpty
            return Section(
                title: screen.styled(title, .bold), plainTitle: title,
                items: expectsAnything ? [wrapped(strings("debrief.expected.none"), indent: "  ")] : [])
        }
        return Section(
            title: screen.styled(title, .bold), plainTitle: title,
            items: content.missed.map { missed in
                bullet("✗", missed.sentence + " (" + strings("score.severity.\(missed.severity.rawValue)") + ")", style: .red)
            })
    }

    private func bestSection(_ content: DebriefContent) -> Section {
        let title = strings("debrief.best.title")
        return Section(
            title: screen.styled(title, .bold), plainTitle: title,
            items: content.best.map { highlight in
                bullet("✓", strings("debrief.stepLabel", ["step": String(highlight.step), "text": highlight.choice]), style: .green)
            })
    }

    private func improveSection(_ content: DebriefContent) -> Section {
        let title = strings("debrief.improve.title")
        return Section(
            title: screen.styled(title, .bold), plainTitle: title,
            items: content.improve.map { improvement in
                // On the first screen, the step and why; the details add the words of the choice.
                guard let step = improvement.step, let why = improvement.why else {
                    return bullet("✗", label(of: improvement), style: .red)
                }
                return bullet("✗", strings("debrief.stepLabel", ["step": String(step), "text": why]), style: .red)
            })
    }

    /// The dilemmas met: each trade-off whole, and the answer the student took. Both answers were defensible,
    /// so the debrief names no winner.
    private func dilemmaSection(_ content: DebriefContent) -> Section {
        let title = strings("debrief.dilemmas.title")
        return Section(
            title: screen.styled(title, .bold), plainTitle: title,
            items: content.dilemmas.map { dilemma in
                bullet("⇄", dilemma.tradeOff, style: .bold)
                    + wrapped(
                        strings("debrief.dilemmas.chose", ["step": String(dilemma.step), "choice": dilemma.choice]),
                        indent: "    ")
            })
    }

    private func objectivesSection(_ content: DebriefContent) -> Section {
        let title = strings("debrief.objectives.title")
        return Section(
            title: screen.styled(title, .bold), plainTitle: title,
            items: content.objectives.map { objective in objectiveLines(objective) })
    }

    /// An objective as a bullet: ✓ met, ✗ not met, – did not arise, … not yet, · not assessed.
    func objectiveLines(_ objective: DebriefContent.ObjectiveState) -> [String] {
        switch objective.state {
        case .met: return bullet("✓", objective.text, style: .green)
        case .unmet: return bullet("✗", objective.text, style: .red)
        case .didNotArise:
            return bullet("–", objective.text + " " + strings("debrief.objective.didNotArise"), style: .dim)
        case .pending:
            return bullet("…", objective.text + " " + strings("debrief.objective.pending"), style: .dim)
        case .notAssessed:
            return bullet("·", objective.text + " " + strings("debrief.objective.notAssessed"), style: .dim)
        }
    }

    /// "Step 4: the choice", or the whole-path matter.
    private func label(of improvement: DebriefContent.Improvement) -> String {
        if let step = improvement.step {
            return strings("debrief.stepLabel", ["step": String(step), "text": improvement.choice ?? ""])
        }
        return improvement.matter ?? ""
    }

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
                            parts.append(strings("debrief.competency.steps", ["steps": list(evidence.steps)]))
                        }
                        if !evidence.concerns.isEmpty {
                            parts.append(strings("debrief.competency.concerns", ["steps": list(evidence.concerns)]))
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
    /// and the readings counted with it, a lifecycle note).
    func immediate(_ report: ScoreReport, step: Int) -> String {
        immediate(items: report.items(atStep: step))
    }

    /// `immediate(_:step:)` on the items of one step, already picked out of the report.
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

    // MARK: On a terminal

    /// Asks whether to show the details, then shows them a page at a time; any answer but Enter, or the
    /// end of input, stops.
    func offer(_ details: String, context: inout AppContext) {
        context.output.write("\n" + screen.wrap(strings("debrief.detailsPrompt")) + " ")
        guard let answer = context.input.readLine(), answer.trimmingCharacters(in: .whitespaces).isEmpty else {
            context.output.write("\n")
            return
        }
        Pager(prompt: screen.styled(strings("debrief.more"), .dim)).show(details, interactive: true, context: &context)
    }

    // MARK: Formatting

    /// `+2`, `-25`, `+1.5`, `0`.
    static func format(_ points: Double) -> String {
        let rounded = (points * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return rounded > 0 ? "+" + text : text
    }

    /// `100%`, `67%`.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// `22`, `7.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The text wrapped to the screen, every line kept.
    func wrapped(_ text: String, indent: String = "") -> [String] {
        TextWrapper.wrap(VisibleText.make(text), width: screen.width, indent: indent, firstIndent: indent)
    }

    /// "  ✓ text", wrapped under its text, the mark coloured.
    func bullet(_ mark: String, _ text: String, style: Style) -> [String] {
        let lines = TextWrapper.wrap(
            VisibleText.make(text, keepNewlines: false), width: screen.width, indent: "    ", firstIndent: "  " + mark + " ")
        guard screen.colored, let first = lines.first else { return lines }
        return ["  " + screen.styled(mark, style) + first.dropFirst(2 + mark.count)] + lines.dropFirst()
    }

    private func list(_ steps: [Int]) -> String {
        steps.map(String.init).joined(separator: ", ")
    }
}

extension Array {
    /// The element at `index`, or nil when the index is out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
