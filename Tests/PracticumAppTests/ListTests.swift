import Foundation
import Testing
@testable import PracticumApp

@Suite("practicum list: grouped, filtered, with content warnings")
struct ListTests {
    @Test func groupsByLevelThenLanguageAndShowsWarnings() throws {
        let library = try PlayTests.warnedLibrary()
        let run = AppTestSupport.run(["list", "--scenarios", library.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        let micro = try #require(run.output.range(of: "Micro · English (en)"))
        let macro = try #require(run.output.range(of: "Macro · English (en)"))
        #expect(micro.upperBound < macro.lowerBound)
        #expect(run.output.contains("okafor-warned"))
        #expect(run.output.contains("    ⚠ Content warning: a test warning"))
    }

    @Test func filtersCombineAndAnUnknownValueIsAUsageError() throws {
        let library = try PlayTests.warnedLibrary()
        let macro = AppTestSupport.run(["list", "--scenarios", library.path, "--level", "macro"])
        #expect(macro.output.contains("okafor-warned") && !macro.output.contains("okafor-referral "))
        let none = AppTestSupport.run(["list", "--scenarios", library.path, "--lang", "id"])
        #expect(none.exitCode == 0 && none.output.contains("No case in the library matches these filters."))
        let kind = AppTestSupport.run(["list", "--scenarios", library.path, "--kind", "crisis-intervention", "--level", "micro"])
        #expect(kind.output.contains("okafor-referral") && !kind.output.contains("okafor-warned"))
        let wrong = AppTestSupport.run(["list", "--level", "mikro"])
        #expect(wrong.exitCode == ExitCode.usage)
        #expect(wrong.errors.contains("unknown --level 'mikro'") && wrong.errors.contains("did you mean 'micro'?"))
    }

    @Test func theJSONCarriesTheWarningAndTheInterventionKinds() throws {
        let library = try PlayTests.warnedLibrary()
        let run = AppTestSupport.run(["list", "--scenarios", library.path, "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["okafor-referral", "okafor-warned"])
        #expect(entries[1]["contentWarning"] as? String == "a test warning")
        #expect(entries[0]["contentWarning"] == nil)
        #expect((entries[0]["interventions"] as? [String])?.contains("crisis-intervention") == true)
    }

    /// The bundled library, filtered: every level has Indonesian cases, and group work is found by its kind.
    @Test func theBundledLibraryBrowsesByLanguageLevelAndKind() {
        let macro = AppTestSupport.run(["list", "--lang", "id", "--level", "macro"])
        #expect(macro.output.hasPrefix("Macro · Bahasa Indonesia (id)\n"))
        #expect(macro.output.contains("banjir-sukamaju"))
        let group = AppTestSupport.run(["list", "--kind", "group-therapy"])
        #expect(group.output.contains("tuesday-caregivers-group"))
    }
}
