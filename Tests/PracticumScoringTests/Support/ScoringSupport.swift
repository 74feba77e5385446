import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

/// Shared helpers for the scoring tests: the repository's Content/, its rubric,
/// the bundled cases, and small cases written as `.scenario` text.
enum Support {
    /// The repository root, found from this file's path (Tests/PracticumScoringTests/Support/).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let contentDirectory = root.appendingPathComponent("Content")

    /// The real Content/ library.
    static let content: ContentLibrary = {
        do {
            return try ContentLoader.load(from: contentDirectory)
        } catch {
            fatalError("scoring tests need Content/: \(error)")
        }
    }()

    /// The real Content/rubric.json.
    static let rubric: Rubric = {
        do {
            return try Rubric.load(from: contentDirectory)
        } catch {
            fatalError("scoring tests need Content/rubric.json: \(error)")
        }
    }()

    static let loader = ScenarioLoader(content: content)

    /// The header every hand-made case starts with; `extra` adds header lines such as `weights:`.
    static func header(_ id: String = "test-case", extra: String = "") -> String {
        """
        title: Test case
        id: \(id)
        language: en
        level: micro
        \(extra)

        """
    }

    /// Loads `.scenario` text, failing the test with the diagnostics when it has errors.
    static func scenario(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Scenario {
        let result = loader.load(text: text, file: "test.scenario")
        let errors = result.diagnostics.filter { $0.severity == .error }
        let scenario = try #require(
            result.scenario, "the test case has errors: \(errors.map(\.message))", sourceLocation: sourceLocation)
        return scenario
    }

    /// A scorer for `.scenario` text with the real Content/ and rubric (or another rubric).
    static func scorer(
        _ text: String, rubric: Rubric = rubric, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws
        -> Scorer
    {
        Scorer(scenario: try scenario(text, sourceLocation: sourceLocation), rubric: rubric, content: content)
    }

    /// The bundled cases in Scenarios/, by file name.
    static let bundled: [String] = {
        let folder = root.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".scenario") }.sorted()
    }()

    /// Loads a bundled case by file name.
    static func bundledScenario(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> Scenario
    {
        let path = root.appendingPathComponent("Scenarios").appendingPathComponent(name).path
        let result = loader.load(path: path)
        return try #require(
            result.scenario, "\(name) does not load: \(result.diagnostics.map(\.message))",
            sourceLocation: sourceLocation)
    }

    /// One scorer per bundled case, built once and shared by the tests (building one explores the case).
    static let bundledScorers: [String: Scorer] = {
        var scorers: [String: Scorer] = [:]
        for name in bundled {
            let path = root.appendingPathComponent("Scenarios").appendingPathComponent(name).path
            guard let scenario = loader.load(path: path).scenario else { continue }
            scorers[name] = Scorer(scenario: scenario, rubric: rubric, content: content)
        }
        return scorers
    }()

    /// The shared scorer of a bundled case.
    static func bundledScorer(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> Scorer
    {
        try #require(bundledScorers[name], "\(name) does not load", sourceLocation: sourceLocation)
    }

    /// Plays a path by the 1-based numbers the student would type, returning the choice ids.
    static func ids(_ numbers: [Int], in scenario: Scenario) throws -> [ChoiceID] {
        let engine = Engine(scenario: scenario)
        var state = engine.autoContinue(engine.start().state).state
        for number in numbers {
            state = engine.autoContinue(try engine.choose(number: number, in: state).state).state
        }
        return state.choicesTaken
    }

    /// Plays a path by picking, at each step, the choice on offer in `scene` whose text starts with `text`.
    static func play(_ steps: [(scene: String, text: String)], in scenario: Scenario) throws -> [ChoiceID] {
        let engine = Engine(scenario: scenario)
        var state = engine.autoContinue(engine.start().state).state
        for (number, step) in steps.enumerated() {
            let matches = engine.availableChoices(in: state).filter {
                $0.id.scene == step.scene && $0.choice.text.hasPrefix(step.text)
            }
            let pick = try #require(
                matches.count == 1 ? matches.first : nil,
                "step \(number + 1): \(matches.count) choices in '\(state.scene)' match \(step)")
            state = engine.autoContinue(try engine.choose(id: pick.id, in: state).state).state
        }
        return state.choicesTaken
    }

    /// The ids of written choices, `scene#n` counted from 1 as an author counts.
    static func path(_ written: String...) -> [ChoiceID] {
        path(written)
    }

    /// The ids of written choices, `scene#n` counted from 1 as an author counts.
    static func path(_ written: [String]) -> [ChoiceID] {
        written.map { text in
            let parts = text.split(separator: "#")
            return ChoiceID(scene: String(parts[0]), index: Int(parts[1])! - 1)
        }
    }

    /// Writes a copy of Content/ to a temporary folder, letting `edit` change the rubric's JSON object first.
    static func contentCopy(editingRubric edit: (inout [String: Any]) -> Void) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("practicum-scoring-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: contentDirectory, to: folder)
        let url = folder.appendingPathComponent(Rubric.fileName)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        return folder
    }
}

extension ScoreReport {
    /// The items' reasons, for `#expect` messages.
    var reasons: [String] {
        items.map { "\($0.step.map(String.init) ?? "-") \($0.dimension) \($0.points)/\($0.outOf): \($0.reason)" }
    }

    /// The practice items that are decisions (they count in the mean).
    var decisions: [ScoreItem] {
        items.filter { $0.dimension == .practice && $0.outOf > 0 }
    }
}
