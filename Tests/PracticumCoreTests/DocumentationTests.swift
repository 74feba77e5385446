import Foundation
import Testing
@testable import PracticumCore

@Suite("Documentation stays true")
struct DocumentationTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: TestSupport.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyDiagnosticCodeIsCatalogued() throws {
        let catalogue = try Self.read("docs/diagnostics.md")
        for code in DiagnosticCode.allCases {
            #expect(catalogue.contains("| `\(code.rawValue)` |"), "docs/diagnostics.md does not list \(code.rawValue)")
        }
        // And nothing is catalogued that the code does not have.
        let listed = catalogue.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        let known = Set(DiagnosticCode.allCases.map(\.rawValue))
        #expect(listed.allSatisfy(known.contains), "unknown codes in the catalogue: \(listed.filter { !known.contains($0) })")
    }

    @Test func formatExamplesLoadWithoutProblems() throws {
        let guide = try Self.read("docs/scenario-format.md")
        let blocks = guide.components(separatedBy: "```scenario\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count >= 2)
        for (index, block) in blocks.enumerated() {
            let result = TestSupport.load(block, file: "example-\(index + 1).scenario")
            #expect(result.scenario != nil, "example \(index + 1): \(result.diagnostics.map(\.message))")
            #expect(result.diagnostics.isEmpty, "example \(index + 1) warns: \(result.diagnostics.map(\.message))")
        }
    }
}
