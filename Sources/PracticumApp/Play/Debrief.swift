import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The end-of-play debrief: the outcome, the overall score and level, a bar per
/// dimension, every point won or lost grouped by step with its reason, the case
/// notes and the plan (grounded or not), and in practice mode the path a
/// stronger student would have taken.
struct Debrief {
    let strings: Strings
    let screen: PlayScreen
    let content: ContentLibrary

    func render(state: CaseState, engine: Engine, report: ScoreReport?, stronger: (step: Int, path: [ChoiceID])?) -> String {
        let scenario = engine.scenario
        var sections: [String] = []
        var head = screen.styled(String(repeating: "─", count: screen.width), .dim) + "\n"
        head += screen.styled(strings("debrief.title"), .bold) + "\n\n"
        if case .ended(let outcome) = engine.status(of: state) {
            head += screen.wrap(strings("debrief.outcome", ["outcome": strings.outcome(outcome)])) + "\n"
        } else {
            head += screen.wrap(strings("debrief.unfinished")) + "\n"
        }
        head += screen.wrap(strings("debrief.steps", ["count": String(state.path.count)]))
        sections.append(head)
        if let report {
            sections.append(summary(report))
            sections.append(stepByStep(report, state: state, scenario: scenario))
            let whole = report.wholePathItems
            if !whole.isEmpty {
                sections.append(
                    screen.styled(strings("debrief.whole"), .bold) + "\n" + whole.map(item).joined(separator: "\n"))
            }
        }
        sections.append(screen.notes(state, scenario: scenario).trimmingSuffix())
        sections.append(screen.plan(state, scenario: scenario, markGrounded: true).trimmingSuffix())
        if let stronger {
            sections.append(strongerPath(stronger, state: state, engine: engine))
        }
        if let report, !report.competencies.isEmpty {
            sections.append(
                screen.styled(strings("debrief.competencies"), .bold) + "\n"
                    + report.competencies.map { evidence in
                        let steps = evidence.steps.map(String.init).joined(separator: ", ")
                        return screen.wrap(
                            evidence.competency + (steps.isEmpty ? "" : " " + strings("debrief.competency.steps", ["steps": steps])),
                            indent: "    ", firstIndent: "  - ")
                    }.joined(separator: "\n"))
        }
        return "\n" + sections.joined(separator: "\n\n") + "\n"
    }

    /// Overall, level, review flag and a bar per dimension.
    func summary(_ report: ScoreReport) -> String {
        let level = strings("score.level.\(report.level.rawValue.lowercased())")
        var lines = [screen.styled(strings("debrief.overall", ["score": String(report.overall), "level": level]), .bold)]
        if report.needsReview {
            lines.append(screen.styled(screen.wrap(strings("score.needsReview")), [.bold, .red]))
        }
        if report.explorationTruncated { lines.append(screen.wrap(strings("score.truncated"))) }
        let names = Dimension.allCases.map { strings("score.dimension.\($0.rawValue)") }
        let nameWidth = names.map { displayWidth(of: $0) }.max() ?? 10
        let bars = BarRenderer(glyphs: .blocks)
        for (dimension, name) in zip(Dimension.allCases, names) {
            let padded = name + String(repeating: " ", count: nameWidth - displayWidth(of: name))
            if report.notAssessed.contains(dimension) {
                lines.append("  \(padded)  " + strings("debrief.notAssessed"))
                continue
            }
            let value = report.dimensions[dimension] ?? 0
            let weight = report.weights[dimension].map { strings("debrief.weight", ["weight": String($0)]) } ?? ""
            let number = String(repeating: " ", count: 3 - String(value).count) + String(value)
            lines.append(
                "  \(padded)  " + bars.bar(fraction: Double(value) / 100, width: 20) + " \(number)  \(weight)"
                    + basis(raw: report.raw[dimension] ?? 0, best: report.best[dimension] ?? 0))
        }
        return lines.joined(separator: "\n")
    }

    /// What a dimension's score rests on: "(26 of 47 points)", or "(45 points lost)" where the best is 0.
    func basis(raw: Double, best: Double) -> String {
        guard best.isFinite else { return "" }
        if best > 0 {
            return "  " + strings("debrief.ofBest", ["raw": Self.format(raw).replacingOccurrences(of: "+", with: ""), "best": Self.format(best).replacingOccurrences(of: "+", with: "")])
        }
        let lost = best - raw
        return lost > 0 ? "  " + strings("debrief.lost", ["lost": Self.format(lost).replacingOccurrences(of: "+", with: "")]) : ""
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

    /// One item: signed points, the dimension, and the reason.
    func item(_ item: ScoreItem) -> String {
        let points = Self.format(item.points)
        let dimension = strings("score.dimension.\(item.dimension.rawValue)")
        let label = "\(points) \(dimension)"
        let style: Style = item.points > 0 ? .green : item.points < 0 ? .red : .dim
        let text = screen.wrap(label + ": " + item.reason, indent: "      ", firstIndent: "    ")
        guard screen.colored, text.hasPrefix("    " + label) else { return text }
        return "    " + screen.styled(label, style) + text.dropFirst(4 + label.count)
    }

    /// Practice mode's immediate feedback: the points one step won or lost, with their reasons.
    func immediate(_ report: ScoreReport, step: Int) -> String {
        let items = report.items(atStep: step).filter { $0.points != 0 || $0.basis.kind == "phase" }
        guard !items.isEmpty else { return "" }
        return items.map { item($0) }.joined(separator: "\n") + "\n"
    }

    /// `+2`, `-25`, `+1.5`, `0`.
    static func format(_ points: Double) -> String {
        let rounded = (points * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return rounded > 0 ? "+" + text : text
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
