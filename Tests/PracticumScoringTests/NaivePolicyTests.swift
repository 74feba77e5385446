import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Rule 9: no shortcut through the words. The naive reader's word lists, each naive policy on a small case
/// built with the tell it looks for, the checker's `vocabulary-tell` and `gameable` warnings.
@Suite("Scoring v2.1, rule 9: naive content-aware policies")
struct NaivePolicyTests {
    /// Three scenes whose strongest option is written in a given way and the others plainly.
    static func telling(best: [String], others: [String]) -> String {
        Support.header() + best.indices.map { number -> String in
            let next = number == best.count - 1 ? "end" : "s\(number + 2)"
            return """
                == s\(number + 1)
                Mr. Tan sits down. He says the rent is late again and the heater broke.
                * \(others[0])
                  phase: engagement
                  quality: -2
                  violates: self-determination (major)
                  -> \(next)
                * \(best[number])
                  phase: \(["engagement", "assessment", "planning", "implementation"][number % 4])
                  quality: +2
                  -> \(next)
                * \(others[1])
                  phase: engagement
                  quality: -1
                  -> \(next)

                """
        }.joined() + "== end [ending: goals-met]\nDone.\n"
    }

    @Test func theReaderCountsWordsPhrasesAndPrefixesOnWordBoundaries() {
        let reader = NaiveReader(language: "en")
        let reading = reader.read("I'd like to explore, together, what support feels right to you. Just to be clear?")
        // explore (explor*), together, support (support*), feels: four professional words.
        #expect(reading.vocabulary == 4)
        #expect(reading.warnings == 1)
        #expect(reading.isQuestion)
        // "just" is not "justice"; "report*" finds "reporting"; "don't worry" is a phrase.
        #expect(reader.read("Justice matters.").warnings == 0)
        #expect(reader.read("I am reporting this to the police.").authority == 2)
        #expect(reader.read("Don't worry about it.").warnings == 1)
        let indonesian = NaiveReader(language: "id")
        #expect(indonesian.read("Saya akan melaporkan ke polisi saja.").authority == 2)
        #expect(indonesian.read("Saya akan melaporkan ke polisi saja.").warnings == 1)
        #expect(indonesian.read("Kita susun rencana bersama, sesuai kebutuhan Ibu?").vocabulary == 3)
        #expect(reader.echoes("The heater broke again?", of: ["He says the heater broke."]) == 2)
        // Prefixes are looked up by their first four letters, so none may be shorter.
        for language in ["en", "id"] {
            let lexicon = NaiveReader(language: language).lexicon
            for entry in lexicon.vocabulary.entries + lexicon.warning.entries + lexicon.authority.entries where entry.hasSuffix("*") {
                #expect((entry.split(separator: " ").last?.count ?? 0) >= 5, "\(language): \(entry)")
            }
        }
    }

    @Test func eachNaivePolicyFindsTheTellItLooksForAndNotOthers() throws {
        let plain = ["Tell him the form is due Friday.", "Move to the next item on the list."]
        let cases: [(Policy, [String])] = [
            (.vocabulary, ["Explore his strengths and support needs together.", "Explore his safety and goals together.", "Plan together around his strengths and needs."]),
            (.question, ["What happened with the heater?", "When is the hearing?", "Who else knows?"]),
            (.mirror, ["The heater broke and the rent is late.", "Mr. Tan says the rent is late.", "The heater broke again, he says."]),
        ]
        for (policy, best) in cases {
            let scorer = try Support.scorer(Self.telling(best: best, others: plain))
            let simulator = Simulator(scorer: scorer)
            #expect(simulator.run(policy, runs: 12, seed: 3).medianLevel == .exemplary, "\(policy)")
            // A policy looking for another tell finds nothing and is left to chance among equals.
            let blind = simulator.run(policy == .question ? .vocabulary : .question, runs: 12, seed: 3)
            #expect(blind.medianLevel < .exemplary, "\(policy)")
        }
        // Warning words and authority on the weak side only.
        let warned = try Support.scorer(
            Self.telling(
                best: ["Ask what he wants next.", "Sit with him a moment.", "Agree on the next step."],
                others: ["Just promise him it will be fine.", "Tell him police and court are next."]))
        let warnedSimulator = Simulator(scorer: warned)
        #expect(warnedSimulator.run(.noWarning, runs: 12, seed: 3).scores.allSatisfy { $0 > 0 })
        #expect(warnedSimulator.run(.composite, runs: 12, seed: 3).medianLevel == .exemplary)
        // The overshoot: jargon on the weak side only, and the reader who distrusts it finds the best.
        let jargon = try Support.scorer(
            Self.telling(
                best: ["Tell him the form is due Friday.", "Move to the next item.", "Call the court clerk now."],
                others: ["Explore his strengths and support needs together.", "Plan together around his strengths and safety."]))
        let jargonSimulator = Simulator(scorer: jargon)
        #expect(jargonSimulator.run(.plain, runs: 12, seed: 3).medianLevel == .exemplary)
        #expect(jargonSimulator.run(.vocabulary, runs: 12, seed: 3).medianLevel < .competent)
        #expect(Gameability.diagnostics(for: jargon, at: SourceLocation(file: "j", line: 1, column: 1)).contains {
            $0.message.contains("by the plain policy")
        })
    }

    /// The policies run on every core at once give each the result it gives alone, in the order asked.
    @Test func policiesRunTogetherGiveWhatEachGivesAlone() throws {
        let scorer = try Support.scorer(
            Self.telling(
                best: ["What happened with the heater?", "Explore his strengths together.", "Plan around his needs."],
                others: ["Tell him the form is due Friday.", "Move to the next item on the list."]))
        let simulator = Simulator(scorer: scorer)
        let policies = Policy.allCases.reversed() + [.random, .first]
        let together = simulator.run(Array(policies), runs: 9, seed: 5)
        #expect(together == policies.map { simulator.run($0, runs: 9, seed: 5) })
        #expect(together.map(\.policy) == Array(policies))
    }

    @Test func theCheckerWarnsOfAVocabularyTellWithBothFigures() throws {
        let text = Self.telling(
            best: [
                "Explore his strengths and support needs together.", "Explore his safety and goals together.",
                "Plan together around his strengths and needs.", "Respect his choice and explore options.",
            ],
            others: ["Just tell him the form is due Friday.", "Move on to the next item."])
        let diagnostics = Support.loader.load(text: text, file: "tell.scenario").diagnostics
        let tells = diagnostics.filter { $0.code == .vocabularyTell }
        #expect(tells.count == 2, "\(diagnostics.map(\.message))")
        #expect(tells.contains { $0.message.contains("professional words each, the weakest 0.0") })
        #expect(tells.contains { $0.message.contains("100% of the weakest options use a warning word") && $0.message.contains("and 0% of the strongest") })
        #expect(tells.allSatisfy { $0.severity == .warning && $0.location.line > 0 })
        // The same scenes with the professional words and warnings spread evenly: no tell.
        let even = Self.telling(
            best: ["Explore his strengths together.", "Just explore his safety.", "Plan together around his needs.", "Respect his choice."],
            others: ["Explore the form's deadline together with him.", "Just respect the agency's plan and move on."])
        #expect(!Support.loader.load(text: even, file: "even.scenario").diagnostics.contains { $0.code == .vocabularyTell })
    }

    /// A search cut short is said, since every score would be measured against a best that may be missed.
    @Test func aScoringSearchCutShortIsWarned() throws {
        let text = Self.telling(
            best: ["Ask what happened.", "Sit with him.", "Agree the next step."],
            others: ["Tell him the form is due.", "Move on to the list."])
        var rubric = Support.rubric
        rubric.explorationLimit = 2
        let cut = try Support.scorer(text, rubric: rubric)
        #expect(cut.isExplorationTruncated)
        let location = SourceLocation(file: "q.scenario", line: 1, column: 1)
        let warning = try #require(Gameability.diagnostics(for: cut, at: location).first)
        #expect(warning.code == .scoringLimit && warning.severity == .warning)
        #expect(warning.message.contains("stopped at its limit of 2 states"))
        #expect(!Gameability.diagnostics(for: try Support.scorer(text), at: location).contains { $0.code == .scoringLimit })
    }

    @Test func gameableWarnsOncePerPolicyThatReachesCompetent() throws {
        let text = Self.telling(
            best: ["What happened with the heater?", "When is the hearing?", "Who else knows?"],
            others: ["Tell him the form is due Friday.", "Move to the next item on the list."])
        let scorer = try Support.scorer(text)
        let location = SourceLocation(file: "q.scenario", line: 1, column: 1)
        let warnings = Gameability.diagnostics(for: scorer, at: location)
        #expect(warnings.contains { $0.code == .gameable && $0.message.contains("by the question policy") && $0.message.contains("median 100") })
        #expect(!warnings.contains { $0.message.contains("by the vocabulary policy") })
        #expect(warnings.allSatisfy { $0.severity == .warning })
        // The bundled cases are not gameable.
        for file in Support.bundled {
            let bundled = Gameability.diagnostics(for: try Support.bundledScorer(file), at: location)
            #expect(bundled.isEmpty, "\(file): \(bundled.map(\.message))")
        }
    }
}
