import Foundation
import Testing
@testable import PracticumCore

/// Behaviour the fast parser and checker must keep: names compare as strings do (they are interned
/// and compared as integers inside), columns count characters, and JSON cases keep every spelling.
@Suite("Names and positions")
struct NameAndPositionTests {
    /// A JSON case with two scenes; `target` is where the first scene's only choice leads.
    static func jsonCase(sceneName: String, target: String, paragraphs: String = #"[[{"text": "Hello."}]]"#) -> Data {
        Data(
            """
            {"formatVersion": 1,
             "header": {"title": "T", "id": "t", "language": "en", "level": "micro", "objectives": [], "weights": []},
             "start": "\(sceneName)", "findings": [], "variables": [],
             "scenes": [
               {"name": "\(sceneName)", "paragraphs": \(paragraphs),
                "choices": [{"text": "Go", "phase": "engagement", "quality": 1, "target": "\(target)"}]},
               {"name": "end", "ending": "goals-met", "paragraphs": [[{"text": "Done."}]]}
             ]}
            """.utf8)
    }

    @Test func jsonNamesThatAreEqualStringsAreOneName() throws {
        // "é" precomposed in the scene's name, decomposed in the target: equal as Swift strings.
        let precomposed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let document = Self.jsonCase(sceneName: precomposed, target: decomposed)
        let loaded = TestSupport.loader.loadJSON(document, file: "case.json")
        #expect(!loaded.diagnostics.contains { $0.code == .unknownScene }, "\(loaded.diagnostics.map(\.message))")
        // The model keeps each spelling as written.
        let scenario = try #require(loaded.scenario)
        #expect(Array(scenario.scenes[0].name.unicodeScalars) == Array(precomposed.unicodeScalars))
        #expect(Array(scenario.scenes[0].choices[0].target.unicodeScalars) == Array(decomposed.unicodeScalars))
    }

    @Test func jsonKeepsEmptyParagraphs() throws {
        let document = Self.jsonCase(sceneName: "a", target: "end", paragraphs: #"[[], [{"text": "x"}], []]"#)
        let scenario = try #require(TestSupport.loader.loadJSON(document, file: "case.json").scenario)
        #expect(scenario.scenes[0].paragraphs.map(\.count) == [0, 1, 0])
    }

    @Test func columnsAfterNonASCIITextCountCharacters() throws {
        let text = TestSupport.minimalHeader + """
            == a
            * Pilih
              phase: engagement
              quality: 1
              upholds: dignité, 1️⃣ghost
              -> end
            == end [ending: goals-met]
            Done.
            """
        let (source, line, column) = TestSupport.marked(text)
        let result = TestSupport.load(source)
        let unknown = try #require(result.diagnostics.first { $0.code == .unknownPrinciple })
        #expect((unknown.location.line, unknown.location.column, unknown.length) == (line, column, 5))
        // The accented name before it is reported whole, in characters.
        let malformed = try #require(result.diagnostics.first { $0.code == .malformedLine })
        #expect((malformed.location.column, malformed.length) == (column - 9, 7))
    }

    @Test func conditionReferencesAfterNonASCIITextAreLocatedInCharacters() throws {
        let text = TestSupport.minimalHeader + """
            var flag = true
            == a
            [if flag] Été {flag} et {1️⃣ghost}
            -> end
            == end [ending: goals-met]
            Done.
            """
        let (source, line, column) = TestSupport.marked(text)
        let unknown = try #require(TestSupport.load(source).diagnostics.first { $0.code == .unknownVariable })
        #expect((unknown.location.line, unknown.location.column) == (line, column))
    }

    @Test func longNamesAndManyNamesResolve() throws {
        // More names than the name table's first size, and names too long for Swift's inline strings.
        let count = 200
        var text = TestSupport.minimalHeader
        for index in 0..<count {
            let next = index + 1 < count ? "a-rather-long-scene-name-\(index + 1)" : "end"
            text += "== a-rather-long-scene-name-\(index)\nText.\n-> \(next)\n"
        }
        text += "== end [ending: goals-met]\nDone.\n"
        let result = TestSupport.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3).map(\.message))")
        let scenario = try #require(result.scenario)
        #expect(scenario.scenes.count == count + 1)
        #expect(scenario.scene(named: "a-rather-long-scene-name-\(count - 1)")?.next == "end")
    }

    @Test func theStartHeaderFindsASceneByStringEquality() {
        // U+212A KELVIN SIGN is canonically equivalent to "K", so it names the scene "K".
        let text = "title: T\nid: t\nlanguage: en\nlevel: micro\nstart: \u{212A}\n== a\n-> K\n== K\n-> end\n"
            + "== end [ending: goals-met]\nDone.\n"
        let codes = TestSupport.load(text).diagnostics.map(\.code)
        #expect(codes.contains(.invalidName))  // "K" is not lowercase
        #expect(!codes.contains(.unknownScene))
    }
}
