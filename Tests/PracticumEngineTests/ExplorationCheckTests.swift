import Foundation
import PracticumCore
import PracticumEngine
import Testing

@Suite("Exploration warnings for check")
struct ExplorationCheckTests {
    static let content: ContentLibrary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        do {
            return try ContentLoader.load(from: root.appendingPathComponent("Content"))
        } catch {
            fatalError("tests need Content/: \(error)")
        }
    }()

    func warnings(_ text: String, limit: Int = 1000) throws -> [Diagnostic] {
        let source = "title: T\nid: t\nlanguage: en\nlevel: micro\n" + text
        let result = ScenarioLoader(content: Self.content).load(text: source, file: "x.scenario")
        let scenario = try #require(result.scenario, "\(result.diagnostics.map(\.message))")
        let syntax = ScenarioParser.parse(source, file: "x.scenario").syntax
        return ExplorationCheck.diagnostics(for: scenario, locations: .init(syntax: syntax), limit: limit)
    }

    @Test func aChoiceThatCanNeverBeTakenIsNamedAtItsText() throws {
        let found = try warnings("""
            var ready = false
            == a
            * Go
              phase: engagement
              quality: 1
              -> b
            * Never
              phase: engagement
              quality: 1
              requires: ready
              -> b
            == b [ending: goals-met]
            Done.
            """)
        let impossible = try #require(found.first { $0.code == .impossibleChoice })
        #expect((impossible.location.line, impossible.location.column) == (11, 3))
        #expect(impossible.hint?.contains("ready") == true)
    }

    @Test func anEndingNoPlayReachesAndASoftLock() throws {
        let found = try warnings("""
            var key = false
            == a
            * Wait
              phase: engagement
              quality: 1
              -> locked
            == locked
            * Open
              phase: implementation
              quality: 1
              requires: key
              -> b
            == b [ending: goals-met]
            Done.
            """)
        let codes = found.map(\.code)
        #expect(codes.contains(.softLock))
        #expect(codes.contains(.unreachableEnding))
        let lock = try #require(found.first { $0.code == .softLock })
        #expect((lock.location.line, lock.location.column) == (11, 4))
        #expect(lock.hint?.contains("a#1") == true)
    }

    @Test func anEndlessCaseNamesTheRunawayVariable() throws {
        let found = try warnings("""
            var n = 0
            == a
            * Again
              phase: engagement
              quality: 1
              requires: n >= 0
              set: n + 1
              -> a
            * Stop
              phase: termination
              quality: 1
              -> b
            == b [ending: goals-met]
            Done.
            """, limit: 40)
        let limit = try #require(found.first { $0.code == .explorationLimit })
        #expect(limit.hint?.contains("'n'") == true)
        #expect(found.count == 1, "nothing else is claimed about a case that was not fully explored")
    }

    @Test func aSoundCaseHasNoExplorationWarnings() throws {
        #expect(try warnings("== a\n* Go\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nDone.\n").isEmpty)
    }

    // MARK: Format v1.1

    /// Two routes to the ending: one calls for help, one sees the client alone.
    static let twoRoutes = """
        finding danger [risk]: A risk
        var called = false
        var alone = false
        var never = false
        %EXPECT%
        == a
        * Call for help
          phase: engagement
          quality: 1
          set: called = true
          -> b
        * See her alone
          phase: assessment
          quality: 1
          set: alone = true
          reveals: danger
          -> b
        * Wait
          phase: engagement
          quality: 0
          requires: never
          -> b
        == b [ending: goals-met]
        Done.
        """

    func expecting(_ lines: String) throws -> [Diagnostic] {
        try warnings(Self.twoRoutes.replacingOccurrences(of: "%EXPECT%", with: lines))
    }

    @Test func anExpectationNoEndingMeetsIsAnErrorAtItsName() throws {
        let found = try expecting("expect impossible (major): never\n  because: It cannot happen.")
        let error = try #require(found.first { $0.code == .unmeetableExpectation })
        #expect(error.severity == .error)
        #expect((error.location.line, error.location.column) == (9, 8))
    }

    @Test func anExpectationEveryEndingMeetsTestsNothing() throws {
        let found = try expecting("expect arrived (minor): visited(b)\n  because: Trivial.")
        let warning = try #require(found.first { $0.code == .vacuousExpectation })
        #expect(warning.severity == .warning)
        #expect((warning.location.line, warning.location.column) == (9, 8))
        #expect(!found.contains { $0.code == .unmeetableExpectation })
    }

    @Test func expectationsNoSingleEndingMeetsTogetherConflict() throws {
        let found = try expecting(
            "expect helped (major): called\n  because: Call.\nexpect alone-once (major): alone\n  because: Alone.")
        let conflict = try #require(found.first { $0.code == .conflictingExpectations })
        #expect(conflict.severity == .error)
        #expect((conflict.location.line, conflict.location.column) == (9, 8), "at the first expectation")
        #expect(!found.contains { $0.code == .unmeetableExpectation })
        let fine = try expecting("expect helped (major): called or alone\n  because: Either.")
        #expect(!fine.contains { $0.code == .conflictingExpectations || $0.code == .unmeetableExpectation })
    }

    @Test func aRiskNoPlayRevealsIsAnError() throws {
        let found = try warnings("""
            finding hidden [risk]: Only behind a locked door
            var key = false
            == a
            * Go
              phase: engagement
              quality: 1
              -> b
            * Ask
              phase: assessment
              quality: 1
              requires: key
              reveals: hidden
              -> b
            == b [ending: goals-met]
            Done.
            """)
        let error = try #require(found.first { $0.code == .unrevealableRisk })
        #expect(error.severity == .error)
        #expect((error.location.line, error.location.column) == (5, 9))
    }

    // MARK: Format v1.3: situations and safe risks

    static let situationCase = """
        finding remark [risk]: A remark about not being around
        var asked = false
        expect asked-directly (critical): not visited(remark) or asked
          because: The remark is followed by a direct question.
        expect note-written (minor): asked
          because: The answer is written down.
          when: visited(nowhere-yet)
        == a
        * Hear him out
          phase: engagement
          quality: 1
          -> remark
        * Talk about the rent
          phase: assessment
          quality: 1
          -> end
        == remark
        * Ask him directly
          phase: assessment
          quality: 2
          reveals: remark
          addresses: remark
          set: asked = true
          -> end
        * Change the subject
          phase: assessment
          quality: -2
          -> end
        == nowhere-yet
        * Go on
          phase: engagement
          quality: 1
          -> end
        == end [ending: goals-met]
        Done.
        """

    @Test func anImplicationWithoutItsSituationIsNamedWithTheFix() throws {
        let found = try warnings(Self.situationCase)
        let unstated = try #require(found.first { $0.code == .unstatedSituation })
        #expect(unstated.message.contains("'asked-directly' holds at 1 of 3 endings only because 'visited(remark)' never happened"))
        #expect(unstated.hint?.contains("when: visited(remark)") == true)
        #expect(unstated.location.line == 7)
        // Written with `when:`, the same expectation raises nothing.
        let fixed = Self.situationCase.replacingOccurrences(
            of: "expect asked-directly (critical): not visited(remark) or asked\n",
            with: "expect asked-directly (critical): asked\n  when: visited(remark)\n")
        #expect(try !warnings(fixed).contains { $0.code == .unstatedSituation })
    }

    @Test func aSituationThatNeverArisesIsAWarning() throws {
        let found = try warnings(Self.situationCase)
        let never = try #require(found.first { $0.code == .situationNeverArises })
        #expect(never.message.contains("'note-written'"))
        #expect(never.severity == .warning)
    }

    @Test func aRiskNoEndingLeavesSafeIsAWarning() throws {
        let unsafe = Self.situationCase.replacingOccurrences(
            of: "finding remark [risk]: A remark about not being around\n",
            with: "finding remark [risk]: A remark about not being around\n  safe when: visited(nowhere-yet)\n")
        let found = try warnings(unsafe)
        let risk = try #require(found.first { $0.code == .riskNeverSafe })
        #expect(risk.message == "no play that reveals risk 'remark' ends with it safe")
        #expect(risk.hint?.contains("safe when: visited(nowhere-yet)") == true)
        #expect(try !warnings(Self.situationCase).contains { $0.code == .riskNeverSafe }, "in the plan, it is safe")
    }
}
