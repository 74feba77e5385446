import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The debrief's first screen: the head in full (outcome, score and level, review or cap, the dimensions),
/// then whole sections while they fit.
extension Debrief {
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
    struct Section {
        var title: String
        var plainTitle: String
        var items: [[String]]
    }

    /// The level's name in the interface language.
    func level(_ level: Level) -> String {
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
    func dilemmaSection(_ content: DebriefContent) -> Section {
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
    func label(of improvement: DebriefContent.Improvement) -> String {
        if let step = improvement.step {
            return strings("debrief.stepLabel", ["step": String(step), "text": improvement.choice ?? ""])
        }
        return improvement.matter ?? ""
    }
}
