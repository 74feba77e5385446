import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum simulate CASE`: play a case many times without reading it, and with the author's ceiling.
enum SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "Play a case many times as students who never read it, and report what they score."
    static let usage = "simulate CASE [--runs N] [--seed N] [--policy NAME]... [--strict] [--json]"
    static let discussion = """
        Each run plays the case from the start with its own shuffled choice order, as a student would see it, \
        and is scored like an attempt. The content-blind policies never read the text: first and last pick by \
        place, longest and shortest by length, random by chance. The naive policies read the words but not the \
        case, as a lazy student guesses: vocabulary takes the most professional words, question a question, \
        no-warning avoids words such as 'just', 'only', 'promise' (hanya, janji), no-authority avoids police, \
        reports and courts (polisi, lapor), mirror echoes the scene's words, and composite adds these up. The \
        ceiling always takes the highest authored quality on offer. For each policy the report gives the median \
        score and level and how many runs reached each level, and a verdict ends it. A case worth grading lets \
        no content-blind or naive policy reach Competent, and lets the ceiling reach Exemplary; with --strict \
        the command exits 1 when it does not. CASE is a library id or a path.
        """
    static let options: [OptionSpec] = [
        .option("runs", valueName: "n", help: "Runs per policy (default 200)."),
        .option("seed", valueName: "n", help: "The seed the runs' orders are drawn from (default 1)."),
        .option("policy", valueName: "name", repeatable: true, help: "Only this policy (\(Policy.allCases.map(\.rawValue).joined(separator: ", ")))."),
        .flag("strict", help: "Exit 1 when a policy that skips the case reaches Competent, or the ceiling misses Exemplary."),
        CommonOptions.json, CommonOptions.content, CommonOptions.scenarios,
    ]

    struct Report: Encodable {
        struct Row: Encodable {
            var policy: String
            /// `blind`, `naive` or `author`.
            var reading: String
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
        /// The verdict line, as printed.
        var verdict: String
        /// Whether the case passes: no policy that skips it reaches Competent, the ceiling reaches Exemplary.
        var passes: Bool
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
            context.report(loaded.diagnostics, source: loaded.source, file: path, omitted: loaded.omitted.total)
            throw CommandError("'\(named)' has errors and cannot be simulated", hint: "run 'practicum check \(named)'")
        }
        let scorer = try context.scorer(for: scenario, content: content, language: "en")
        let simulator = Simulator(scorer: scorer)
        let results = simulator.run(policies, runs: runs, seed: seed)
        let rows = results.map { result in
            Report.Row(
                policy: result.policy.rawValue, reading: result.policy.reading.rawValue, contentBlind: result.policy.isContentBlind, runs: result.scores.count,
                medianScore: result.medianScore, medianLevel: result.medianLevel.rawValue,
                levels: Dictionary(uniqueKeysWithValues: Level.allCases.map { ($0.rawValue, result.levels[$0] ?? 0) }),
                review: result.reviews, ended: result.complete, lowest: result.lowest)
        }
        let verdict = Verdict(results, scoringLimit: Gameability.scoringLimit(of: scorer))
        let exit = arguments.flag("strict") && !verdict.passes ? ExitCode.failure : ExitCode.success
        if arguments.flag("json") {
            context.output.write(
                JSONOutput.string(
                    Report(
                        scenario: scenario.id, runs: runs, seed: seed, policies: rows, verdict: verdict.line,
                        passes: verdict.passes)))
            return exit
        }
        context.output.writeLine(
            "\(VisibleText.make(scenario.header.title, keepNewlines: false)) (\(scenario.id)): \(runs) runs per policy, seed \(seed)")
        context.output.writeLine("")
        // The runs at each level in one column, so that the table fits 80 columns.
        let header = ["policy", "reads", "median", "level", "runs at Em/De/Co/Ex", "review", "ended"]
        let table = [header] + rows.map { row in
            [
                row.policy, row.reading, String(row.medianScore), row.medianLevel,
                Level.allCases.map { String(row.levels[$0.rawValue] ?? 0) }.joined(separator: "/"),
                String(row.review), String(row.ended),
            ]
        }
        let widths = header.indices.map { column in table.map { displayWidth(of: $0[column]) }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { column, cell -> String in
                let pad = String(repeating: " ", count: widths[column] - displayWidth(of: cell))
                return [0, 1, 3].contains(column) ? cell + pad : pad + cell
            }
            context.output.writeLine(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        if let ceiling = results.first(where: { $0.policy == .ceiling }), let lowest = ceiling.lowest,
            lowest.level < .exemplary
        {
            context.output.writeLine("")
            context.output.writeLine(
                "The ceiling's lowest run (\(lowest.overall), \(lowest.level.rawValue)) went: \(lowest.path.joined(separator: ", "))")
            context.output.writeLine("Replay it with: practicum play \(named) --seed \(lowest.seed) --choices ... or see --json.")
        }
        context.output.writeLine("")
        context.output.writeLine(TextWrapper.wrap(verdict.line, width: context.textWidth, indent: "  ", firstIndent: "").joined(separator: "\n"))
        return exit
    }

    /// What the runs say about the case, in one line: the policies that skip the case against Competent, the
    /// ceiling against Exemplary.
    struct Verdict {
        var line: String
        var passes: Bool

        init(_ results: [SimulationResult], scoringLimit: String? = nil) {
            let skipping = results.filter { $0.policy.skipsTheCase }
            let reaching = skipping.filter { $0.medianLevel >= .competent }
            let ceiling = results.first { $0.policy == .ceiling }
            var parts: [String] = []
            if !reaching.isEmpty {
                let named = reaching.map { "\($0.policy.rawValue) (median \($0.medianScore), \($0.medianLevel.rawValue))" }
                parts.append("a student who never reads the case reaches Competent or above: " + named.joined(separator: ", "))
            } else if let strongest = skipping.max(by: { ($0.medianLevel, $0.medianScore) < ($1.medianLevel, $1.medianScore) }) {
                parts.append(
                    "no policy that skips the case reaches Competent (the strongest, \(strongest.policy.rawValue): median "
                        + "\(strongest.medianScore), \(strongest.medianLevel.rawValue))")
            }
            if let ceiling {
                parts.append(
                    ceiling.medianLevel == .exemplary
                        ? "the ceiling reaches Exemplary"
                        : "the ceiling reaches only \(ceiling.medianLevel.rawValue): the qualities and the scoring disagree somewhere")
            }
            if let scoringLimit { parts.append(scoringLimit) }
            passes = reaching.isEmpty && (ceiling.map { $0.medianLevel == .exemplary } ?? true) && scoringLimit == nil
            line = (passes ? "Verdict: fit to grade: " : "Verdict: not fit to grade: ") + parts.joined(separator: "; ") + "."
        }
    }
}
