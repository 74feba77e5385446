import Foundation
import PracticumEngine
import Testing
@testable import PracticumApp

/// Figures the documentation states, checked against the code that has them.
@Suite("Documented figures stay true")
struct DocumentedFiguresTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: AppTestSupport.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `check`'s default exploration limit, as the docs write it (200,000) and as `--help` does (200000).
    @Test func theExplorationLimitIsTheOneCheckUses() throws {
        let limit = StateExplorer.defaultLimit
        let written = limit.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        #expect(written == "200,000")
        let cli = try Self.read("docs/cli.md")
        #expect(cli.contains("`--explore-limit` states (default \(written))"))
        let decisions = try Self.read("docs/decisions.md")
        #expect(decisions.contains("Above \(written) states (`--explore-limit`)"))
        for path in ["docs/cli.md", "docs/decisions.md", "docs/diagnostics.md", "README.md"] {
            let text = try Self.read(path)
            #expect(!text.contains("50,000") && !text.contains("50000"), "\(path) gives another limit")
        }
        #expect(cli.contains("stop after N distinct states (default \(written);"))
        #expect(AppTestSupport.run(["explore", "--help"]).output.contains("(default \(limit))"))
        let help = AppTestSupport.run(["check", "--help"])
        #expect(help.output.contains("(default \(limit))"), "\(help.output)")
    }
}
