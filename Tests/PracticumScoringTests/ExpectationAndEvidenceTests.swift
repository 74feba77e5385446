import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rules 2, 7 and 8: omissions count; competency evidence keeps concerns apart; undo leaves a trace.
@Suite("Scoring v2, rules 2, 7 and 8: omissions, evidence, undo")
struct ExpectationAndEvidenceTests {
    static let text = Support.header() + """
        finding danger [risk]: He has thought about ending his life
        var asked = false
        var planned = false

        expect asked-directly (critical): asked
          because: A remark about not being around is always followed by a direct question about suicide.
          principle: competence
        expect safety-plan (major): planned
          because: Risk that was disclosed is met with a written safety plan.
          phase: planning
        expect kept-notes (minor): visited(notes)
          because: Good records let the next worker pick up the thread.

        == meet
        * Introduce yourself and explain what stays confidential.
          phase: engagement
          quality: +2
          upholds: informed-consent
          -> talk
        * Introduce yourself and tell his story to the receptionist.
          phase: engagement
          quality: +1
          upholds: dignity
          violates: confidentiality (minor)
          -> talk

        == talk
        * Ask him directly whether he is thinking about suicide.
          phase: assessment
          quality: +2
          set: asked = true
          reveals: danger
          -> plan
        * Tell him things will look better tomorrow.
          phase: assessment
          quality: -2
          -> plan

        == plan
        * Write a safety plan with him.
          phase: planning
          quality: +2
          requires: revealed(danger)
          addresses: danger
          set: planned = true
          -> notes
        * Move on to the rent.
          phase: planning
          quality: 0
          -> done

        == notes
        * Write up the session.
          phase: termination
          quality: +2
          -> done

        == done [ending: goals-met]
        Done.
        """

    @Test func anUnmetExpectationIsAnItemWithItsReasonAndBasis() throws {
        let scorer = try Support.scorer(Self.text)
        let report = try scorer.score(Support.path("meet#1", "talk#2", "plan#2"))
        // Each is charged at the step that put it out of reach, in ethics whatever it rests on (rule 11).
        let unmet = report.items.filter { $0.reason.hasPrefix("Not shown") }
        #expect(unmet.count == 3, "\(report.reasons)")
        let asked = try #require(unmet.first { $0.reason.contains("direct question about suicide") })
        #expect(asked.dimension == .ethics && asked.points == -50 && asked.basis == .principle("competence"))
        #expect(asked.step != nil, "the step that stepped past the remark is charged for it")
        // Telling him things will look better also puts the safety plan and the notes out of reach (the case
        // offers neither without the question): one lapse, charged once, at the critical reading.
        let plan = try #require(unmet.first { $0.reason.contains("safety plan") })
        #expect(plan.dimension == .ethics && plan.points == 0 && plan.basis == .phase("planning") && plan.gate == nil)
        #expect(plan.step == asked.step && plan.reason.contains("Not charged again"))
        let notes = try #require(unmet.first { $0.reason.contains("Good records") })
        #expect(notes.points == 0 && notes.basis == .expectation("kept-notes") && notes.step == asked.step)
        #expect(report.unmetExpectations.map(\.name) == ["asked-directly", "safety-plan", "kept-notes"])
        #expect(report.level == .emerging && report.needsReview)
    }

    @Test func aMetExpectationCostsNothingAndSaysWhenItWasMet() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#1", "talk#1", "plan#1", "notes#1"))
        #expect(!report.items.contains { $0.reason.hasPrefix("Not shown") })
        #expect(report.expectations.map(\.met) == [true, true, true])
        #expect(report.expectations.map(\.step) == [2, 3, 3], "notes is entered by step 3")
        #expect(report.overall == 100 && report.level == .exemplary)
    }

    @Test func aStepWithABreachIsAConcernNeverEvidence() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#2", "talk#1", "plan#1", "notes#1"))
        let ethics = try #require(report.competencies.first { $0.id == "epas-1" })
        #expect(ethics.concerns == [1])
        #expect(!ethics.steps.contains(1), "it upheld dignity, but it breached confidentiality")
        let engage = try #require(report.competencies.first { $0.id == "epas-6" })
        #expect(engage.steps.isEmpty && engage.concerns == [1])
        #expect(report.competencies.first { $0.id == "epas-7" }?.steps == [2, 3])
    }

    @Test func anUnsoundStepIsAConcernAndUnmetExpectationsAreListed() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#1", "talk#2", "plan#2"))
        let assess = try #require(report.competencies.first { $0.id == "epas-7" })
        #expect(assess.concerns == [2])
        #expect(assess.unmetExpectations == ["safety-plan"])
        #expect(report.competencies.first { $0.id == "epas-1" }?.unmetExpectations == ["asked-directly", "kept-notes"])
    }

    @Test func competencyNamesFollowTheLanguage() throws {
        let scorer = try Support.scorer(Self.text)
        let path = Support.path("meet#1", "talk#1", "plan#1", "notes#1")
        let english = try scorer.score(path).competencies.map(\.competency)
        let indonesian = try scorer.speaking("id").score(path).competencies.map(\.competency)
        #expect(english.first?.hasPrefix("CSWE EPAS 2022 Competency 1: Demonstrate") == true)
        #expect(indonesian.first?.hasPrefix("CSWE EPAS 2022 Kompetensi 1: Menunjukkan") == true)
    }

    @Test func undoneChoicesTravelWithTheReport() throws {
        let scorer = try Support.scorer(Self.text)
        let undone = [UndoneChoice(step: 2, choice: Support.path("talk#2")[0], text: "Tell him things will look better tomorrow.")]
        let report = try scorer.score(Support.path("meet#1", "talk#1", "plan#1", "notes#1"), undone: undone)
        #expect(report.undone == undone)
        let decoded = try JSONDecoder().decode(ScoreReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.undone == undone)
        #expect(report.overall == 100, "the score itself is the path's")
    }
}
