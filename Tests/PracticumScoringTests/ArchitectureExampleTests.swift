import Foundation
import PracticumCore
import Testing

@testable import PracticumEngine
@testable import PracticumScoring

/// docs/architecture.md walks the exploration pipeline with a small case and gives what each stage makes of
/// it. This test runs every stage on the case as the page prints it and requires the page's figures (its
/// `figures` block) to be exactly what the stages give, so the walk-through cannot drift from the code.
@Suite("docs/architecture.md: the worked example's figures")
struct ArchitectureExampleTests {
    static func page() throws -> String {
        try String(contentsOf: Support.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    }

    /// The text of the first fenced block that opens with "```KIND".
    static func block(_ kind: String, in page: String) throws -> String {
        let opening = try #require(page.range(of: "```\(kind)\n"))
        let closing = try #require(page.range(of: "\n```", range: opening.upperBound..<page.endIndex))
        return String(page[opening.upperBound..<closing.lowerBound])
    }

    /// Every stage's figures for the case, as `name: value` lines in pipeline order.
    static func figures(of scenario: Scenario) throws -> [String] {
        var lines: [String] = []
        func say(_ name: String, _ value: Any) { lines.append("\(name): \(value)") }
        let engine = Engine(scenario: scenario)

        // SceneGraph: the scenes and their links, cut into strongly connected components.
        let scenes = SceneGraph(scenario: scenario)
        say("scenes", scenes.names.count)
        say("scene components", scenes.members.count)
        say("scenes on a cycle", scenes.names.indices.filter { scenes.isCyclic[$0] }.map { scenes.names[$0] }.joined(separator: ", "))

        // StateCodec: what a packed state keeps in each scene.
        let codec = StateCodec(scenario: scenario)
        for (number, name) in codec.sceneNames.enumerated() {
            let component = codec.graph.component[number]
            let kept = codec.keptVariables[component].map { codec.variableNames[$0] }
            say("packed state in \(name)", "\(codec.layouts[component].count) integers, keeps [\(kept.joined(separator: ", "))]")
        }
        say("once choices", codec.onceChoices.map(\.count).reduce(0, +))

        // ExplorationKernel: each scene's role, compiled.
        let kernel = ExplorationKernel(engine: engine, codec: codec)
        let roles = kernel.roles.map { role -> String in
            switch role {
            case .ending: return "ending"
            case .stuck: return "stuck"
            case .choosing(let range): return "\(range.count) choices"
            }
        }
        say("scene roles", zip(codec.sceneNames, roles).map { "\($0) \($1)" }.joined(separator: ", "))

        // StateExplorer -> StateGraph.
        let space = StateExplorer(engine: engine).explore()
        say("states", space.stateCount)
        say("edges", space.edgeCount)
        say("states per scene", codec.sceneNames.map { name in
            "\(name) \((0..<space.stateCount).filter { space.scene(of: $0) == name }.count)"
        }.joined(separator: ", "))
        say("endings", space.endings.map { "\($0.scene) (\($0.outcome)) \($0.stateCount)" }.joined(separator: ", "))
        say("stuck states", space.stuckStates.count)
        say("truncated", space.isTruncated)

        // OfferReach: from the start, which choices of the door-talk cycle are still to come.
        let reach = OfferReach(graph: space)
        say("offer reach exact", reach.isExact)
        let ahead = (0..<space.choiceCount).filter { reach.isOffered(choice: $0, atOrAfter: space.start) }
        say("in reach from the start", ahead.map { space.choiceID($0).description }.joined(separator: ", "))
        let revealed = try #require((0..<space.stateCount).first { space.notes(of: $0).revealed.contains("arrears") && space.scene(of: $0) == "plan" })
        let afterReveal = (0..<space.choiceCount).filter { reach.isOffered(choice: $0, atOrAfter: revealed) }
        say("in reach in plan", afterReveal.isEmpty ? "none" : afterReveal.map { space.choiceID($0).description }.joined(separator: ", "))

        // SearchGraph and CaseOptimum, as the scorer builds them.
        let scorer = Scorer(scenario: scenario, rubric: Support.rubric, content: Support.content)
        let optimum = scorer.optimum
        // The search graph is private to CaseOptimum; its size is read by reflection, for this page only.
        let graph = try #require(Mirror(reflecting: optimum).descendant("graph") as? SearchGraph)
        say("search nodes", graph.nodeCount)
        say("search edges", graph.edgeTargets.count)
        say("search truncated", optimum.isTruncated)
        for dimension in Dimension.allCases {
            let best = optimum.best[dimension].map { $0 == -.infinity ? "none" : String(format: "%.2f", $0) } ?? "not assessed"
            say("best \(dimension.rawValue)", best)
        }
        let best = optimum.bestPath()
        say("best path", best.map { $0.description }.joined(separator: ", "))
        let report = try scorer.score(best)
        say("best path scores", "\(report.overall) \(report.level.rawValue)")
        return lines
    }

    @Test func theFiguresOnThePageAreWhatTheStagesGive() throws {
        let page = try Self.page()
        let loaded = Support.loader.load(text: try Self.block("scenario", in: page), file: "rent-letters.scenario")
        let scenario = try #require(loaded.scenario, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let figures = try Self.figures(of: scenario)
        let written = try Self.block("figures", in: page).split(separator: "\n").map(String.init)
        #expect(written == figures, "the page's figures are out of date; the stages give:\n\(figures.joined(separator: "\n"))")
    }
}
