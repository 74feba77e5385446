// Shared by every fuzz target: Content/, the rubric and the bundled cases, read once per process.
import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

enum Fuzz {
    static let root: URL = {
        let environment = ProcessInfo.processInfo.environment
        return URL(fileURLWithPath: environment["PRACTICUM_ROOT"] ?? FileManager.default.currentDirectoryPath)
    }()

    static let content: ContentLibrary = {
        do {
            return try ContentLoader.load(from: root.appendingPathComponent("Content"))
        } catch {
            fatalError("the fuzz targets need Content/ (set PRACTICUM_ROOT): \(error)")
        }
    }()

    static let loader = ScenarioLoader(content: content)

    /// The rubric with a small exploration budget: the fuzzer wants many inputs a second, and a budget
    /// reached is itself a path worth running.
    static let rubric: Rubric = {
        do {
            var rubric = try Rubric.load(from: root.appendingPathComponent("Content"))
            rubric.explorationLimit = 500
            return rubric
        } catch {
            fatalError("the fuzz targets need Content/rubric.json: \(error)")
        }
    }()

    /// The bundled cases and the command-line tests' fixture, loaded once, with their scorers.
    static let cases: [(scenario: Scenario, scorer: Scorer)] = {
        var files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Scenarios").path))?
            .filter { $0.hasSuffix(".scenario") }.sorted().map { "Scenarios/\($0)" } ?? []
        files.append("Tests/PracticumAppTests/Fixtures/Library/okafor-referral.scenario")
        return files.compactMap { file in
            guard let scenario = loader.load(path: root.appendingPathComponent(file).path).scenario else { return nil }
            var rubric = rubric
            rubric.explorationLimit = 200_000
            return (scenario, Scorer(scenario: scenario, rubric: rubric, content: content))
        }
    }()

    /// Everything a checked case goes through after loading: exploration warnings, the JSON form and back
    /// (which must give the same case), the fingerprint, scoring with simulated and best play.
    static func exercise(_ scenario: Scenario, locations: ExplorationCheck.Locations) {
        _ = ExplorationCheck.diagnostics(for: scenario, locations: locations, limit: 500)
        let json = ScenarioDocument(scenario).encoded()
        let back = loader.loadJSON(json, file: "fuzz.json")
        guard back.scenario == scenario else {
            fatalError("the JSON form did not give the same case back: \(back.diagnostics.map(\.message))")
        }
        _ = scenario.fingerprint
        let scorer = Scorer(scenario: scenario, rubric: rubric, content: content)
        let simulator = Simulator(scorer: scorer, stepLimit: 30)
        _ = simulator.play(.random, seed: UInt64(scenario.scenes.count))
        let best = scorer.bestPath()
        if let report = try? scorer.score(best) {
            precondition((0...100).contains(report.overall), "overall \(report.overall) outside 0-100")
        }
        _ = scorer.strongerAlternative(for: Array(best.prefix(2)))
    }
}
