import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rule 6: no surface tells. Content-blind policies must not reach Competent on any bundled case, and the
/// author's ceiling must reach Exemplary; `Simulator` itself is checked on a case built with a tell.
@Suite("Scoring v2, rule 6: content-blind policies")
struct SimulationTests {
    /// Three scenes whose best option is always written first and is always the longest.
    static let telling = Support.header() + (1...3).map { number -> String in
        let next = number == 3 ? "end" : "s\(number + 1)"
        return """
            == s\(number)
            * Take the time to ask her what matters most to her today.
              phase: \(number == 1 ? "engagement" : number == 2 ? "assessment" : "planning")
              quality: +2
              -> \(next)
            * Tell her.
              phase: engagement
              quality: -2
              violates: self-determination (major)
              -> \(next)
            * Wait.
              phase: engagement
              quality: -1
              -> \(next)

            """
    }.joined() + "== end [ending: goals-met]\nDone.\n"

    @Test func aLengthTellLetsTheLongestPolicyScoreAndSimulateShowsIt() throws {
        let simulator = Simulator(scorer: try Support.scorer(Self.telling))
        let longest = simulator.run(.longest, runs: 20, seed: 1)
        #expect(longest.medianLevel == .exemplary)
        #expect(longest.scores.count == 20 && longest.complete == 20)
        let shortest = simulator.run(.shortest, runs: 20, seed: 1)
        #expect(shortest.medianLevel == .emerging)
        let ceiling = simulator.run(.ceiling, runs: 20, seed: 1)
        #expect(ceiling.medianLevel == .exemplary && ceiling.medianScore == 100)
    }

    @Test func runsAreReproducibleAndShuffled() throws {
        let simulator = Simulator(scorer: try Support.scorer(Self.telling))
        #expect(simulator.run(.first, runs: 30, seed: 5) == simulator.run(.first, runs: 30, seed: 5))
        // Shuffled per run: "first" does not always find the option written first.
        let first = simulator.run(.first, runs: 60, seed: 5)
        #expect(Set(first.scores).count > 1, "\(first.scores)")
        #expect(Simulator.seed(ofRun: 0, base: 5) != Simulator.seed(ofRun: 1, base: 5))
    }

    /// A path is scored once however many runs take it: every run's score, level, review flag and ending are
    /// those of the run played and scored alone, for every policy, on a case with a loop and a lapse.
    @Test func aPathScoredOnceForManyRunsScoresAsEachRunAlone() throws {
        let text = Support.header() + """
            == hub
            * Ask again, and at length, how the week went for her and the children.
              phase: assessment
              quality: +1
              -> hub
            * Tell her what happens next.
              phase: implementation
              quality: -2
              violates: self-determination (major)
              -> end
            * Agree the next step with her.
              phase: planning
              quality: +2
              -> end
            == end [ending: goals-met]
            Done.
            """
        let simulator = Simulator(scorer: try Support.scorer(text), stepLimit: 12)
        for policy in Policy.allCases {
            let result = simulator.run(policy, runs: 25, seed: 9)
            let alone = (0..<25).map { simulator.play(policy, seed: Simulator.seed(ofRun: $0, base: 9)).report }
            #expect(result.scores == alone.map(\.overall), "\(policy)")
            #expect(result.reviews == alone.count(where: \.needsReview) && result.complete == alone.count { $0.outcome != nil })
            let levels = Dictionary(grouping: alone, by: { $0.outcome == nil ? Level.emerging : $0.level }).mapValues(\.count)
            #expect(result.levels == levels, "\(policy)")
        }
    }

    @Test func aLoopingPolicyStopsAtTheStepLimitAsIncomplete() throws {
        let text = Support.header() + """
            == hub
            * Again, and at length, with great care and attention.
              phase: engagement
              quality: +1
              -> hub
            * Go.
              phase: termination
              quality: +1
              -> end
            == end [ending: goals-met]
            Done.
            """
        let result = Simulator(scorer: try Support.scorer(text), stepLimit: 50).run(.longest, runs: 3, seed: 1)
        #expect(result.complete == 0)
        #expect(result.lowest?.path.count == 50)
    }

    @Test func mediansTakeTheLowerMiddle() {
        let result = SimulationResult(
            policy: .random, scores: [10, 90, 40, 70], levels: [.emerging: 2, .developing: 1, .exemplary: 1],
            reviews: 0, complete: 4)
        #expect(result.medianScore == 40)
        #expect(result.medianLevel == .emerging)
    }

    @Test(arguments: Support.bundled)
    func noPolicyThatSkipsTheCaseReachesCompetentOnABundledCase(file: String) throws {
        let simulator = Simulator(scorer: try Support.bundledScorer(file))
        #expect(Policy.allCases.filter(\.skipsTheCase).count == 12)
        for policy in Policy.allCases where policy.skipsTheCase {
            let result = simulator.run(policy, runs: 100, seed: 2026)
            #expect(result.medianLevel < .competent, "\(file): '\(policy)' reaches \(result.medianLevel) (median \(result.medianScore))")
        }
        let ceiling = simulator.run(.ceiling, runs: 60, seed: 2026)
        #expect(ceiling.medianLevel == .exemplary, "\(file): the ceiling reaches only \(ceiling.medianLevel): \(ceiling.lowest?.path ?? [])")
    }
}
