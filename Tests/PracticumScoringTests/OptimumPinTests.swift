import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// The optimum of every bundled case, pinned (Fixtures/optima.txt) from the search as it was before its
/// relaxation changed (issue 16): the best of each dimension, the best path, the size of the search, and for
/// a fixed set of random paths their overall score and the step a stronger student would have done better
/// at. A change to how the search finds its longest paths must leave every line as it is.
///
/// To write the file again after a change that is meant to move an optimum, run this suite with
/// PRACTICUM_WRITE_OPTIMA=1 and say why in the commit.
@Suite struct OptimumPinTests {
    static let fixture = Support.root.appendingPathComponent("Tests/PracticumScoringTests/Fixtures/optima.txt")

    /// The lines that describe a bundled case's optimum.
    static func describe(_ file: String) throws -> [String] {
        let scorer = try Support.bundledScorer(file)
        var lines: [String] = []
        let best = Dimension.allCases.map { "\($0.rawValue) \(String(format: "%.9f", scorer.best[$0] ?? .nan))" }
        lines.append("\(file) best: \(best.joined(separator: ", "))")
        lines.append("\(file) best path: \(scorer.bestPath().map(\.description).joined(separator: " "))")
        let size = scorer.searchSize
        lines.append("\(file) search: \(size.states) states, \(size.nodes) nodes, \(size.edges) edges")
        let engine = Engine(scenario: scorer.scenario)
        var generator = SplitMix64(seed: 0x0971_3A)
        for index in 0..<40 {
            let path = BundledCaseTests.randomPath(in: engine, using: &generator)
            let report = try scorer.score(path)
            let stronger = scorer.strongerAlternative(for: path)
            let alternative = stronger.map { "step \($0.step): \($0.path.map(\.description).joined(separator: " "))" } ?? "none"
            lines.append("\(file) random \(index): overall \(report.overall), \(report.level.rawValue); stronger \(alternative)")
        }
        return lines
    }

    @Test func everyBundledOptimumIsAsPinned() throws {
        var lines: [String] = []
        for file in Support.bundled { lines += try Self.describe(file) }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["PRACTICUM_WRITE_OPTIMA"] == "1" {
            try text.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: Self.fixture, encoding: .utf8)
        let expected = pinned.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count == expected.count)
        for (found, wanted) in zip(lines, expected) { #expect(found == wanted) }
    }
}
