import Foundation
import Testing
@testable import PracticumCore

/// Format v1.1: finding kinds, expectations, `pinned`, objectives shown by expectations, and the
/// checker's answer-tell warning.
@Suite("Format v1.1")
struct FormatV11Tests {
    static let source = TestSupport.minimalHeader + """
        objectives:
          - Ask about her money, alone [shown by: money-explored,
            seen-alone]
          - Keep her trust

        finding pension [risk]: Ray keeps her bank card and most of her pension
        finding choir [strength]: Her choir friends would drive her anywhere
        finding meds: She has not taken her heart pills for nine days

        var alone = false

        expect money-explored (critical): revealed(pension)  // a comment
          because: Missed refills and a relative who handles the money are warning
            signs of financial exploitation; a competent worker asks, alone.
          principle: competence
        expect seen-alone (major): alone
          because: An older client is seen alone at least once.
          phase: asesmen

        == visit
        Mrs. Hart waits.

        * Ask Ray to step out, then ask her about money.
          phase: assessment
          quality: 2
          set: alone = true
          reveals: pension, choir, meds
          -> plan
        * Leave it there for today.
          phase: termination
          quality: 0
          pinned
          -> end

        == plan
        * Plan with her: her card back, and her pills in a weekly box.
          phase: planning
          quality: 2
          addresses: pension, meds
          -> end

        == end [ending: goals-met]
        Done.
        """

    @Test func parsesKindsExpectationsPinnedAndObjectives() throws {
        let result = TestSupport.load(Self.source)
        let scenario = try #require(result.scenario, "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(scenario.findings.map(\.kind) == [.risk, .strength, .need])
        #expect(scenario.expectations.count == 2)
        let money = scenario.expectations[0]
        #expect(money.name == "money-explored")
        #expect(money.severity == .critical)
        #expect(money.condition == .revealed("pension"))
        #expect(money.because == "Missed refills and a relative who handles the money are warning signs of financial exploitation; a competent worker asks, alone.")
        #expect(money.basis == .principle("competence"))
        #expect(scenario.expectations[1].basis == .phase("assessment"))
        #expect(scenario.expectations[1].condition == .variable("alone"))
        #expect(scenario.scenes[0].choices.map(\.pinned) == [false, true])
        #expect(scenario.header.objectives == [
            Objective(text: "Ask about her money, alone", shownBy: ["money-explored", "seen-alone"]),
            Objective(text: "Keep her trust"),
        ])
    }

    @Test func roundTripsThroughJSON() throws {
        let scenario = try #require(TestSupport.load(Self.source).scenario)
        let data = ScenarioDocument(scenario).encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"formatVersion\" : 2"))
        #expect(text.contains("\"kind\" : \"risk\""))
        #expect(text.contains("\"pinned\" : true"))
        let reloaded = TestSupport.loader.loadJSON(data, file: "case.json")
        #expect(reloaded.diagnostics.isEmpty, "\(reloaded.diagnostics.map(\.message))")
        #expect(reloaded.scenario == scenario)
    }

    @Test func readsVersionOneDocuments() throws {
        let json = """
            {"formatVersion": 1, "header": {"title": "T", "id": "t", "language": "en", "level": "micro",
             "objectives": ["Explain your role"], "weights": []},
             "start": "a", "findings": [{"id": "f", "text": "A fact"}], "variables": [],
             "scenes": [{"name": "a", "paragraphs": [], "choices": [{"text": "Ask", "phase": "assessment",
               "quality": 1, "reveals": ["f"], "target": "b"}]},
               {"name": "b", "ending": "goals-met", "paragraphs": [[{"text": "Done."}]]}]}
            """
        let result = TestSupport.loader.loadJSON(Data(json.utf8), file: "old.json")
        let scenario = try #require(result.scenario, "\(result.diagnostics.map(\.message))")
        #expect(scenario.header.objectives == ["Explain your role"])
        #expect(scenario.findings[0].kind == .need)
        #expect(scenario.expectations.isEmpty)
    }

    @Test func aJSONExpectationIsCheckedAtItsPointer() throws {
        let json = """
            {"formatVersion": 2, "header": {"title": "T", "id": "t", "language": "en", "level": "micro",
             "objectives": [], "weights": []}, "start": "a", "findings": [{"id": "f", "text": "A", "kind": "danger"}],
             "variables": [], "expectations": [{"name": "e", "severity": "huge", "condition": "revealed(f)"}],
             "scenes": [{"name": "a", "paragraphs": [], "choices": [{"text": "Ask", "phase": "assessment",
               "quality": 1, "reveals": ["f"], "target": "b"}]},
               {"name": "b", "ending": "goals-met", "paragraphs": [[{"text": "Done."}]]}]}
            """
        let result = TestSupport.loader.loadJSON(Data(json.utf8), file: "bad.json")
        let found = result.diagnostics.map { "\($0.code.rawValue) \($0.location.file)" }
        #expect(found.contains("unknown-finding-kind bad.json#/findings/0/kind"))
        #expect(found.contains("unknown-severity bad.json#/expectations/0/severity"))
        #expect(found.contains("missing-attribute bad.json#/expectations/0/name"))
    }

    @Test func aMalformedQualityIsOneErrorNotTwo() {
        let text = TestSupport.minimalHeader + "== a\n* Go\n  phase: engagement\n  quality: high\n  -> -bad!\n== b [ending: goals-met]\nx\n"
        let codes = TestSupport.load(text).diagnostics.filter(\.isError).map(\.code)
        #expect(codes.contains(.invalidNumber))
        #expect(!codes.contains(.missingAttribute), "a malformed quality or target is not also missing: \(codes)")
    }

    @Test func anExpectationWithoutSeverityOrConditionIsReported() {
        let text = TestSupport.minimalHeader + "var v = false\nexpect e: v\n  because: x\nexpect f (major):\n  because: y\n== a\n-> b\n== b [ending: goals-met]\n{v}\n"
        let diagnostics = TestSupport.load(text).diagnostics
        #expect(diagnostics.contains { $0.code == .unknownSeverity && $0.location.line == 6 })
        #expect(diagnostics.contains { $0.code == .malformedLine && $0.location.line == 8 })
    }

    @Test func expectationKeysAreCheckedLikeAttributes() {
        let text = TestSupport.minimalHeader + "var v = false\nexpect e (minor): v\n  becuase: x\n  because: y\n  because: z\n== a\n-> b\n== b [ending: goals-met]\n{v}\n"
        let diagnostics = TestSupport.load(text).diagnostics
        let unknown = diagnostics.first { $0.code == .unknownAttribute }
        #expect(unknown?.hint == "did you mean 'because'?")
        #expect(diagnostics.contains { $0.code == .duplicateAttribute && $0.location.line == 9 })
    }

    @Test func strengthsAndNeedsNeverRevealedStayWarnings() {
        let text = TestSupport.minimalHeader + "finding s [strength]: A resource\nfinding n: A need\n== a\n-> b\n== b [ending: goals-met]\nx\n"
        let result = TestSupport.load(text)
        #expect(result.scenario != nil)
        #expect(result.diagnostics.filter { $0.code == .unrevealedFinding }.count == 2)
    }

    @Test func answerTellCountsPlacesFromEitherEndAndLengths() {
        // The best is written last in every scene, and never the longest.
        let scenes = (1...5).map { number -> String in
            let next = number == 5 ? "end" : "s\(number + 1)"
            return "== s\(number)\n* A long and careful but weaker option\n  phase: engagement\n  quality: 0\n  -> \(next)\n* Another long, careful, weaker option\n  phase: engagement\n  quality: -1\n  -> \(next)\n* Best\n  phase: engagement\n  quality: 2\n  -> \(next)\n"
        }.joined()
        let diagnostics = TestSupport.load(TestSupport.minimalHeader + scenes + "== end [ending: goals-met]\nx\n").diagnostics
        let tells = diagnostics.filter { $0.code == .answerTell }
        #expect(tells.count == 1)
        #expect(tells.first?.message.contains("written last in 5 of 5") == true)
        #expect(tells.first?.notes.count == 5)
    }

    @Test func noTellBelowFourScenesOrWhenTheBestMovesAround() {
        #expect(!TestSupport.load(TestSupport.minimalHeader + tellingScenes(3) + "== end [ending: goals-met]\nx\n")
            .diagnostics.contains { $0.code == .answerTell })
        // Best rotates: first, second, third, first, second; never the longest.
        let scenes = (1...5).map { number -> String in
            let next = number == 5 ? "end" : "s\(number + 1)"
            let best = (number - 1) % 3
            let choices = (0..<3).map { index in
                "* \(index == best ? "Best" : "A much longer and weaker option \(index)")\n  phase: engagement\n  quality: \(index == best ? 2 : 0)\n  -> \(next)\n"
            }.joined()
            return "== s\(number)\n" + choices
        }.joined()
        #expect(!TestSupport.load(TestSupport.minimalHeader + scenes + "== end [ending: goals-met]\nx\n")
            .diagnostics.contains { $0.code == .answerTell })
    }
}
