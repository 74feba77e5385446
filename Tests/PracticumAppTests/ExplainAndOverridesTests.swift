import Foundation
import PracticumCore
import Testing

@testable import PracticumApp

@Suite("practicum explain")
struct ExplainCommandTests {
    @Test(arguments: DiagnosticCode.allCases)
    func everyCodeIsExplainedFromTheCatalogue(code: DiagnosticCode) {
        let run = AppTestSupport.run(["explain", code.rawValue])
        #expect(run.exitCode == 0, "\(run.errors)")
        let entry = code.catalogueEntry
        #expect(run.output.hasPrefix("\(code.rawValue): \(entry.title)\n"))
        // The text is wrapped; its words are all there in order.
        let words = run.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for part in [entry.explanation, entry.example, entry.fix] {
            #expect(words.contains(part.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "\(code.rawValue): \(part)")
        }
        #expect(run.output.contains(code.severity == .error ? "error: a case with it does not load" : "warning: the case still loads"))
    }

    @Test func theCodeMayBeTypedInItsBrackets() {
        let run = AppTestSupport.run(["explain", "[soft-lock]"])
        #expect(run.exitCode == 0)
        #expect(run.output.hasPrefix("soft-lock: "))
    }

    @Test func anUnknownCodeIsMisuseWithASuggestion() {
        let run = AppTestSupport.run(["explain", "unknown-scen"])
        #expect(run.exitCode == 64)
        #expect(run.errors.contains("no diagnostic code 'unknown-scen'; did you mean 'unknown-scene'?"))
        #expect(run.output.isEmpty)
        #expect(AppTestSupport.run(["explain", "a", "b"]).exitCode == 64)
    }

    @Test func withNoCodeEveryCodeIsListedWithItsTitle() {
        let run = AppTestSupport.run(["explain"])
        #expect(run.exitCode == 0)
        let lines = run.output.split(separator: "\n")
        for code in DiagnosticCode.allCases {
            #expect(
                lines.contains { $0.hasPrefix("  \(code.rawValue) ") && $0.hasSuffix(code.catalogueEntry.title) },
                "\(code.rawValue) is not listed")
        }
        let warnings = try? #require(run.output.range(of: "Warnings"))
        let unknownScene = run.output.range(of: "  unknown-scene ")
        #expect(unknownScene != nil && warnings.map { unknownScene!.lowerBound < $0.lowerBound } == true)
    }
}

@Suite("check: severity overrides and bounded diagnostics")
struct CheckOverridesTests {
    static let caseWithASpareVariable = """
        title: Spare
        id: spare
        language: en
        level: micro
        var spare = 1

        == a
        Hello.
        -> b
        == b [ending: goals-met]
        Bye.

        """

    static func folder(config: String?) throws -> URL {
        let folder = AppTestSupport.temporaryDirectory()
        try caseWithASpareVariable.write(to: folder.appendingPathComponent("spare.scenario"), atomically: true, encoding: .utf8)
        if let config {
            try config.write(to: folder.appendingPathComponent("practicum-check.conf"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// `practicum ARGUMENTS` run in `folder`, with the repository's Content/.
    static func run(_ arguments: [String], in folder: URL) -> AppRun {
        AppTestSupport.run(
            arguments, environment: ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path],
            workingDirectory: folder)
    }

    static func firstFile(_ run: AppRun) throws -> [String: Any] {
        let report = try #require(AppTestSupport.json(run.output))
        return try #require((report["files"] as? [[String: Any]])?.first)
    }

    @Test func aWarningTurnedIntoAnErrorFailsCheckAndTheJSONSaysSo() throws {
        let folder = try Self.folder(config: "unused-variable = error\n")
        let text = Self.run(["check", "--no-explore", "spare.scenario"], in: folder)
        #expect(text.exitCode == 1)
        #expect(text.errors.contains("spare.scenario:5:5: error: variable 'spare' is never read"), "\(text.errors)")
        let json = Self.run(["check", "--no-explore", "--json", "spare.scenario"], in: folder)
        #expect(json.exitCode == 1)
        let file = try Self.firstFile(json)
        #expect(file["config"] as? String == "practicum-check.conf")
        #expect(file["errors"] as? Int == 1 && file["warnings"] as? Int == 0)
        let item = try #require((file["diagnostics"] as? [[String: Any]])?.first)
        #expect(item["severity"] as? String == "error")
        #expect(item["defaultSeverity"] as? String == "warning")
    }

    @Test func aWarningTurnedOffIsNeitherShownNorCounted() throws {
        let folder = try Self.folder(config: "# quiet\nunused-variable = off\n")
        let run = Self.run(["check", "--no-explore", "spare.scenario"], in: folder)
        #expect(run.exitCode == 0)
        #expect(run.errors.isEmpty)
        #expect(run.output.contains("spare.scenario: no problems"))
    }

    @Test func configNamesAFileElsewhereInsteadOfTheOneBesideTheCase() throws {
        let folder = try Self.folder(config: "unused-variable = off\n")
        try "unused-variable = error\n".write(to: folder.appendingPathComponent("strict.conf"), atomically: true, encoding: .utf8)
        let run = Self.run(["check", "--no-explore", "--json", "--config", "strict.conf", "spare.scenario"], in: folder)
        #expect(run.exitCode == 1)
        #expect(try Self.firstFile(run)["config"] as? String == "strict.conf")
        let missing = Self.run(["check", "--config", "nope.conf", "spare.scenario"], in: folder)
        #expect(missing.exitCode == 64)
        #expect(missing.errors.contains("--config: no such file 'nope.conf'"))
    }

    @Test func aBrokenFileStopsCheckNamingEachLine() throws {
        let folder = try Self.folder(config: "unused-variable = error\nunknown-scene = off\nsoft-lok = off\n")
        let run = Self.run(["check", "--no-explore", "spare.scenario"], in: folder)
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("practicum-check.conf:2: 'unknown-scene' is an error, and an error cannot be changed"))
        #expect(run.errors.contains("practicum-check.conf:3: 'soft-lok' is not a diagnostic code (did you mean 'soft-lock'?)"))
        #expect(run.output.isEmpty)
    }

    @Test func aFileWithThousandsOfDefectsIsCutAndTheJSONSaysSo() throws {
        let file = try AppTestSupport.caseFile(String(repeating: "x\n", count: 3_000), named: "lines.scenario")
        let json = AppTestSupport.run(["check", "--json", file.path])
        #expect(json.exitCode == 1)
        let report = try Self.firstFile(json)
        #expect(report["cut"] as? Bool == true)
        #expect((report["diagnostics"] as? [[String: Any]])?.count == DiagnosticCollector.defaultLimit)
        let omitted = try #require(report["omitted"] as? [String: Int])
        let errors = try #require(report["errors"] as? Int)
        #expect(errors > 3_000)
        #expect(omitted["errors"] == errors - DiagnosticCollector.defaultLimit)
        let text = AppTestSupport.run(["check", file.path])
        #expect(text.errors.hasSuffix("... and \(errors - 100) more problems (--json lists the first 200 of the file)\n"))
        #expect(text.output.contains("\(errors) errors"))
        let small = try #require(AppTestSupport.json(AppTestSupport.run(["check", "--json", "Scenarios/rent-arrears-intake.scenario"]).output))
        #expect((small["files"] as? [[String: Any]])?.first?["cut"] as? Bool == false)
    }
}
