import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The bundled library teaches a semester: every level, phase, intervention kind, ending outcome and
/// language, in cases that check clean. This suite fails if the library stops covering one of them.
@Suite("The bundled library covers a semester")
struct LibraryCoverageTests {
    static let scenarios: [Scenario] = Support.bundled.compactMap { try? Support.bundledScenario($0) }

    @Test func everyBundledCaseLoads() {
        #expect(Self.scenarios.count == Support.bundled.count)
        #expect(Support.bundled.count >= 12, "a semester needs at least twelve cases")
    }

    @Test func everyLevelAndLanguageIsCovered() {
        func count(_ level: String) -> Int { Self.scenarios.filter { $0.header.level == level }.count }
        #expect(count("micro") >= 4 && count("mezzo") >= 3 && count("macro") >= 2)
        for level in Support.content.levels { #expect(count(level.id) > 0, "no \(level.id) case") }
        for language in Support.content.languages {
            #expect(Self.scenarios.filter { $0.header.language == language.id }.count >= 5, "too few cases in \(language.id)")
        }
        // Indonesian at every level, so an instructor in Jakarta can teach all three.
        for level in Support.content.levels {
            for language in Support.content.languages {
                #expect(
                    Self.scenarios.contains { $0.header.level == level.id && $0.header.language == language.id },
                    "no \(level.id) case in \(language.id)")
            }
        }
    }

    @Test func everyPhaseInterventionKindAndOutcomeIsCovered() {
        let choices = Self.scenarios.flatMap { $0.scenes.flatMap(\.choices) }
        for phase in Support.content.phases {
            #expect(choices.contains { $0.phase == phase.id }, "no choice in the \(phase.id) phase")
        }
        for kind in Support.content.interventions {
            #expect(choices.contains { $0.intervention == kind.id }, "no \(kind.id) choice")
        }
        let endings = Set(Self.scenarios.flatMap { $0.scenes.compactMap(\.ending) })
        for outcome in Support.content.outcomes { #expect(endings.contains(outcome.id), "no \(outcome.id) ending") }
        #expect(Self.scenarios.contains { $0.scenes.contains(where: \.isCrisis) }, "no [crisis] scene")
        #expect(Self.scenarios.filter { $0.scenes.contains { $0.dilemma != nil } }.count >= 2, "fewer than two dilemmas")
    }

    /// Each case is one a student can play in a class: 15-40 scenes, 15-30 minutes, at least two endings of
    /// different outcomes, objectives the debrief can show, and findings and expectations to be judged by.
    @Test(arguments: Support.bundled)
    func eachCaseIsTheSizeOfAClass(file: String) throws {
        let scenario = try Support.bundledScenario(file)
        #expect((15...40).contains(scenario.scenes.count), "\(file): \(scenario.scenes.count) scenes")
        #expect((15...30).contains(scenario.header.minutes ?? 0), "\(file): \(scenario.header.minutes ?? 0) minutes")
        #expect(Set(scenario.scenes.compactMap(\.ending)).count >= 2, "\(file): fewer than two outcomes")
        #expect(!scenario.header.objectives.isEmpty && !scenario.expectations.isEmpty)
        #expect(scenario.findings.contains { $0.kind == .risk })
        #expect(scenario.expectations.allSatisfy { !$0.because.isEmpty })
    }

    /// `check` has nothing to say about a bundled case: no warning from loading, exploring or playing it.
    @Test(arguments: Support.bundled)
    func eachCaseChecksClean(file: String) throws {
        let url = Support.root.appendingPathComponent("Scenarios").appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = Support.loader.load(text: text, file: file)
        let scenario = try #require(result.scenario)
        #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics.map(\.message))")
        let syntax = ScenarioParser.parse(text, file: file).syntax
        let explored = ExplorationCheck.diagnostics(for: scenario, locations: .init(syntax: syntax), limit: 200_000)
        #expect(explored.isEmpty, "\(file): \(explored.map(\.message))")
        let played = Gameability.diagnostics(
            for: try Support.bundledScorer(file), at: SourceLocation(file: file, line: 1, column: 1))
        #expect(played.isEmpty, "\(file): \(played.map(\.message))")
    }

    /// No two cases share an opening: the first scene's words differ, and so do the shapes of their graphs
    /// (scenes, choices per scene, endings).
    @Test func noTwoCasesShareASkeleton() {
        func shape(_ scenario: Scenario) -> [Int] {
            scenario.scenes.map { $0.choices.count * 10 + ($0.isEnding ? 1 : 0) }
        }
        for (offset, first) in Self.scenarios.enumerated() {
            for second in Self.scenarios.dropFirst(offset + 1) {
                #expect(shape(first) != shape(second), "\(first.header.id) and \(second.header.id) have the same shape")
            }
        }
    }
}
