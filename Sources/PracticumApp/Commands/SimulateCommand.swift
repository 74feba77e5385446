import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum simulate CASE`: play a case many times without reading it, and with the author's ceiling.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Play a case many times under content-blind policies and report what they score."
    static let usage = "simulate CASE [--runs N] [--seed N] [--policy NAME]... [--json]"
    static let discussion = """
        Each run plays the case from the start with its own shuffled choice order, as a student would see it, \
        and is scored like an attempt. The content-blind policies never read the case: first and last pick by \
        place, longest and shortest by length, random by chance. The ceiling always takes the highest authored \
        quality on offer. For each policy the report gives the median score and level and how many runs reached \
        each level. A case worth grading lets no content-blind policy reach Competent, and lets the ceiling reach \
        Exemplary. CASE is a library id or a path.
        """
    static let options: [OptionSpec] = [
        .option("runs", valueName: "n", help: "Runs per policy (default 200)."),
        .option("seed", valueName: "n", help: "The seed the runs' orders are drawn from (default 1)."),
        .option("policy", valueName: "name", repeatable: true, help: "Only this policy (first, last, longest, shortest, random, ceiling); repeatable."),
        CommonOptions.json, CommonOptions.content, CommonOptions.scenarios,
    ]

    struct Report: Encodable {
        struct Row: Encodable {
            var policy: String
            var contentBlind: Bool
            var runs: Int
            var medianScore: Int
            var medianLevel: String
            var levels: [String: Int]
            var review: Int
            var ended: Int
            /// The run with the lowest level and score.
            var lowest: SimulationResult.Run?
        }
        var scenario: String
        var runs: Int
        var seed: UInt64
        var policies: [Row]
    }

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let named = arguments.positionals.first else {
            throw .usage("name one case to simulate", hint: "usage: practicum \(usage)")
        }
        let runs = try PlayCommand.parseCount(arguments.value("runs"), option: "runs", default: 200, range: 1...100_000)
        let seed = try PlayCommand.parseSeed(arguments.value("seed")) ?? 1
        var policies: [Policy] = []
        for name in arguments.values("policy") {
            guard let policy = Policy(rawValue: name) else {
                throw .usage(
                    "unknown policy '\(name)'; the policies are " + Policy.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !policies.contains(policy) { policies.append(policy) }
        }
        if policies.isEmpty { policies = Policy.allCases }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let path = try PlayCommand.resolve(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        let loaded = loader.load(path: path)
        guard let scenario = loaded.scenario else {
            context.report(loaded.diagnostics, source: loaded.source, file: path)
            throw CommandError("'\(named)' has errors and cannot be simulated", hint: "run 'practicum check \(named)'")
        }
        let scorer = try context.scorer(for: scenario, content: content, language: "en")
        let simulator = Simulator(scorer: scorer)
        let results = policies.map { simulator.run($0, runs: runs, seed: seed) }
        let rows = results.map { result in
            Report.Row(
                policy: result.policy.rawValue, contentBlind: result.policy.isContentBlind, runs: result.scores.count,
                medianScore: result.medianScore, medianLevel: result.medianLevel.rawValue,
                levels: Dictionary(uniqueKeysWithValues: Level.allCases.map { ($0.rawValue, result.levels[$0] ?? 0) }),
                review: result.reviews, ended: result.complete, lowest: result.lowest)
        }
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(Report(scenario: scenario.id, runs: runs, seed: seed, policies: rows)))
            return ExitCode.success
        }
        context.output.writeLine(
            "\(VisibleText.make(scenario.header.title, keepNewlines: false)) (\(scenario.id)): \(runs) runs per policy, seed \(seed)")
        context.output.writeLine("")
        let header = ["policy", "median", "level"] + Level.allCases.map(\.rawValue) + ["review", "ended"]
        let table = [header] + rows.map { row in
            [row.policy, String(row.medianScore), row.medianLevel] + Level.allCases.map { String(row.levels[$0.rawValue] ?? 0) }
                + [String(row.review), String(row.ended)]
        }
        let widths = header.indices.map { column in table.map { displayWidth(of: $0[column]) }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { column, cell -> String in
                let pad = String(repeating: " ", count: widths[column] - displayWidth(of: cell))
                return column == 0 || column == 2 ? cell + pad : pad + cell
            }
            context.output.writeLine(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        let blind = results.filter { $0.policy.isContentBlind }
        if let worst = blind.max(by: { $0.medianLevel < $1.medianLevel }), worst.medianLevel >= .competent {
            context.output.writeLine("")
            context.output.writeLine(
                "warning: a student who never reads the case reaches \(worst.medianLevel.rawValue) by always taking the \(worst.policy.rawValue) choice")
        }
        if let ceiling = results.first(where: { $0.policy == .ceiling }), ceiling.medianLevel < .exemplary {
            context.output.writeLine("")
            context.output.writeLine(
                "warning: always taking the highest quality on offer reaches only \(ceiling.medianLevel.rawValue): the qualities and the scoring disagree somewhere")
        }
        if let ceiling = results.first(where: { $0.policy == .ceiling }), let lowest = ceiling.lowest,
            lowest.level < .exemplary
        {
            context.output.writeLine("")
            context.output.writeLine(
                "The ceiling's lowest run (\(lowest.overall), \(lowest.level.rawValue)) went: \(lowest.path.joined(separator: ", "))")
            context.output.writeLine("Replay it with: practicum play \(named) --seed \(lowest.seed) --choices ... or see --json.")
        }
        return ExitCode.success
    }
}
