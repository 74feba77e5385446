import Foundation
import PracticumCore
import PracticumEngine
@testable import PracticumScoring
import Testing

/// The report as other modules read it: JSON shape, round trips, languages.
@Suite struct ReportTests {
    let scorer: Scorer
    let path = Support.path("intake#2", "landlord#1", "story#1", "story#3", "act#2", "review#2", "closing#1")

    init() throws {
        scorer = try Support.scorer(Cases.maria())
    }

    @Test func encodesDimensionsAsObjectsKeyedByName() throws {
        let report = try scorer.score(path)
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let dimensions = try #require(object["dimensions"] as? [String: Int])
        #expect(Set(dimensions.keys) == ["practice", "lifecycle", "ethics", "planning", "outcome"])
        #expect(object["level"] as? String == "Emerging")
        #expect(object["needsReview"] as? Bool == true)
        let items = try #require(object["items"] as? [[String: Any]])
        let first = try #require(items.first)
        #expect(first["step"] as? Int == 1)
        #expect(first["dimension"] as? String == "practice")
        #expect(first["points"] as? Double == 0)
        #expect(first["outOf"] as? Double == 1)
        #expect((first["basis"] as? [String: String]) == ["kind": "quality"])
        let gates = try #require(object["gatekeeping"] as? [[String: Any]])
        #expect(gates.map { $0["cap"] as? String } == ["Competent", "Emerging"])
        let outcome = try #require(items.last)
        #expect(outcome["step"] == nil)
        #expect((outcome["basis"] as? [String: String]) == ["kind": "outcome", "id": "goals-met"])
    }

    @Test func roundTripsThroughJSON() throws {
        let report = try scorer.score(path)
        let decoded = try JSONDecoder().decode(ScoreReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func itemsComeStepByStepThenWholePath() throws {
        let report = try scorer.score(path)
        let steps = report.items.map { $0.step ?? Int.max }
        #expect(steps == steps.sorted())
        #expect(report.items(atStep: 1).first?.choiceText == "Call the landlord right now.")
        #expect(report.wholePathItems.allSatisfy { $0.choiceText == nil })
        #expect(report.steps == path.count)
    }

    @Test func unknownLanguageFallsBackToEnglish() throws {
        let english = try scorer.score(path)
        let other = try scorer.speaking("xx").score(path)
        #expect(other.items.map(\.reason) == english.items.map(\.reason))
        #expect(!english.items.contains { $0.reason.contains("score.") }, "every reason has a string")
    }

    @Test func everyScoreStringIsInTheEnglishTable() throws {
        let english = try #require(Support.content.strings["en"])
        let keys = english.keys.filter { $0.hasPrefix("score.") }
        #expect(keys.count >= 30)
        for key in keys { #expect(!(english[key] ?? "").isEmpty, "\(key)") }
    }
}

extension ReportTests {
    @Test func languageWithoutScoreStringsKeepsNamesInEnglishToo() throws {
        let english = try scorer.score(path)
        let indonesian = try scorer.speaking("id").score(path)
        if Support.content.strings["id"]?["score.practice.best"] == nil {
            #expect(indonesian.items.map(\.reason) == english.items.map(\.reason))
            #expect(english.items.contains { $0.reason.contains("implementation") })
        } else {
            #expect(indonesian.items.map(\.reason) != english.items.map(\.reason))
        }
    }
}

extension ReportTests {
    /// Grading scores every attempt without the words, then the one that counts with them: the numbers
    /// must be the same either way.
    @Test func scoringWithoutReasonsGivesTheSameNumbers() throws {
        for file in ["rent-arrears-intake", "keluarga-dimas"] {
            let scenario = try #require(Support.loader.load(path: Support.root.appendingPathComponent("Scenarios/\(file).scenario").path).scenario)
            let scorer = Scorer(scenario: scenario, rubric: Support.rubric, content: Support.content)
            let engine = Engine(scenario: scenario)
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<20 {
                var state = engine.autoContinue(engine.start().state).state
                for _ in 0..<40 {
                    let choices = engine.availableChoices(in: state)
                    guard let chosen = choices.randomElement(using: &generator), let next = try? engine.choose(id: chosen.id, in: state)
                    else { break }
                    state = engine.autoContinue(next.state).state
                }
                let full = scorer.score(state)
                let lean = scorer.scoreWithoutReasons(state)
                #expect(lean.overall == full.overall && lean.level == full.level && lean.needsReview == full.needsReview)
                #expect(lean.dimensions == full.dimensions && lean.gatekeeping.map(\.summary) == full.gatekeeping.map(\.summary))
                #expect(lean.items.map(\.points) == full.items.map(\.points) && lean.items.allSatisfy { $0.reason.isEmpty })
                // The numbers alone, as grading works them out for the attempts that do not count.
                guard case .success(let numbers) = scorer.scoreChecking(state.choicesTaken, detail: .numbers) else {
                    Issue.record("a played path was refused")
                    continue
                }
                let report = numbers.report
                #expect(report.overall == full.overall && report.level == full.level && report.needsReview == full.needsReview)
                #expect(report.dimensions == full.dimensions && report.raw == full.raw && report.best == full.best)
                #expect(report.uncappedLevel == full.uncappedLevel && report.outcome == full.outcome && report.steps == full.steps)
                #expect(report.expectations == full.expectations)
                #expect(report.gatekeeping.map { [$0.step, $0.cap?.rawValue, $0.review ? "review" : nil] as [AnyHashable?] }
                    == full.gatekeeping.map { [$0.step, $0.cap?.rawValue, $0.review ? "review" : nil] as [AnyHashable?] })
                #expect(report.items.isEmpty && report.competencies.isEmpty)
                #expect(numbers.final == state)
            }
        }
    }

    @Test func citationsStopAtTheirFirstNoteOrALongOnesColon() {
        #expect(ReasonWriter.citation("NASW 1.07(a) (privacy)") == "NASW 1.07(a)")
        #expect(ReasonWriter.citation("Kode Etik IPSPI") == "Kode Etik IPSPI")
        let long = "Pasal 76C: no one may place, allow, do, order or take part in violence against a child"
        #expect(ReasonWriter.citation(long) == "Pasal 76C")
        #expect(ReasonWriter.citation("Short: kept whole") == "Short: kept whole")
    }

    @Test func indonesianStandardsAreCitedInIndonesianCasesOnly() throws {
        func reasons(language: String) throws -> [String] {
            let text = """
                title: T
                id: t
                language: \(language)
                level: micro

                == a
                * Go
                  phase: engagement
                  quality: 1
                  violates: competence (major)
                  upholds: dignity
                  -> b
                * Stay
                  phase: engagement
                  quality: 2
                  -> b
                == b [ending: goals-met]
                x
                """
            return try Support.scorer(text).score(Support.path("a#1")).items.map(\.reason)
        }
        let english = try reasons(language: "en").joined(separator: "\n")
        let indonesian = try reasons(language: "id").joined(separator: "\n")
        #expect(!english.contains("UU 35/2014") && !english.contains("IPSPI"))
        #expect(english.contains("NASW 1.04 Competence"))
        #expect(indonesian.contains("UU 35/2014 (Perlindungan Anak) Pasal 76C"))
        #expect(indonesian.contains("IPSPI Kodepeksos 2010, Pembukaan"))
        #expect(!indonesian.contains("not yet sourced"))
    }
}
