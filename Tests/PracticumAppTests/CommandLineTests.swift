import Foundation
import Testing
@testable import PracticumApp

@Suite("Command line: dispatch, help and misuse")
struct CommandLineTests {
    @Test func helpListsEveryCommand() {
        let run = AppTestSupport.run(["--help"])
        #expect(run.exitCode == 0)
        for command in Practicum.commands {
            #expect(run.output.contains(command.name))
        }
    }

    @Test(arguments: ["play", "list", "check", "test", "export"])
    func everyCommandHasHelp(command: String) {
        let run = AppTestSupport.run([command, "--help"])
        #expect(run.exitCode == 0)
        #expect(run.output.contains("usage: practicum \(command)"))
        #expect(run.output.contains("--help"))
    }

    /// The help adds "(repeatable)" to a repeatable option itself, so no option's own text says it again.
    @Test func noOptionSaysRepeatableTwice() {
        for command in Practicum.commands {
            let help = AppTestSupport.run([command.name, "--help"]).output.replacingOccurrences(of: "\n", with: " ")
            let collapsed = help.split(separator: " ").joined(separator: " ")
            #expect(!collapsed.contains("repeatable. (repeatable)"), "\(command.name)")
        }
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let run = AppTestSupport.run(["chek"])
        #expect(run.exitCode == 64)
        #expect(run.errors.contains("did you mean 'check'?"))
    }

    @Test func unknownOptionIsAUsageError() {
        let run = AppTestSupport.run(["play", "rent-arrears-intake", "--chioces", "1"])
        #expect(run.exitCode == 64)
        #expect(run.errors.contains("--choices"))
    }

    @Test func missingContentIsAClearError() {
        let run = AppTestSupport.run(["list"], environment: ["PRACTICUM_CONTENT": "/nonexistent/Content"])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("The Content/ folder given by PRACTICUM_CONTENT, '/nonexistent/Content', cannot be used"))
        let nowhere = AppTestSupport.run(
            ["list"], workingDirectory: URL(fileURLWithPath: "/"))
        #expect(nowhere.exitCode == 1)
        #expect(nowhere.errors.contains("Could not find the Content/ folder. Looked in:\n  /Content"))
    }

    /// A missing case library is named as such, not blamed on Content/.
    @Test func aMissingLibraryFolderIsNamed() {
        let run = AppTestSupport.run(["list", "--scenarios", "/nonexistent"])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("The Scenarios/ folder given by --scenarios, '/nonexistent', cannot be used: there is no such folder."))
        #expect(!run.errors.contains("Content"))
        let notContent = AppTestSupport.run(["list", "--content", AppTestSupport.root.appendingPathComponent("Scenarios").path])
        #expect(notContent.errors.contains("cannot be used: it has no lifecycle.json."))
    }

    /// An empty name where a file or case belongs is a usage error, never the current folder.
    @Test(arguments: [["check", ""], ["check", "Scenarios/keluarga-dimas.scenario", ""], ["export", ""], ["play", ""],
        ["simulate", ""], ["replay", ""], ["explore", ""]])
    func anEmptyPathIsAUsageError(arguments: [String]) {
        let run = AppTestSupport.run(arguments)
        #expect(run.exitCode == 64, "\(arguments): \(run.errors)")
        #expect(!run.errors.contains("it is a folder"))
    }

    @Test func contentIsFoundFromASubfolder() {
        let run = AppTestSupport.run(["list", "--json"], workingDirectory: AppTestSupport.root.appendingPathComponent("Sources/PracticumCore"))
        #expect(run.exitCode == 0, "\(run.errors)")
    }

    @Test func badModeAndBadChoicesAreUsageErrors() {
        #expect(AppTestSupport.run(["play", "rent-arrears-intake", "--mode", "exam"]).exitCode == 64)
        let run = AppTestSupport.run(["play", "rent-arrears-intake", "--choices", "1,x"])
        #expect(run.exitCode == 64)
        #expect(run.errors.contains("'x'"))
    }

    @Test func unknownCaseIdSaysSo() {
        let run = AppTestSupport.run(["play", "no-such-case", "--choices", "1"])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("no case 'no-such-case'"))
    }
}

@Suite("check, list and export")
struct CheckListExportTests {
    @Test func theLibraryChecksWithoutProblems() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: AppTestSupport.root.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".scenario") }.map { "Scenarios/\($0)" }
        #expect(files.count >= 2)
        let run = AppTestSupport.run(["check"] + files)
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.errors.isEmpty, "the starter cases must have no warnings: \(run.errors)")
    }

    @Test func brokenCaseExitsOneWithCompilerStyleDiagnostics() throws {
        let file = try AppTestSupport.caseFile(
            "title: T\nid: t\nlanguage: en\nlevel: micro\n== a\n* Go\n  phase: engagment\n  quality: 1\n  -> b\n== b [ending: goals-met]\nx\n",
            named: "broken.scenario")
        let run = AppTestSupport.run(["check", file.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("\(file.path):7:10: error: unknown phase 'engagment'"))
        #expect(run.errors.contains("   7 |   phase: engagment"))
        #expect(run.errors.contains("did you mean 'engagement'?"))
        let json = AppTestSupport.run(["check", "--json", file.path])
        let report = try #require(AppTestSupport.json(json.output))
        #expect(report["errors"] as? Int == 1)
        let first = try #require((report["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])
        #expect(first.first?["line"] as? Int == 7)
        #expect(first.first?["column"] as? Int == 10)
        #expect(first.first?["code"] as? String == "unknown-phase")
    }

    @Test func checkWithNoFilesIsMisuse() {
        #expect(AppTestSupport.run(["check"]).exitCode == 64)
    }

    @Test func listJSONHasTheFields() throws {
        let run = AppTestSupport.run(["list", "--json"])
        #expect(run.exitCode == 0)
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [[String: Any]])
        #expect(entries.count >= 2)
        for entry in entries {
            for key in ["id", "title", "level", "language", "minutes", "path"] {
                #expect(entry[key] != nil, "missing \(key)")
            }
        }
        #expect(Set(entries.compactMap { $0["language"] as? String }) == ["en", "id"])
    }

    @Test func exportedJSONPlaysLikeTheText() throws {
        let exported = AppTestSupport.run(["export", "Scenarios/rent-arrears-intake.scenario", "--json"])
        #expect(exported.exitCode == 0)
        let file = AppTestSupport.temporaryDirectory().appendingPathComponent("case.json")
        try exported.output.write(to: file, atomically: true, encoding: .utf8)
        let fromJSON = AppTestSupport.run(["play", file.path, "--choices", "1,1", "--json"])
        let fromText = AppTestSupport.run(["play", "rent-arrears-intake", "--choices", "1,1", "--json"])
        #expect(fromJSON.exitCode == 0, "\(fromJSON.errors)")
        #expect(fromJSON.output == fromText.output)
        #expect(AppTestSupport.run(["check", file.path]).exitCode == 0)
    }
}
