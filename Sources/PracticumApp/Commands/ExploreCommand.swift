import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum explore CASE`: every state a case can reach, the paths through it, and what an author should
/// know about them.
enum ExploreCommand: Command {
    static let name = "explore"
    static let summary = "Walk every state a case can reach: its paths, endings, best and worst path, loops and soft locks."
    static let usage = "explore CASE [--max-states N] [--json]"
    static let discussion = """
        Explores the case from its start, as 'check' does, and reports the states found; the number of distinct \
        paths (lists of choices) to each ending, exactly however large; the best and the worst path by overall \
        score, each scored like an attempt; the loops a play can go round, and those that farm quality; the soft \
        locks, each with a path that reaches it; the choices no path can take; and the findings a plan can \
        address before they are revealed. A path that enters a loop can go round it any number of times, so \
        paths through a loop are endless: the counts are of the paths that enter no state on a loop, and say \
        when there are endlessly many more. CASE is a library id or a path. Exits 0 when the whole case was \
        explored, 3 when --max-states cut it short (the counts are then lower bounds and nothing was scored), \
        1 when the case cannot be read or has errors.
        """
    static let options: [OptionSpec] = [
        .option("max-states", valueName: "n", help: "Stop after this many distinct states (default \(StateExplorer.defaultLimit)); memory stays in proportion."),
        CommonOptions.json, CommonOptions.content, CommonOptions.scenarios,
    ]

    /// The largest `--max-states`: the state graph numbers its states and edges with 32-bit integers.
    static let maximumStates = 100_000_000

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let named = arguments.positionals.first else {
            throw .usage("name one case to explore", hint: "usage: practicum \(usage)")
        }
        let limit = try PlayCommand.parseCount(
            arguments.value("max-states"), option: "max-states", default: StateExplorer.defaultLimit,
            range: 1...maximumStates)
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let path = try PlayCommand.resolve(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        let loaded = loader.load(path: path)
        guard let scenario = loaded.scenario else {
            context.report(loaded.diagnostics, source: loaded.source, file: named)
            throw CommandError("'\(named)' has errors and cannot be explored", hint: "run 'practicum check \(named)'")
        }
        let graph = StateExplorer(scenario: scenario, limit: limit).explore()
        let survey = StateSurvey(graph: graph, scenario: scenario)
        var report = ExploreReport(scenario: scenario, limit: limit, survey: survey)
        if graph.isTruncated {
            report.scoring = "not searched: the exploration stopped at \(limit) states"
        } else {
            // The scoring search explores the case again within the same limit, so memory stays bounded by it.
            var rubric = try context.loadRubric(content)
            rubric.explorationLimit = limit
            let scorer = Scorer(scenario: scenario, rubric: rubric, content: content, language: "en")
            report.addScores(scorer: scorer, scenario: scenario)
        }
        context.keepUntilExit(graph)
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(report))
        } else {
            for line in report.lines(width: context.textWidth) { context.output.writeLine(line) }
        }
        return graph.isTruncated ? ExitCode.incomplete : ExitCode.success
    }
}
