import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The end-of-play debrief, in two parts.
///
/// The first screen fits `screenLines` lines: the outcome, the overall score and
/// level, any review flag or cap with its reason, a bar per dimension, what a
/// competent worker would also have done (unmet expectations), the three things
/// done best and the three to improve, and the case's learning objectives with
/// whether each was shown. The details, on request, hold every point step by
/// step, the case notes, the plan in the words of the choices that set it, any
/// undone choices, the stronger path (practice mode) and the competency evidence.
struct Debrief {
    let strings: Strings
    let screen: PlayScreen
    let content: ContentLibrary

    /// The most lines the first screen takes, its closing hint included.
    static let screenLines = 35
    /// The lines of one page of details on a terminal.
    static let pageLines = 30

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
        Pages(
            summary: summary(state: state, engine: engine, report: report).joined(separator: "\n") + "\n",
            details: details(state: state, engine: engine, report: report, stronger: stronger))
    }

    // MARK: The first screen

    /// The first screen's lines, cut to fit `screenLines` with room for one closing line.
    func summary(state: CaseState, engine: Engine, report: ScoreReport) -> [String] {
        let scenario = engine.scenario
        var head: [String] = [screen.styled(String(repeating: "─", count: screen.width), .dim)]
        head.append(screen.styled(oneLine(strings("debrief.title", ["title": scenario.header.title])), .bold))
        var status = report.outcome.map { strings("debrief.outcome", ["outcome": strings.outcome($0)]) }
            ?? strings("debrief.unfinished")
        status += " " + strings("debrief.steps", ["count": String(state.path.count)])
        if !report.undone.isEmpty {
            status += " " + strings(
                report.undone.count == 1 ? "debrief.practiceUndoneOne" : "debrief.practiceUndone",
                ["count": String(report.undone.count), "steps": report.undone.map { String($0.step) }.joined(separator: ", ")])
        }
        head += wrapped(status, limit: 2)
        let level = strings("score.level.\(report.level.rawValue.lowercased())")
        head.append(screen.styled(strings("debrief.overall", ["score": String(report.overall), "level": level]), .bold))
        let reviews = report.gatekeeping.filter(\.review).map(\.summary)
        if !reviews.isEmpty {
            let text = strings("debrief.review", ["reasons": unique(reviews).joined(separator: "; ")])
            head += wrapped(text, limit: 2).map { screen.styled($0, [.bold, .red]) }
        }
        if report.level < report.uncappedLevel,
            let cap = report.gatekeeping.filter({ $0.cap == report.level && !$0.review }).first
        {
            let text = strings(
                "debrief.capped", ["level": level, "reason": cap.summary])
            head += wrapped(text, limit: 2).map { screen.styled($0, .yellow) }
        }
        if report.explorationTruncated { head += wrapped(strings("score.truncated"), limit: 2) }
        head.append("")
        head += bars(report)

        let expected = expectedSection(report)
        let choices = state.path.map { scenario.scene(named: $0.scene)?.choices[safe: $0.choice.index] }
        let best = bestSection(report, choices: choices)
        var improve = improveSection(report, scenario: scenario, detailed: true)
        var objectives = objectivesSection(report, scenario: scenario)
        let budget = Self.screenLines - 2  // a blank line and the closing hint
        func total() -> Int {
            head.count + 1 + expected.count + best.count + improve.count + objectives.count
        }
        if total() > budget { improve = improveSection(report, scenario: scenario, detailed: false) }
        if total() > budget, objectives.count > 2 {
            let keep = max(1, objectives.count - 1 - (total() - budget) - 1)
            let hidden = objectives.count - 1 - keep
            objectives = Array(objectives.prefix(1 + keep))
                + ["  " + oneLine(strings("debrief.objectives.more", ["count": String(hidden)]), indent: 2)]
        }
        return head + [""] + expected + best + improve + objectives
    }

    /// "  Practice   ████████████████████ 100  (22 of 22)", one per dimension.
    func bars(_ report: ScoreReport) -> [String] {
        let names = Dimension.allCases.map { strings("score.dimension.\($0.rawValue)") }
        let nameWidth = names.map { displayWidth(of: $0) }.max() ?? 10
        let bars = BarRenderer(glyphs: .blocks)
        return zip(Dimension.allCases, names).map { dimension, name in
            let padded = name + String(repeating: " ", count: nameWidth - displayWidth(of: name))
            if report.notAssessed.contains(dimension) {
                return "  \(padded)  " + strings("debrief.notAssessed")
            }
            let value = report.dimensions[dimension] ?? 0
            let number = String(repeating: " ", count: 3 - String(value).count) + String(value)
            return "  \(padded)  " + bars.bar(fraction: Double(value) / 100, width: 20) + " \(number)"
                + basis(raw: report.raw[dimension] ?? 0, best: report.best[dimension] ?? 0)
        }
    }

    /// What a dimension's score rests on: "(26 of 47)"; nothing where the best is 0 or below.
    func basis(raw: Double, best: Double) -> String {
        guard best.isFinite, best > 0 else { return "" }
        let shown = min(raw, best)
        return "  " + strings("debrief.ofBest", ["raw": Self.number(max(0, shown)), "best": Self.number(best)])
    }

    func expectedSection(_ report: ScoreReport) -> [String] {
        guard !report.expectations.isEmpty else { return [] }
        let unmet = report.unmetExpectations
        var lines = [screen.styled(strings("debrief.expected.title"), .bold)]
        if unmet.isEmpty {
            lines.append("  " + oneLine(strings("debrief.expected.none"), indent: 2))
            return lines
        }
        for expectation in unmet.prefix(3) {
            let severity = strings("score.severity.\(expectation.severity.rawValue)")
            lines.append(bullet("✗", expectation.because, suffix: " (\(severity))", style: .red))
        }
        if unmet.count > 3 {
            lines.append("    " + strings("debrief.expected.more", ["count": String(unmet.count - 3)]))
        }
        return lines
    }

    /// The three steps done best: sound choices at full credit with nothing against them, those that met an
    /// expectation of the case first. `choices` are the path's choices, step by step.
    func bestSection(_ report: ScoreReport, choices: [Choice?]) -> [String] {
        var candidates: [(step: Int, rank: Int)] = []
        let metAt = Dictionary(grouping: report.expectations.filter { $0.met && ($0.step ?? 0) > 0 }, by: { $0.step! })
        for step in 1...max(1, report.steps) where report.steps > 0 {
            let items = report.items(atStep: step)
            guard let choice = choices[safe: step - 1] ?? nil, choice.quality > 0,
                !items.contains(where: { $0.points < 0 || $0.gate != nil }),
                !items.contains(where: { $0.outOf > 0 && $0.points < $0.outOf - 1e-9 })
            else { continue }
            let met = (metAt[step] ?? []).reduce(0) { $0 + 100 * (Violation.Severity.allCases.firstIndex(of: $1.severity)! + 1) }
            let decided = items.contains { $0.dimension == .practice && $0.outOf > 0 } ? 5 : 0
            candidates.append((step, met + 10 * choice.quality + decided + choice.upholds.count))
        }
        let top = candidates.sorted { ($0.rank, -$0.step) > ($1.rank, -$1.step) }.prefix(3).sorted { $0.step < $1.step }
        guard !top.isEmpty else { return [] }
        return [screen.styled(strings("debrief.best.title"), .bold)]
            + top.map { candidate in
                // A step may have no item of its own (one choice on offer, nothing breached): the choice names it.
                let text = report.items(atStep: candidate.step).first?.choiceText
                    ?? (choices[safe: candidate.step - 1] ?? nil)?.text ?? ""
                return bullet("✓", strings("debrief.stepLabel", ["step": String(candidate.step), "text": text]), style: .green)
            }
    }

    func improveSection(_ report: ScoreReport, scenario: Scenario, detailed: Bool) -> [String] {
        var candidates: [(key: Int, impact: Int, label: String, why: String?)] = []
        for step in 1...max(1, report.steps) where report.steps > 0 {
            let items = report.items(atStep: step)
            guard let text = items.first?.choiceText else { continue }
            var impact = 0
            var why: String?
            for item in items {
                var itemImpact = 0
                var itemWhy: String?
                if item.dimension == .ethics, item.points < 0, case .principle(let principle) = item.basis {
                    let severity = item.points <= -50 ? "critical" : item.points <= -25 ? "major" : "minor"
                    itemImpact = severity == "critical" ? 1000 : severity == "major" ? 500 : 100
                    itemWhy = strings(
                        "debrief.improve.breach",
                        ["severity": strings("score.severity.\(severity)"), "principle": principleName(principle)])
                } else if item.dimension == .practice, item.outOf > 0, item.points < item.outOf - 1e-9 {
                    itemImpact = 40 + Int(60 * (1 - item.points))
                    itemWhy = item.stronger.map { strings("debrief.improve.stronger", ["text": $0]) }
                } else if item.dimension == .lifecycle, item.points < 0 {
                    itemImpact = 60
                    itemWhy = item.reason.components(separatedBy: ":").first
                } else if item.dimension == .planning, item.outOf > 0, item.points < item.outOf,
                    case .finding(let finding) = item.basis
                {
                    itemImpact = 50
                    itemWhy = strings(
                        "debrief.improve.ungrounded", ["finding": scenario.finding(named: finding)?.text ?? finding])
                }
                if itemImpact > impact {
                    impact = itemImpact
                    why = itemWhy
                }
            }
            if impact > 0 {
                candidates.append((step, impact, strings("debrief.stepLabel", ["step": String(step), "text": text]), why))
            }
        }
        for item in report.wholePathItems where item.dimension == .planning && item.outOf > 0 && item.points < item.outOf {
            let finding: String
            if case .finding(let id) = item.basis { finding = scenario.finding(named: id)?.text ?? id } else { finding = "" }
            if item.gate != nil {
                candidates.append((Int.max - 1, 400, strings("debrief.improve.riskLeftOut", ["finding": finding]), nil))
            } else if finding.isEmpty {
                candidates.append((Int.max, 50, strings("debrief.improve.noPlan"), nil))
            } else {
                candidates.append((Int.max, 50, strings("debrief.improve.leftOut", ["finding": finding]), nil))
            }
        }
        let top = candidates.sorted { ($0.impact, -$0.key) > ($1.impact, -$1.key) }.prefix(3).sorted { $0.key < $1.key }
        guard !top.isEmpty else { return [] }
        var lines = [screen.styled(strings("debrief.improve.title"), .bold)]
        for candidate in top {
            lines.append(bullet("✗", candidate.label, style: .red))
            if detailed, let why = candidate.why { lines.append("      " + oneLine(why, indent: 6)) }
        }
        return lines
    }

    func objectivesSection(_ report: ScoreReport, scenario: Scenario) -> [String] {
        let objectives = scenario.header.objectives
        guard !objectives.isEmpty else { return [] }
        let met = Set(report.expectations.filter(\.met).map(\.name))
        return [screen.styled(strings("debrief.objectives.title"), .bold)]
            + objectives.map { objective in
                if objective.shownBy.isEmpty {
                    return bullet("·", objective.text, suffix: " " + strings("debrief.objective.notAssessed"), style: .dim)
                }
                let shown = objective.shownBy.allSatisfy(met.contains)
                return bullet(shown ? "✓" : "✗", objective.text, style: shown ? .green : .red)
            }
    }

    // MARK: The details

    func details(
        state: CaseState, engine: Engine, report: ScoreReport, stronger: (step: Int, path: [ChoiceID])?
    ) -> String {
        let scenario = engine.scenario
        var sections: [String] = [stepByStep(report, state: state, scenario: scenario)]
        let whole = report.wholePathItems
        if !whole.isEmpty {
            sections.append(screen.styled(strings("debrief.whole"), .bold) + "\n" + whole.map(item).joined(separator: "\n"))
        }
        sections.append(screen.notes(state, scenario: scenario).trimmingSuffix())
        sections.append(screen.plan(state, scenario: scenario, markGrounded: true).trimmingSuffix())
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
        for (index, step) in state.path.enumerated() {
            let number = index + 1
            lines.append("")
            lines.append(
                screen.wrap(
                    strings("debrief.step", ["step": String(number), "choice": step.text, "phase": strings.phase(step.phase)]),
                    indent: "    ", firstIndent: "  "))
            for scored in report.items(atStep: number) { lines.append(item(scored)) }
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

    /// Practice mode's immediate feedback: the points one step won or lost, with their reasons.
    func immediate(_ report: ScoreReport, step: Int) -> String {
        let items = report.items(atStep: step).filter { $0.points != 0 || $0.outOf > 0 || $0.basis.kind == "phase" }
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
        context.output.write("\n" + strings("debrief.detailsPrompt") + " ")
        guard let answer = context.input.readLine(), answer.trimmingCharacters(in: .whitespaces).isEmpty else {
            context.output.write("\n")
            return
        }
        let lines = details.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < lines.count {
            let end = min(lines.count, start + Self.pageLines)
            context.output.write(lines[start..<end].joined(separator: "\n") + "\n")
            start = end
            guard start < lines.count else { break }
            context.output.write(screen.styled(strings("debrief.more"), .dim) + " ")
            guard let more = context.input.readLine(), more.trimmingCharacters(in: .whitespaces).isEmpty else {
                context.output.write("\n")
                return
            }
        }
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

    /// The text on one line of the screen: cut with "…" when it would wrap.
    func oneLine(_ text: String, indent: Int = 0) -> String {
        let text = VisibleText.make(text, keepNewlines: false)
        let room = screen.width - indent
        guard displayWidth(of: text) > room else { return text }
        var cut = ""
        for character in text {
            if displayWidth(of: cut + String(character)) > room - 1 { break }
            cut.append(character)
        }
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The text wrapped to the screen, at most `limit` lines (the last cut with "…").
    func wrapped(_ text: String, limit: Int) -> [String] {
        let lines = TextWrapper.wrap(VisibleText.make(text), width: screen.width)
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit - 1)) + [oneLine(lines[limit - 1] + " " + lines[limit...].joined(separator: " "))]
    }

    /// "  ✓ text (suffix)", on one line, the mark coloured.
    func bullet(_ mark: String, _ text: String, suffix: String = "", style: Style) -> String {
        let text = VisibleText.make(text, keepNewlines: false)
        let room = screen.width - 4 - displayWidth(of: suffix)
        let body = displayWidth(of: text) > room ? oneLine(text, indent: screen.width - room) : text
        return "  " + screen.styled(mark, style) + " " + body + suffix
    }

    private func list(_ steps: [Int]) -> String {
        steps.map(String.init).joined(separator: ", ")
    }

    private func unique(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }

    private func principleName(_ id: String) -> String {
        let name = content.principle(named: id)?.name(in: strings.language) ?? id
        return name.prefix(1).lowercased() + name.dropFirst()
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
