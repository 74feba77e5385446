import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum replay FILE`: show a saved attempt step by step, with its debrief.
enum ReplayCommand: Command {
    static let name = "replay"
    static let summary = "Show a saved attempt step by step, with its debrief."
    static let usage = "replay FILE [--scenario CASE] [--json] [--lang en|id]"
    static let discussion = """
        FILE is a 'play --json' result or a saved game. Every step is replayed through the case and must be a \
        choice that was really on offer; the score is recomputed from the choices, never read from the file. The \
        case is found in the library by the id in the file, or named with --scenario (an id or a path).
        """
    static let options: [OptionSpec] = [
        .option("scenario", valueName: "case", help: "The case to replay against (default: the id in the file)."),
        CommonOptions.json,
        .option("lang", valueName: "en|id", help: "The interface language (default: the case's language)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let file = arguments.positionals.first else {
            throw .usage("name one attempt file to replay", hint: "usage: practicum \(usage)")
        }
        let path = URL(fileURLWithPath: file, relativeTo: context.workingDirectory).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read '\(file)'")
        }
        let attempt: AttemptFile
        do {
            attempt = try AttemptFile(data: data)
        } catch {
            throw CommandError("'\(file)' is not an attempt: \(error.message)")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let casePath = try PlayCommand.resolve(
            arguments.value("scenario") ?? attempt.scenario, loader: loader, scenarios: arguments.value("scenarios"),
            context: context)
        let loaded = loader.load(path: casePath)
        guard let scenario = loaded.scenario else {
            context.report(loaded.diagnostics, source: loaded.source, file: casePath)
            throw CommandError("the case '\(casePath)' has errors and cannot be replayed")
        }
        guard scenario.id == attempt.scenario else {
            throw CommandError("'\(file)' is an attempt at '\(attempt.scenario)', not at '\(scenario.id)'")
        }
        let language = try PlayCommand.parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        let engine = Engine(scenario: scenario)
        let json = arguments.flag("json")
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: !json && context.colorOutput)
        var state = engine.autoContinue(engine.start().state).state
        if !json {
            context.output.writeLine(screen.styled(strings("replay.title", ["title": scenario.header.title]), .bold))
        }
        for (index, id) in attempt.choices.enumerated() {
            guard let available = engine.availableChoices(in: state).first(where: { $0.id == id }) else {
                throw CommandError(
                    "step \(index + 1): choice \(id) was not on offer in scene '\(state.scene)'; the attempt does not fit this case")
            }
            if !json {
                context.output.write("\n" + screen.scene(engine.paragraphs(of: state)))
                context.output.write(
                    "\n" + screen.wrap(
                        strings("replay.step", ["step": String(index + 1), "choice": available.choice.text]),
                        indent: "    ", firstIndent: "> ") + "\n")
            }
            do {
                state = engine.autoContinue(try engine.choose(id: id, in: state).state).state
            } catch {
                throw CommandError("step \(index + 1): \(error)")
            }
        }
        if !json { context.output.write("\n" + screen.scene(engine.paragraphs(of: state))) }
        try PlayCommand.finish(
            state, engine: engine, mode: attempt.mode, json: json, strings: strings, screen: screen, content: content,
            context: &context)
        return ExitCode.success
    }
}
