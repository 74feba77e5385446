import Foundation
import Testing
@testable import PracticumCore

@Suite("Format v1.3: an expectation's situation, a risk's safe condition")
struct FormatV13Tests {
    static let body = """
        finding remark [risk]: He said it would be simpler if he were not around
          safe when: planned and means-safe   // a comment
        finding rent: Two months behind on rent
        var asked = false
        var planned = false
        var means-safe = false
        expect asked-directly (critical): asked
          because: A remark about not being around is followed by a direct question.
          when: visited(remark)
          principle: competence

        == a
        * Listen
          phase: engagement
          quality: 1
          -> remark
        * Talk about the rent
          phase: assessment
          quality: 1
          reveals: rent
          -> end
        == remark
        * Ask him directly
          phase: assessment
          quality: 2
          reveals: remark
          set: asked = true, planned = true, means-safe = true
          addresses: remark
          -> end
        == end [ending: goals-met]
        Done.

        """

    @Test func theSituationAndTheSafeConditionAreKept() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        #expect(scenario.expectations[0].situation == .visited("remark"))
        #expect(scenario.expectations[0].condition == .variable("asked"))
        #expect(scenario.expectations[0].basis == .principle("competence"))
        #expect(scenario.findings[0].safeWhen == .and(.variable("planned"), .variable("means-safe")))
        #expect(scenario.findings[1].safeWhen == nil)
        #expect(scenario.formatVersionNeeded == 3)
        #expect(scenario.endConditions.count == 3, "the condition, the situation and the safe condition")
    }

    @Test func theJSONFormCarriesThemAtVersion3AndReadsThemBack() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        let json = String(decoding: ScenarioDocument(scenario).encoded(), as: UTF8.self)
        #expect(json.contains("\"formatVersion\" : 3"))
        #expect(json.contains("\"when\" : \"visited(remark)\""))
        #expect(json.contains("\"safeWhen\" : \"planned and means-safe\""))
        #expect(TestSupport.loader.loadJSON(Data(json.utf8), file: "x.json").scenario == scenario)
        // Without the v1.3 lines the case is written at version 2, with the fingerprint it always had.
        var older = scenario
        older.expectations[0].situation = nil
        older.findings[0].safeWhen = nil
        #expect(String(decoding: ScenarioDocument(older).encoded(), as: UTF8.self).contains("\"formatVersion\" : 2"))
        #expect(older.fingerprint != scenario.fingerprint)
    }

    @Test func aVersion3DocumentNamesItsLinesByPointer() throws {
        let scenario = try #require(TestSupport.load(TestSupport.minimalHeader + Self.body).scenario)
        var document = ScenarioDocument(scenario)
        document.expectations?[0].when = "visited(nowhere)"
        document.findings[0].safeWhen = "planed"
        let data = try JSONEncoder().encode(document)
        let found = TestSupport.loader.loadJSON(data, file: "x.json").diagnostics
        #expect(found.contains { $0.code == .unknownScene && $0.location.file.hasSuffix("#/expectations/0/when") })
        #expect(found.contains { $0.code == .unknownVariable && $0.location.file.hasSuffix("#/findings/0/safeWhen") })
    }

    @Test(arguments: [
        ("finding f [risk]: x\n  safe when:\n", DiagnosticCode.malformedLine, 2),
        ("finding f [risk]: x\n  safe: v\n", .malformedLine, 2),
        ("finding f [risk]: x\n  safe when: v\n  safe when: v\n", .duplicateAttribute, 3),
        ("finding f [risk]: x\n  safe when: v >>= 1\n", .invalidCondition, 2),
        ("finding f [risk]: x\n  safe when: nothing\n", .unknownVariable, 2),
        ("expect e (minor): v\n  because: Why.\n  when:\n", .malformedLine, 3),
        ("expect e (minor): v\n  because: Why.\n  when: v\n  when: v\n", .duplicateAttribute, 4),
        ("expect e (minor): v\n  because: Why.\n  when: visited(nowhere)\n", .unknownScene, 3),
        ("expect e (minor): v\n  because: Why.\n  wehn: v\n", .unknownAttribute, 3),
    ])
    func mistakesAreReportedWhereTheyAre(header: String, code: DiagnosticCode, line: Int) throws {
        let text = TestSupport.minimalHeader + "var v = false\n" + header
            + "== a\n* Go\n  phase: engagement\n  quality: 1\n  reveals: f\n  set: v = true\n  -> end\n== end [ending: goals-met]\nDone.\n"
        let result = TestSupport.load(text.replacingOccurrences(of: "  reveals: f\n", with: header.hasPrefix("finding") ? "  reveals: f\n" : ""))
        let found = try #require(result.diagnostics.first { $0.code == code }, "\(result.diagnostics.map(\.message))")
        #expect(found.location.line == line + 5, "the header is four lines, then the var")
        #expect(result.scenario == nil)
    }
}
