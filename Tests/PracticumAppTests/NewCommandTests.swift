import Foundation
import PracticumCore
import Testing

@testable import PracticumApp

/// `practicum new`: the file it writes, what it refuses, and the starter case itself: clean under `check` and
/// `simulate --strict`, in both languages, using every part of the format and teaching each in a comment.
@Suite struct NewCommandTests {
    /// Writes the starter with `new` in a fresh folder and returns the folder and the file.
    static func written(_ id: String, language: String) throws -> (folder: URL, file: URL) {
        let folder = AppTestSupport.temporaryDirectory()
        let run = AppTestSupport.run(["new", id, "--lang", language], workingDirectory: folder)
        try #require(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("Wrote \(id).scenario: a starter case to make your own."))
        #expect(run.output.contains("practicum check \(id).scenario"))
        return (folder, folder.appendingPathComponent("\(id).scenario"))
    }

    @Test(arguments: ["en", "id"]) func theStarterPassesCheckWithNoWarning(language: String) throws {
        let (folder, file) = try Self.written("home-visit", language: language)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\nid: home-visit "), "the id is filled in")
        #expect(text.contains("\nlanguage: \(language) "))
        #expect(!text.contains("{{ID}}"))
        let check = AppTestSupport.inFolder(["check", "home-visit.scenario", "--json"], in: folder)
        #expect(check.exitCode == 0)
        let report = try #require(AppTestSupport.json(check.output))
        #expect(report["errors"] as? Int == 0)
        #expect(report["warnings"] as? Int == 0, "\(check.output)")
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.first?["played"] as? Bool == true, "the checks that play the case ran")
    }

    @Test(arguments: ["en", "id"]) func theStarterPassesSimulateStrict(language: String) throws {
        let (folder, _) = try Self.written("home-visit", language: language)
        let run = AppTestSupport.inFolder(["simulate", "home-visit.scenario", "--strict"], in: folder)
        #expect(run.exitCode == 0, "\(run.output)")
        #expect(run.output.contains("Verdict: fit to grade"))
    }

    @Test func anExistingFileIsKeptUnlessForced() throws {
        let (folder, file) = try Self.written("visit", language: "en")
        try "mine".write(to: file, atomically: true, encoding: .utf8)
        let again = AppTestSupport.run(["new", "visit"], workingDirectory: folder)
        #expect(again.exitCode == 1)
        #expect(again.errors.contains("'visit.scenario' already exists; it was left as it is"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
        let forced = AppTestSupport.run(["new", "visit", "--force", "--lang", "id"], workingDirectory: folder)
        #expect(forced.exitCode == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == StarterCase.text(id: "visit", language: .id))
    }

    @Test func dirWritesIntoAnExistingFolderOnly() throws {
        let folder = AppTestSupport.temporaryDirectory()
        let missing = AppTestSupport.run(["new", "visit", "--dir", "cases"], workingDirectory: folder)
        #expect(missing.exitCode == 1 && missing.errors.contains("no such folder: 'cases'"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        let run = AppTestSupport.run(["new", "visit", "--dir", "cases"], workingDirectory: folder)
        #expect(run.exitCode == 0)
        #expect(run.output.hasPrefix("Wrote cases/visit.scenario"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("cases/visit.scenario").path))
    }

    @Test func anInvalidIdIsRefusedWithTheReason() {
        let cases: [(String, String)] = [
            ("Home_Visit", "'Home_Visit' is not a valid case id: it has capital letters"),
            ("home visit", "'home visit' is not a valid case id: it has ' '"),
            ("-x", "'-x' is not a valid case id: it starts with '-'"),
            ("", "the id is empty"),
            ("visit.scenario", "give the id without '.scenario'"),
            ("a\u{1B}[2j", "'a\u{241B}[2j' is not a valid case id: it has '\u{241B}'"),
        ]
        for (id, message) in cases {
            let run = AppTestSupport.run(["new", "--", id], workingDirectory: AppTestSupport.temporaryDirectory())
            #expect(run.exitCode == 64, "\(id)")
            #expect(run.errors.contains(message), "\(id): \(run.errors)")
        }
        #expect(AppTestSupport.run(["new", "Home_Visit"]).errors.contains("for example: practicum new home-visit"))
        let language = AppTestSupport.run(["new", "visit", "--lang", "fr"], workingDirectory: AppTestSupport.temporaryDirectory())
        #expect(language.exitCode == 64 && language.errors.contains("unknown language 'fr'; use 'en' or 'id'"))
    }
}
