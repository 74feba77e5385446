import Foundation
import Testing
@testable import PracticumCore

/// Inputs found by fuzzing and by hand that once crashed the parser: each is now a clear error.
@Suite("Hostile input: no crash, a clear error")
struct HostileInputTests {
    static func load(_ condition: String, at place: String = "requires") -> LoadResult {
        let body = place == "requires"
            ? "== a\n* Go\n  phase: engagement\n  quality: 1\n  requires: \(condition)\n  -> b\n"
            : "== a\n[if \(condition)] text\n-> b\n"
        return TestSupport.load(
            TestSupport.minimalHeader + "var t = true\n" + body + "== b [ending: goals-met]\n{t}\n")
    }

    @Test(arguments: ["requires", "if"])
    func twentyThousandParenthesesAreAnErrorNotAStackOverflow(place: String) throws {
        let result = Self.load(String(repeating: "(", count: 20_000) + "t" + String(repeating: ")", count: 20_000), at: place)
        let error = try #require(result.diagnostics.first { $0.code == .invalidCondition })
        #expect(error.message.contains("more than \(ConditionParser.maximumDepth) levels"))
        #expect(error.location.column > 1)
    }

    @Test func a150000DeepNotIsAnError() throws {
        let result = Self.load(String(repeating: "not ", count: 150_000) + "t")
        #expect(result.diagnostics.contains { $0.code == .invalidCondition && $0.message.contains("levels") })
    }

    @Test func an87000TermConjunctionIsAnError() throws {
        let result = Self.load(Array(repeating: "t", count: 87_000).joined(separator: " and "), at: "if")
        #expect(result.diagnostics.contains { $0.code == .invalidCondition && $0.message.contains("more than 100 parts") })
    }

    @Test func conditionsAtTheLimitsStillWork() throws {
        let deep = String(repeating: "not ", count: 32) + "t"
        let long = Array(repeating: "t", count: 101).joined(separator: " and ")
        let nested = String(repeating: "(", count: 32) + "t" + String(repeating: ")", count: 32)
        for condition in [deep, long, nested] {
            let result = Self.load(condition)
            #expect(result.scenario != nil, "\(result.diagnostics.map(\.message))")
            // Printing and re-parsing gives the same condition back.
            let printed = try #require(result.scenario?.scenes[0].choices[0].requires).description
            #expect(Self.load(printed).scenario?.scenes[0].choices[0].requires == result.scenario?.scenes[0].choices[0].requires)
        }
    }

    @Test func theSameLimitsHoldForTheJSONForm() throws {
        let json = """
            {"formatVersion": 2, "header": {"title": "T", "id": "t", "language": "en", "level": "micro",
             "objectives": [], "weights": []}, "start": "a", "findings": [], "variables": [{"name": "t", "initial": true}],
             "scenes": [{"name": "a", "paragraphs": [], "choices": [{"text": "Go", "phase": "engagement", "quality": 1,
               "requires": "\(String(repeating: "(", count: 5000))t\(String(repeating: ")", count: 5000))", "target": "b"}]},
               {"name": "b", "ending": "goals-met", "paragraphs": [[{"text": "{t}"}]]}]}
            """
        let result = TestSupport.loader.loadJSON(Data(json.utf8), file: "deep.json")
        let error = try #require(result.diagnostics.first { $0.code == .invalidCondition })
        #expect(error.location.file == "deep.json#/scenes/0/choices/0/requires")
    }
}

extension HostileInputTests {
    @Test func numbersAnAuthorWritesAreRangeChecked() throws {
        let text = TestSupport.minimalHeader.replacingOccurrences(of: "level: micro\n", with: "level: micro\n")
            + "weights: practice 9223372036854775807, ethics +3, outcome 2000\nminutes: 99999999999999999999\n"
            + "== a\n-> b\n== b [ending: goals-met]\nx\n"
        let messages = TestSupport.load(text).diagnostics.filter { $0.code == .invalidNumber }.map(\.message)
        #expect(messages.contains("weight 9223372036854775807 is too large; a weight runs from 0 to 1000"))
        #expect(messages.contains("expected 'DIMENSION N' in weights, found 'ethics +3'"))
        #expect(messages.contains("weight 2000 is too large; a weight runs from 0 to 1000"))
        #expect(messages.contains { $0.hasPrefix("minutes must be a whole number from 1 to 1000") })
    }
}

/// "Did you mean": right, and bounded in the work it does.
@Suite("Hostile input: suggestions")
struct SuggestionTests {
    /// The fast search gives what comparing every candidate in full gives: the closest within the limit,
    /// the first written among equals.
    @Test func theClosestNameIsTheOneFullComparisonFinds() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcde-")
        func word() -> String { String((0..<Int.random(in: 1...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        for _ in 0..<500 {
            let candidates = (0..<12).map { _ in word() }
            let target = word()
            let limit = max(1, target.count / 3) + 1
            let distances = candidates.map { Suggestion.editDistance(target, $0) }
            let best = distances.min().flatMap { $0 <= limit ? candidates[distances.firstIndex(of: $0)!] : nil }
            #expect(Suggestion.closest(to: target, in: candidates) == best, "\(target) in \(candidates)")
        }
        #expect(Suggestion.closest(to: "assesment", in: ["engagement", "assessment"]) == "assessment")
        #expect(Suggestion.closest(to: "xyz", in: ["engagement", "assessment"]) == nil)
        #expect(Suggestion.closest(to: "ké", in: ["ke", "kè"]) == "ke")
    }

    /// Thousands of misspelt targets among thousands of scenes: looking for a close name for each would be
    /// quadratic (50 seconds for 5,000). The first ones get "did you mean"; after the budget, the rest are
    /// still reported, with a plain hint.
    @Test func suggestionsStopAfterABudgetButEveryProblemIsReported() throws {
        var text = TestSupport.minimalHeader
        let count = 3_000
        for index in 0..<count {
            text += "== scene-number-\(index)\nText.\n* Go\n  phase: engagement\n  quality: 1\n  -> scene-numbr-\(index)x\n"
        }
        text += "== end [ending: goals-met]\nx\n"
        let unknown = TestSupport.load(text).diagnostics.filter { $0.code == .unknownScene }
        #expect(unknown.count == count)
        #expect(unknown.first?.hint == "did you mean 'scene-number-0'?")
        let suggested = unknown.filter { $0.hint?.hasPrefix("did you mean") == true }.count
        #expect(suggested > 0 && suggested < count)
        #expect(unknown.last?.hint?.hasPrefix("define it with a line") == true)
    }
}

/// Diagnostics render in time linear in what they print.
@Suite("Hostile input: rendering diagnostics")
struct RenderingTests {
    @Test func aLongLineIsQuotedAsAWindowAroundTheCaret() throws {
        let text = TestSupport.minimalHeader + "== a\n" + String(repeating: "{x}", count: 10_000) + "\n-> b\n== b [ending: goals-met]\nx\n"
        let result = TestSupport.load(text)
        let diagnostics = result.diagnostics.filter { $0.code == .unknownVariable }
        #expect(diagnostics.count == 10_000)
        let renderer = DiagnosticRenderer(sources: ["test.scenario": text])
        let middle = renderer.render(diagnostics[5_000])
        let lines = middle.split(separator: "\n")
        #expect(lines[1].count < 2 * DiagnosticRenderer.window + 20, "\(lines[1].count) characters quoted")
        #expect(lines[1].contains("| …") && lines[1].hasSuffix("…"))
        // The caret still points at the 'x' of the quoted window.
        let quoted = Array(lines[1])
        let caret = try #require(Array(lines[2]).firstIndex(of: "^"))
        #expect(quoted[caret] == "x")
    }

    @Test func aFileWithThousandsOfProblemsPrintsTheFirstHundredAndCountsTheRest() {
        let text = String(repeating: "x\n", count: 5_000)
        let result = TestSupport.load(text)
        #expect(result.diagnostics.count > 5_000)
        let rendered = DiagnosticRenderer(sources: ["test.scenario": text])
            .render(result.diagnostics, limit: DiagnosticRenderer.defaultLimit)
        #expect(rendered.components(separatedBy: ": error: ").count - 1 == 100)
        #expect(rendered.hasSuffix("... and \(result.diagnostics.count - 100) more problems (use --json to see them all)\n"))
    }

    @Test func linesAreFoundByIndex() {
        #expect(DiagnosticRenderer.line(2, of: "a\nb\r\nc") == "b")
        #expect(DiagnosticRenderer.line(3, of: "a\nb\r\nc") == "c")
        #expect(DiagnosticRenderer.line(4, of: "a\nb\r\nc") == nil)
        #expect(DiagnosticRenderer.line(2, of: "a\n") == "")
        #expect(DiagnosticRenderer.line(1, of: "") == "")
    }
}
