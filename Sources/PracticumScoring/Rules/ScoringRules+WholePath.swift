import PracticumCore
import PracticumEngine

/// What `ScoringRules` judges once a path stops: coverage of the cycle, unmet expectations, what the plan
/// left out or left open, and the outcome.
extension ScoringRules {
    // MARK: The whole path

    /// What the whole path earns or costs where it stops: coverage of the cycle, the expectations of the
    /// case at `expectations` (positions; those no step was charged for) and what the plan left out or left
    /// open (both only once it has reached an ending), and the outcome.
    ///
    /// `bestPhases`, when given, adds a 0-point note for each phase the best path covers and this one did not.
    func judgeEnd(memory: PathMemory, state: CaseState, bestPhases: UInt64 = 0, expectations: [Int]) -> [Judgement] {
        coverage(memory: memory, bestPhases: bestPhases) + judgeEnd(state: state, expectations: expectations)
    }

    /// Coverage of the cycle, from what the path remembers (the part of `judgeEnd` that depends on it).
    func coverage(memory: PathMemory, bestPhases: UInt64 = 0) -> [Judgement] {
        var judgements: [Judgement] = []
        for (bit, phase) in phases.enumerated() where !phase.optional {
            if memory.soundlyCovered(bit) {
                judgements.append(
                    Judgement(dimension: .lifecycle, points: Double(rubric.coverage), kind: .coverage(phase: phase.id)))
            } else if memory.touched(bit) {
                judgements.append(Judgement(dimension: .lifecycle, points: 0, kind: .unsoundPhase(phase: phase.id)))
            } else if bestPhases & (1 << UInt64(bit)) != 0 {
                judgements.append(Judgement(dimension: .lifecycle, points: 0, kind: .missedPhase(phase: phase.id)))
            }
        }
        return judgements
    }

    /// Expectations (those at `expectations`, by position), the plan, open risks and the outcome, from where the
    /// path stops (the part of `judgeEnd` that depends on the state alone).
    func judgeEnd(state: CaseState, expectations: [Int]) -> [Judgement] {
        var judgements: [Judgement] = []
        // Expectations and the plan are judged "by the time it reaches an ending": not while unfinished.
        let ended = scenario.scene(named: state.scene)?.isEnding == true
        for index in expectations where ended && engine.outcome(of: scenario.expectations[index], in: state) == .unmet {
            judgements.append(unmetExpectation(index))
        }
        let revealed = Set(state.revealedFindings)
        let addressed = Set(state.addressedFindings)
        var omissions = 0
        for finding in findingOrder where ended && revealed.contains(finding) && !addressed.contains(finding) {
            let open = isOpen(finding, in: state)
            guard addressable.contains(finding) else {
                // A risk no choice can plan for (the checker warns) is still reviewed when it is left open.
                if open { judgements.append(openRisk(finding)) }
                continue
            }
            switch kind(of: finding) {
            case .strength:
                continue
            case .need:
                judgements.append(
                    Judgement(dimension: .planning, points: 0, outOf: 1, kind: .unaddressed(finding: finding)))
            case .risk:
                // A risk left out of the plan counts as an unmet expectation of `unplannedRisk` severity; left open
                // as well (rule 10), it is reviewed: one item, with both gates.
                let omission = rubric.gatekeeping.expectation[rubric.unplannedRisk]
                let gate = Rubric.combine(omission, open ? rubric.gatekeeping.openRisk : nil)
                judgements.append(
                    Judgement(
                        dimension: .planning, points: 0, outOf: 1, kind: .unplannedRisk(finding: finding, open: open),
                        gate: gate))
            }
            omissions += 1
        }
        // Risks in the plan but not safe by their own `safe when:` (rule 10).
        for finding in findingOrder where ended && addressed.contains(finding) && isOpen(finding, in: state) {
            judgements.append(openRisk(finding))
        }
        let outcome = scenario.scene(named: state.scene)?.ending
        if outcome != nil && addressed.isEmpty && omissions == 0 && assessed.contains(.planning) {
            judgements.append(Judgement(dimension: .planning, points: 0, outOf: 1, kind: .noPlan))
        }
        if let outcome {
            let gate = rubric.gatekeeping.outcome[outcome]
            judgements.append(
                Judgement(
                    dimension: .outcome, points: Double(rubric.outcomes[outcome] ?? 0), kind: .outcome(outcome),
                    gate: gate?.isEmpty == false ? gate : nil))
        } else {
            judgements.append(Judgement(dimension: .outcome, points: 0, kind: .incomplete))
        }
        return judgements
    }

    /// Whether a revealed risk is open in the state (see `Engine.isOpen`).
    private func isOpen(_ finding: String, in state: CaseState) -> Bool {
        guard kind(of: finding) == .risk, let declared = scenario.finding(named: finding) else { return false }
        return engine.isOpen(declared, in: state)
    }

    /// A revealed risk left open where the attempt ends: no points, the rubric's open-risk gate.
    private func openRisk(_ finding: String) -> Judgement {
        let gate = rubric.gatekeeping.openRisk
        return Judgement(
            dimension: .outcome, points: 0, kind: .openRisk(finding: finding), gate: gate?.isEmpty == false ? gate : nil)
    }

    /// Whether a phase later in the cycle than `bit` is among `phases`.
    func laterPhaseTouched(after bit: Int, in touched: UInt64) -> Bool {
        let order = phases[bit].order
        for (other, phase) in phases.enumerated() where phase.order > order && touched & (1 << UInt64(other)) != 0 {
            return true
        }
        return false
    }
}
