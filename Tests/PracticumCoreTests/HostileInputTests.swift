import Foundation
import Testing
@testable import PracticumCore
import PracticumTerminal

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

    /// A condition keeps at most `maximumTokens` tokens (a 32 MB line of `(` took 1.15 GB in tokens), yet
    /// reads to its end: an unexpected character past them is still the error reported, and without one the
    /// grammar stops where it did.
    @Test func aConditionKeepsABoundedNumberOfTokensAndStillReadsToItsEnd() throws {
        let count = 3 * ConditionParser.maximumTokens
        for (tail, message) in [("t $", "unexpected character '$'"), ("t", "more than \(ConditionParser.maximumDepth) levels")] {
            let source = SourceText(file: "t", text: String(repeating: "(", count: count) + tail)
            let range = 0..<source.lines[0].upperBound
            let result = source.withLine(0) { bytes, line in
                var syntax = ScenarioSyntax(file: "t")
                var tokens: [ConditionParser.Token] = []
                let result = ConditionParser.parse(bytes, line: line, range: range, into: &syntax, tokens: &tokens)
                #expect(tokens.count <= ConditionParser.maximumTokens + 1)
                return result
            }
            guard case .failure(let diagnostic) = result else {
                Issue.record("the condition parsed")
                continue
            }
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        }
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
    /// The fast search gives what comparing every candidate in full gives: the closest within the one
    /// tolerance (`EditDistance.typoTolerance`), the first written among equals.
    @Test func theClosestNameIsTheOneFullComparisonFinds() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcde-")
        func word() -> String { String((0..<Int.random(in: 1...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        for _ in 0..<500 {
            let candidates = (0..<12).map { _ in word() }
            let target = word()
            let limit = EditDistance.typoTolerance(forLength: target.count)
            let distances = candidates.map { EditDistance.between(target, $0) }
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
        let unknown = TestSupport.loadKeepingAll(text).diagnostics.filter { $0.code == .unknownScene }
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
        let result = TestSupport.loadKeepingAll(text)
        // One unknown variable a placeholder kept, then the line is cut (PlaceholderLimitTests).
        let diagnostics = result.diagnostics.filter { $0.code == .unknownVariable }
        #expect(diagnostics.count == Int(TextLineSyntax.maximumPlaceholders))
        let renderer = DiagnosticRenderer(sources: ["test.scenario": text])
        let middle = renderer.render(diagnostics[diagnostics.count / 2])
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
        let all = TestSupport.loadKeepingAll(text)
        #expect(all.diagnostics.count > 5_000)
        let rendered = DiagnosticRenderer(sources: ["test.scenario": text])
            .render(all.diagnostics, limit: DiagnosticRenderer.defaultLimit)
        #expect(rendered.components(separatedBy: ": error: ").count - 1 == 100)
        #expect(rendered.hasSuffix("... and \(all.diagnostics.count - 100) more problems (use --json to see them all)\n"))
        // As loaded by default: 200 kept, the rest counted, and the same total said.
        let bounded = TestSupport.load(text)
        #expect(bounded.diagnostics.count == DiagnosticCollector.defaultLimit)
        #expect(bounded.diagnostics.count + bounded.omitted.total == all.diagnostics.count)
        let cut = DiagnosticRenderer(sources: ["test.scenario": text])
            .render(bounded.diagnostics, limit: DiagnosticRenderer.defaultLimit, omitted: bounded.omitted.total)
        #expect(cut.components(separatedBy: ": error: ").count - 1 == 100)
        #expect(cut.hasSuffix("... and \(all.diagnostics.count - 100) more problems (--json lists the first 200 of the file)\n"))
    }

    @Test func linesAreFoundByIndex() {
        #expect(DiagnosticRenderer.line(2, of: "a\nb\r\nc") == "b")
        #expect(DiagnosticRenderer.line(3, of: "a\nb\r\nc") == "c")
        #expect(DiagnosticRenderer.line(4, of: "a\nb\r\nc") == nil)
        #expect(DiagnosticRenderer.line(2, of: "a\n") == "")
        #expect(DiagnosticRenderer.line(1, of: "") == "")
    }
}

/// Reproducers for cases near the 64-bit limits (issues 16 and 17): every whole number a case writes is read
/// exactly up to `Int.min` and `Int.max`, and one past them is an `invalid-number` naming the range, never a
/// trap and never a different reading.
@Suite("Hostile input: whole numbers at the 64-bit limits")
struct NumberLimitTests {
    static let limitsCase = """
        title: At the limits
        id: at-the-limits
        language: en
        level: micro
        var high = 9223372036854775807
        var low = -9223372036854775808
        == start
        * Push both past their ends
          phase: engagement
          quality: 1
          set: high + 9223372036854775807, low - 9223372036854775807, high = -9223372036854775808
          requires: high >= 9223372036854775807 and low <= -9223372036854775808
          -> done
        == done [ending: goals-met]
        {high} {low}

        """

    @Test func numbersAtTheLimitsAreReadExactly() throws {
        let result = TestSupport.load(Self.limitsCase)
        let scenario = try #require(result.scenario, "\(result.diagnostics.map(\.message))")
        #expect(scenario.variables.map(\.initial) == [.int(Int.max), .int(Int.min)])
        let choice = scenario.scenes[0].choices[0]
        #expect(
            choice.updates == [
                Assignment(variable: "high", operation: .add(Int.max)),
                Assignment(variable: "low", operation: .add(-Int.max)),
                Assignment(variable: "high", operation: .assign(.int(Int.min))),
            ])
        #expect(
            choice.requires
                == .and(
                    .comparison(.variable("high"), .greaterOrEqual, .literal(.int(Int.max))),
                    .comparison(.variable("low"), .lessOrEqual, .literal(.int(Int.min)))))
        // What the model prints, the parser reads back the same.
        #expect(choice.updates.map(\.description) == [
            "high + 9223372036854775807", "low - 9223372036854775807", "high = -9223372036854775808",
        ])
        let printed = Self.limitsCase.replacingOccurrences(
            of: "set: high + 9223372036854775807, low - 9223372036854775807, high = -9223372036854775808",
            with: "set: " + choice.updates.map(\.description).joined(separator: ", "))
        #expect(TestSupport.load(printed).scenario?.scenes[0].choices[0].updates == choice.updates)
    }

    static let pastTheLimits = [
        "9223372036854775808", "-9223372036854775809", "+9223372036854775808", "99999999999999999999999999",
        "-99999999999999999999999999",
    ]

    @Test(arguments: pastTheLimits)
    func aNumberPastTheLimitsIsAnInvalidNumberNamingTheRange(literal: String) throws {
        let unsigned = !literal.hasPrefix("-") && !literal.hasPrefix("+")
        var places = [
            ("var high = 9223372036854775807", "var high = \(literal)"),
            ("high = -9223372036854775808", "high = \(literal)"),
        ]
        if unsigned {
            places.append(("high + 9223372036854775807", "high + \(literal)"))
            places.append(("low - 9223372036854775807", "low - \(literal)"))
        }
        #expect(Value.isOutOfRangeWholeNumber(literal))
        for (original, replacement) in places {
            let result = TestSupport.load(Self.limitsCase.replacingOccurrences(of: original, with: replacement))
            #expect(result.scenario == nil, "\(replacement)")
            let error = try #require(result.diagnostics.first, "\(replacement)")
            #expect(error.code == .invalidNumber, "\(replacement)")
            #expect(error.message == "'\(literal)' does not fit a case's whole numbers, which run from "
                + "-9223372036854775808 to 9223372036854775807", "\(replacement)")
            #expect(error.location.line == (original.hasPrefix("var") ? 5 : 11), "\(replacement)")
        }
        // In a condition the same words, under the condition's own code.
        let condition = TestSupport.load(
            Self.limitsCase.replacingOccurrences(of: "high >= 9223372036854775807", with: "high >= \(literal)"))
        let error = try #require(condition.diagnostics.first)
        #expect(error.code == .invalidCondition)
        #expect(error.message == Value.outOfRangeMessage(literal))
        #expect(error.location.line == 12)
    }

    @Test func onlyWholeNumbersPastTheLimitsCountAsOutOfRange() {
        for literal in ["9223372036854775807", "-9223372036854775808", "+9223372036854775807", "0", "-1", "", "-", "+",
            "+-5", "12a", "1e30", "true", "٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣"]
        {
            #expect(!Value.isOutOfRangeWholeNumber(literal), "\(literal)")
        }
    }

    /// The JSON form holds what the text form can write: an `add` of -2^63 has no `NAME - N` spelling (N runs to
    /// 2^63 - 1), so it is refused rather than exported as text no parser reads back.
    @Test func theJSONFormRefusesAnAddOfIntMin() throws {
        let text = try #require(TestSupport.load(Self.limitsCase).scenario)
        let exported = try JSONEncoder().encode(ScenarioDocument(text))
        let reloaded = TestSupport.loader.loadJSON(exported, file: "limits.json")
        #expect(reloaded.scenario == text, "\(reloaded.diagnostics.map(\.message))")
        let json = String(decoding: exported, as: UTF8.self)
        let minimum = json.replacingOccurrences(of: "-9223372036854775807", with: "-9223372036854775808")
        #expect(minimum != json)
        let refused = TestSupport.loader.loadJSON(Data(minimum.utf8), file: "limits.json")
        #expect(refused.scenario == nil)
        let error = try #require(refused.diagnostics.first)
        #expect(error.code == .invalidNumber)
        #expect(error.message == "an 'add' runs from -9223372036854775807 to 9223372036854775807, found -9223372036854775808")
        #expect(error.location.file == "limits.json#/scenes/0/choices/0/set/1/add")
        // One past the limits in JSON is malformed JSON, not a crash.
        let past = json.replacingOccurrences(of: ":9223372036854775807", with: ":9223372036854775808")
        #expect(past != json)
        #expect(TestSupport.loader.loadJSON(Data(past.utf8), file: "limits.json").diagnostics.first?.code == .malformedJSON)
    }
}

/// A text line keeps at most `TextLineSyntax.maximumPlaceholders` placeholders (a 32 MB line of `{x}` took
/// 660 MB to check): past them one `malformed-line` error at the first not kept, in both forms; at the limit the
/// case loads and shows every value.
@Suite("Hostile input: placeholders on one line")
struct PlaceholderLimitTests {
    static let limit = Int(TextLineSyntax.maximumPlaceholders)

    static func load(placeholders: Int) -> LoadResult {
        TestSupport.load(
            TestSupport.minimalHeader + "var t = 1\n== a\nShe says " + String(repeating: "{t}", count: placeholders)
                + "\n-> b\n== b [ending: goals-met]\n{t}\n")
    }

    @Test func aLineAtTheLimitLoadsAndOnePastItIsOneError() throws {
        let atLimit = Self.load(placeholders: Self.limit)
        #expect(atLimit.scenario != nil, "\(atLimit.diagnostics.map(\.message))")
        let past = Self.load(placeholders: 3 * Self.limit)
        let errors = past.diagnostics.filter { $0.code == .malformedLine }
        #expect(errors.count == 1 && past.scenario == nil)
        let error = try #require(errors.first)
        #expect(error.message == "the line shows more than 1000 values ('{name}' placeholders)")
        #expect(error.hint == "split the text over several lines")
        // At the first placeholder not kept: "She says " is 9 characters, each placeholder 3.
        #expect(error.location.column == 10 + 3 * Self.limit && error.length == 3)
    }

    @Test func theJSONFormKeepsTheSameLimit() throws {
        let text = String(repeating: "{t}", count: Self.limit + 1)
        let json = """
            {"formatVersion": 2, "header": {"title": "T", "id": "t", "language": "en", "level": "micro",
             "objectives": [], "weights": []}, "start": "a", "findings": [], "variables": [{"name": "t", "initial": 1}],
             "scenes": [{"name": "a", "paragraphs": [[{"text": "\(text)"}]], "next": "b"},
               {"name": "b", "ending": "goals-met", "paragraphs": [[{"text": "{t}"}]]}]}
            """
        let result = TestSupport.loader.loadJSON(Data(json.utf8), file: "many.json")
        let error = try #require(result.diagnostics.first { $0.code == .malformedLine })
        #expect(error.message == TextLineSyntax.tooManyPlaceholders && result.scenario == nil)
        #expect(error.location.file == "many.json#/scenes/0/paragraphs/0/0/text")
        // At the first placeholder not kept, as in the text form.
        #expect(error.location.column == 1 + 3 * Self.limit && error.length == 3)
    }
}
