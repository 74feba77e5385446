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

    /// "Three more kinds of header line:" is followed by three of them.
    @Test func theHeaderLineKindsAreCountedRight() throws {
        let guide = try Self.read("docs/scenario-format.md")
        let numbers = ["two": 2, "three": 3, "four": 4, "five": 5]
        let sentence = try #require(guide.range(of: #"[A-Z][a-z]+ more kinds of header line:"#, options: .regularExpression))
        let said = try #require(numbers[guide[sentence].split(separator: " ")[0].lowercased()])
        // The list: the bullets after the sentence, up to the first paragraph that is not one.
        let after = guide[sentence.upperBound...].split(separator: "\n\n", omittingEmptySubsequences: true)
        let bullets = try #require(after.first).split(separator: "\n").filter { $0.hasPrefix("- `") }
        #expect(bullets.count == said, "the guide says \(said) and lists \(bullets.count)")
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
