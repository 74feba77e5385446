import Foundation
import Testing
@testable import PracticumCore

@Suite("JSON form")
struct RoundTripTests {
    static let libraryFiles: [String] = {
        let folder = TestSupport.root.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".scenario") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    @Test(arguments: libraryFiles)
    func textToJSONToModelGivesTheSameModel(path: String) throws {
        let fromText = try #require(TestSupport.loader.load(path: path).scenario)
        let data = ScenarioDocument(fromText).encoded()
        let fromJSON = TestSupport.loader.loadJSON(data, file: "export.json")
        #expect(!fromJSON.diagnostics.hasErrors, "\(fromJSON.diagnostics.map(\.message))")
        #expect(fromJSON.scenario == fromText)
        // Exporting again gives byte-for-byte the same JSON.
        #expect(ScenarioDocument(try #require(fromJSON.scenario)).encoded() == data)
    }

    @Test(arguments: libraryFiles)
    func theFingerprintIgnoresLayoutButNotTheCase(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let original = try #require(TestSupport.loader.load(text: text, file: path).scenario)
        let fingerprint = original.fingerprint
        #expect(fingerprint.hasPrefix("sha256:") && fingerprint.count == 7 + 64)
        // The JSON form and a copy with comments and blank lines added share the fingerprint.
        let json = try #require(TestSupport.loader.loadJSON(ScenarioDocument(original).encoded(), file: "x.json").scenario)
        #expect(json.fingerprint == fingerprint)
        let commented = try #require(
            TestSupport.loader.load(text: "// a comment\n\n" + text + "\n\n// the end\n", file: path).scenario)
        #expect(commented.fingerprint == fingerprint)
        // One changed quality changes it.
        var edited = original
        edited.scenes[0].choices[0].quality += 1
        #expect(edited.fingerprint != fingerprint)
    }

    /// The fingerprint is a promise to attempt files already written: if this changes, every recorded attempt
    /// is refused as played on another version. Change it only on purpose (and say so in the release notes).
    @Test func theFingerprintOfAFixedCaseIsStable() throws {
        let scenario = try #require(
            TestSupport.load(TestSupport.minimalHeader + "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nx\n")
                .scenario)
        // Also what Python gives: sha256 of json.dumps(export, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
        #expect(scenario.fingerprint == "sha256:75a9e2130909a7b59d602d05a2fcc7f984041aa5151c6187affa4f7c302d4eb0")
        // Slashes, quotes and letters outside ASCII are written as Python writes them (no "\/", no "\u00e9").
        let marked = try #require(
            TestSupport.load(
                TestSupport.minimalHeader
                    + "== a\n* Go and/or stay\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nCafé — \"done\" </ok>\n"
            ).scenario)
        #expect(marked.fingerprint == "sha256:21ccecc5fc995565c9a6aa164e9902d22924a00d05925658155bfb7f1b29eb82")
    }

    @Test func theLibraryIsNotEmpty() {
        #expect(Self.libraryFiles.count >= 2)
    }

    @Test func jsonCarriesItsFormatVersion() throws {
        let result = TestSupport.load(TestSupport.minimalHeader + "== a\n-> b\n== b [ending: goals-met]\nx\n")
        let data = ScenarioDocument(try #require(result.scenario)).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // The lowest version that holds the case: 2 without a v1.3 or v1.4 line, so its fingerprint stays as it was.
        #expect(object["formatVersion"] as? Int == 2)
        #expect(Scenario.formatVersion == 4 && Scenario.readableFormatVersions == 1...4)
    }

    @Test func jsonErrorsAreLocatedByPointer() throws {
        let result = TestSupport.load(TestSupport.minimalHeader + "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nx\n")
        var document = ScenarioDocument(try #require(result.scenario))
        document.scenes[0].choices?[0].target = "nowhere"
        document.scenes[0].choices?[0].requires = "trust >>= 2"
        let loaded = TestSupport.loader.loadJSON(document.encoded(), file: "case.json")
        #expect(loaded.scenario == nil)
        let locations = loaded.diagnostics.map(\.location.file)
        #expect(locations.contains("case.json#/scenes/0/choices/0/target"))
        #expect(locations.contains("case.json#/scenes/0/choices/0/requires"))
    }

    @Test func malformedJSONIsADiagnosticNotACrash() {
        let loaded = TestSupport.loader.loadJSON(Data("{\"formatVersion\": 1, \"header\": 3}".utf8), file: "bad.json")
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.first?.code == .malformedJSON)
    }

    @Test func unreadableFilesAreDiagnostics() {
        let missing = TestSupport.loader.load(path: "/nonexistent/case.scenario")
        #expect(missing.diagnostics.first?.code == .unreadableFile)
        let folder = TestSupport.loader.load(path: TestSupport.root.path)
        #expect(folder.diagnostics.first?.message.contains("folder") == true)
    }
}
