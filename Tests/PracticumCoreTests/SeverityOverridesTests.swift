import Testing
@testable import PracticumCore

@Suite("Severity overrides (practicum-check.conf)")
struct SeverityOverridesTests {
    @Test func readsLevelsCommentsAndBlankLines() throws {
        let text = """
            # our house rules
            unused-variable = error
              answer-tell=off   # we write long best answers on purpose

            soft-lock = warning
            """
        let overrides = try SeverityOverrides.parse(text).get()
        #expect(overrides.levels == [.unusedVariable: .error, .answerTell: .off, .softLock: .warning])
        #expect(overrides.severity(of: .unusedVariable) == .error)
        #expect(overrides.severity(of: .answerTell) == nil)
        #expect(overrides.severity(of: .unreachableScene) == .warning)
        #expect(overrides.severity(of: .unknownScene) == .error)
    }

    @Test func everyUnusableLineIsNamedByItsNumber() {
        let text = """
            unused-variabel = error
            unknown-scene = warning
            answer-tell = loud
            just words
            unused-variable = off
            unused-variable = error
            """
        guard case .failure(let failure) = SeverityOverrides.parse(text) else {
            Issue.record("the file was accepted")
            return
        }
        #expect(failure.problems.map(\.line) == [1, 2, 3, 4, 6])
        #expect(failure.problems[0].message == "'unused-variabel' is not a diagnostic code (did you mean 'unused-variable'?)")
        #expect(failure.problems[1].message == "'unknown-scene' is an error, and an error cannot be changed: only warnings can")
        #expect(failure.problems[2].message == "'loud' is not a level: write error, warning or off")
        #expect(failure.problems[3].message == "expected 'CODE = error', 'CODE = warning' or 'CODE = off'")
        #expect(failure.problems[4].message == "'unused-variable' is already set on line 5")
    }

    @Test func anErrorCannotBeGivenALevelInCode() {
        #expect(SeverityOverrides([.unknownScene: .off, .unusedVariable: .off]).levels == [.unusedVariable: .off])
    }

    @Test func theLoaderAppliesThemAndTheCaseStillLoads() {
        let text = TestSupport.minimalHeader + "var spare = 1\n\n== a\nHello.\n-> b\n== b [ending: goals-met]\nBye.\n"
        let plain = TestSupport.load(text)
        #expect(plain.diagnostics.map(\.code) == [.unusedVariable])
        let strict = ScenarioLoader(content: TestSupport.content, severities: SeverityOverrides([.unusedVariable: .error]))
            .load(text: text, file: "test.scenario")
        #expect(strict.diagnostics.map(\.severity) == [.error])
        #expect(strict.scenario != nil)
        let quiet = ScenarioLoader(content: TestSupport.content, severities: SeverityOverrides([.unusedVariable: .off]))
            .load(text: text, file: "test.scenario")
        #expect(quiet.diagnostics.isEmpty && quiet.omitted == .zero)
    }
}

@Suite("The invisible-character warning")
struct InvisibleCharacterTests {
    @Test(arguments: Array(InvisibleCharacters.names.keys).sorted())
    func eachCharacterIsNamedAtItsLineAndColumn(value: UInt32) throws {
        let character = String(Character(try #require(Unicode.Scalar(value))))
        let text = TestSupport.minimalHeader + "== a\nSay é\(character)hello.\n-> b\n== b [ending: goals-met]\nBye.\n"
        let result = TestSupport.load(text)
        let warning = try #require(result.diagnostics.first { $0.code == .invisibleCharacter })
        #expect(warning.severity == .warning)
        #expect(warning.location.line == 6 && warning.location.column == 6)
        let hex = String(value, radix: 16, uppercase: true)
        #expect(warning.message.hasPrefix("the text holds U+\(hex) (\(InvisibleCharacters.names[value]!))"))
        #expect(result.scenario != nil)
    }

    @Test func aByteOrderMarkAtTheStartIsNotText() {
        let text = "\u{FEFF}" + TestSupport.minimalHeader + "== a\nHello.\n-> b\n== b [ending: goals-met]\nBye.\n"
        #expect(TestSupport.load(text).diagnostics.isEmpty)
    }

    @Test func aRightToLeftOverrideSaysItReordersText() {
        let text = TestSupport.minimalHeader + "== a\nHello.\n* Agree \u{202E}tnemeerga\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nBye.\n"
        let messages = TestSupport.load(text).diagnostics.filter { $0.code == .invisibleCharacter }.map(\.message)
        #expect(messages == ["the text holds U+202E (RIGHT-TO-LEFT OVERRIDE), which changes the order the text after it is shown in"])
    }

    @Test func aFileFullOfThemReportsTwentyOneAndCountsTheRest() {
        let text = TestSupport.minimalHeader + "== a\n" + String(repeating: "a\u{200B}b\n", count: 1_000) + "-> b\n== b [ending: goals-met]\nBye.\n"
        let warnings = TestSupport.load(text).diagnostics.filter { $0.code == .invisibleCharacter }
        #expect(warnings.count == InvisibleCharacters.reportedPerFile + 1)
        #expect(warnings.last?.message.hasSuffix("; and 979 more such characters follow in this file") == true)
        #expect(warnings.map(\.location.line) == Array(6...26))
    }
}
