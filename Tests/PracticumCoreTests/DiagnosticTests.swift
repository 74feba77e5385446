import Testing
@testable import PracticumCore

/// One test per diagnostic: the source marks the expected position with 1️⃣.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var code: DiagnosticCode
    var source: String
    /// Whether `source` is a whole file (otherwise it follows a minimal valid header).
    var wholeFile = false
    var testDescription: String { code.rawValue }
}

private let end = "\n== end [ending: goals-met]\nDone.\n"

let diagnosticCases: [DiagnosticCase] = [
    .init(code: .tabIndentation, source: "== a\n* Go\n1️⃣\tphase: engagement\n  quality: 1\n  -> end" + end),
    .init(code: .malformedLine, source: "finding 1️⃣: no id\n== a\n-> end" + end),
    .init(code: .textAfterChoice, source: "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> end\n1️⃣More text.\n" + end),
    .init(code: .invalidName, source: "== 1️⃣Intake\n-> end" + end),
    .init(code: .invalidNumber, source: "== a\n* Go\n  phase: engagement\n  quality: 1️⃣high\n  -> end" + end),
    .init(code: .invalidValue, source: "var trust = 1️⃣maybe\n== a\n-> end" + end),
    .init(code: .invalidCondition, source: "var t = 1\n== a\n* Go\n  phase: engagement\n  quality: 1\n  requires: t 1️⃣= 2\n  -> end" + end),
    .init(code: .invalidUpdate, source: "var t = 1\n== a\n* Go\n  phase: engagement\n  quality: 1\n  requires: t > 0\n  set: 1️⃣t * 2\n  -> end" + end),
    .init(code: .unknownHeaderKey, source: "title: T\nid: t\nlanguage: en\n1️⃣levle: micro\n== a\n-> end" + end, wholeFile: true),
    .init(code: .duplicateHeaderKey, source: "title: T\nid: t\nlanguage: en\nlevel: micro\n1️⃣title: Again\n== a\n-> end" + end, wholeFile: true),
    .init(code: .missingHeaderKey, source: "1️⃣title: T\nid: t\nlanguage: en\n== a\n-> end" + end, wholeFile: true),
    .init(code: .unknownLanguage, source: "title: T\nid: t\nlanguage: 1️⃣fr\nlevel: micro\n== a\n-> end" + end, wholeFile: true),
    .init(code: .unknownLevel, source: "title: T\nid: t\nlanguage: en\nlevel: 1️⃣mega\n== a\n-> end" + end, wholeFile: true),
    .init(code: .unknownDimension, source: "title: T\nid: t\nlanguage: en\nlevel: micro\nweights: practice 40, 1️⃣ethic 30\n== a\n-> end" + end, wholeFile: true),
    .init(code: .duplicateFinding, source: "finding f: One\nfinding 1️⃣f: Two\n== a\n* Go\n  phase: assessment\n  quality: 1\n  reveals: f\n  -> end" + end),
    .init(code: .duplicateVariable, source: "var t = 1\nvar 1️⃣t = 2\n== a\n[if t > 0] x\n-> end" + end),
    .init(code: .duplicateScene, source: "== a\n-> end\n== 1️⃣a\n-> end" + end),
    .init(code: .noScenes, source: "title: T\nid: t\nlanguage: en\nlevel: micro1️⃣", wholeFile: true),
    .init(code: .unknownScene, source: "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> 1️⃣ned" + end),
    .init(code: .unknownPhase, source: "== a\n* Go\n  phase: 1️⃣asessment\n  quality: 1\n  -> end" + end),
    .init(code: .unknownPrinciple, source: "== a\n* Go\n  phase: engagement\n  quality: 1\n  upholds: dignity, 1️⃣privacy\n  -> end" + end),
    .init(code: .unknownIntervention, source: "== a\n* Go\n  phase: implementation\n  intervention: 1️⃣therapy\n  quality: 1\n  -> end" + end),
    .init(code: .unknownFinding, source: "== a\n* Go\n  phase: assessment\n  quality: 1\n  reveals: 1️⃣ghost\n  -> end" + end),
    .init(code: .unknownOutcome, source: "== a\n-> end\n== end [ending: 1️⃣success]\nDone.\n== win [ending: goals-met]\nx\n"),
    .init(code: .unknownVariable, source: "== a\nTrust is {1️⃣trsut}.\n-> end" + end),
    .init(code: .reflectNeverAsked, source: "== a\nText.\n1️⃣reflect: Why go on?\n-> end" + end),
    .init(code: .invisibleCharacter, source: "== a\n* Agree 1️⃣\u{202E}tnemeerga\n  phase: engagement\n  quality: 1\n  -> end" + end),
    .init(code: .unknownSeverity, source: "== a\n* Go\n  phase: engagement\n  quality: 1\n  violates: dignity (1️⃣huge)\n  -> end" + end),
    .init(code: .typeMismatch, source: "var t = 1\n== a\n* Go\n  phase: engagement\n  quality: 1\n  requires: t > 0\n  set: t = 1️⃣true\n  -> end" + end),
    .init(code: .unknownAttribute, source: "== a\n* Go\n  phase: engagement\n  1️⃣qualty: 1\n  quality: 1\n  -> end" + end),
    .init(code: .duplicateAttribute, source: "== a\n* Go\n  phase: engagement\n  1️⃣phase: assessment\n  quality: 1\n  -> end" + end),
    .init(code: .missingAttribute, source: "== a\n* 1️⃣Go\n  phase: engagement\n  -> end" + end),
    .init(code: .qualityOutOfRange, source: "== a\n* Go\n  phase: engagement\n  quality: 1️⃣+3\n  -> end" + end),
    .init(code: .noWayOut, source: "== 1️⃣a\nNothing here." + end),
    .init(code: .endingWithChoices, source: "== a\n-> end\n== 1️⃣end [ending: goals-met]\nDone.\n-> a\n"),
    .init(code: .choicesAndContinue, source: "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> end\n-> 1️⃣end" + end),
    .init(code: .unusedVariable, source: "var 1️⃣spare = 1\n== a\n-> end" + end),
    .init(code: .unrevealedFinding, source: "finding 1️⃣hidden: Never seen\n== a\n-> end" + end),
    .init(code: .goalNeverRevealed, source: "finding f: Need\n== a\n* Plan\n  phase: planning\n  quality: 1\n  addresses: 1️⃣f\n  -> end" + end),
    .init(code: .unreachableScene, source: "== a\n-> end\n== 1️⃣island\n-> end" + end),
    .init(code: .unknownFindingKind, source: "finding f [1️⃣danger]: A fact\n== a\n* Ask\n  phase: assessment\n  quality: 1\n  reveals: f\n  -> end" + end),
    .init(code: .duplicateExpectation, source: "var v = false\nexpect e (minor): v\n  because: One.\nexpect 1️⃣e (major): not v\n  because: Two.\n== a\n* Go\n  phase: engagement\n  quality: 1\n  set: v = true\n  -> end" + end),
    .init(code: .unknownExpectation, source: "objectives:\n  - Ask about it [shown by: 1️⃣askd]\nvar v = false\nexpect asked (minor): v\n  because: Why.\n== a\n* Go\n  phase: engagement\n  quality: 1\n  set: v = true\n  -> end" + end),
    .init(code: .conflictingBasis, source: "var v = false\nexpect e (minor): v\n  because: Why.\n  principle: competence\n  phase: 1️⃣assessment\n== a\n* Go\n  phase: engagement\n  quality: 1\n  set: v = true\n  -> end" + end),
    .init(code: .unrevealableRisk, source: "finding 1️⃣danger [risk]: Never asked\n== a\n-> end" + end),
    .init(code: .misplacedSafeWhen, source: "var v = false\nfinding f: A need\n  1️⃣safe when: v\n== a\n* Ask\n  phase: assessment\n  quality: 1\n  reveals: f\n  set: v = true\n  -> end" + end),
    .init(code: .unaddressableFinding, source: "finding 1️⃣rifle [risk]: A rifle at home\n== a\n* Ask\n  phase: assessment\n  quality: 1\n  reveals: rifle\n  -> end" + end),
    .init(code: .answerTell, source: "1️⃣title: T\nid: t\nlanguage: en\nlevel: micro\n" + tellingScenes(4) + end, wholeFile: true),
    .init(
        code: .vocabularyTell,
        source: "1️⃣title: T\nid: t\nlanguage: en\nlevel: micro\n"
            + tellingScenes(4).replacingOccurrences(
                of: "The strongest, most carefully worded option of all", with: "Explore his strengths and support together")
            + end,
        wholeFile: true),
    .init(code: .missingContentWarning, source: "1️⃣title: T\nid: t\nlanguage: en\nlevel: micro\n== a\nShe speaks of suicide.\n-> end" + end, wholeFile: true),
    .init(
        code: .oneSidedDilemma,
        source: "== a\n1️⃣dilemma: Two goods.\n* Go\n  phase: engagement\n  quality: 2\n  -> end\n* Stay\n  phase: engagement\n  quality: 1\n  -> end" + end),
    .init(code: .noGoalsMetEnding, source: "1️⃣title: T\nid: t\nlanguage: en\nlevel: micro\n== a\n-> end\n== end [ending: partial]\nDone.\n", wholeFile: true),
]

/// `count` scenes of three choices in a chain, the best always written first and longest.
func tellingScenes(_ count: Int) -> String {
    (1...count).map { number in
        let next = number == count ? "end" : "s\(number + 1)"
        return """
            == s\(number)
            * The strongest, most carefully worded option of all
              phase: engagement
              quality: 2
              -> \(next)
            * Weak
              phase: engagement
              quality: -1
              -> \(next)
            * Fair
              phase: engagement
              quality: 0
              -> \(next)

            """
    }.joined()
}

@Suite("Diagnostics: every code at its exact position")
struct DiagnosticTests {
    @Test(arguments: diagnosticCases)
    func reportsAtTheMarkedPosition(_ testCase: DiagnosticCase) throws {
        let (text, line, column) = TestSupport.marked(testCase.wholeFile ? testCase.source : TestSupport.minimalHeader + testCase.source)
        let result = TestSupport.load(text)
        let matching = result.diagnostics.filter { $0.code == testCase.code }
        let found = try #require(matching.first, "expected \(testCase.code.rawValue); got \(result.diagnostics.map { "\($0.code.rawValue) \($0.location)" })")
        #expect(found.location.line == line)
        #expect(found.location.column == column)
        #expect(found.severity == testCase.code.severity)
        if testCase.code.severity == .error {
            #expect(result.scenario == nil)
        } else {
            #expect(result.scenario != nil, "a warning must not stop loading: \(result.diagnostics.map(\.message))")
        }
    }

    @Test func everyCheckerCodeHasACase() {
        let covered = Set(diagnosticCases.map(\.code))
        // Codes reported by file loading or by exploration are tested where those run.
        let elsewhere: Set<DiagnosticCode> = [
            .unreadableFile, .malformedJSON, .impossibleChoice, .unreachableEnding, .softLock, .explorationLimit,
            .unmeetableExpectation, .conflictingExpectations, .vacuousExpectation, .unstatedSituation,
            .situationNeverArises, .riskNeverSafe, .gameable, .scoringLimit,
        ]
        let missing = DiagnosticCode.allCases.filter { !covered.contains($0) && !elsewhere.contains($0) }
        #expect(missing.isEmpty, "no test for \(missing.map(\.rawValue))")
    }

    /// A need or a risk that a choice reveals and no choice addresses can never be put in the plan; a strength
    /// may stay a case note.
    @Test func aFindingNoChoiceCanAddressWarnsUnlessItIsAStrength() throws {
        let text = TestSupport.minimalHeader + """
            finding rifle [risk]: A rifle in the closet
            finding rent: Two months behind on rent
            finding choir [strength]: His choir friends visit every week
            finding hearing: A court hearing on the 14th
            == a
            * Ask who is at home
              phase: assessment
              quality: 1
              reveals: rifle, rent
              -> b
            == b
            * Ask what keeps him going
              phase: assessment
              quality: 1
              reveals: choir, hearing
              -> c
            == c
            * Plan for the hearing
              phase: planning
              quality: 1
              addresses: hearing
              -> end
            """ + end
        let result = TestSupport.load(text, file: "plan.scenario")
        #expect(result.scenario != nil, "a warning must not stop loading: \(result.diagnostics.map(\.message))")
        let warnings = result.diagnostics.filter { $0.code == .unaddressableFinding }
        #expect(warnings.map(\.location.line) == [5, 6], "\(warnings.map(\.message))")
        let risk = try #require(warnings.first)
        #expect(risk.severity == .warning)
        #expect(risk.message.hasPrefix("risk 'rifle' can be revealed but no choice addresses it"))
        #expect(risk.hint?.contains("addresses: rifle") == true)
        #expect(risk.notes.map(\.message) == ["revealed here"])
        #expect(risk.notes.first?.location.line == 13)
        let need = try #require(warnings.last)
        #expect(need.message.hasPrefix("finding 'rent' can be revealed but no choice addresses it"))
        #expect(need.hint?.contains("'[strength]'") == true)
        // Addressing it anywhere silences it; a finding nobody reveals has its own warning instead.
        let addressed = text.replacingOccurrences(of: "addresses: hearing", with: "addresses: hearing, rifle, rent")
        #expect(!TestSupport.load(addressed).diagnostics.contains { $0.code == .unaddressableFinding })
        let unrevealed = text.replacingOccurrences(of: "reveals: rifle, rent", with: "reveals: rent\n  addresses: rent")
        let codes = TestSupport.load(unrevealed).diagnostics.map(\.code)
        #expect(codes.contains(.unrevealableRisk) && !codes.contains(.unaddressableFinding))
    }

    @Test func reportsEveryErrorOfAFileInOneRun() {
        let text = TestSupport.minimalHeader + """
            == a
            * Go
              phase: asessment
              quality: 7
              -> nowhere
            * Stay
              qualty: 1
              -> a
            """
        let codes = TestSupport.load(text).diagnostics.map(\.code)
        #expect(codes.contains(.unknownPhase))
        #expect(codes.contains(.qualityOutOfRange))
        #expect(codes.contains(.unknownScene))
        #expect(codes.contains(.unknownAttribute))
        #expect(codes.contains(.missingAttribute))
    }

    @Test func suggestsTheClosestKnownName() throws {
        let result = TestSupport.load("title: T\nid: t\nlanguage: en\nlevle: micro\n== a\n-> b\n== b [ending: goals-met]\nx\n")
        let diagnostic = try #require(result.diagnostics.first { $0.code == .unknownHeaderKey })
        #expect(diagnostic.hint == "did you mean 'level'?")
    }

    @Test func indonesianPhaseAliasesResolve() throws {
        let result = TestSupport.load(TestSupport.minimalHeader + """
            == a
            * Satu
              phase: keterlibatan
              quality: 1
              -> b
            * Dua
              phase: asesmen
              quality: 1
              -> b
            * Tiga
              phase: terminasi
              quality: 1
              -> b
            == b [ending: goals-met]
            Selesai.
            """)
        let phases = try #require(result.scenario).scenes[0].choices.map(\.phase)
        #expect(phases == ["engagement", "assessment", "termination"])
    }

    @Test func rendersLikeACompiler() throws {
        let text = TestSupport.minimalHeader + "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> her-stroy\n== her-story [ending: goals-met]\nx\n"
        let result = TestSupport.load(text, file: "maria.scenario")
        let diagnostic = try #require(result.diagnostics.first { $0.code == .unknownScene })
        let rendered = DiagnosticRenderer(sources: ["maria.scenario": text]).render(diagnostic)
        #expect(rendered == """
            maria.scenario:9:6: error: no scene named 'her-stroy' [unknown-scene]
               9 |   -> her-stroy
                 |      ^~~~~~~~~
                hint: did you mean 'her-story'?

            """)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = TestSupport.minimalHeader + "== a\n* Pilih\n  phase: keterlibatan\n  quality: 1\n  feedback: Bagus — sangat\n  upholds: 1️⃣martabat\n  -> end" + end
        let (source, line, column) = TestSupport.marked(text)
        let diagnostic = try #require(TestSupport.load(source).diagnostics.first { $0.code == .unknownPrinciple })
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.location.column == column)
        let accented = TestSupport.minimalHeader + "== a\nÉté {1️⃣ghost}\n-> end" + end
        let (source2, line2, column2) = TestSupport.marked(accented)
        let second = try #require(TestSupport.load(source2).diagnostics.first { $0.code == .unknownVariable })
        #expect((second.location.line, second.location.column) == (line2, column2))
    }
}
