import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rule 3: practice is the mean quality of decisions against what was on offer, not their number.
@Suite("Scoring v2, rule 3: practice")
struct PracticeTests {
    /// A hub of `once` questions (+2, +1, -1) and a +1 way out, then a plain ending.
    static let hub = Support.header() + """
        == meet
        * Introduce yourself.
          phase: engagement
          quality: +1
          -> hub

        == hub
        Lena waits for your next question.

        * Ask about the rent.
          phase: assessment
          quality: +2
          once
          -> hub
        * Ask about her health.
          phase: assessment
          quality: +1
          once
          -> hub
        * Ask why she let it get this far.
          phase: assessment
          quality: -1
          once
          -> hub
        * Move on to planning.
          phase: planning
          quality: +1
          pinned
          -> end

        == end [ending: goals-met]
        Done.
        """

    func practice(_ text: String, _ path: [String]) throws -> ScoreReport {
        try Support.scorer(text).score(Support.path(path))
    }

    @Test func theOrderOfSoundOptionsInAHubNeverMatters() throws {
        let plusOneFirst = try practice(Self.hub, ["meet#1", "hub#2", "hub#1", "hub#4"])
        let plusTwoFirst = try practice(Self.hub, ["meet#1", "hub#1", "hub#2", "hub#4"])
        #expect(plusOneFirst.decisions.map(\.points) == [1, 1, 1], "\(plusOneFirst.reasons)")
        #expect(plusOneFirst.dimensions[.practice] == 100)
        #expect(plusTwoFirst.dimensions[.practice] == 100)
    }

    @Test func passingOverAnOptionNoBetterThanMovingOnCostsNothing() throws {
        let report = try practice(Self.hub, ["meet#1", "hub#1", "hub#4"])
        #expect(report.dimensions[.practice] == 100, "\(report.reasons)")
    }

    @Test func oneMorePositiveOptionAddsNothing() throws {
        let thorough = try practice(Self.hub, ["meet#1", "hub#1", "hub#2", "hub#4"])
        let brief = try practice(Self.hub, ["meet#1", "hub#1", "hub#4"])
        #expect(thorough.dimensions[.practice] == brief.dimensions[.practice])
        #expect(thorough.overall == brief.overall)
    }

    @Test func leavingWithTheStrongestOptionUntakenCosts() throws {
        let report = try practice(Self.hub, ["meet#1", "hub#2", "hub#4"])
        let leave = try #require(report.decisions.last)
        // Measured from the worst on offer (-1) to the +2 question it put out of reach: (1 - -1) / (2 - -1).
        #expect(abs(leave.points - 2.0 / 3.0) < 1e-9)
        #expect(leave.reason.contains("\"Ask about the rent.\" was stronger here"))
        #expect(report.dimensions[.practice] == 83)
    }

    @Test func aWeakChoiceCostsEvenWhileBetterOnesRemain() throws {
        let report = try practice(Self.hub, ["meet#1", "hub#3", "hub#1", "hub#2", "hub#4"])
        let weak = try #require(report.decisions.first)
        #expect(weak.points == 0)
        #expect(weak.reason.hasPrefix("No credit for this decision"))
        // Then +2 at full credit; +1 and the +1 way out are equally good, so they are no decision.
        #expect(report.decisions.count == 2, "\(report.reasons)")
        #expect(report.dimensions[.practice] == 50)
    }

    @Test func aChoiceThatMakesTheBestOneImpossibleIsMeasuredAgainstIt() throws {
        // The quick fix closes the thorough option by a flag, though the scene stays reachable.
        let text = Support.header() + """
            var fixed = false
            == hub
            * Patch it quickly.
              phase: implementation
              quality: +1
              set: fixed = true
              once
              -> hub
            * Work it through with her.
              phase: implementation
              quality: +2
              requires: not fixed
              once
              -> hub
            * Finish.
              phase: termination
              quality: +1
              pinned
              -> end
            == end [ending: goals-met]
            Done.
            """
        let report = try practice(text, ["hub#1", "hub#3"])
        let patch = try #require(report.decisions.first)
        #expect(patch.points == 0, "the +2 option went out of reach: \(report.reasons)")
        #expect(try practice(text, ["hub#2", "hub#1", "hub#3"]).dimensions[.practice] == 100)
    }

    @Test func aSceneWhoseOptionsAreEquallyGoodIsNoDecision() throws {
        let text = Support.header() + """
            == a
            * One way.
              phase: engagement
              quality: +1
              -> b
            * Another way.
              phase: engagement
              quality: +1
              -> b
            == b
            * Good.
              phase: assessment
              quality: +2
              -> end
            * Poor.
              phase: assessment
              quality: -1
              -> end
            == end [ending: goals-met]
            Done.
            """
        let report = try practice(text, ["a#2", "b#2"])
        #expect(report.decisions.count == 1)
        #expect(report.dimensions[.practice] == 0)
    }

    @Test func aRepeatedActionCountsOnce() throws {
        let text = Support.header() + """
            == hub
            * Reflect what she said.
              phase: engagement
              quality: +2
              -> hub
            * Lecture her.
              phase: engagement
              quality: -1
              -> hub
            * Finish.
              phase: termination
              quality: +2
              -> end
            == end [ending: goals-met]
            Done.
            """
        // One lecture, then reflecting five times: the repeats do not water the lapse down.
        let report = try practice(text, ["hub#2", "hub#1", "hub#1", "hub#1", "hub#1", "hub#1", "hub#3"])
        #expect(report.decisions.count == 3, "\(report.reasons)")
        #expect(report.dimensions[.practice] == 67)
        #expect(report.items(atStep: 3).first?.reason.contains("counts once") == true)
    }

    @Test func practiceCountsTheSameWhateverOrderTheChoicesWereShownIn() throws {
        let scorer = try Support.scorer(Self.hub)
        let path = Support.path("meet#1", "hub#2", "hub#1", "hub#4")
        let shuffled = Engine(scenario: scorer.scenario, order: .shuffled(seed: 99))
        let played = try shuffled.replay(path)
        #expect(scorer.score(played) == (try scorer.score(path)))
    }
}
