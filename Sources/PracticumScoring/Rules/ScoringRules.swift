import PracticumCore

/// The scoring model's rules for one case and rubric: what each step of a path
/// earns or costs, and what the whole path earns or costs once it stops.
///
/// Scoring a student's path and searching for a case's best values both go
/// through `judge(step:...)` and `judgeEnd(...)`, so a path's items and the
/// values it is normalised against can never disagree.
struct ScoringRules: Sendable {
    let scenario: Scenario
    let rubric: Rubric
    /// The phases of Content/ in cycle order; a phase's position is its bit in `PathMemory.phases`.
    let phases: [ContentLibrary.Phase]
    private let phaseBit: [String: Int]
    /// For each phase bit, the mask of phases one of which must come earlier (0: none required).
    private let requiredMask: [UInt64]
    /// The bit of each choice the repeat rule watches: positive quality, not `once`,
    /// and on a loop (its target scene can lead back to its own scene), so it can be taken twice.
    let creditBit: [ChoiceID: Int]
    /// Findings that some choice of the case addresses: the only ones an unaddressed need can be about.
    let addressable: Set<String>
    /// Dimensions in which some path can win or lose points.
    let assessed: Set<Dimension>
    /// For each scene, the scenes reachable from it (itself included), whatever the conditions.
    private let reach: [String: Set<String>]
    /// The case's findings in written order, then any other addressed finding, sorted.
    private let findingOrder: [String]

    init(scenario: Scenario, rubric: Rubric, content: ContentLibrary) {
        self.scenario = scenario
        self.rubric = rubric
        let phases = Array(content.phases.prefix(64))
        self.phases = phases
        let bits = Dictionary(phases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        phaseBit = bits
        requiredMask = phases.map { phase in
            phase.requiresEarlier.reduce(UInt64(0)) { mask, id in bits[id].map { mask | (1 << UInt64($0)) } ?? mask }
        }
        var credit: [ChoiceID: Int] = [:]
        let leadsBack = Self.scenesReaching(in: scenario)
        reach = leadsBack
        var addressable: Set<String> = []
        var anyQuality = false
        var anyBreach = false
        var anyChoice = false
        for scene in scenario.scenes {
            for (index, choice) in scene.choices.enumerated() {
                anyChoice = true
                let id = ChoiceID(scene: scene.name, index: index)
                if choice.quality > 0 && !choice.once && credit[id] == nil
                    && leadsBack[choice.target]?.contains(scene.name) == true
                {
                    credit[id] = credit.count
                }
                addressable.formUnion(choice.addresses)
                anyQuality = anyQuality || choice.quality != 0
                anyBreach = anyBreach || !choice.violates.isEmpty
            }
        }
        creditBit = credit
        self.addressable = addressable
        var order = scenario.findings.map(\.id)
        for finding in addressable.sorted() where !order.contains(finding) { order.append(finding) }
        findingOrder = order
        var assessed: Set<Dimension> = [.outcome]
        if anyQuality { assessed.insert(.practice) }
        if anyChoice { assessed.insert(.lifecycle) }
        if anyBreach { assessed.insert(.ethics) }
        if !addressable.isEmpty { assessed.insert(.planning) }
        self.assessed = assessed
    }

    /// The scenes a play in `scene` can still reach by choices and continuations, itself included.
    func reachableScenes(from scene: String) -> Set<String> {
        reach[scene] ?? [scene]
    }

    /// A memory for the start of a path.
    func startMemory() -> PathMemory {
        PathMemory()
    }

    /// For each scene, the scenes reachable from it by choices and continuations, ignoring conditions.
    private static func scenesReaching(in scenario: Scenario) -> [String: Set<String>] {
        var next: [String: Set<String>] = [:]
        for scene in scenario.scenes {
            next[scene.name, default: []].formUnion(scene.choices.map(\.target))
            if let following = scene.next { next[scene.name, default: []].insert(following) }
        }
        var reach: [String: Set<String>] = [:]
        for scene in scenario.scenes where reach[scene.name] == nil {
            var seen: Set<String> = [scene.name]
            var queue = [scene.name]
            while let current = queue.popLast() {
                for target in next[current] ?? [] where seen.insert(target).inserted { queue.append(target) }
            }
            reach[scene.name] = seen
        }
        return reach
    }

    /// The choice with that id, if the case has it.
    func choice(_ id: ChoiceID) -> Choice? {
        guard let scene = scenario.scene(named: id.scene), scene.choices.indices.contains(id.index) else { return nil }
        return scene.choices[id.index]
    }

    /// What taking the choice earns or costs, given what the path did before it;
    /// `memory` is updated to include the step.
    ///
    /// `revealed` and `addressed` are the case notes and the plan just before
    /// the choice. A goal is grounded only in what earlier steps revealed, so a
    /// choice that reveals and addresses the same finding writes an ungrounded goal.
    func judge(
        step id: ChoiceID, memory: inout PathMemory, revealed: Set<String>, addressed: Set<String>
    ) -> [Judgement] {
        guard let choice = choice(id) else { return [] }
        var judgements: [Judgement] = []

        // Practice: the authored quality, once per repeatable positive choice.
        if choice.quality > 0, let bit = creditBit[id], memory.hasCredited(bit) {
            judgements.append(Judgement(dimension: .practice, points: 0, kind: .repeated(choice.quality)))
        } else {
            judgements.append(Judgement(dimension: .practice, points: choice.quality, kind: .quality(choice.quality)))
            if choice.quality > 0, let bit = creditBit[id] { memory.credit(bit) }
        }

        // Lifecycle: order against lifecycle.json's requiresEarlier, returns, the optional phase.
        if let bit = phaseBit[choice.phase] {
            let phase = phases[bit]
            let before = memory.phases
            let required = requiredMask[bit]
            let isCrisis = scenario.scene(named: id.scene)?.isCrisis ?? false
            var premature = false
            let outOfOrder = required != 0 && before & required == 0
            if outOfOrder {
                let missing = phase.requiresEarlier
                if isCrisis {
                    judgements.append(
                        Judgement(
                            dimension: .lifecycle, points: 0, kind: .crisisExempt(phase: phase.id, missing: missing)))
                } else {
                    premature = true
                    judgements.append(
                        Judgement(
                            dimension: .lifecycle, points: -rubric.premature,
                            kind: .premature(phase: phase.id, missing: missing)))
                }
            }
            let isFirstOptional = phase.optional && !memory.touched(bit)
            if !outOfOrder && !isFirstOptional && laterPhaseTouched(after: bit, in: memory.ordered) {
                judgements.append(Judgement(dimension: .lifecycle, points: 0, kind: .returned(phase: phase.id)))
            }
            if isFirstOptional {
                let credited = !premature && !laterPhaseTouched(after: bit, in: before)
                judgements.append(
                    Judgement(
                        dimension: .lifecycle, points: credited ? rubric.monitoring : 0,
                        kind: .optionalPhase(phase: phase.id, credited: credited)))
            }
            if !outOfOrder { memory.ordered |= 1 << UInt64(bit) }
            memory.phases |= 1 << UInt64(bit)
        }

        // Ethics: each breach costs by severity; each principle upheld is noted.
        for violation in choice.violates {
            judgements.append(
                Judgement(
                    dimension: .ethics, points: -rubric.severities.cost(of: violation.severity),
                    kind: .breach(principle: violation.principle, severity: violation.severity)))
        }
        for principle in choice.upholds {
            judgements.append(Judgement(dimension: .ethics, points: 0, kind: .upheld(principle: principle)))
        }

        // Planning: each new goal is grounded when an earlier step put its finding in the case notes.
        var seen: Set<String> = []
        for finding in choice.addresses where !addressed.contains(finding) && seen.insert(finding).inserted {
            if revealed.contains(finding) {
                judgements.append(
                    Judgement(dimension: .planning, points: rubric.groundedGoal, kind: .grounded(finding: finding)))
            } else {
                judgements.append(
                    Judgement(dimension: .planning, points: -rubric.ungroundedGoal, kind: .ungrounded(finding: finding))
                )
            }
        }
        return judgements
    }

    /// What the whole path earns or costs where it stops: coverage of the cycle,
    /// needs left out of the plan, and the outcome (nothing when there is no ending).
    ///
    /// `bestPhases`, when given, adds a 0-point note for each phase the best path touches and this one did not.
    func judgeEnd(
        memory: PathMemory, revealed: Set<String>, addressed: Set<String>, scene: String, bestPhases: UInt64 = 0
    ) -> [Judgement] {
        var judgements: [Judgement] = []
        for (bit, phase) in phases.enumerated() where !phase.optional {
            if memory.touched(bit) {
                judgements.append(
                    Judgement(dimension: .lifecycle, points: rubric.coverage, kind: .coverage(phase: phase.id)))
            } else if bestPhases & (1 << UInt64(bit)) != 0 {
                judgements.append(Judgement(dimension: .lifecycle, points: 0, kind: .missedPhase(phase: phase.id)))
            }
        }
        for finding in findingOrder
        where revealed.contains(finding) && !addressed.contains(finding) && addressable.contains(finding) {
            judgements.append(
                Judgement(dimension: .planning, points: -rubric.unaddressedNeed, kind: .unaddressed(finding: finding)))
        }
        if let outcome = scenario.scene(named: scene)?.ending {
            judgements.append(
                Judgement(dimension: .outcome, points: rubric.outcomes[outcome] ?? 0, kind: .outcome(outcome)))
        } else {
            judgements.append(Judgement(dimension: .outcome, points: 0, kind: .incomplete))
        }
        return judgements
    }

    /// Whether a phase later in the cycle than `bit` is among `phases`.
    private func laterPhaseTouched(after bit: Int, in touched: UInt64) -> Bool {
        let order = phases[bit].order
        for (other, phase) in phases.enumerated() where phase.order > order && touched & (1 << UInt64(other)) != 0 {
            return true
        }
        return false
    }

}
