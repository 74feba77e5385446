import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The model's judgement on hand-made paths: what earns, what costs, and why.
@Suite struct JudgementTests {
    let scorer: Scorer
    let best = Support.path(
        "intake#1", "story#1", "story#2", "story#4", "act#1", "review#1", "review#3", "review#2", "closing#1")

    init() throws {
        scorer = try Support.scorer(Cases.maria())
    }

    @Test func bestPathScoresOneHundredAndExemplary() throws {
        #expect(scorer.bestPath() == best)
        let report = try scorer.score(best)
        #expect(report.overall == 100)
        #expect(report.level == .exemplary)
        #expect(!report.needsReview)
        for dimension in Dimension.allCases {
            #expect(report.dimensions[dimension] == 100, "\(dimension): \(report.reasons)")
        }
        #expect(report.raw == [.practice: 15, .lifecycle: 70, .ethics: 0, .planning: 20, .outcome: 100])
        #expect(report.raw == report.best)
        #expect(scorer.strongerAlternative(for: best) == nil)
    }

    @Test func criticalBreachCapsTheLevelAndAsksForReview() throws {
        let path = Support.path(
            "intake#1", "story#1", "story#2", "story#4", "act#2", "review#1", "review#3", "review#2", "closing#1")
        let report = try scorer.score(path)
        #expect(report.needsReview)
        #expect(report.level == .emerging)
        #expect(report.uncappedLevel > .emerging, "the other dimensions alone would reach a higher level")
        let breach = try #require(report.items.first { $0.basis == .principle("confidentiality") && $0.points < 0 })
        #expect(breach.step == 5)
        #expect(breach.points == -50)
        #expect(breach.reason.contains("critical"))
        #expect(breach.reason.contains("NASW 1.07"))
        #expect(report.dimensions[.ethics] == 50)
    }

    @Test func actingBeforeAssessingIsNamedPremature() throws {
        let report = try scorer.score(Support.path("intake#2", "landlord#2"))
        let premature = report.items.filter { $0.reason.contains("premature") }
        #expect(premature.count == 2, "\(report.reasons)")
        let first = try #require(premature.first)
        #expect(first.step == 1)
        #expect(first.dimension == .lifecycle)
        #expect(first.points == -10)
        #expect(first.basis == .phase("implementation"))
        #expect(first.reason.hasPrefix("You moved to implementation before any planning: premature"))
        #expect(premature[1].reason.hasPrefix("You moved to termination before any evaluation: premature"))
        #expect(report.outcome == "disengaged")
    }

    @Test func returningToAssessmentDuringImplementationCostsNothing() throws {
        let report = try scorer.score(best)
        let returned = report.items(atStep: 7).filter { $0.dimension == .lifecycle }
        #expect(returned.count == 1)
        #expect(returned.first?.points == 0)
        #expect(returned.first?.basis == .phase("assessment"))
        #expect(returned.first?.reason.contains("costs nothing") == true)
        #expect(!report.items.contains { $0.points < 0 })
    }

    @Test func crisisSceneRelaxesTheOrder() throws {
        let crisis = try Support.scorer(Cases.crisis)
        let report = try crisis.score(Support.path("door#1", "talk#2"))
        #expect(!report.items.contains { $0.points < 0 }, "\(report.reasons)")
        let exempt = try #require(report.items(atStep: 1).first { $0.dimension == .lifecycle })
        #expect(exempt.points == 0)
        #expect(exempt.reason.contains("crisis"))
        // Outside the crisis scene the same kind of action is premature again.
        let later = try crisis.score(Support.path("door#1", "talk#1"))
        let premature = later.items.filter { $0.reason.contains("premature") }
        #expect(premature.map(\.step) == [2])
        #expect(premature.first?.points == -10)
    }

    @Test func ungroundedGoalIsExplained() throws {
        let report = try scorer.score(
            Support.path("intake#1", "story#5", "story#1", "story#2", "story#4", "act#1", "review#2", "closing#1"))
        let ungrounded = try #require(report.items.first { $0.basis == .finding("low-mood") })
        #expect(ungrounded.step == 2)
        #expect(ungrounded.points == -5)
        #expect(ungrounded.reason.hasPrefix("Planning without assessment evidence"))
        let grounded = try #require(report.items.first { $0.basis == .finding("eviction") })
        #expect(grounded.points == 10)
        #expect(report.raw[.planning] == 5)
    }

    @Test func unaddressedNeedIsExplained() throws {
        let report = try scorer.score(
            Support.path("intake#1", "story#1", "story#2", "story#3", "act#1", "review#2", "closing#1"))
        let unaddressed = try #require(report.wholePathItems.first { $0.basis == .finding("low-mood") })
        #expect(unaddressed.step == nil)
        #expect(unaddressed.points == -5)
        #expect(unaddressed.reason.hasPrefix("A need identified but not planned for"))
        #expect(unaddressed.reason.contains("Poor sleep for three weeks"))
        #expect(report.dimensions[.planning] == 25)
    }

    @Test func samePathAlwaysGivesTheSameScore() throws {
        let path = Support.path("intake#1", "story#5", "story#1", "story#3", "act#2", "review#2", "closing#1")
        let first = try scorer.score(path)
        let again = try scorer.score(path)
        let fresh = try Support.scorer(Cases.maria()).score(path)
        #expect(first == again)
        #expect(first == fresh)
    }

    @Test func headerWeightsOverrideTheRubric() throws {
        let path = Support.path("intake#2", "landlord#1", "story#1", "story#3", "act#1", "review#2", "closing#1")
        let plain = try scorer.score(path)
        let weighted = try Support.scorer(Cases.maria(extraHeader: "weights: practice 0, lifecycle 0, ethics 100"))
        #expect(weighted.weights == [.practice: 0, .lifecycle: 0, .ethics: 100, .planning: 10, .outcome: 10])
        let report = try weighted.score(path)
        #expect(report.dimensions == plain.dimensions)
        #expect(report.overall != plain.overall)
        let expected =
            (100 * Double(report.dimensions[.ethics]!) + 10 * Double(report.dimensions[.planning]!)
                + 10 * Double(report.dimensions[.outcome]!)) / 120
        #expect(report.overall == Int(expected.rounded()))
    }

    @Test func positiveChoiceTakenAgainEarnsNothingMore() throws {
        let hub = try Support.scorer(Cases.hub)
        let path = Support.path("hub#1", "hub#1", "hub#1", "hub#2", "hub#6", "plan#1", "evaluate#1", "end#1")
        let report = try hub.score(path)
        let practice = report.items(in: .practice).map(\.points)
        #expect(practice == [1, 0, 0, 2, 2, 2, 2, 1])
        #expect(report.items(atStep: 2).first?.reason.contains("nothing more") == true)
        // Negative choices cost every time.
        let harsh = try hub.score(Support.path("hub#5", "hub#5", "hub#2", "hub#6", "plan#1", "evaluate#1", "end#1"))
        #expect(harsh.items(in: .ethics).filter { $0.points < 0 }.count == 2)
        #expect(harsh.items(in: .practice).prefix(2).map(\.points) == [-2, -2])
    }

    @Test func incompletePathScoresNothingForTheOutcome() throws {
        let report = try scorer.score(Support.path("intake#1", "story#1"))
        #expect(report.outcome == nil)
        let outcome = try #require(report.items(in: .outcome).first)
        #expect(outcome.points == 0)
        #expect(outcome.basis == .incomplete)
        #expect(outcome.reason.contains("not reached an ending"))
        #expect(report.dimensions[.outcome] == 0)
    }

    @Test func monitoringIsOptionalAndCreditedBeforeEvaluation() throws {
        let without = try scorer.score(
            Support.path("intake#1", "story#1", "story#2", "story#4", "act#1", "review#2", "closing#1"))
        #expect(!without.items.contains { $0.basis == .phase("monitoring") })
        #expect(!without.items(in: .lifecycle).contains { $0.points < 0 })
        #expect(without.raw[.lifecycle] == 60)
        let with = try scorer.score(best)
        let credit = try #require(with.items.first { $0.basis == .phase("monitoring") })
        #expect(credit.points == 10)
        #expect(credit.step == 6)
    }

    @Test func missedPhasesAreNamedAgainstTheBestPath() throws {
        let report = try scorer.score(Support.path("intake#2", "landlord#2"))
        let missed = report.wholePathItems.filter { $0.dimension == .lifecycle && $0.points == 0 }.map(\.basis)
        #expect(missed == [.phase("engagement"), .phase("assessment"), .phase("planning"), .phase("evaluation")])
    }

    @Test func upholdsAreListedWithoutPoints() throws {
        let report = try scorer.score(best)
        let upheld = report.items(in: .ethics)
        #expect(
            upheld.map(\.basis) == [
                .principle("informed-consent"), .principle("confidentiality"), .principle("self-determination"),
            ])
        #expect(upheld.allSatisfy { $0.points == 0 && $0.reason.hasPrefix("You upheld") })
    }

    @Test func strongerAlternativeStartsWhereThePathFellBelowTheBest() throws {
        let path = Support.path("intake#1", "story#1", "story#3", "act#1", "review#2", "closing#1")
        let alternative = try #require(scorer.strongerAlternative(for: path))
        #expect(alternative.step == 3)
        #expect(alternative.path == Array(best.dropFirst(2)))
        #expect(scorer.strongerAlternative(for: Support.path("intake#2")).map(\.step) == 1)
        #expect(scorer.strongerAlternative(for: Support.path("act#1")) == nil, "not a path of the case")
    }

    @Test func invalidPathIsAnError() throws {
        #expect(throws: EngineError.choiceNotAvailable(ChoiceID(scene: "act", index: 0))) {
            try scorer.score(Support.path("intake#1", "act#1"))
        }
    }

    @Test func playedStateScoresLikeItsPath() throws {
        let engine = Engine(scenario: scorer.scenario)
        let state = try engine.replay(best)
        #expect(scorer.score(state) == (try scorer.score(best)))
    }

    @Test func competenciesEvidencedFollowPhasesAndEthics() throws {
        let report = try scorer.score(
            Support.path("intake#2", "landlord#1", "story#1", "story#3", "act#1", "review#2", "closing#1"))
        let names = report.competencies.map { String($0.competency.prefix(28)) }
        #expect(
            names == [
                "CSWE EPAS 2022 Competency 1:", "CSWE EPAS 2022 Competency 6:", "CSWE EPAS 2022 Competency 7:",
                "CSWE EPAS 2022 Competency 8:", "CSWE EPAS 2022 Competency 9:",
            ])
        let ethics = report.competencies[0]
        #expect(ethics.sources == ["ethics"])
        #expect(ethics.steps == [1, 5])
        #expect(ethics.concerns == [1])
        let intervene = report.competencies[3]
        #expect(intervene.sources == ["implementation", "termination"])
        #expect(intervene.steps == [1, 5, 7])
        #expect(intervene.concerns == [1])
        #expect(report.competencies[2].sources == ["assessment", "planning"])
    }

    @Test func revealingAndPlanningInOneStepIsNotGrounded() throws {
        let scorer = try Support.scorer(
            Support.header("same-step") + """
                finding rent: Two months behind

                == start
                * Engage.
                  phase: engagement
                  quality: +1
                  -> ask

                == ask
                * Ask about the rent and write "pay the rent" as a goal at once.
                  phase: planning
                  quality: 0
                  reveals: rent
                  addresses: rent
                  -> done

                == done [ending: goals-met]
                Done.
                """)
        let report = try scorer.score(Support.path("start#1", "ask#1"))
        let goal = try #require(report.items.first { $0.basis == .finding("rent") })
        #expect(goal.points == -5)
        #expect(goal.reason.hasPrefix("Planning without assessment evidence"))
    }
}
