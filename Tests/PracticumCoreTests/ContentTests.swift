import Foundation
import Testing
@testable import PracticumCore

@Suite("Content/ loading and finding")
struct ContentTests {
    /// A copy of the real Content/ in a temporary folder, to break on purpose.
    func copyOfContent() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("Content"), to: folder)
        return folder
    }

    func edit(_ file: String, in folder: URL, _ change: (inout [String: Any]) -> Void) throws {
        let url = folder.appendingPathComponent(file)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    @Test func templatesAreFilledInOnePass() {
        #expect(ContentLibrary.fill("{a} and {b}", with: ["a": "one", "b": "two"]) == "one and two")
        // A value that looks like a placeholder stays as written: it is never filled in again.
        #expect(ContentLibrary.fill("{a}/{b}", with: ["a": "{b}", "b": "x"]) == "{b}/x")
        // Placeholders without an argument, and braces that close nothing, are kept.
        #expect(ContentLibrary.fill("{c} {a", with: ["a": "x"]) == "{c} {a")
        #expect(ContentLibrary.fill("Ibu {nama} 👍", with: ["nama": "Sri"]) == "Ibu Sri 👍")
        #expect(ContentLibrary.fill("{a}{a}", with: ["a": ""]) == "")
    }

    @Test func theRealContentLoadsWithEveryPhaseAndPrinciple() {
        let content = TestSupport.content
        #expect(content.phases.map(\.id) == [
            "engagement", "assessment", "planning", "implementation", "monitoring", "evaluation", "termination",
        ])
        #expect(content.phase(named: "asesmen")?.id == "assessment")
        for id in ["dignity", "confidentiality", "informed-consent", "self-determination", "client-centered",
            "competence", "evidence-based", "purposeful-action", "social-justice", "integrity"]
        {
            #expect(content.principle(named: id) != nil, "missing principle \(id)")
        }
        #expect(content.interventions.count == 8)
        #expect(Set(content.outcomes.map(\.id)) == ["goals-met", "partial", "referred", "disengaged", "harm"])
        #expect(content.strings["en"] != nil && content.strings["id"] != nil)
    }

    @Test func bothStringTablesHaveTheSameKeysAndPlaceholders() throws {
        let english = try #require(TestSupport.content.strings["en"])
        let indonesian = try #require(TestSupport.content.strings["id"])
        #expect(Set(english.keys) == Set(indonesian.keys))
        func placeholders(_ text: String) -> Set<String> {
            Set(text.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
        }
        for (key, text) in english {
            #expect(placeholders(text) == placeholders(indonesian[key] ?? ""), "placeholders differ for \(key)")
        }
    }

    @Test func aNoteBesideTheListIsIgnored() throws {
        let folder = try copyOfContent()
        try edit("interventions.json", in: folder) { $0["_comment"] = "a note for the next editor" }
        #expect(try ContentLoader.load(from: folder).interventions.count == 8)
    }

    @Test func aMissingListIsAClearError() throws {
        let folder = try copyOfContent()
        try edit("outcomes.json", in: folder) { $0["outcome"] = $0.removeValue(forKey: "outcomes") }
        #expect(throws: ContentError.self) { try ContentLoader.load(from: folder) }
        do {
            _ = try ContentLoader.load(from: folder)
        } catch {
            #expect(error.description.contains("outcomes.json"))
            #expect(error.description.contains("missing key 'outcomes'"))
        }
    }

    @Test func anUnknownPhaseInTheOrderRulesIsAClearError() throws {
        let folder = try copyOfContent()
        try edit("lifecycle.json", in: folder) { file in
            var phases = file["phases"] as? [[String: Any]] ?? []
            phases[1]["requiresEarlier"] = ["engagment"]
            file["phases"] = phases
        }
        do {
            _ = try ContentLoader.load(from: folder)
            Issue.record("a typo in requiresEarlier must not load")
        } catch {
            #expect(error.description.contains("unknown phase 'engagment'"))
        }
    }

    @Test func theLocatorPrefersTheExplicitFolderThenTheVariableThenWalksUp() throws {
        let folder = try copyOfContent()
        let deep = TestSupport.root.appendingPathComponent("Sources/PracticumCore/Model")
        let walking = ContentLocator(workingDirectory: deep, executable: nil, environment: [:])
        #expect(try walking.contentDirectory().standardizedFileURL.path == TestSupport.root.appendingPathComponent("Content").path)
        let variable = ContentLocator(workingDirectory: deep, executable: nil, environment: ["PRACTICUM_CONTENT": folder.path])
        #expect(try variable.contentDirectory().path == folder.path)
        #expect(try variable.contentDirectory(explicit: TestSupport.root.appendingPathComponent("Content").path).path != folder.path)
        let nowhere = ContentLocator(workingDirectory: URL(fileURLWithPath: "/"), executable: nil, environment: [:])
        #expect(throws: ContentError.self) { try nowhere.contentDirectory() }
        let fromExecutable = ContentLocator(
            workingDirectory: URL(fileURLWithPath: "/"), executable: TestSupport.root.appendingPathComponent(".build/debug/practicum"),
            environment: [:])
        #expect(try fromExecutable.contentDirectory().path == TestSupport.root.appendingPathComponent("Content").path)
    }
}
