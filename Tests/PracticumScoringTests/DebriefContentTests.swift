import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Scoring 2.1, rule 14: what the debrief ranks and says is part of the report, worked out from the rubric, and
/// agrees with the items step by step.
@Suite("Scoring 2.1, rule 14: one source of the debrief's words")
struct DebriefContentTests {
    static let text = Support.header(extra: """
        objectives:
          - Ask about the remark [shown by: asked-directly]
          - Keep records [shown by: kept-notes]
          - Be kind
        """) + """
        finding danger [risk]: He has thought about ending his life
        var asked = false
        expect asked-directly (critical): asked
          because: A remark about not being around is always followed by a direct question. Asking does not plant the idea.
          when: visited(talk)
          principle: competence
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
          violates: confidentiality (minor)
          -> talk
        * Skip the introductions and write the notes.
          phase: engagement
          quality: -1
          violates: dignity (major)
          -> notes
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
          violates: competence (critical)
          -> notes
        == plan
        * Write a safety plan with him.
          phase: planning
          quality: +2
          addresses: danger
          -> notes
        == notes
        * Write up the session.
          phase: evaluation
          quality: +2
          -> done
        == done [ending: goals-met]
        Done.
        """

    @Test func theBestAttemptHasNothingToImproveAndEveryObjectiveMet() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#1", "talk#1", "plan#1", "notes#1"))
        let content = try #require(report.debrief)
        #expect(content.review.isEmpty && content.cap == nil && content.missed.isEmpty && content.improve.isEmpty)
        #expect(content.objectives.map(\.state) == [.met, .met, .notAssessed])
        #expect(content.best.map(\.step) == [1, 2, 3])
        #expect(content.best[1].shows == "A remark about not being around is always followed by a direct question.")
        #expect(content.plan.map(\.finding) == ["danger"] && content.plan[0].grounded && content.plan[0].step == 3)
        #expect(content.plan[0].goal == "Write a safety plan with him.")
    }

    @Test func anObjectiveWhoseSituationNeverAroseIsNotTicked() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#3", "notes#1"))
        let content = try #require(report.debrief)
        #expect(content.objectives.map(\.state) == [.didNotArise, .met, .notAssessed])
        #expect(!content.missed.contains { $0.name == "asked-directly" })
    }

    @Test func reviewCapMissedAndImproveComeFromTheItems() throws {
        let report = try Support.scorer(Self.text).score(Support.path("meet#2", "talk#2", "notes#1"))
        let content = try #require(report.debrief)
        // One lapse at step 2: the critical breach and the critical expectation it put out of reach are charged
        // once, at the expectation (between equals, what was not shown says most), and the debrief ranks and
        // words the step by that one charge.
        #expect(content.review == ["not shown: A remark about not being around is always followed by a direct question"])
        #expect(content.objectives.map(\.state) == [.unmet, .met, .notAssessed])
        #expect(content.missed.map(\.name) == ["asked-directly"] && content.missed[0].step == 2)
        #expect(content.improve.map(\.step) == [1, 2, 3])
        #expect(content.improve[1].severity == .critical)
        #expect(content.improve[1].why == "stronger here: Ask him directly whether he is thinking about suicide.")
        #expect(content.improve[0].why == "a minor breach of confidentiality")
        #expect(content.improve[2].why == "premature: evaluation before any planning")
        #expect(report.level == .emerging)
    }

    @Test func theRankingFollowsTheRubricNotThePoints() throws {
        // A major breach at step 1, a minor one... with the rubric's defaults the major ranks first; give the
        // minor breach a review gate in the rubric and it ranks above the major one, at the same points.
        let path = Support.path("meet#3", "notes#1")
        let standard = try Support.scorer(Self.text).score(path)
        #expect(standard.debrief?.improve.first?.severity == .major)
        var rubric = Support.rubric
        rubric.gatekeeping.breach[.minor] = Rubric.Gate(review: true)
        rubric.gatekeeping.breach[.major] = nil
        let scenario = try Support.scenario(Self.text)
        let edited = Scorer(scenario: scenario, rubric: rubric, content: Support.content)
        let minorFirst = try edited.score(Support.path("meet#2", "talk#1", "plan#1", "notes#1"))
        let majorOnly = try edited.score(path)
        #expect(minorFirst.debrief?.improve.first?.weight ?? 0 > majorOnly.debrief?.improve.first?.weight ?? 0)
    }

    @Test func aCappedAttemptSaysWhyAndKeepsTheFigureBeforeTheCap() throws {
        // A major breach followed by model work: capped at Competent.
        let report = try Support.scorer(Self.text).score(Support.path("meet#3", "notes#1"))
        let content = try #require(report.debrief)
        if report.isCapped {
            #expect(content.cap?.level == report.level && content.cap?.uncappedOverall == report.uncappedOverall)
            #expect(content.cap?.reasons.isEmpty == false)
        } else {
            #expect(content.cap == nil)
        }
    }

    @Test func aReportWithoutItsWordsHasNoDebrief() throws {
        let scorer = try Support.scorer(Self.text)
        let state = try Engine(scenario: scorer.scenario).replay(Support.path("meet#1", "talk#1"))
        #expect(scorer.scoreWithoutReasons(state).debrief == nil)
    }

    /// What a step's feedback says at the moment it is taken is what the debrief says of that step at the end:
    /// every item of every step of many paths through both bundled cases.
    @Test(arguments: ["rent-arrears-intake.scenario", "keluarga-dimas.scenario"])
    func stepFeedbackNeverDisagreesWithTheEnd(_ name: String) throws {
        let scorer = try Support.bundledScorer(name)
        var generator = SplitMix64(seed: 2026)
        for run in 0..<12 {
            let engine = Engine(scenario: scorer.scenario, order: .shuffled(seed: UInt64(run)))
            var state = engine.autoContinue(engine.start().state).state
            while case .choosing(let shown) = engine.status(of: state), state.path.count < 60 {
                let pick = shown[Int(generator.next(below: UInt64(shown.count)))]
                state = engine.autoContinue(try engine.choose(id: pick.id, in: state).state).state
            }
            let final = scorer.score(state)
            for step in 1...max(1, state.path.count) where !state.path.isEmpty {
                let prefix = try scorer.score(Array(state.choicesTaken.prefix(step)))
                #expect(prefix.items(atStep: step) == final.items(atStep: step), "run \(run), step \(step)")
            }
        }
    }
}
