import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum play [SCENARIO]`: play a case, interactively, from a pipe, or scripted.
enum PlayCommand: Command {
    static let name = "play"
    static let summary = "Play a case (with no case named, choose one from the library)."
    static let usage =
        "play [SCENARIO] [--mode practice|graded] [--choices 1,3,2] [--seed N] [--json] [--details] [--lang en|id]\n"
        + "       practicum play [CASE] --session DIR --student ID [--choices 1,3,2]"
    static let discussion = """
        SCENARIO is a case id from the library (see 'practicum list') or the path of a .scenario or .json file. \
        At the prompt, type a choice's number, or: notes (the case notes so far), plan (the intervention plan so far), \
        help, undo (practice mode only) or quit. Every choice is written to the attempt's file before the next scene \
        shows; Ctrl-D, Ctrl-C and quit leave it saved, and playing the same case again offers to resume. Finished \
        attempts are kept too: 'practicum attempts' lists them and 'practicum debrief' shows one again. On a terminal, each scene shows its \
        choices in an order shuffled for this attempt (from a seed saved with it); --seed fixes the order. On a \
        pipe, one choice number is read per line and scenes that only continue are passed without input. \
        --choices plays a scripted path: each item is the number of a choice as shown at that step (in written \
        order unless --seed is given) or a choice id such as walk-in#2 (the second choice written in scene \
        walk-in). Scripted play keeps no attempt file; once it reaches an ending it prints the command that plays \
        the same attempt again. If the case ends before the list does, the debrief of the steps played is shown, \
        then an error names the choices not used (exit 1).
        """
    static let options: [OptionSpec] = [
        .option("mode", valueName: "practice|graded", help: "practice: feedback at once, undo allowed (default); graded: feedback only at the end."),
        .option("choices", valueName: "list", help: "Play these choices in order, by shown number (1,3,2) or id (walk-in#2), without asking."),
        .option("seed", valueName: "n", help: "Shuffle each scene's choices from this seed (interactive play draws one)."),
        CommonOptions.json,
        .flag("details", help: "After the case, print the full debrief: every point, step by step."),
        .option("lang", valueName: "en|id", help: "The interface language (default: the case's language)."),
        .flag("resume", help: "Go on with the unfinished attempt at this case without asking."),
        .flag("restart", help: "Start a new attempt; an unfinished one is kept (see 'practicum attempts')."),
        .option("session", valueName: "dir", help: "Play in a classroom session: the session folder (with --student)."),
        .option("student", valueName: "id", help: "Your id on the session's roster (with --session)."),
        .option("code", valueName: "code", help: "Your session code, in a session with codes (otherwise play asks for it)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count <= 1 else {
            throw .usage("play takes one case, got \(arguments.positionals.count)", hint: "usage: practicum \(usage)")
        }
        let mode = try parseMode(arguments.value("mode"))
        let script = try arguments.value("choices").map { text throws(CommandError) in try parseChoices(text) }
        let seed = try parseSeed(arguments.value("seed"))
        if let session = arguments.value("session") {
            return try playInSession(session, arguments: arguments, script: script, seed: seed, context: &context)
        }
        if arguments.value("student") != nil {
            throw .usage("--student goes with --session DIR", hint: "practicum play --session DIR --student ID")
        }
        if arguments.value("code") != nil {
            throw .usage("--code goes with --session DIR", hint: "practicum play --session DIR --student ID --code CODE")
        }
        if arguments.flag("resume") && arguments.flag("restart") {
            throw .usage("--resume and --restart cannot be used together")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let path: String
        if let named = arguments.positionals.first {
            path = try resolve(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        } else {
            if script != nil || arguments.flag("json") {
                throw .usage("name the case to play with --choices or --json", hint: "for example: practicum play \(exampleID(context)) --choices 1,2")
            }
            let menuLanguage = arguments.value("lang").flatMap { language in content.strings[language] != nil ? language : nil } ?? "en"
            guard let chosen = try chooseFromLibrary(loader: loader, scenarios: arguments.value("scenarios"), content: content, language: menuLanguage, context: &context) else {
                return ExitCode.success
            }
            path = chosen
        }
        let result = loader.load(path: path)
        guard let scenario = result.scenario else {
            context.report(result.diagnostics, source: result.source, file: path, omitted: result.omitted.total)
            throw CommandError(
                "'\(path)' has errors and cannot be played", hint: "run 'practicum check \(path)' to see them all")
        }
        let language = try parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        var output = OutputOptions(json: arguments.flag("json"), details: arguments.flag("details"))
        output.canOfferDetails = context.inputIsTerminal
        if let script {
            // Scripts keep the written order unless a seed is given, so existing scripts and test plans still work.
            let engine = Engine(scenario: scenario, order: seed.map { .shuffled(seed: $0) } ?? .written)
            // Scripted play keeps no attempt file: what plays this attempt again is the same command, by choice id.
            var again = "\(context.commandName) play \(shellWord(arguments.positionals.first ?? scenario.id))"
            if mode == .graded { again += " --mode graded" }
            if let seed { again += " --seed \(seed)" }
            for option in ["lang", "content", "scenarios"] {
                if let value = arguments.value(option) { again += " --\(option) \(shellWord(value))" }
            }
            return try playScripted(
                script, engine: engine, mode: mode, output: output, strings: strings, content: content,
                againCommand: again, context: &context)
        }
        return playSession(
            scenario: scenario, named: arguments.positionals.first ?? scenario.id, seed: seed, mode: mode, output: output, strings: strings, content: content,
            arguments: arguments, context: &context)
    }

    /// What the end of play prints: the JSON result, or the debrief (with every item when `details`).
    struct OutputOptions {
        var json: Bool
        var details: Bool
        /// Whether a person at a terminal can be asked, after the first screen, for every point.
        var canOfferDetails = false
        /// Whether feedback follows each choice; nil: as the mode has it (practice mode does).
        var immediateFeedback: Bool?
        /// Said at the end instead of the debrief, when the debrief is held back.
        var heldMessage: String?
        /// Said instead of a debrief when play stops before an ending (session play shows no partial score).
        var unfinishedMessage: String?
        /// Scripted play: the items of `--choices` left over when the case ended (in the JSON result).
        var unusedChoices: [String]?
        /// Whether the debrief ends with the general hint on how to see every point (scripted play names
        /// its own command instead).
        var detailsHint = true
    }

    /// The reflections written in an attempt file, by the step they went with (read as a stream, keeping only
    /// those shown).
    static func reflections(in url: URL?) -> [(step: Int, text: String)] {
        guard let url, let log = try? AttemptLog.read(file: url.path, reflections: .capped).log else { return [] }
        return log.standing.enumerated().compactMap { index, step in step.reflection.map { (index + 1, $0) } }
    }

    /// Whether the state rests in an ending (after any scenes that only continue).
    static func isEnded(_ state: CaseState, engine: Engine) -> Bool {
        if case .ended = engine.status(of: engine.autoContinue(state).state) { return true }
        return false
    }

    /// One item of `--choices`: a number as shown at that step, or a choice id.
    typealias ScriptStep = PathChoice

    /// Scores the path and shows the debrief (or prints the JSON result).
    static func finish(
        _ state: CaseState, engine: Engine, mode: PlayMode, output options: OutputOptions, undone: [UndoneChoice],
        strings: Strings, screen: PlayScreen, content: ContentLibrary, reflections: [(step: Int, text: String)] = [],
        context: inout AppContext
    ) throws(CommandError) {
        if let unfinished = options.unfinishedMessage, !isEnded(state, engine: engine) {
            // A session attempt that stops before its ending shows no score: it goes on later.
            context.output.write("\n" + screen.wrap(unfinished) + "\n")
            return
        }
        if let held = options.heldMessage {
            // The instructor holds the debrief back (a session with released feedback, not yet released).
            if isEnded(state, engine: engine) { context.output.write("\n" + screen.wrap(held) + "\n") }
            return
        }
        let scorer = try context.scorer(for: engine.scenario, content: content, language: strings.language)
        let report = scorer.score(state, undone: undone)
        if options.json {
            var result = PlayResult(scenario: engine.scenario, state: state, mode: mode, engine: engine, score: report, undone: undone)
            result.unusedChoices = options.unusedChoices
            context.output.write(JSONOutput.string(result))
            return
        }
        let stronger = mode == .practice ? scorer.strongerAlternative(for: state.choicesTaken) : nil
        let debrief = Debrief(strings: strings, screen: screen, content: content)
        let pages = debrief.render(state: state, engine: engine, report: report, stronger: stronger)
        context.output.write(pages.summary)
        if !reflections.isEmpty {
            // What the student wrote before choosing: shown back, never scored.
            var block = "\n" + screen.styled(strings("debrief.reflections"), .bold) + "\n"
            for (step, text) in reflections {
                block += screen.wrap(text, indent: "    ", firstIndent: strings("debrief.reflection.step", ["step": String(step)]) + " ") + "\n"
            }
            context.output.write(block)
        }
        if options.details {
            context.output.write(pages.details)
        } else if options.canOfferDetails {
            debrief.offer(pages.details, context: &context)
        } else if options.detailsHint {
            context.output.write("\n" + screen.wrap(strings("debrief.detailsHint")) + "\n")
        }
    }
}
