import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rule 1: gatekeeping is not a deduction. Each event caps the level (and may call for review) whatever
/// the other dimensions, with the reason in words; the caps live in the rubric.
@Suite("Scoring v2, rule 1: gatekeeping")
struct GatekeepingTests {
    /// One scene whose choices each lead, with otherwise model work, to a goals-met ending; the second
    /// scene offers a lapse of each kind beside a sound option.
    static func lapseCase(_ lapse: String, outcome: String = "goals-met", extraHeader: String = "") -> String {
        Support.header(extra: extraHeader) + """
            finding need: A need
            var alone = false

            == meet
            * Introduce yourself and explain confidentiality.
              phase: engagement
              quality: +2
              -> assess
            * Start with the forms.
              phase: engagement
              quality: -1
              -> assess

            == assess
            * Ask her, alone, what she needs.
              phase: assessment
              quality: +2
              reveals: need
              set: alone = true
              -> plan
            * Ask her what she needs, her son beside her.
              phase: assessment
              quality: +1
              reveals: need
              -> plan
            \(lapse)

            == plan
            * Plan with her.
              phase: planning
              quality: +2
              addresses: need
              -> act
            * Plan for her.
              phase: planning
              quality: -1
              addresses: need
              -> act

            == act
            * Carry out the plan with her.
              phase: implementation
              quality: +2
              -> review
            * Carry it out alone.
              phase: implementation
              quality: 0
              -> review

            == review
            * Evaluate the plan together.
              phase: evaluation
              quality: +2
              -> close
            * Skip the review.
              phase: evaluation
              quality: -1
              -> close

            == close
            * End the work as planned.
              phase: termination
              quality: +2
              -> done
            * Just stop coming.
              phase: termination
              quality: -2
              -> bad

            == done [ending: \(outcome)]
            It ends.

            == bad [ending: disengaged]
            She stops coming.
            """
    }

    /// A sound-looking assessment that overrides her choice: a major breach.
    static let majorLapse = """
        * Tell her firmly what she must do about it.
          phase: assessment
          quality: +2
          reveals: need
          violates: self-determination (major)
          -> plan
        """

    static let model = Support.path("meet#1", "assess#1", "plan#1", "act#1", "review#1", "close#1")

    @Test func theModelPathIsExemplaryWithNothingToReview() throws {
        let scorer = try Support.scorer(Self.lapseCase(""))
        let report = try scorer.score(Self.model)
        #expect(report.overall == 100 && report.level == .exemplary && !report.needsReview, "\(report.reasons)")
        #expect(report.gatekeeping.isEmpty)
    }

    @Test func aCriticalBreachIsEmergingAndFlaggedWhateverTheRest() throws {
        let scorer = try Support.scorer(Self.lapseCase("""
            * Tell her son what she confided, to get him on side.
              phase: assessment
              quality: +1
              reveals: need
              violates: confidentiality (critical)
              -> plan
            """))
        let report = try scorer.score(Support.path("meet#1", "assess#3", "plan#1", "act#1", "review#1", "close#1"))
        #expect(report.uncappedLevel >= .developing, "the points alone would not make it Emerging: \(report.overall)")
        #expect(report.level == .emerging)
        #expect(report.needsReview)
        let event = try #require(report.gatekeeping.first)
        #expect(event.step == 2 && event.cap == .emerging && event.review)
        #expect(event.reason.contains("critical breach of confidentiality"))
        #expect(event.reason.contains("caps the level at Emerging and marks the attempt for instructor review"))
    }

    @Test func aMajorBreachIsNeverExemplary() throws {
        let scorer = try Support.scorer(Self.lapseCase(Self.majorLapse))
        let report = try scorer.score(Support.path("meet#1", "assess#3", "plan#1", "act#1", "review#1", "close#1"))
        #expect(report.uncappedLevel == .exemplary, "\(report.overall)")
        #expect(report.level == .competent, "a major lapse followed by model work is Competent")
        #expect(!report.needsReview)
        #expect(report.gatekeeping.map(\.cap) == [.competent])
    }

    @Test func aMinorBreachIsADeductionOnly() throws {
        let scorer = try Support.scorer(Self.lapseCase("""
            * Hurry her along.
              phase: assessment
              quality: +1
              reveals: need
              violates: dignity (minor)
              -> plan
            """))
        let report = try scorer.score(Support.path("meet#1", "assess#3", "plan#1", "act#1", "review#1", "close#1"))
        #expect(report.gatekeeping.isEmpty)
        #expect(report.level == report.uncappedLevel)
        #expect(report.dimensions[.ethics] == 90)
    }

    @Test func anUnmetCriticalExpectationIsEmergingAndFlagged() throws {
        let header = "expect seen-alone (critical): alone\n  because: A client at risk is seen alone.\n  principle: client-centered"
        let scorer = try Support.scorer(Self.lapseCase("", extraHeader: header))
        let report = try scorer.score(Support.path("meet#1", "assess#2", "plan#1", "act#1", "review#1", "close#1"))
        #expect(report.uncappedLevel >= .competent, "\(report.overall)")
        #expect(report.level == .emerging && report.needsReview)
        let event = try #require(report.gatekeeping.first)
        #expect(event.step == 2, "charged at the step that left the client never seen alone")
        #expect(event.reason.hasPrefix("Not shown (critical): A client at risk is seen alone."))
    }

    @Test func anUnmetMajorExpectationIsAtMostDeveloping() throws {
        let header = "expect seen-alone (major): alone\n  because: A client is seen alone at least once."
        let scorer = try Support.scorer(Self.lapseCase("", extraHeader: header))
        let report = try scorer.score(Support.path("meet#1", "assess#2", "plan#1", "act#1", "review#1", "close#1"))
        #expect(report.uncappedLevel >= .competent, "\(report.overall)")
        #expect(report.level == .developing && !report.needsReview)
        #expect(try scorer.score(Self.model).level == .exemplary)
    }

    @Test func aLapseRecoveredFromWeighsLessThanACompetenceNeverShown() throws {
        let header = "expect seen-alone (major): alone\n  because: A client is seen alone at least once."
        let lapse = """
            * Tell her what she must do about it.
              phase: assessment
              quality: +1
              reveals: need
              set: alone = true
              violates: self-determination (major)
              -> plan
            """
        let scorer = try Support.scorer(Self.lapseCase(lapse, extraHeader: header))
        let recovered = try scorer.score(Support.path("meet#1", "assess#3", "plan#1", "act#1", "review#1", "close#1"))
        let neverShown = try scorer.score(Support.path("meet#1", "assess#2", "plan#1", "act#1", "review#1", "close#1"))
        #expect(recovered.level == .competent)
        #expect(neverShown.level == .developing)
    }

    @Test func aHarmEndingIsAtMostDevelopingAndFlagged() throws {
        let scorer = try Support.scorer(Self.lapseCase("", outcome: "harm"))
        let report = try scorer.score(Self.model)
        #expect(report.level == .developing, "\(report.overall) \(report.uncappedLevel)")
        #expect(report.needsReview)
        #expect(report.gatekeeping.first?.reason.contains("This caps the level at Developing and marks") == true)
    }

    @Test func theCapsComeFromTheRubric() throws {
        let scorer = try Support.scorer(Self.lapseCase(Self.majorLapse))
        let path = Support.path("meet#1", "assess#3", "plan#1", "act#1", "review#1", "close#1")
        var rubric = Support.rubric
        rubric.gatekeeping.breach[.major] = Rubric.Gate(cap: .developing, review: true)
        let stricter = Scorer(scenario: scorer.scenario, rubric: rubric, content: Support.content)
        let report = try stricter.score(path)
        #expect(report.level == .developing && report.needsReview)
        rubric.gatekeeping.breach[.major] = nil
        #expect(try Scorer(scenario: scorer.scenario, rubric: rubric, content: Support.content).score(path).level == .exemplary)
    }

    @Test func theBestPathAvoidsGatekeepingWhenItCan() throws {
        // The critical option is worded to earn more elsewhere; the best path still avoids it.
        let scorer = try Support.scorer(Self.lapseCase("""
            * Tell her son everything; he will push her to act.
              phase: assessment
              quality: +2
              reveals: need
              violates: confidentiality (critical)
              -> plan
            """))
        let best = try scorer.score(scorer.bestPath())
        #expect(best.gatekeeping.isEmpty && best.level == .exemplary)
    }
}
