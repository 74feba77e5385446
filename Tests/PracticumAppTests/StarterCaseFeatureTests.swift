import Foundation
import PracticumCore
import Testing

@testable import PracticumApp

/// The starter case of `practicum new` uses every part of the format. The lists come from the format itself
/// (the parser's key tables, the model's stored properties, the cases of `Condition` and `Finding.Kind`), so a
/// part added to the format and not to the starter fails here.
@Suite struct StarterCaseFeatureTests {
    static func load(_ language: StarterCase.Language) throws -> (text: String, scenario: Scenario) {
        let text = StarterCase.text(id: "starter", language: language)
        let file = try AppTestSupport.caseFile(text, named: "starter.scenario")
        let content = try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content"))
        let scenario = try #require(ScenarioLoader(content: content).load(path: file.path).scenario)
        return (text, scenario)
    }

    /// Whether a stored value counts as used: present, true, not empty, not zero.
    static func isUsed(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.map { isUsed($0.value) } ?? false }
        if let flag = value as? Bool { return flag }
        if let number = value as? Int { return number != 0 }
        if let collection = value as? any Collection { return !collection.isEmpty }
        return true
    }

    /// The stored properties of `T` that no item uses.
    static func unused<T>(_ items: [T]) -> [String] {
        guard let first = items.first else { return ["every property of \(T.self): there is none"] }
        let names = Mirror(reflecting: first).children.compactMap(\.label)
        return names.filter { name in
            !items.contains { item in Mirror(reflecting: item).children.contains { $0.label == name && isUsed($0.value) } }
        }
    }

    /// The kinds of condition a condition is made of.
    static func kinds(of condition: Condition) -> Set<String> {
        switch condition {
        case .variable: return ["variable"]
        case .comparison: return ["comparison"]
        case .visited: return ["visited"]
        case .revealed: return ["revealed"]
        case .not(let inner): return kinds(of: inner).union(["not"])
        case .and(let lhs, let rhs): return kinds(of: lhs).union(kinds(of: rhs)).union(["and"])
        case .or(let lhs, let rhs): return kinds(of: lhs).union(kinds(of: rhs)).union(["or"])
        }
    }

    @Test(arguments: StarterCase.Language.allCases) func everyKeyOfTheFormatIsWritten(language: StarterCase.Language) throws {
        let (text, _) = try Self.load(language)
        let lines = text.split(separator: "\n").map(String.init)
        for key in ScenarioParser.headerKeys {
            #expect(lines.contains { $0.hasPrefix(key + ":") }, "header key '\(key)'")
        }
        for key in ScenarioParser.expectationKeys {
            #expect(lines.contains { $0.hasPrefix("  \(key):") }, "expectation key '\(key)'")
        }
        for key in ScenarioParser.attributeKeys {
            #expect(lines.contains { $0.hasPrefix("  \(key):") }, "choice attribute '\(key)'")
        }
        for line in ["  once", "  pinned", "  safe when:", "  - "] {
            #expect(lines.contains { $0.hasPrefix(line) }, "'\(line)'")
        }
        #expect(lines.contains { $0.hasPrefix("[if ") }, "a line shown on a condition")
        #expect(lines.contains { $0.contains("[shown by: ") }, "an objective shown by an expectation")
        #expect(lines.contains { $0.hasPrefix("  ") && $0.contains(" // ") }, "a comment at the end of an attribute line")
        #expect(lines.contains { !$0.hasPrefix("//") && !$0.hasPrefix(" ") && $0.contains(" // ") }, "a comment at the end of a header line")
    }

    @Test(arguments: StarterCase.Language.allCases) func everyPartOfTheModelIsUsed(language: StarterCase.Language) throws {
        let (_, scenario) = try Self.load(language)
        #expect(Self.unused([scenario.header]).isEmpty, "header: \(Self.unused([scenario.header]))")
        #expect(Self.unused(scenario.scenes).isEmpty, "scenes: \(Self.unused(scenario.scenes))")
        let choices = scenario.scenes.flatMap(\.choices)
        #expect(Self.unused(choices).isEmpty, "choices: \(Self.unused(choices))")
        #expect(Self.unused(scenario.findings).isEmpty, "findings: \(Self.unused(scenario.findings))")
        #expect(Self.unused(scenario.expectations).isEmpty, "expectations: \(Self.unused(scenario.expectations))")
        #expect(Self.unused(scenario.header.objectives).isEmpty, "objectives")
        #expect(Set(scenario.findings.map(\.kind)) == Set(Finding.Kind.allCases))
        #expect(Set(scenario.variables.map(\.initial.type)).count == 2, "a whole number and a true/false")
        #expect(Set(scenario.expectations.compactMap(\.basis).map { if case .principle = $0 { "principle" } else { "phase" } }) == ["principle", "phase"])
        let severities = Set(choices.flatMap(\.violates).map(\.severity) + scenario.expectations.map(\.severity))
        #expect(severities == Set(Violation.Severity.allCases))
        let updates = choices.flatMap(\.updates).map(\.operation)
        #expect(updates.contains { if case .add(let n) = $0 { n > 0 } else { false } }, "x + N")
        #expect(updates.contains { if case .add(let n) = $0 { n < 0 } else { false } }, "x - N")
        #expect(updates.contains { if case .assign(.bool) = $0 { true } else { false } }, "flag = true")
        #expect(updates.contains { if case .assign(.int) = $0 { true } else { false } }, "count = N")
        var conditions = choices.compactMap(\.requires) + scenario.scenes.flatMap { $0.paragraphs.flatMap { $0.compactMap(\.condition) } }
        conditions += scenario.endConditions
        let kinds = conditions.reduce(into: Set<String>()) { $0.formUnion(Self.kinds(of: $1)) }
        #expect(kinds == ["variable", "comparison", "visited", "revealed", "not", "and", "or"])
        #expect(scenario.scenes.flatMap { $0.paragraphs.flatMap { $0.map(\.text) } }.contains { $0.contains("{") }, "a {name} in text")
        #expect(Set(scenario.scenes.compactMap(\.ending)).count >= 4, "endings of several outcomes")
        #expect(scenario.start == scenario.scenes[0].name)
    }

    @Test(arguments: StarterCase.Language.allCases) func aCommentTeachesEachPart(language: StarterCase.Language) throws {
        let (text, _) = try Self.load(language)
        // Each part is named in a comment on a line of its own, or written on a line that ends in a comment.
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("//") || $0.contains(" // ") }.joined(separator: "\n")
        let parts = [
            "[risk]", "[strength]", "safe when", "set:", "requires:", "[if", "{", "[shown by:", "weights",
            "[crisis]", "reflect:", "dilemma:", "'-> ", "[ending:", "once", "pinned", "when:", "phase:", "quality:",
            "intervention", "and, or, not", "visited(...)", "revealed(...)", "(minor), (major)", "en", "micro",
        ]
        for part in parts {
            #expect(comments.contains(part), "no comment names '\(part)'")
        }
    }
}
