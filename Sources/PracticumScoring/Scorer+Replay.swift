import PracticumCore
import PracticumEngine

extension Scorer {
    // MARK: The report

    /// The report of a path. With `final` nil the path is checked as it is replayed: the first choice not on
    /// offer (or not in the case) stops it, is put in `stopAtUnoffered`, and nil is returned; the state the
    /// replay ends in is then the final one. With a `final` state, such a step is judged without a decision.
    func report(
        path: [ChoiceID], final given: CaseState?, undone: [UndoneChoice], detail: Detail,
        stopAtUnoffered: inout NotOffered?
    ) -> (report: ScoreReport, final: CaseState)? {
        let checking = given == nil
        let storage = self.storage
        let rules = storage.rules, optimum = storage.optimum, scenario = storage.scenario
        let engine = rules.engine
        let writer = storage.writer
        var items: [ScoreItem] = []
        /// For `.numbers`: the totals and the gatekeeping events, added up as the items would be.
        var tally = Tally()
        /// Records a judgement: as an item with its words, as an item without them, or in the tally.
        func add(_ judgement: Judgement, step: Int?, choiceText: String?) {
            switch detail {
            case .reasons:
                items.append(writer.item(for: judgement, step: step, choiceText: choiceText))
            case .items:
                items.append(
                    ScoreItem(
                        step: step, choiceText: nil, dimension: judgement.dimension, points: judgement.points,
                        outOf: judgement.outOf, reason: "", basis: judgement.basis(in: scenario), gate: judgement.gate,
                        gateSummary: judgement.gate == nil ? nil : writer.summary(for: judgement.kind, step: step), stronger: nil,
                        kind: judgement.itemKind, severity: judgement.severity, notCharged: judgement.countedWith != nil))
            case .numbers:
                tally.add(dimension: judgement.dimension, points: judgement.points, outOf: judgement.outOf)
                if let gate = judgement.gate, !gate.isEmpty {
                    tally.gatekeeping.append(
                        GatekeepingEvent(step: step, cap: gate.cap, review: gate.review, reason: "", summary: ""))
                }
            }
        }
        let withEvidence = detail != .numbers
        var evidence = storage.emptyLedger
        var state = storage.startState
        // Whether each expectation held in each state the replay passed through (the start first), for the step
        // from which a met expectation held; kept as flags rather than keeping the states.
        let expected = scenario.expectations
        var held: [Bool] = []
        held.reserveCapacity((path.count + 1) * expected.count)
        let conditions = storage.expectationConditions
        func note(_ state: CaseState) {
            for index in conditions.indices { held.append(engine.evaluate(conditions[index], in: state)) }
        }
        note(state)
        var states = 1
        var judge = StepJudge(storage: storage, start: state)
        /// Judges step `step` (choice `id`): with a practice decision against `offered` (the written positions on
        /// offer) when the choice was on offer, without one when it was not.
        func judgeStep(_ step: Int, _ id: ChoiceID, _ choice: Choice, offered: [Int]?) {
            let verdict = judge.judge(step: step, id: id, choice: choice, offered: offered)
            if let decision = verdict.decision { add(decision, step: step, choiceText: choice.text) }
            if withEvidence { for index in verdict.unmet { evidence.recordUnmet(expected[index]) } }
            for judgement in verdict.judgements { add(judgement, step: step, choiceText: choice.text) }
            if withEvidence { evidence.record(step: step, choice: choice, judgements: verdict.judgements) }
        }
        // The step last judged with its decision, and whether the current step names no choice of the case (a
        // save from another version: passed over without a word, as if it were not there).
        var judgedStep = 0
        var skipped = false
        let walked: CaseState
        do {
            walked = try engine.walk(path, from: state) { event throws(NotOffered) in
                switch event {
                case .scene, .took:
                    break
                case .choosing(let step, _, let offered, let pick):
                    // What was on offer comes as written positions in the scene (the choices themselves are not copied).
                    judgedStep = step
                    judgeStep(step, pick.id, pick.choice, offered: offered)
                case .refused(let step, _, let wanted, _):
                    // A choice on offer whose move failed was judged already; it moves nothing.
                    guard judgedStep != step, case .id(let id) = wanted else { return }
                    if checking { throw NotOffered(step: step, choice: id) }
                    guard let choice = rules.choice(id) else {
                        judge.pass(id)
                        skipped = true
                        return
                    }
                    // A choice not on offer is judged without a decision and moves nothing, as `choose(id:)` would refuse it.
                    judgeStep(step, id, choice, offered: nil)
                case .settled(_, let settled):
                    if skipped {
                        skipped = false
                        return
                    }
                    // The state is read here, never kept: a kept state would make the walk copy the whole path
                    // at the next step. The walk returns the last one.
                    judge.settled(in: settled)
                    note(settled)
                    states += 1
                }
            }
        } catch {
            stopAtUnoffered = error
            return nil
        }
        state = walked
        let final = given ?? state
        let ended = scenario.position(ofScene: final.scene).map { scenario.scenes[$0].isEnding } ?? false
        let chargedAt = judge.chargedAt
        let atEnd = expected.indices.filter { chargedAt[$0] == nil }
        let ending = rules.judgeEnd(memory: judge.memory, state: final, bestPhases: optimum.bestPhases, expectations: atEnd)
        for judgement in ending { add(judgement, step: nil, choiceText: nil) }

        // Expectations: met, unmet (and the step that put it out of reach), did not arise, or still open.
        var expectations: [ExpectationResult] = []
        for (number, expectation) in expected.enumerated() {
            var result: ExpectationResult.State
            var step: Int?
            if let charged = chargedAt[number] {
                result = .unmet
                step = charged
            } else if ended {
                switch engine.outcome(of: expectation, in: final) {
                case .met: result = .met
                case .unmet: result = .unmet
                case .didNotArise: result = .didNotArise
                }
                if result == .unmet && withEvidence { evidence.recordUnmet(expectation) }
            } else {
                result = .pending
            }
            if result == .met {
                var first = states - 1
                while first > 0 && held[(first - 1) * expected.count + number] { first -= 1 }
                step = first
            }
            expectations.append(
                ExpectationResult(
                    name: expectation.name, severity: expectation.severity, state: result, step: step,
                    because: expectation.because))
        }
        if detail != .numbers { tally = Tally(items: items) }
        var report = assemble(
            items: items, tally: tally, path: path, final: final, expectations: expectations,
            competencies: withEvidence ? evidence.competencies() : [], undone: undone)
        if detail == .reasons {
            report.debrief = DebriefWriter(scenario: scenario, rubric: storage.rubric, writer: writer)
                .content(of: report, path: path)
        }
        return (report, final)
    }
}
