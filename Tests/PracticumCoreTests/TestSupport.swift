import Foundation
import PracticumCore

/// Shared helpers for the core tests: the repository's Content/ and marker-based sources.
enum TestSupport {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The real Content/ library of the repository.
    static let content: ContentLibrary = {
        do {
            return try ContentLoader.load(from: root.appendingPathComponent("Content"))
        } catch {
            fatalError("tests need Content/: \(error)")
        }
    }()

    static let loader = ScenarioLoader(content: content)

    /// Loads `.scenario` text with the real Content/.
    static func load(_ text: String, file: String = "test.scenario") -> LoadResult {
        loader.load(text: text, file: file)
    }

    /// Loads `.scenario` text keeping every diagnostic (no `DiagnosticCollector.defaultLimit`), for the tests
    /// that count thousands of them.
    static func loadKeepingAll(_ text: String, file: String = "test.scenario") -> LoadResult {
        ScenarioLoader(content: content, diagnosticLimit: .max).load(text: text, file: file)
    }

    /// Removes the `1️⃣` marker from a source and returns where it stood (1-based line and column).
    static func marked(_ source: String) -> (text: String, line: Int, column: Int) {
        let marker = "1️⃣"
        guard let range = source.range(of: marker) else { return (source, 0, 0) }
        let before = source[..<range.lowerBound]
        let line = before.split(separator: "\n", omittingEmptySubsequences: false).count
        let column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0) + 1
        return (source.replacingCharacters(in: range, with: ""), line, column)
    }

    /// A small valid case that tests extend or break.
    static let minimalHeader = """
        title: Test case
        id: test-case
        language: en
        level: micro

        """
}
