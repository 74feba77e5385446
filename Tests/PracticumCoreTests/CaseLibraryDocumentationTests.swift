import Foundation
import Testing
@testable import PracticumCore

/// docs/cases.md describes the library as it is: every bundled case has its row (id, title, level, language,
/// minutes, content warning) and its learning objectives.
@Suite("docs/cases.md lists the library")
struct CaseLibraryDocumentationTests {
    static let files: [String] = {
        let folder = TestSupport.root.appendingPathComponent("Scenarios")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".scenario") }.sorted()
    }()

    @Test(arguments: files)
    func everyCaseHasItsRowAndObjectives(file: String) throws {
        let page = try String(contentsOf: TestSupport.root.appendingPathComponent("docs/cases.md"), encoding: .utf8)
        let result = TestSupport.loader.load(path: TestSupport.root.appendingPathComponent("Scenarios/\(file)").path)
        let header = try #require(result.scenario?.header)
        let row = try #require(
            page.split(separator: "\n").first { $0.hasPrefix("| `\(header.id)` |") }, "docs/cases.md has no row for \(header.id)")
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells.count == 7, "\(row)")
        guard cells.count == 7 else { return }
        #expect(cells[1] == header.title)
        #expect(cells[2] == header.level && cells[3] == header.language)
        #expect(cells[5] == header.minutes.map(String.init))
        #expect(cells[6] == (header.contentWarning ?? "-"))
        let used = Set(result.scenario!.scenes.flatMap { $0.choices.compactMap(\.intervention) })
        #expect(Set(cells[4].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) == used)
        for objective in header.objectives {
            #expect(page.contains("  - \(objective.text)"), "\(header.id): objective '\(objective.text)' is not listed")
        }
    }
}
