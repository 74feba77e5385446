import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// Draws the play screen as text: scene paragraphs, the lifecycle tracker, numbered
/// choices, feedback and case-note events. It decides nothing; it only formats.
struct PlayScreen {
    let strings: Strings
    /// The columns to wrap to; play reads the terminal's width again before each scene and prompt, so a
    /// window resized mid-case wraps to its new width.
    var width: Int
    let colored: Bool

    /// The text, its control characters made visible, in a style (on a terminal that shows colour).
    func styled(_ text: String, _ style: Style) -> String {
        style.apply(VisibleText.make(text), enabled: colored)
    }

    /// The text, its control characters made visible, wrapped to the screen.
    func wrap(_ text: String, indent: String = "", firstIndent: String? = nil) -> String {
        TextWrapper.wrap(VisibleText.make(text), width: width, indent: indent, firstIndent: firstIndent)
            .joined(separator: "\n")
    }

    /// The title block shown when a case starts.
    func title(of scenario: Scenario, mode: PlayMode) -> String {
        let rule = String(repeating: "─", count: width)
        var lines = [styled(rule, .dim), styled(scenario.header.title, .bold)]
        if let client = scenario.header.client { lines.append(wrap(strings("play.client", ["client": client]))) }
        if let setting = scenario.header.setting { lines.append(wrap(strings("play.setting", ["setting": setting]))) }
        if let warning = scenario.header.contentWarning {
            lines.append(wrap(strings("menu.contentWarning", ["warning": warning]), indent: "  ", firstIndent: "⚠ "))
        }
        lines.append(wrap(strings(mode == .practice ? "play.mode.practice" : "play.mode.graded")))
        lines.append(styled(rule, .dim))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scene's visible paragraphs, wrapped, separated by blank lines.
    func scene(_ paragraphs: [String]) -> String {
        paragraphs.map { wrap($0) }.joined(separator: "\n\n") + "\n"
    }

    /// `Lifecycle: Engagement ✓ > [Assessment] > Planning > ...`, wrapped to the width.
    func tracker(phases: [ContentLibrary.Phase], touched: Set<String>, current: String?) -> String {
        let parts = phases.map { phase -> String in
            let name = strings.phase(phase.id)
            if phase.id == current { return styled("[\(name)]", [.bold, .cyan]) }
            if touched.contains(phase.id) { return styled(name + " ✓", .green) }
            return styled(name, .dim)
        }
        // Wrap on the plain text, then colour, so escape codes never count as columns.
        let plain = phases.map { phase -> String in
            let name = strings.phase(phase.id)
            if phase.id == current { return "[\(name)]" }
            return touched.contains(phase.id) ? name + " ✓" : name
        }
        let lines = TextWrapper.wrap(
            VisibleText.make(strings("play.tracker")) + " " + plain.joined(separator: " > "), width: width, indent: "  ")
        guard colored else { return lines.joined(separator: "\n") + "\n" }
        var text = lines.joined(separator: "\n")
        for (plainPart, colouredPart) in zip(plain, parts) {
            if let range = text.range(of: plainPart) { text.replaceSubrange(range, with: colouredPart) }
        }
        return text + "\n"
    }

    /// The numbered choices with a hanging indent; `marking` puts a `>` before the choice with that number.
    func choices(_ choices: [AvailableChoice], marking: Int? = nil) -> String {
        let digits = String(choices.count).count
        return choices.map { available in
            let number = String(available.number)
            let pointer = marking == nil ? "" : available.number == marking ? "> " : "  "
            let label = pointer + String(repeating: " ", count: digits - number.count) + number + ". "
            // Wrap with the plain label, then colour it, so escape codes never count as columns.
            let lines = TextWrapper.wrap(
                VisibleText.make(available.choice.text), width: width, indent: "  " + String(repeating: " ", count: label.count),
                firstIndent: "  " + label)
            guard colored, let first = lines.first else { return lines.joined(separator: "\n") }
            return (["  " + styled(label, .bold) + first.dropFirst(2 + label.count)] + lines.dropFirst())
                .joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    /// What a choice changed, as the student sees it: feedback (practice only), case notes, plan.
    func events(_ events: [Event], scenario: Scenario, showFeedback: Bool) -> String {
        var lines: [String] = []
        for event in events {
            switch event {
            case .feedback(let text) where showFeedback:
                lines.append(labelled(strings("play.feedback"), text, style: [.bold, .yellow]))
            case .revealed(let finding):
                let text = scenario.finding(named: finding)?.text ?? finding
                lines.append(labelled(strings("play.noted"), text, style: .cyan))
            case .addressed(let finding):
                let text = scenario.finding(named: finding)?.text ?? finding
                lines.append(labelled(strings("play.planned"), text, style: .magenta))
            default:
                continue
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// `Label: text`, wrapped with a two-space indent, the label coloured after wrapping.
    func labelled(_ label: String, _ text: String, style: Style) -> String {
        let wrapped = wrap(label + " " + text, indent: "  ")
        guard colored, wrapped.hasPrefix("  " + label) else { return wrapped }
        return "  " + styled(label, style) + wrapped.dropFirst(2 + label.count)
    }

    /// The case notes: every finding revealed so far.
    func notes(_ state: CaseState, scenario: Scenario) -> String {
        guard !state.revealedFindings.isEmpty else { return wrap(strings("play.notes.empty")) + "\n" }
        return styled(strings("play.notes.title"), .bold) + "\n"
            + state.revealedFindings.map { id in
                wrap(scenario.finding(named: id)?.text ?? id, indent: "    ", firstIndent: "  - ")
            }.joined(separator: "\n") + "\n"
    }

    /// The plan so far, as the debrief and the "added to the plan" message name it.
    func plan(_ state: CaseState, scenario: Scenario) -> String {
        plan(DebriefContent.plan(of: state.choicesTaken, in: scenario), markGrounded: false)
    }

    /// The plan: each goal as the finding it addresses (the words "added to the plan" used), then the words of
    /// the choice that wrote it. A goal is grounded when its finding was revealed at an earlier step, as the
    /// scoring model counts it; ungrounded goals are always marked, grounded ones only when `markGrounded`
    /// (the debrief) asks.
    func plan(_ entries: [DebriefContent.PlanEntry], markGrounded: Bool) -> String {
        guard !entries.isEmpty else { return wrap(strings("play.plan.empty")) + "\n" }
        var lines: [String] = []
        for entry in entries {
            var mark = ""
            if !entry.grounded {
                mark = " " + strings("debrief.plan.ungrounded")
            } else if markGrounded {
                mark = " " + strings("debrief.plan.grounded")
            }
            lines.append(wrap(entry.findingText, indent: "    ", firstIndent: "  - "))
            lines.append(
                wrap(strings("play.plan.goal", ["step": String(entry.step), "goal": entry.goal]) + mark, indent: "      ", firstIndent: "    "))
        }
        return styled(strings("play.plan.title"), .bold) + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// For each goal on the path, whether its finding had been revealed at an earlier step when it was planned.
    static func groundedGoals(of state: CaseState, in scenario: Scenario) -> [String: Bool] {
        var revealedBefore: Set<String> = []
        var grounded: [String: Bool] = [:]
        for step in state.path {
            guard let choice = scenario.scene(named: step.scene)?.choices[safe: step.choice.index] else { continue }
            for goal in choice.addresses where grounded[goal] == nil { grounded[goal] = revealedBefore.contains(goal) }
            revealedBefore.formUnion(choice.reveals)
        }
        return grounded
    }
}
