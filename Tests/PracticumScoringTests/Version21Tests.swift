import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Scoring 2.1, rules 10 to 13, each on a small case of its own: an open risk is reviewed, one lapse is charged
/// once, the number agrees with the level, and an expectation whose situation never arose is neither met nor
/// missed.
@Suite("Scoring 2.1, rules 10-13")
struct Version21Tests {
    // MARK: Rule 10: an open risk is reviewed

    /// A risk that is safe only once the means are out of the house; a no-harm promise puts it in the plan
    /// without making it safe; closing the file leaves it out of the plan altogether.
    static let riskCase = Support.header() + """
        finding thoughts [risk]: Thoughts of ending his life
          safe when: means-safe
        finding rent: Two months behind on rent
        var means-safe = false

        == meet
        * Introduce yourself and what stays confidential.
          phase: engagement
          quality: +2
          -> ask
        == ask
        * Ask him directly whether he is thinking of suicide, and about the rent.
          phase: assessment
          quality: +2
          reveals: thoughts, rent
          -> plan
        * Ask about the rent only.
          phase: assessment
          quality: +1
          reveals: rent
          -> plan
        == plan
        * Write a safety plan with him; his brother keeps the rifle.
          phase: planning
          quality: +2
          requires: revealed(thoughts)
          addresses: thoughts, rent
          set: means-safe = true
          -> close
        * Take his promise that he will stay safe, and plan the rent.
          phase: planning
          quality: +1
          requires: revealed(thoughts)
          addresses: thoughts, rent
          -> close
        * Plan the rent.
          phase: planning
          quality: +1
          addresses: rent
          -> close
        == close
        * Review the plan with him and end the work as agreed.
          phase: evaluation
          quality: +2
          -> done
        == done [ending: goals-met]
        The hearing goes his way.
        """

    @Test func aRiskInThePlanAndSafeIsNotReviewed() throws {
        let report = try Support.scorer(Self.riskCase).score(Support.path("meet#1", "ask#1", "plan#1", "close#1"))
        #expect(!report.needsReview && report.gatekeeping.isEmpty, "\(report.reasons)")
        #expect(report.level == .exemplary)
    }

    @Test func aRiskInThePlanButNotSafeIsReviewedAndCapped() throws {
        let report = try Support.scorer(Self.riskCase).score(Support.path("meet#1", "ask#1", "plan#2", "close#1"))
        #expect(report.needsReview && report.level <= .developing)
        let open = try #require(report.wholePathItems.first { $0.reason.contains("still open when the work ended") })
        #expect(open.points == 0 && open.gate == Rubric.Gate(cap: .developing, review: true))
        #expect(open.basis == .finding("thoughts"))
        #expect(report.gatekeeping.map(\.summary) == ["a known risk left open when the work ended (Thoughts of ending his life)"])
        #expect(report.outcome == "goals-met", "the ending is goals-met, and the review says why it is not enough")
    }

    @Test func aRiskLeftOutOfThePlanIsOneItemWithBothGates() throws {
        // "Plan the rent" with the thoughts revealed: out of the plan, and open.
        let report = try Support.scorer(Self.riskCase).score(Support.path("meet#1", "ask#1", "plan#3", "close#1"))
        let risk = report.wholePathItems.filter { $0.basis == .finding("thoughts") }
        #expect(risk.count == 1, "\(report.reasons)")
        #expect(risk.first?.gate == Rubric.Gate(cap: .developing, review: true))
        #expect(risk.first?.reason.contains("still open when the work ended") == true)
        #expect(report.needsReview && report.level <= .developing)
    }

    @Test func aRiskNeverRevealedIsNotOpenAndAnUnfinishedAttemptIsNotJudged() throws {
        let scorer = try Support.scorer(Self.riskCase)
        let never = try scorer.score(Support.path("meet#1", "ask#2", "plan#3", "close#1"))
        #expect(!never.wholePathItems.contains { $0.basis == .finding("thoughts") })
        let unfinished = try scorer.score(Support.path("meet#1", "ask#1"))
        #expect(!unfinished.needsReview && unfinished.gatekeeping.isEmpty)
    }

    @Test func theBestPathLeavesNoRiskOpen() throws {
        let scorer = try Support.scorer(Self.riskCase)
        #expect(scorer.bestPath() == Support.path("meet#1", "ask#1", "plan#1", "close#1"))
    }

    // MARK: Rule 11: one lapse, one charge

    /// An early closure that is premature, a breach, and the step that puts a follow-up out of reach; and a
    /// collusion that is a critical breach of competence and puts a critical expectation out of reach.
    static let lapseCase = Support.header() + """
        var followed-up = false
        var colluded = false
        expect followed-up (major): followed-up
          because: A client who spoke of risk is seen again before the file is closed.
          principle: competence
        expect no-collusion (critical): not colluded
          because: A worker never endorses physical punishment.
          principle: competence

        == meet
        * Introduce yourself.
          phase: engagement
          quality: +2
          -> assess
        == assess
        * Ask what happened at home.
          phase: assessment
          quality: +2
          -> father
        == father
        * Tell the father that a smack that leaves no mark is his business.
          phase: implementation
          quality: -2
          violates: competence (critical)
          set: colluded = true
          -> next
        * Tell the father calmly that hitting must stop, and plan with him.
          phase: planning
          quality: +2
          -> next
        == next
        * Close the file now: the family has a plan.
          phase: termination
          quality: -1
          violates: client-centered (minor)
          -> closed
        * See the family again next week and review the plan.
          phase: evaluation
          quality: +2
          set: followed-up = true
          -> ending
        == ending
        * End the work as agreed.
          phase: termination
          quality: +2
          -> done
        == done [ending: goals-met]
        Done.
        == closed [ending: partial]
        The file is closed.
        """

    @Test func anEarlyClosureIsChargedOnceAtItsMostSevereReading() throws {
        let report = try Support.scorer(Self.lapseCase).score(Support.path("meet#1", "assess#1", "father#2", "next#1"))
        let step = report.items(atStep: 4)
        let charged = step.filter { $0.points < 0 }
        #expect(charged.count == 1, "\(report.reasons)")
        #expect(charged.first?.points == -25 && charged.first?.dimension == .ethics)
        #expect(charged.first?.reason.hasPrefix("Not shown (major): A client who spoke of risk") == true)
        // The breach and the premature closure are still named, at no cost, with what they were counted with.
        let premature = try #require(step.first { $0.reason.contains("premature") })
        let breach = try #require(step.first { $0.reason.contains("breach of client-centered") })
        for reading in [premature, breach] {
            #expect(reading.points == 0 && reading.gate == nil)
            #expect(reading.reason.contains("Not charged again"))
        }
        // The gate follows the reading charged: the unmet major expectation caps at Developing.
        #expect(report.gatekeeping.count == 1 && report.gatekeeping[0].step == 4)
        #expect(report.level == .developing)
        // The lifecycle keeps the credit of the phases done soundly: the closure costs the phases it skipped.
        #expect(report.raw[.lifecycle] == 30, "engagement, assessment and planning covered; nothing charged")
    }

    @Test func collusionIsChargedOnceNotAsABreachAndAgainAsAnExpectation() throws {
        let report = try Support.scorer(Self.lapseCase).score(
            Support.path("meet#1", "assess#1", "father#1", "next#2", "ending#1"))
        let losses = report.items.filter { $0.points < 0 && $0.dimension == .ethics }
        #expect(losses.map(\.points) == [-50], "\(report.reasons)")
        #expect(report.level == .emerging && report.needsReview)
        #expect(report.gatekeeping.count == 1, "one lapse, one gatekeeping event")
    }

    @Test func aPrematureStepAloneCostsOnePhasesCredit() throws {
        let scorer = try Support.scorer(Support.header() + """
            == meet
            * Call the landlord before anything else.
              phase: implementation
              quality: -1
              -> talk
            * Introduce yourself.
              phase: engagement
              quality: +2
              -> talk
            == talk
            * Ask what happened.
              phase: assessment
              quality: +2
              -> done
            == done [ending: goals-met]
            Done.
            """)
        let report = try scorer.score(Support.path("meet#1", "talk#1"))
        let premature = try #require(report.items.first { $0.reason.contains("premature") })
        #expect(premature.points == -Double(Support.rubric.premature))
        #expect(Support.rubric.premature == Support.rubric.coverage, "the default premature cost is one phase's credit")
    }

    /// Every complete path of the small cases, scored one by one: the best of each dimension that the search
    /// found is exactly the best any path reaches, with lapses charged once; and an expectation charged at a
    /// step is never met where the path ends.
    @Test(arguments: [Self.lapseCase, Self.riskCase, Self.situationCase])
    func theSearchAgreesWithEveryPath(_ text: String) throws {
        let scorer = try Support.scorer(text)
        let engine = Engine(scenario: scorer.scenario)
        var best: [PracticumScoring.Dimension: Double] = [:]
        var paths = 0
        func walk(_ state: CaseState) throws {
            switch engine.status(of: state) {
            case .choosing(let shown):
                for choice in shown { try walk(engine.autoContinue(try engine.choose(id: choice.id, in: state).state).state) }
            default:
                let report = scorer.score(state)
                guard report.outcome != nil else { return }
                paths += 1
                for dimension in [PracticumScoring.Dimension.lifecycle, .ethics, .outcome] {
                    best[dimension] = max(best[dimension] ?? -.infinity, report.raw[dimension] ?? 0)
                }
                for result in report.expectations where result.state == .unmet {
                    #expect(result.step == nil || !report.items.filter { $0.step == result.step }.isEmpty)
                }
            }
        }
        try walk(engine.autoContinue(engine.start().state).state)
        #expect(paths > 1)
        for dimension in [PracticumScoring.Dimension.lifecycle, .ethics, .outcome] {
            #expect(best[dimension] == scorer.best[dimension], "\(dimension)")
        }
    }

    // MARK: Rule 12: the number agrees with the level

    @Test func aCappedAttemptScoresAtMostTheTopOfItsBand() throws {
        // A promise in place of safety, in otherwise sound work: the points reach far above Developing; the
        // number stays within it.
        let report = try Support.scorer(Self.riskCase).score(Support.path("meet#1", "ask#1", "plan#2", "close#1"))
        #expect(report.isCapped && report.level == .developing)
        #expect(report.uncappedOverall > 74 && report.overall == 74, "\(report.uncappedOverall)")
        #expect(Support.rubric.top(of: .emerging) == 59 && Support.rubric.top(of: .competent) == 89)
        #expect(Support.rubric.top(of: .exemplary) == 100)
        // An uncapped attempt keeps its number.
        let clean = try Support.scorer(Self.lapseCase).score(
            Support.path("meet#1", "assess#1", "father#2", "next#2", "ending#1"))
        #expect(!clean.isCapped && clean.overall == clean.uncappedOverall)
    }

    // MARK: Rule 13: three states for an expectation

    static let situationCase = Support.header() + """
        finding remark [risk]: He said it would be simpler if he were not around
        var asked = false
        expect asked-directly (critical): asked
          because: A remark about not being around is followed by a direct question.
          when: visited(remark)
          principle: competence

        == meet
        * Listen to him.
          phase: engagement
          quality: +2
          -> remark
        * Talk about the rent.
          phase: engagement
          quality: +1
          -> rent
        == remark
        * Ask him directly.
          phase: assessment
          quality: +2
          reveals: remark
          addresses: remark
          set: asked = true
          -> done
        * Change the subject.
          phase: assessment
          quality: -2
          -> done
        == rent
        * Plan the rent together.
          phase: planning
          quality: +1
          -> done
        == done [ending: goals-met]
        Done.
        """

    @Test func anExpectationHasThreeStatesAndPendingWhileUnfinished() throws {
        let scorer = try Support.scorer(Self.situationCase)
        let met = try scorer.score(Support.path("meet#1", "remark#1"))
        #expect(met.expectations.map(\.state) == [.met] && met.expectations[0].met)
        let unmet = try scorer.score(Support.path("meet#1", "remark#2"))
        #expect(unmet.expectations.map(\.state) == [.unmet] && unmet.expectations[0].step == 2)
        #expect(unmet.level == .emerging && unmet.needsReview)
        let never = try scorer.score(Support.path("meet#2", "rent#1"))
        #expect(never.expectations.map(\.state) == [.didNotArise] && !never.expectations[0].met)
        #expect(!never.items.contains { $0.reason.hasPrefix("Not shown") } && !never.needsReview)
        #expect(never.unmetExpectations.isEmpty)
        let unfinished = try scorer.score(Support.path("meet#1"))
        #expect(unfinished.expectations.map(\.state) == [.pending])
        // Put out of reach, it is unmet even before the attempt ends, at the step that did it.
        let stepped = try scorer.score(Support.path("meet#1", "remark#2"))
        #expect(stepped.items(atStep: 2).contains { $0.reason.hasPrefix("Not shown (critical)") })
    }

    @Test func theStatesTravelInTheReportsJSON() throws {
        let report = try Support.scorer(Self.situationCase).score(Support.path("meet#2", "rent#1"))
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"state\":\"did-not-arise\""))
        #expect(try JSONDecoder().decode(ScoreReport.self, from: Data(json.utf8)) == report)
    }
}
