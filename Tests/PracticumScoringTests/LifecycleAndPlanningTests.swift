import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rules 4 and 5: lifecycle credits sound work in a phase; strengths are not needs, and an unplanned risk
/// is an omission.
@Suite("Scoring v2, rules 4 and 5: lifecycle and planning")
struct LifecycleAndPlanningTests {
    static let cycle = Support.header() + """
        finding rent [risk]: Eviction in 12 days
        finding sister [strength]: Her sister can host her
        finding sleep: Poor sleep

        == meet
        * Introduce yourself.
          phase: engagement
          quality: +2
          -> hub

        == hub
        * Ask about the rent.
          phase: assessment
          quality: +2
          reveals: rent
          once
          -> hub
        * Ask who helps her.
          phase: assessment
          quality: +2
          reveals: sister
          once
          -> hub
        * Ask how she sleeps.
          phase: assessment
          quality: +1
          reveals: sleep
          once
          -> hub
        * Plan the rent.
          phase: planning
          quality: +1
          requires: revealed(rent)
          addresses: rent
          once
          -> hub
        * Plan sleep.
          phase: planning
          quality: +1
          requires: revealed(sleep)
          addresses: sleep
          once
          -> hub
        * Plan with her sister's help.
          phase: planning
          quality: +1
          requires: revealed(sister)
          addresses: sister
          once
          -> hub
        * Act on the plan.
          phase: implementation
          quality: +2
          pinned
          -> follow

        == follow
        * Check how it is going.
          phase: monitoring
          quality: +1
          -> review
        * Ask in passing if all is fine.
          phase: monitoring
          quality: 0
          -> review
        * Go straight to the review.
          phase: evaluation
          quality: +1
          -> close

        == review
        * Review it with her.
          phase: evaluation
          quality: +2
          -> close
        * Tick the boxes yourself.
          phase: evaluation
          quality: -1
          -> close

        == close
        * End well.
          phase: termination
          quality: +2
          -> end

        == end [ending: goals-met]
        Done.
        """

    func report(_ path: [String]) throws -> ScoreReport {
        try Support.scorer(Self.cycle).score(Support.path(path))
    }

    @Test func aPhaseCountsAsCoveredOnlyThroughSoundWork() throws {
        let sound = try report(["meet#1", "hub#1", "hub#4", "hub#7", "follow#1", "review#1", "close#1"])
        let weak = try report(["meet#1", "hub#1", "hub#4", "hub#7", "follow#1", "review#2", "close#1"])
        #expect(sound.items.contains { $0.basis == .phase("evaluation") && $0.points == 10 })
        #expect(!weak.items.contains { $0.basis == .phase("evaluation") && $0.points > 0 })
        let unsound = try #require(weak.wholePathItems.first { $0.basis == .phase("evaluation") })
        #expect(unsound.reason.contains("never soundly"))
        #expect(weak.raw[.lifecycle]! == sound.raw[.lifecycle]! - 10)
    }

    @Test func monitoringOfNoQualityEarnsNoMonitoringCredit() throws {
        let sound = try report(["meet#1", "hub#1", "hub#4", "hub#7", "follow#1", "review#1", "close#1"])
        let idle = try report(["meet#1", "hub#1", "hub#4", "hub#7", "follow#2", "review#1", "close#1"])
        #expect(sound.items.contains { $0.basis == .phase("monitoring") && $0.points == 10 })
        #expect(!idle.items.contains { $0.basis == .phase("monitoring") && $0.points != 0 })
    }

    @Test func aStrengthLeftOutOfThePlanCostsNothing() throws {
        let withoutStrength = try report(
            ["meet#1", "hub#1", "hub#2", "hub#4", "hub#7", "follow#1", "review#1", "close#1"])
        #expect(withoutStrength.dimensions[.planning] == 100, "\(withoutStrength.reasons)")
        #expect(!withoutStrength.items.contains { $0.basis == .finding("sister") })
    }

    @Test func aGoalBuiltOnAStrengthEarnsCredit() throws {
        let report = try report(
            ["meet#1", "hub#1", "hub#2", "hub#4", "hub#6", "hub#7", "follow#1", "review#1", "close#1"])
        let strength = try #require(report.items.first { $0.basis == .finding("sister") })
        #expect(strength.points == 1 && strength.outOf == 1)
        #expect(strength.reason.contains("builds on a strength"))
    }

    @Test func aRevealedNeedLeftOutOfThePlanIsAnItemWithoutCredit() throws {
        let report = try report(["meet#1", "hub#1", "hub#3", "hub#4", "hub#7", "follow#1", "review#1", "close#1"])
        let left = try #require(report.wholePathItems.first { $0.basis == .finding("sleep") })
        #expect(left.points == 0 && left.outOf == 1 && left.gate == nil)
        #expect(report.dimensions[.planning] == 50)
    }

    @Test func aRevealedRiskLeftOutOfThePlanIsAMajorOmission() throws {
        let report = try report(["meet#1", "hub#1", "hub#3", "hub#5", "hub#7", "follow#1", "review#1", "close#1"])
        let risk = try #require(report.wholePathItems.first { $0.basis == .finding("rent") })
        #expect(risk.reason.contains("A risk identified but never planned for"))
        // Left out of the plan, it is also open where the work ends: reviewed (rule 10).
        #expect(risk.gate == Rubric.Gate(cap: .developing, review: true))
        #expect(report.level <= .developing && report.needsReview)
    }

    @Test func skippingAnOptionalQuestionLeavesThePlanningScoreWhole() throws {
        // Sleep never asked about: the plan rests on what was found, so planning stays at 100.
        let report = try report(["meet#1", "hub#1", "hub#4", "hub#7", "follow#1", "review#1", "close#1"])
        #expect(report.dimensions[.planning] == 100)
        #expect(report.dimensions[.practice] == 100, "\(report.reasons)")
        #expect(report.overall == 100)
    }

    @Test func anEndingWithNoPlanAtAllScoresNoPlanning() throws {
        let report = try report(["meet#1", "hub#7", "follow#1", "review#1", "close#1"])
        let none = try #require(report.wholePathItems.first { $0.dimension == .planning })
        #expect(none.reason.contains("without a plan"))
        #expect(report.dimensions[.planning] == 0)
    }
}
