import PracticumCore

/// Works out a report's `DebriefContent`: what the debrief ranks and says, from the items, the expectations and
/// the gates of the rubric, in the words of the report's language.
struct DebriefWriter {
    let scenario: Scenario
    let rubric: Rubric
    let writer: ReasonWriter

    /// How many steps "done best" and "to improve" name.
    static let highlights = 3

    func content(of report: ScoreReport, path: [ChoiceID]) -> DebriefContent {
        let choices = path.map { id -> Choice? in
            guard let position = scenario.position(ofScene: id.scene),
                scenario.scenes[position].choices.indices.contains(id.index)
            else { return nil }
            return scenario.scenes[position].choices[id.index]
        }
        let byStep = Dictionary(grouping: report.items.filter { $0.step != nil }, by: { $0.step! })
        return DebriefContent(
            review: unique(report.gatekeeping.filter(\.review).map(\.summary)),
            cap: cap(of: report),
            missed: report.unmetExpectations.map { result in
                DebriefContent.Missed(
                    name: result.name, severity: result.severity, sentence: ReasonWriter.firstSentence(of: result.because),
                    because: result.because, step: result.step)
            },
            best: best(report, choices: choices, byStep: byStep),
            improve: improve(report, choices: choices, byStep: byStep),
            objectives: objectives(report),
            plan: DebriefContent.plan(of: path, in: scenario),
            dilemmas: DebriefContent.dilemmas(of: path, in: scenario))
    }

    // MARK: Review and cap

    private func cap(of report: ScoreReport) -> DebriefContent.Cap? {
        guard report.isCapped else { return nil }
        // The events that hold the level where it is; a review is said apart, so it is not repeated here.
        let binding = report.gatekeeping.filter { $0.cap == report.level }
        let reasons = unique((binding.filter { !$0.review }.isEmpty ? binding : binding.filter { !$0.review }).map(\.summary))
        return DebriefContent.Cap(
            level: report.level, reasons: reasons, uncappedOverall: report.uncappedOverall,
            uncappedLevel: report.uncappedLevel)
    }

    // MARK: Done best

    private func best(_ report: ScoreReport, choices: [Choice?], byStep: [Int: [ScoreItem]]) -> [DebriefContent.Highlight] {
        let metAt = Dictionary(grouping: report.expectations.filter { $0.state == .met && ($0.step ?? 0) > 0 }, by: { $0.step! })
        var candidates: [(step: Int, rank: Int, shows: String?)] = []
        for (offset, choice) in choices.enumerated() {
            let step = offset + 1
            guard let choice, choice.quality > 0 else { continue }
            let items = byStep[step] ?? []
            guard !items.contains(where: { $0.points < 0 || $0.gate != nil || $0.notCharged }),
                !items.contains(where: { $0.outOf > 0 && $0.points < $0.outOf - 1e-9 })
            else { continue }
            let met = (metAt[step] ?? []).sorted { $0.severity > $1.severity }
            let shown = met.reduce(0) { $0 + 100 * (Violation.Severity.allCases.firstIndex(of: $1.severity)! + 1) }
            let decided = items.contains { $0.kind == .decision && $0.outOf > 0 } ? 5 : 0
            candidates.append(
                (step, shown + 10 * choice.quality + decided + choice.upholds.count,
                    met.first.map { ReasonWriter.firstSentence(of: $0.because) }))
        }
        return candidates.sorted { ($0.rank, -$0.step) > ($1.rank, -$1.step) }.prefix(Self.highlights)
            .sorted { $0.step < $1.step }
            .map { DebriefContent.Highlight(step: $0.step, choice: choices[$0.step - 1]?.text ?? "", shows: $0.shows) }
    }

    // MARK: To improve

    /// The weight of a gate and a severity, so that what the rubric treats as more serious ranks first: a
    /// review, then a lower cap, then the severity written in the case.
    private func weight(gate: Rubric.Gate?, severity: Violation.Severity?) -> Int {
        var weight = 0
        if let gate {
            if gate.review { weight += 4000 }
            if let cap = gate.cap { weight += 1000 * (Level.allCases.count - Level.allCases.firstIndex(of: cap)!) }
        }
        switch severity {
        case .critical?: weight += 300
        case .major?: weight += 200
        case .minor?: weight += 100
        case nil: break
        }
        return weight
    }

    private func improve(_ report: ScoreReport, choices: [Choice?], byStep: [Int: [ScoreItem]]) -> [DebriefContent.Improvement] {
        var candidates: [DebriefContent.Improvement] = []
        for step in byStep.keys.sorted() {
            guard let choice = choices[safe: step - 1] ?? nil else { continue }
            var chosen: (weight: Int, why: String?, severity: Violation.Severity?)?
            var strongerHere: String?
            var outOfReach = false
            for item in byStep[step] ?? [] where !item.notCharged {
                var candidate: (weight: Int, why: String?, severity: Violation.Severity?)?
                switch item.kind {
                case .breach where item.points < 0 || item.gate != nil:
                    if case .principle(let principle) = item.basis, let severity = item.severity {
                        candidate = (
                            weight(gate: item.gate, severity: severity),
                            writer.text(
                                "debrief.improve.breach",
                                ["severity": writer.text("score.severity.\(severity.rawValue)"), "principle": writer.principleName(principle)]),
                            severity)
                    }
                case .unmetExpectation:
                    if let severity = item.severity, let name = expectationName(of: item, in: report) {
                        candidate = (
                            weight(gate: item.gate, severity: severity),
                            writer.text(
                                "debrief.improve.outOfReach",
                                ["because": ReasonWriter.firstSentence(of: name.because), "severity": writer.text("score.severity.\(severity.rawValue)")]),
                            severity)
                    }
                case .premature where item.points < 0:
                    if case .phase(let phase) = item.basis { candidate = (60, writer.prematureSummary(phase: phase), nil) }
                case .decision where item.outOf > 0 && item.points < item.outOf - 1e-9:
                    strongerHere = item.stronger.map { writer.text("debrief.improve.stronger", ["text": $0]) }
                    candidate = (40 + Int(60 * (1 - item.points / item.outOf)), strongerHere, nil)
                case .ungrounded:
                    if case .finding(let finding) = item.basis {
                        candidate = (50, writer.text("debrief.improve.ungrounded", ["finding": findingText(finding)]), nil)
                    }
                default:
                    break
                }
                if let candidate, candidate.weight > (chosen?.weight ?? 0) {
                    chosen = candidate
                    outOfReach = item.kind == .unmetExpectation
                }
            }
            // A step that put an expectation out of reach (listed with what was missed) teaches most by what
            // was stronger there, when something was.
            if outOfReach, let strongerHere { chosen?.why = strongerHere }
            if let chosen {
                candidates.append(
                    DebriefContent.Improvement(
                        step: step, choice: choice.text, matter: nil, why: chosen.why, severity: chosen.severity,
                        weight: chosen.weight))
            }
        }
        for item in report.wholePathItems {
            let finding: String
            if case .finding(let id) = item.basis { finding = findingText(id) } else { finding = "" }
            switch item.kind {
            case .unplannedRisk:
                candidates.append(
                    DebriefContent.Improvement(
                        step: nil, choice: nil, matter: writer.text("debrief.improve.riskLeftOut", ["finding": finding]),
                        why: nil, severity: nil, weight: weight(gate: item.gate, severity: nil) + 50))
            case .openRisk:
                candidates.append(
                    DebriefContent.Improvement(
                        step: nil, choice: nil, matter: writer.text("debrief.improve.riskOpen", ["finding": finding]),
                        why: nil, severity: nil, weight: weight(gate: item.gate, severity: nil) + 50))
            case .unaddressed:
                candidates.append(
                    DebriefContent.Improvement(
                        step: nil, choice: nil, matter: writer.text("debrief.improve.leftOut", ["finding": finding]),
                        why: nil, severity: nil, weight: 50))
            case .noPlan:
                candidates.append(
                    DebriefContent.Improvement(
                        step: nil, choice: nil, matter: writer.text("debrief.improve.noPlan"), why: nil, severity: nil,
                        weight: 50))
            default:
                break
            }
        }
        let order = candidates.enumerated().sorted { a, b in
            (a.element.weight, -(a.element.step ?? Int.max), -a.offset) > (b.element.weight, -(b.element.step ?? Int.max), -b.offset)
        }
        return order.prefix(Self.highlights).map(\.element).sorted { ($0.step ?? Int.max) < ($1.step ?? Int.max) }
    }

    /// The expectation an unmet-expectation item is about.
    private func expectationName(of item: ScoreItem, in report: ScoreReport) -> Expectation? {
        switch item.basis {
        case .expectation(let name): return scenario.expectations.first { $0.name == name }
        default:
            // Resting on a principle or a phase: the expectation whose reason the item quotes.
            return scenario.expectations.first { item.reason.contains($0.because) }
        }
    }

    private func findingText(_ id: String) -> String {
        scenario.finding(named: id)?.text ?? id
    }

    // MARK: Objectives

    private func objectives(_ report: ScoreReport) -> [DebriefContent.ObjectiveState] {
        let states = Dictionary(report.expectations.map { ($0.name, $0.state) }, uniquingKeysWith: { first, _ in first })
        return scenario.header.objectives.map { objective in
            let shown = objective.shownBy.compactMap { states[$0] }
            let state: DebriefContent.ObjectiveState.State
            if objective.shownBy.isEmpty || shown.isEmpty {
                state = .notAssessed
            } else if shown.contains(.unmet) {
                state = .unmet
            } else if shown.contains(.pending) {
                state = .pending
            } else if shown.allSatisfy({ $0 == .didNotArise }) {
                state = .didNotArise
            } else {
                state = .met
            }
            return DebriefContent.ObjectiveState(text: objective.text, state: state, shownBy: objective.shownBy)
        }
    }

    private func unique(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }
}

extension Array {
    /// The element at the index, or nil when the index is out of range.
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
