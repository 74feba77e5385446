import Foundation
import Testing
@testable import PracticumCore

@Suite("Format v1.2: a scene may ask for a written reflection")
struct FormatV12Tests {
    static let body = """
        == a
        The client waits.
        reflect: What do you need to know first, and why?  // a comment
        * Ask
          phase: engagement
          quality: 1
          -> end
        == end [ending: goals-met]
        Done.

        """

    @Test func aSceneKeepsItsQuestion() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        #expect(scenario.scenes[0].reflect == "What do you need to know first, and why?")
        #expect(scenario.scenes[0].paragraphs.count == 1, "the question is not scene text")
        #expect(scenario.scenes[1].reflect == nil)
    }

    /// What docs/scenario-format.md says of `formatVersion`: the exporter writes the lowest version that holds
    /// the case (2 here: v1.2's `reflect` did not change it; 3 only for v1.3's lines, 4 for v1.4's), the loader
    /// reads 1 to 4 alike, and refuses any other number.
    @Test func theExporterWritesTheLowestVersionAndTheLoaderReadsOneToFour() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        let json = String(decoding: ScenarioDocument(scenario).encoded(), as: UTF8.self)
        #expect(json.contains("\"formatVersion\" : 2") && json.contains("\"reflect\""))
        for version in [1, 2, 3, 4] {
            let marked = json.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : \(version)")
            let loaded = TestSupport.loader.loadJSON(Data(marked.utf8), file: "v\(version).json")
            #expect(loaded.scenario == scenario, "version \(version): \(loaded.diagnostics.map(\.message))")
        }
        for version in [0, 5] {
            let marked = json.replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : \(version)")
            let loaded = TestSupport.loader.loadJSON(Data(marked.utf8), file: "v\(version).json")
            #expect(loaded.scenario == nil)
            #expect(loaded.diagnostics.first?.code == .malformedJSON)
            #expect(loaded.diagnostics.first?.message == "formatVersion \(version) is not supported (this version reads 1 to 4)")
        }
    }

    @Test func theJSONFormCarriesItAndCasesWithoutOneKeepTheirFingerprint() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        let json = ScenarioDocument(scenario).encoded()
        #expect(String(decoding: json, as: UTF8.self).contains("\"reflect\" : \"What do you need to know first, and why?\""))
        #expect(TestSupport.loader.loadJSON(json, file: "x.json").scenario == scenario)
        var without = scenario
        without.scenes[0].reflect = nil
        #expect(!String(decoding: ScenarioDocument(without).encoded(), as: UTF8.self).contains("reflect"))
        #expect(without.fingerprint != scenario.fingerprint)
    }

    @Test(arguments: [
        ("== a\nreflect:\n* Go\n  phase: engagement\n  quality: 1\n  -> end\n", DiagnosticCode.malformedLine, 2),
        ("== a\nreflect: One?\nreflect: Two?\n* Go\n  phase: engagement\n  quality: 1\n  -> end\n", .duplicateAttribute, 3),
        ("== a\n* Go\n  phase: engagement\n  quality: 1\n  -> end\nreflect: Late?\n", .textAfterChoice, 6),
    ])
    func mistakesAreReportedWhereTheyAre(body: String, code: DiagnosticCode, line: Int) throws {
        let result = TestSupport.load(TestSupport.minimalHeader + body + "== end [ending: goals-met]\nDone.\n")
        let found = try #require(result.diagnostics.first { $0.code == code }, "\(result.diagnostics.map(\.message))")
        #expect(found.location.line == line + 4, "the header is four lines")
    }
}
