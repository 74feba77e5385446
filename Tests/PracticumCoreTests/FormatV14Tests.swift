import Foundation
import Testing
@testable import PracticumCore

@Suite("Format v1.4: a content warning, a dilemma with two defensible answers")
struct FormatV14Tests {
    static let dilemmaBody = """
        == a
        Her sister asks what you will do.
        dilemma: Telling her sister keeps her safer tonight; keeping her confidence keeps her trust.
        * Ask her whether her sister may know, and wait for her answer.
          phase: engagement
          quality: 2
          upholds: self-determination
          -> end
        * Tell her you will call her sister tonight, and why.
          phase: implementation
          quality: 2
          -> end
        * Call her sister without a word to her.
          phase: implementation
          quality: -2
          violates: confidentiality (critical)
          -> end
        == end [ending: goals-met]
        Done.

        """

    @Test func theContentWarningAndTheDilemmaAreKept() throws {
        let text = TestSupport.minimalHeader.replacingOccurrences(
            of: "level: micro\n", with: "level: micro\ncontent-warning: suicide, a firearm at home\n") + Self.dilemmaBody
        let result = TestSupport.load(text)
        let scenario = try #require(result.scenario)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(scenario.header.contentWarning == "suicide, a firearm at home")
        #expect(scenario.scenes[0].dilemma?.hasPrefix("Telling her sister") == true)
        #expect(scenario.scenes[0].paragraphs.count == 1, "the dilemma line is not scene text")
        #expect(scenario.formatVersionNeeded == 4)
    }

    @Test func theJSONFormCarriesThemAtVersion4AndReadsThemBack() throws {
        let text = TestSupport.minimalHeader.replacingOccurrences(
            of: "level: micro\n", with: "level: micro\ncontent-warning: violence\n") + Self.dilemmaBody
        let scenario = try #require(TestSupport.load(text).scenario)
        let json = String(decoding: ScenarioDocument(scenario).encoded(), as: UTF8.self)
        #expect(json.contains("\"formatVersion\" : 4"))
        #expect(json.contains("\"contentWarning\" : \"violence\""))
        #expect(json.contains("\"dilemma\" : \"Telling her sister"))
        #expect(TestSupport.loader.loadJSON(Data(json.utf8), file: "x.json").scenario == scenario)
        // Without them the case keeps the version and the JSON (so the fingerprint) it had.
        let plain = try #require(TestSupport.load(TestSupport.minimalHeader + Self.dilemmaBody.replacingOccurrences(
            of: "dilemma: Telling her sister keeps her safer tonight; keeping her confidence keeps her trust.\n", with: "")).scenario)
        let plainJSON = String(decoding: ScenarioDocument(plain).encoded(), as: UTF8.self)
        #expect(plainJSON.contains("\"formatVersion\" : 2"))
        #expect(!plainJSON.contains("contentWarning") && !plainJSON.contains("dilemma"))
    }

    @Test func aDilemmaWithOneBestAnswerIsWarned() throws {
        let body = Self.dilemmaBody.replacingOccurrences(of: "  quality: 2\n  -> end\n* Call", with: "  quality: 1\n  -> end\n* Call")
        let result = TestSupport.load(TestSupport.minimalHeader + body)
        let warning = try #require(result.diagnostics.first { $0.code == .oneSidedDilemma })
        #expect(warning.severity == .warning)
        #expect(warning.location.line == 7, "at the dilemma line")
        #expect(warning.message.contains("only 1 of its choices is at its highest quality (2)"))
        // A top answer that breaches a principle is not defensible either.
        let breach = Self.dilemmaBody.replacingOccurrences(
            of: "  quality: 2\n  -> end\n* Call", with: "  quality: 2\n  violates: confidentiality (minor)\n  -> end\n* Call")
        #expect(TestSupport.load(TestSupport.minimalHeader + breach).diagnostics.contains { $0.code == .oneSidedDilemma })
    }

    @Test func anEmptyOrLateDilemmaIsAnError() {
        let empty = Self.dilemmaBody.replacingOccurrences(
            of: "dilemma: Telling her sister keeps her safer tonight; keeping her confidence keeps her trust.", with: "dilemma:   ")
        #expect(TestSupport.load(TestSupport.minimalHeader + empty).diagnostics.contains { $0.code == .malformedLine })
        let late = Self.dilemmaBody.replacingOccurrences(of: "== end [ending", with: "dilemma: Too late.\n== end [ending")
        #expect(TestSupport.load(TestSupport.minimalHeader + late).diagnostics.contains {
            $0.code == .textAfterChoice && $0.message.contains("'dilemma:'")
        })
        let twice = Self.dilemmaBody.replacingOccurrences(of: "* Ask her whether", with: "dilemma: Again.\n* Ask her whether")
        #expect(TestSupport.load(TestSupport.minimalHeader + twice).diagnostics.contains { $0.code == .duplicateAttribute })
    }

    static func caseSaying(_ words: String, language: String = "en") -> String {
        TestSupport.minimalHeader.replacingOccurrences(of: "language: en", with: "language: \(language)") + """
            == a
            \(words)
            * Go on.
              phase: engagement
              quality: 1
              -> end
            == end [ending: goals-met]
            Done.

            """
    }

    @Test(arguments: [
        ("He says he has thought about suicide since March.", "en", "suicide"),
        ("She has been cutting herself at night.", "en", "self-harm"),
        ("Her father beat her when she was small.", "en", "violence"),
        ("The neighbours heard of the abuse.", "en", "abuse"),
        ("Dimas pernah bilang ingin bunuh diri.", "id", "suicide"),
        ("Ibu Sri mengalami KDRT selama dua tahun.", "id", "violence"),
        ("Anak itu sering dipukuli ayahnya.", "id", "violence"),
        ("Ia pernah melukai diri dengan silet.", "id", "self-harm"),
    ])
    func sensitiveWordsWithoutAWarningAreWarned(_ words: String, _ language: String, _ topic: String) throws {
        let result = TestSupport.load(Self.caseSaying(words, language: language))
        let warning = try #require(result.diagnostics.first { $0.code == .missingContentWarning })
        #expect(warning.message.contains(topic))
        #expect(warning.hint?.contains("content-warning:") == true)
        let warned = Self.caseSaying(words, language: language).replacingOccurrences(
            of: "level: micro\n", with: "level: micro\ncontent-warning: \(topic)\n")
        #expect(!TestSupport.load(warned).diagnostics.contains { $0.code == .missingContentWarning })
    }

    @Test(arguments: [
        "Two months behind on rent, and the landlord has filed.",
        "He was treated for substance abuse in 2019.",
        "Rapat dimulai pukul 09.00 di balai desa.",
        "The heartbeat monitor beeps; the drapes are open.",
    ])
    func everydayWordsAreNotWarned(_ words: String) {
        let language = words.hasPrefix("Rapat") ? "id" : "en"
        #expect(!TestSupport.load(Self.caseSaying(words, language: language)).diagnostics.contains {
            $0.code == .missingContentWarning
        })
    }
}
