import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// `Scorer.StepByStep` gives each step's feedback as it is played, without scoring the whole path again. Its
/// items must be, at every step, exactly the items of that step in `score` of the path up to it: the same
/// decisions, charges, phase notes and reasons, after undos, from a resumed attempt, and in a shuffled order.
@Suite struct StepByStepTests {
    /// Plays `walks` random walks of up to `limit` steps through `scenario` in `engine`'s order, undoing a step
    /// now and then, and checks every step's items against a full report of the path so far.
    static func expectAgreement(
        _ scorer: Scorer, engine: Engine, walks: Int, limit: Int, seed: UInt64,
        allowing allowed: (AvailableChoice) -> Bool = { _ in true }, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Int {
        var generator = SplitMix64(seed: seed)
        var compared = 0
        for walk in 0..<walks {
            var state = engine.autoContinue(engine.start().state).state
            var scores = Scorer.StepByStep(scorer)
            var moves = 0
            while moves < limit, case .choosing(let offered) = engine.status(of: state) {
                moves += 1
                if !state.path.isEmpty && generator.next() % 5 == 0, let previous = engine.undo(state) {
                    scores.undo()
                    state = engine.autoContinue(previous).state
                    #expect(scores.steps == state.path.count, sourceLocation: sourceLocation)
                    continue
                }
                let candidates = offered.contains(where: allowed) ? offered.filter(allowed) : offered
                let pick = candidates[Int(generator.next() % UInt64(candidates.count))]
                guard let taken = try? engine.choose(offered: pick, in: state) else { break }
                let items = scores.take(pick.id, in: state, reaching: taken.state)
                let step = taken.state.path.count
                let expected = scorer.score(taken.state).items.filter { $0.step == step }
                #expect(items == expected, "walk \(walk), step \(step), \(pick.id)", sourceLocation: sourceLocation)
                compared += 1
                state = engine.autoContinue(taken.state).state
            }
        }
        return compared
    }

    @Test(arguments: Support.bundled)
    func everyStepAgreesWithTheReportOfThePathSoFar(file: String) throws {
        let scorer = try Support.bundledScorer(file)
        let engine = Engine(scenario: scorer.scenario)
        let compared = Self.expectAgreement(scorer, engine: engine, walks: 6, limit: 60, seed: 0x17_5B)
        #expect(compared > 30)
    }

    @Test func aShuffledOrderIsJudgedAsTheWrittenOrderJudgesIt() throws {
        let scorer = try Support.bundledScorer("rent-arrears-intake.scenario")
        let engine = Engine(scenario: scorer.scenario, order: .shuffled(seed: 42))
        #expect(Self.expectAgreement(scorer, engine: engine, walks: 4, limit: 40, seed: 7) > 20)
    }

    @Test func aLongLoopAgreesAtEveryStep() throws {
        let scorer = try Support.scorer(Cases.counterHub(bound: 3))
        let engine = Engine(scenario: scorer.scenario)
        // Up and Down only, round the loop: 300 moves, a fifth of them undos.
        let compared = Self.expectAgreement(
            scorer, engine: engine, walks: 2, limit: 300, seed: 99, allowing: { $0.choice.text != "Leave" })
        #expect(compared > 300)
    }

    /// A resumed attempt: the steps already played are judged once when the scorer starts, and the next step's
    /// items are those of the whole path's report, as if it had been played through here.
    @Test(arguments: Support.bundled)
    func goingOnFromAStatePlayedElsewhereAgrees(file: String) throws {
        let scorer = try Support.bundledScorer(file)
        let engine = Engine(scenario: scorer.scenario)
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<4 {
            let path = BundledCaseTests.randomPath(in: engine, using: &generator, limit: 30)
            guard path.count > 2 else { continue }
            let cut = Int(generator.next() % UInt64(path.count - 1)) + 1
            let resting = engine.autoContinue(try engine.replay(Array(path[..<cut]))).state
            var scores = Scorer.StepByStep(scorer, from: resting)
            #expect(scores.steps == cut)
            let taken = try engine.choose(id: path[cut], in: resting)
            let items = scores.take(path[cut], in: resting, reaching: taken.state)
            #expect(items == scorer.score(taken.state).items.filter { $0.step == cut + 1 })
            #expect(!items.isEmpty)
        }
    }

    /// A state that does not follow on from the steps judged (the front end lost track) is judged from its
    /// start rather than against the wrong history.
    @Test func aStateFromAnotherPathIsJudgedFromItsStart() throws {
        let scorer = try Support.bundledScorer("rent-arrears-intake.scenario")
        let engine = Engine(scenario: scorer.scenario)
        var generator = SplitMix64(seed: 3)
        let path = BundledCaseTests.randomPath(in: engine, using: &generator, limit: 12)
        try #require(path.count > 5)
        var scores = Scorer.StepByStep(scorer)
        let resting = engine.autoContinue(try engine.replay(Array(path[..<5]))).state
        let taken = try engine.choose(id: path[5], in: resting)
        let items = scores.take(path[5], in: resting, reaching: taken.state)
        #expect(scores.steps == 6)
        #expect(items == scorer.score(taken.state).items.filter { $0.step == 6 })
    }
}
