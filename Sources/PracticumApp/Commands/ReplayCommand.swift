import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum replay FILE`: show a saved attempt step by step, with its debrief.
enum ReplayCommand: Command {
    static let name = "replay"
    static let summary = "Show a saved attempt step by step, with its debrief."
    static let usage = "replay FILE [--scenario CASE] [--details] [--json] [--lang en|id]"
    static let discussion = """
        FILE is a 'play --json' result or a saved game. Both record the fingerprint of the case they were played \
        on, and an attempt at another version of the case is refused; one that records none is replayed with a \
        warning. Every scene on the path is shown again, continuation \
        scenes included, with the choices as the student saw them (in the attempt's own shuffled order) and the one \
        taken marked. Every step is replayed through the case and must be a choice that was really on offer; the \
        score is recomputed from the choices, never read from the file. The case is the library case with the id \
        the file names, or the case given with --scenario (an id or a path); a path written inside an attempt file \
        is never opened.
        """
    static let options: [OptionSpec] = [
        .option("scenario", valueName: "case", help: "The case to replay against (default: the library case with the file's id)."),
        .flag("details", help: "Print every point, step by step, after the first screen of the debrief."),
        CommonOptions.json,
        .option("lang", valueName: "en|id", help: "The interface language (default: the case's language)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let file = arguments.positionals.first, !file.isEmpty else {
            throw .usage("name one attempt file to replay", hint: "usage: practicum \(usage)")
        }
        let path = context.url(forPath: file).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read '\(file)'")
        }
        let attempt: AttemptFile
        do {
            attempt = try AttemptFile(data: data)
        } catch {
            throw CommandError("'\(file)' is not an attempt: \(error.message)")
        }
        let (scenario, content) = try caseOf(attempt, file: file, arguments: arguments, context: &context)
        let language = try PlayCommand.parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        let engine = Engine(scenario: scenario, order: attempt.seed.map { .shuffled(seed: $0) } ?? .written)
        let json = arguments.flag("json")
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: !json && context.colorOutput)
        let output = context.output
        if !json {
            output.writeLine(screen.styled(strings("replay.title", ["title": scenario.header.title]), .bold))
        }
        let state = try walk(attempt.choices, engine: engine, strings: strings, screen: screen) { text in
            if !json { output.write(text) }
        }
        try PlayCommand.finish(
            state, engine: engine, mode: attempt.mode,
            output: PlayCommand.OutputOptions(json: json, details: arguments.flag("details")), undone: attempt.undone,
            strings: strings, screen: screen, content: content, context: &context)
        return ExitCode.success
    }

    /// Walks a path through a case as replay shows it, handing `show` each piece of text in turn: every scene
    /// on the path, continuation scenes included, and at each step the choices on offer (in the engine's order,
    /// which is the attempt's own shuffled order when the engine has its seed) with the one taken marked.
    /// Every step must be a choice on offer at that moment. Returns the state the path ends in.
    static func walk(
        _ choices: [ChoiceID], engine: Engine, strings: Strings, screen: PlayScreen, show: (String) -> Void
    ) throws(CommandError) -> CaseState {
        // The step last found on offer: a refusal after it is a move that failed, not a choice that was not there.
        var offeredStep = 0
        return try engine.walk(choices) { event throws(CommandError) in
            switch event {
            case .scene(let state):
                show("\n" + screen.scene(engine.paragraphs(of: state)))
            case .choosing(let step, let state, _, let pick):
                offeredStep = step
                show("\n" + screen.choices(engine.availableChoices(in: state), marking: pick.number))
                show(
                    screen.wrap(
                        strings("replay.step", ["step": String(step), "choice": pick.choice.text]),
                        indent: "    ", firstIndent: "> ") + "\n")
            case .refused(let step, _, _, let reason) where step == offeredStep:
                throw CommandError("step \(step): \(reason)")
            case .refused(let step, let state, let wanted, _):
                throw CommandError(
                    "step \(step): choice \(VisibleText.make(wanted.description)) was not on offer in scene '\(state.scene)'; the attempt does not fit this case")
            case .took, .settled:
                break
            }
        }
    }

    /// The case an attempt was played on: the library case with the attempt's id, or the one given with
    /// `--scenario`; refused when it is another case or another version of it (by fingerprint).
    static func caseOf(
        _ attempt: AttemptFile, file: String, arguments: ScannedArguments, context: inout AppContext
    ) throws(CommandError) -> (Scenario, ContentLibrary) {
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let casePath: String
        if let named = arguments.value("scenario") {
            casePath = try PlayCommand.resolve(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        } else {
            // The file's id names a library case and nothing else: never a path to open.
            guard Scenario.isValidName(attempt.scenario) else {
                throw CommandError(
                    "'\(file)' names its case as '\(VisibleText.make(attempt.scenario))', which is not a case id",
                    hint: "give the case with --scenario ID or --scenario PATH")
            }
            casePath = try PlayCommand.resolveLibraryID(
                attempt.scenario, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        }
        let loaded = loader.load(path: casePath)
        guard let scenario = loaded.scenario else {
            context.report(loaded.diagnostics, source: loaded.source, file: casePath, omitted: loaded.omitted.total)
            throw CommandError("the case '\(casePath)' has errors and cannot be replayed")
        }
        guard scenario.id == attempt.scenario else {
            throw CommandError("'\(file)' is an attempt at '\(VisibleText.make(attempt.scenario))', not at '\(scenario.id)'")
        }
        // The attempt must have been played on this version of the case, or its score would judge choices
        // against scenes the student never saw.
        let current = scenario.fingerprint
        if let recorded = attempt.fingerprint {
            guard recorded == current else {
                throw CommandError(
                    "'\(file)' was played on another version of '\(scenario.id)': the attempt records "
                        + "\(VisibleText.make(String(recorded.prefix(23)), keepNewlines: false))…, the case here is "
                        + "\(current.prefix(23))…",
                    hint: "replay it against the version it was played on: --scenario PATH-TO-THAT-VERSION")
            }
        } else {
            context.errors.writeLine(
                "warning: '\(file)' records no fingerprint of its case (it comes from an older Practicum, or was "
                    + "written by hand), so nothing shows it was played on this version of '\(scenario.id)'")
        }
        return (scenario, content)
    }
}
