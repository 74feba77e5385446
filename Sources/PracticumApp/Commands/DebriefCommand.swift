import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumTerminal

/// `practicum debrief ATTEMPT`: a finished attempt's debrief, again.
enum DebriefCommand: Command {
    static let name = "debrief"
    static let summary = "Show a finished attempt's debrief again."
    static let usage = "debrief ATTEMPT [--details] [--json] [--lang en|id]"
    static let discussion = """
        ATTEMPT is a name from 'practicum attempts' (or the start of one that fits only one attempt), or the path \
        of an attempt file. The choices are replayed through the case (the library case with the attempt's id, or \
        --scenario), which must be the version the attempt was played on, and scored again: nothing in the file \
        but the choices is trusted.
        """
    static let options: [OptionSpec] = [
        .option("scenario", valueName: "case", help: "The case the attempt was played on (default: the library case with its id)."),
        .flag("details", help: "Print every point, step by step, after the first screen."),
        CommonOptions.json,
        .option("lang", valueName: "en|id", help: "The interface language (default: the case's language)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let named = arguments.positionals.first, !named.isEmpty else {
            throw .usage("name one attempt", hint: "'practicum attempts' lists them; usage: practicum \(usage)")
        }
        let url = try locate(named, context: context)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandError("cannot read '\(url.path)'")
        }
        let attempt: AttemptFile
        do {
            attempt = try AttemptFile(data: data)
        } catch {
            throw CommandError("'\(url.lastPathComponent)' is not an attempt: \(VisibleText.make(error.message, keepNewlines: false))")
        }
        let (scenario, content) = try ReplayCommand.caseOf(attempt, file: url.lastPathComponent, arguments: arguments, context: &context)
        let engine = Engine(scenario: scenario, order: attempt.seed.map { .shuffled(seed: $0) } ?? .written)
        let state: CaseState
        do {
            state = engine.autoContinue(try engine.replay(attempt.choices)).state
        } catch {
            throw CommandError("'\(url.lastPathComponent)' does not fit '\(scenario.id)': \(error)")
        }
        guard case .ended = engine.status(of: state) else {
            throw CommandError(
                "'\(url.lastPathComponent)' has not reached an ending yet (\(attempt.choices.count) choices made)",
                hint: "'\(context.commandName) play \(scenario.id)\(attempt.mode == .graded ? " --mode graded" : "") --resume' goes on with it")
        }
        let language = try PlayCommand.parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        let json = arguments.flag("json")
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: !json && context.colorOutput)
        var output = PlayCommand.OutputOptions(json: json, details: arguments.flag("details"))
        output.canOfferDetails = context.inputIsTerminal
        try PlayCommand.finish(
            state, engine: engine, mode: attempt.mode, output: output, undone: attempt.undone, strings: strings,
            screen: screen, content: content, reflections: PlayCommand.reflections(in: url), context: &context)
        return ExitCode.success
    }

    /// The attempt file a name means: a path to a file, or a name (or the start of exactly one) in the store.
    static func locate(_ named: String, context: AppContext) throws(CommandError) -> URL {
        let asPath = context.url(forPath: named)
        var isFolder: ObjCBool = false
        if named.contains("/") || named.hasSuffix("." + AttemptStore.fileExtension) {
            guard FileManager.default.fileExists(atPath: asPath.path, isDirectory: &isFolder), !isFolder.boolValue else {
                throw CommandError("there is no attempt file '\(named)'")
            }
            return asPath
        }
        let entries = AttemptStore(environment: context.environment).entries()
        if let exact = entries.first(where: { $0.name == named }) { return exact.url }
        let matches = entries.filter { $0.name.hasPrefix(named) }
        guard matches.count == 1, let only = matches.first else {
            throw CommandError(
                matches.isEmpty
                    ? "there is no attempt '\(VisibleText.make(named, keepNewlines: false))'"
                    : "'\(VisibleText.make(named, keepNewlines: false))' fits \(matches.count) attempts: "
                        + matches.suffix(5).map(\.name).joined(separator: ", "),
                hint: "'\(context.commandName) attempts' lists them")
        }
        return only.url
    }
}
