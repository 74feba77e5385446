import PracticumCore
import PracticumEngine

/// The scoring model's rules for one case and rubric: what each step of a path
/// earns or costs, and what the whole path earns or costs once it stops.
///
/// Scoring a student's path and searching for a case's best values both go
/// through these functions, so a path's items and the values it is normalised
/// against can never disagree.
struct ScoringRules: Sendable {
    let scenario: Scenario
    let rubric: Rubric
    /// The engine in written order: scores never depend on the order choices were shown in.
    let engine: Engine
    /// The phases of Content/ in cycle order; a phase's position is its bit in `PathMemory`.
    let phases: [ContentLibrary.Phase]
    private let phaseBit: [String: Int]
    /// For each phase bit, the mask of phases one of which must come earlier (0: none required).
    private let requiredMask: [UInt64]
    /// Findings that some choice of the case addresses: the only ones a plan can be faulted for leaving out.
    let addressable: Set<String>
    /// Dimensions in which some path can win or lose points.
    let assessed: Set<Dimension>
    /// The case's findings in written order, then any other addressed finding, sorted.
    let findingOrder: [String]
    private let findingKinds: [String: Finding.Kind]

    init(scenario: Scenario, rubric: Rubric, content: ContentLibrary) {
        self.scenario = scenario
        self.rubric = rubric
        engine = Engine(scenario: scenario)
        let phases = Array(content.phases.prefix(64))
        self.phases = phases
        let bits = Dictionary(phases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        phaseBit = bits
        requiredMask = phases.map { phase in
            phase.requiresEarlier.reduce(UInt64(0)) { mask, id in bits[id].map { mask | (1 << UInt64($0)) } ?? mask }
        }
        var addressable: Set<String> = []
        var anyQualitySpread = false
        var anyBreach = false
        var anyChoice = false
        for scene in scenario.scenes {
            let qualities = scene.choices.map(\.quality)
            if let best = qualities.max(), let worst = qualities.min(), best > worst { anyQualitySpread = true }
            for choice in scene.choices {
                anyChoice = true
                addressable.formUnion(choice.addresses)
                anyBreach = anyBreach || !choice.violates.isEmpty
            }
        }
        self.addressable = addressable
        var order = scenario.findings.map(\.id)
        for finding in addressable.sorted() where !order.contains(finding) { order.append(finding) }
        findingOrder = order
        findingKinds = Dictionary(scenario.findings.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var assessed: Set<Dimension> = [.outcome]
        if anyQualitySpread { assessed.insert(.practice) }
        if anyChoice { assessed.insert(.lifecycle) }
        if anyBreach || !scenario.expectations.isEmpty { assessed.insert(.ethics) }
        if !addressable.isEmpty { assessed.insert(.planning) }
        self.assessed = assessed
    }

    /// The kind of a finding (need when the case does not declare it).
    func kind(of finding: String) -> Finding.Kind {
        findingKinds[finding] ?? .need
    }

    /// The choice with that id, if the case has it.
    func choice(_ id: ChoiceID) -> Choice? {
        guard let position = scenario.position(ofScene: id.scene), scenario.scenes[position].choices.indices.contains(id.index)
        else { return nil }
        return scenario.scenes[position].choices[id.index]
    }

    // MARK: Practice

    /// The practice judgement of taking `chosen` among `offered`, or nil when every option on offer had
    /// the same quality (no decision to judge).
    ///
    /// The decision is scored from the worst option on offer (no credit) to a benchmark (full credit). For
    /// a sound choice (positive quality) the benchmark is the best of the options it put out of reach, so
    /// the order in which sound options are taken never matters; `stillInReach` says whether an option can
    /// still be taken later. For any other choice the benchmark is the best option on offer.
    func decision(chosen: ChoiceID, offered: [ChoiceID], stillInReach: (ChoiceID) -> Bool) -> Judgement? {
        guard let quality = choice(chosen)?.quality else { return nil }
        var options: [ChoiceID] = []
        var qualities: [Int] = []
        for option in offered {
            guard let other = choice(option)?.quality else { continue }
            options.append(option)
            qualities.append(other)
        }
        return decision(chosen: chosen, quality: quality, options: options, qualities: qualities, stillInReach: stillInReach)
    }

    /// `decision(chosen:offered:stillInReach:)` for a choice of quality `quality` among options whose
    /// qualities the caller already has (a replay that has them need not look them up again).
    func decision(
        chosen: ChoiceID, quality: Int, options: [ChoiceID], qualities: [Int], stillInReach: (ChoiceID) -> Bool
    ) -> Judgement? {
        guard
            let decided = Self.decide(
                quality: quality, chosen: options.firstIndex(of: chosen), qualities: qualities,
                inReach: { stillInReach(options[$0]) })
        else { return nil }
        return Judgement(
            dimension: .practice, points: decided.credit, outOf: 1,
            kind: .decision(
                credit: decided.credit, quality: quality, stronger: decided.stronger.map { options[$0] },
                strongerQuality: decided.benchmark))
    }

    /// The rule of `decision(chosen:offered:stillInReach:)` on qualities alone: `quality` is the chosen
    /// option's, `chosen` its position among `qualities` (the options on offer), and `inReach` says of a
    /// position whether that option can still be taken later. Returns the credit, the position of the
    /// option it was measured against (nil: none stronger), and that option's quality.
    static func decide(
        quality: Int, chosen: Int?, qualities: [Int], inReach: (Int) -> Bool
    ) -> (credit: Double, stronger: Int?, benchmark: Int)? {
        guard let best = qualities.max(), let worst = qualities.min(), best > worst else { return nil }
        var benchmark = quality
        var stronger: Int?
        for (position, other) in qualities.enumerated() where position != chosen && other > benchmark {
            if quality > 0 && inReach(position) { continue }
            benchmark = other
            stronger = position
        }
        let floor = min(worst, quality)
        let credit = benchmark == floor ? 1 : Double(quality - floor) / Double(benchmark - floor)
        return (credit, stronger, benchmark)
    }

    // MARK: Steps

    /// What taking the choice earns or costs in lifecycle, ethics and planning, given what the path did
    /// before it; `memory` is updated to include the step. (Practice is judged by `decision`.)
    ///
    /// `revealed` and `addressed` are the case notes and the plan just before the choice. A goal is grounded
    /// only in what earlier steps revealed, so a choice that reveals and addresses the same finding writes
    /// an ungrounded goal.
    func judge(
        step id: ChoiceID, memory: inout PathMemory, revealed: Set<String>, addressed: Set<String>
    ) -> [Judgement] {
        guard let choice = choice(id) else { return [] }
        return judge(step: id, choice: choice, memory: &memory, revealed: revealed, addressed: addressed)
    }

    /// `judge(step:memory:revealed:addressed:)` for a choice already looked up: `choice` is the case's choice `id`.
    ///
    /// `unmet` are the expectations the step put out of reach (judged `unmetExpectation(_:)`): readings of the
    /// same lapse as the step's breaches and its being premature, charged once with them (`charge`).
    func judge(
        step id: ChoiceID, choice: Choice, memory: inout PathMemory, revealed: Set<String>, addressed: Set<String>,
        unmet: [Judgement] = []
    ) -> [Judgement] {
        var judgements: [Judgement] = []

        // Lifecycle: order against lifecycle.json's requiresEarlier, returns, the optional phase.
        if let bit = phaseBit[choice.phase] {
            let phase = phases[bit]
            let isCrisis = scenario.position(ofScene: id.scene).map { scenario.scenes[$0].isCrisis } ?? false
            let step = lifecycleStep(bit: bit, isCrisis: isCrisis, sound: choice.quality > 0, memory: &memory)
            if step.outOfOrder {
                let missing = phase.requiresEarlier
                if isCrisis {
                    judgements.append(
                        Judgement(
                            dimension: .lifecycle, points: 0, kind: .crisisExempt(phase: phase.id, missing: missing)))
                } else {
                    judgements.append(
                        Judgement(
                            dimension: .lifecycle, points: -Double(rubric.premature),
                            kind: .premature(phase: phase.id, missing: missing)))
                }
            }
            if step.returned {
                judgements.append(Judgement(dimension: .lifecycle, points: 0, kind: .returned(phase: phase.id)))
            }
            if let credited = step.optionalCredited {
                judgements.append(
                    Judgement(
                        dimension: .lifecycle, points: credited ? Double(rubric.monitoring) : 0,
                        kind: .optionalPhase(phase: phase.id, credited: credited)))
            }
        }
        judgements += ethics(of: choice)
        judgements += unmet
        judgements += planning(of: choice, revealed: revealed, addressed: addressed)
        return charge(judgements)
    }

    // MARK: One lapse, one charge

    /// How severe a reading of a lapse is, to find the one a step is charged at: its gate first (review, then
    /// a lower cap; `CaseOptimum.gatePenalty`), then its cost; among equals an unmet expectation, then a breach,
    /// then a premature action, then the first written.
    static func severity(of judgement: Judgement) -> (gate: Double, cost: Double, rank: Int) {
        let rank: Int
        switch judgement.kind {
        case .unmetExpectation: rank = 2
        case .breach: rank = 1
        default: rank = 0
        }
        return (CaseOptimum.gatePenalty(judgement.gate), -judgement.points, rank)
    }

    /// Rule 11: the readings of one step's lapse (its breaches, its being premature, the expectations it put out of
    /// reach) are charged once, at the most severe reading, which keeps its points and its gate; every other
    /// reading stays as an item with no points and no gate that says what it was counted with. Judgements that
    /// are not lapses pass through unchanged, in order.
    func charge(_ judgements: [Judgement]) -> [Judgement] {
        var charged: Int?
        var lapses = 0
        for (position, judgement) in judgements.enumerated() where judgement.isLapse {
            lapses += 1
            if let best = charged {
                let (a, b) = (Self.severity(of: judgement), Self.severity(of: judgements[best]))
                if (a.gate, a.cost, a.rank) > (b.gate, b.cost, b.rank) { charged = position }
            } else {
                charged = position
            }
        }
        guard lapses > 1, let charged else { return judgements }
        var result = judgements
        for position in result.indices where position != charged && result[position].isLapse {
            result[position].points = 0
            result[position].gate = nil
            result[position].countedWith = judgements[charged].kind
        }
        return result
    }

    /// The judgement of an expectation (by its position in the case) that the attempt did not meet: the cost of a
    /// breach of its severity, in ethics (whatever it rests on: a phase it rests on names the competency it
    /// concerns, not the dimension it costs), and the gate of its severity.
    func unmetExpectation(_ index: Int) -> Judgement {
        let expectation = scenario.expectations[index]
        let gate = rubric.gatekeeping.expectation[expectation.severity]
        return Judgement(
            dimension: .ethics, points: -Double(rubric.severities.cost(of: expectation.severity)),
            kind: .unmetExpectation(name: expectation.name, severity: expectation.severity),
            gate: gate?.isEmpty == false ? gate : nil)
    }

    /// What acting in a phase means for the lifecycle: the one rule `judge` and the search share.
    struct LifecycleStep {
        /// Before any phase its phase requires earlier (premature, or exempt in a crisis).
        var outOfOrder = false
        /// A return to an earlier phase after a later one was reached in order (a 0-point note).
        var returned = false
        /// For the first sound action in an optional phase: whether it is credited.
        var optionalCredited: Bool?
        /// The lifecycle points it earns or costs.
        var points = 0.0
    }

    /// Judges acting (soundly or not) in the phase with this bit, in a crisis scene or not, after the path
    /// `memory` remembers, and adds the step to the memory.
    func lifecycleStep(bit: Int, isCrisis: Bool, sound: Bool, memory: inout PathMemory) -> LifecycleStep {
        let phase = phases[bit]
        let before = memory.phases
        let required = requiredMask[bit]
        var step = LifecycleStep()
        step.outOfOrder = required != 0 && before & required == 0
        let premature = step.outOfOrder && !isCrisis
        if premature { step.points -= Double(rubric.premature) }
        let isFirstSoundOptional = phase.optional && sound && !memory.soundlyCovered(bit)
        if !step.outOfOrder && !isFirstSoundOptional && laterPhaseTouched(after: bit, in: memory.ordered) {
            step.returned = true
        }
        if isFirstSoundOptional {
            let credited = !premature && !laterPhaseTouched(after: bit, in: before)
            step.optionalCredited = credited
            if credited { step.points += Double(rubric.monitoring) }
        }
        if !step.outOfOrder { memory.ordered |= 1 << UInt64(bit) }
        memory.phases |= 1 << UInt64(bit)
        if sound { memory.sound |= 1 << UInt64(bit) }
        return step
    }

    /// The bits of the memory that `lifecycleStep` and `coverageCredit` read for a step in the phase with this
    /// bit (sound or not): the phases one of which must come earlier; for a sound step, whether the phase is
    /// soundly covered already, and for an optional one, the phases after it (a late first sound action earns
    /// no credit). The search forgets every other bit once no step ahead can read it.
    func memoryRead(bit: Int, sound: Bool) -> (phases: UInt64, sound: UInt64) {
        guard sound else { return (requiredMask[bit], 0) }
        var phases = requiredMask[bit]
        if self.phases[bit].optional {
            let order = self.phases[bit].order
            for (other, phase) in self.phases.enumerated() where phase.order > order { phases |= 1 << UInt64(other) }
        }
        return (phases, 1 << UInt64(bit))
    }

    /// The coverage points (see `coverage`) a step earns when it is the first sound action in a required phase,
    /// judged on the memory before the step: the search credits coverage on the step that earns it, so the
    /// memory need not carry the phase to the end.
    func coverageCredit(bit: Int, sound: Bool, memory: PathMemory) -> Double {
        sound && !phases[bit].optional && !memory.soundlyCovered(bit) ? Double(rubric.coverage) : 0
    }

    /// The bit of a phase id in `PathMemory`, if Content/ has the phase.
    func bit(ofPhase id: String) -> Int? {
        phaseBit[id]
    }

    /// Ethics: each breach costs by severity, and may be gatekeeping; each principle upheld is noted.
    func ethics(of choice: Choice) -> [Judgement] {
        var judgements: [Judgement] = []
        for violation in choice.violates {
            let gate = rubric.gatekeeping.breach[violation.severity]
            judgements.append(
                Judgement(
                    dimension: .ethics, points: -Double(rubric.severities.cost(of: violation.severity)),
                    kind: .breach(principle: violation.principle, severity: violation.severity),
                    gate: gate?.isEmpty == false ? gate : nil))
        }
        for principle in choice.upholds {
            judgements.append(Judgement(dimension: .ethics, points: 0, kind: .upheld(principle: principle)))
        }
        return judgements
    }

    /// Planning: each new goal is grounded when an earlier step put its finding in the case notes.
    func planning(of choice: Choice, revealed: Set<String>, addressed: Set<String>) -> [Judgement] {
        var judgements: [Judgement] = []
        var seen: Set<String> = []
        for finding in choice.addresses where !addressed.contains(finding) && seen.insert(finding).inserted {
            if revealed.contains(finding) {
                judgements.append(
                    Judgement(
                        dimension: .planning, points: 1, outOf: 1,
                        kind: .grounded(finding: finding, kind: kind(of: finding))))
            } else {
                judgements.append(
                    Judgement(dimension: .planning, points: 0, outOf: 1, kind: .ungrounded(finding: finding)))
            }
        }
        return judgements
    }
}
