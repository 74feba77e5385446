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

    /// The reflections written in an attempt file, by the step they went with.
    static func reflections(in url: URL?) -> [(step: Int, text: String)] {
        guard let url, let data = FileManager.default.contents(atPath: url.path),
            let log = try? AttemptLog.read(data).log
        else { return [] }
        return log.standing.enumerated().compactMap { index, step in step.reflection.map { (index + 1, $0) } }
    }

    /// Whether the state rests in an ending (after any scenes that only continue).
    static func isEnded(_ state: CaseState, engine: Engine) -> Bool {
        if case .ended = engine.status(of: engine.autoContinue(state).state) { return true }
        return false
    }

    /// One item of `--choices`: a number as shown at that step, or a choice's id.
    enum ScriptStep: Equatable, CustomStringConvertible {
        case number(Int)
        case id(ChoiceID)

        var description: String {
            switch self {
            case .number(let number): return String(number)
            case .id(let id): return id.description
            }
        }
    }

    // MARK: Arguments

    static func parseMode(_ text: String?) throws(CommandError) -> PlayMode {
        guard let text else { return .practice }
        guard let mode = PlayMode(rawValue: text) else {
            throw .usage("unknown mode '\(text)'; use 'practice' or 'graded'")
        }
        return mode
    }

    static func parseChoices(_ text: String) throws(CommandError) -> [ScriptStep] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var steps: [ScriptStep] = []
        for (index, piece) in pieces.enumerated() {
            if piece.contains("#"), let id = AttemptFile.parse(piece) {
                steps.append(.id(id))
                continue
            }
            guard !piece.isEmpty, piece.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(piece), number >= 1 else {
                throw .usage(
                    "--choices: '\(piece)' (item \(index + 1)) is not a choice number or a choice id",
                    hint: "write numbers or ids separated by commas, e.g. --choices 1,3,2 or --choices walk-in#1,his-story#2")
            }
            steps.append(.number(number))
        }
        return steps
    }

    static func parseLanguage(_ text: String?, scenario: Scenario, content: ContentLibrary) throws(CommandError) -> String {
        guard let text else { return content.strings[scenario.header.language] != nil ? scenario.header.language : "en" }
        guard content.languages.contains(where: { $0.id == text }) else {
            throw .usage("unknown interface language '\(text)'; use one of: " + content.languages.map(\.id).joined(separator: ", "))
        }
        return text
    }

    static func exampleID(_ context: AppContext) -> String { "CASE-ID" }

    /// A whole number of runs or attempts: digits only, within `range`.
    static func parseCount(_ text: String?, option: String, default fallback: Int, range: ClosedRange<Int>)
        throws(CommandError) -> Int
    {
        guard let text else { return fallback }
        guard text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let number = Int(text), range.contains(number) else {
            throw .usage("--\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// A seed: digits only, 0 to 18446744073709551615.
    static func parseSeed(_ text: String?) throws(CommandError) -> UInt64? {
        guard let text else { return nil }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let seed = UInt64(text) else {
            throw .usage("--seed takes a whole number from 0 to \(UInt64.max), got '\(text)'")
        }
        return seed
    }

    /// A path to a file, or a library id.
    static func resolve(_ named: String, loader: ScenarioLoader, scenarios: String?, context: AppContext) throws(CommandError) -> String {
        guard !named.isEmpty else {
            throw .usage("the case is an empty name", hint: "name a case id from 'practicum list' or a .scenario file")
        }
        let asPath = context.url(forPath: named).path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: asPath, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw CommandError("'\(named)' is a folder, not a case file") }
            return asPath
        }
        if named.hasSuffix(".scenario") || named.hasSuffix(".json") || named.contains("/") {
            throw CommandError("no such file: '\(named)'")
        }
        return try resolveLibraryID(named, loader: loader, scenarios: scenarios, context: context)
    }

    /// The path of the library case with this id; never reads a path from `id`.
    static func resolveLibraryID(
        _ named: String, loader: ScenarioLoader, scenarios: String?, context: AppContext
    ) throws(CommandError) -> String {
        let directory: URL
        do {
            directory = try context.locator.scenariosDirectory(explicit: scenarios)
        } catch {
            throw CommandError(error.description)
        }
        let library = CaseLibrary.load(from: directory, loader: loader)
        if let entry = library.entry(id: named) { return entry.path }
        if let broken = library.broken.first(where: { URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent == named }) {
            return broken.path
        }
        let suggestion = closestMatch(to: named, in: library.entries.map(\.id))
        throw CommandError(
            "no case '\(named)' in the library (\(directory.path))",
            hint: suggestion.map { "did you mean '\($0)'? " } ?? "" + "run 'practicum list' to see the cases")
    }

    /// The library menu; nil when the student leaves without choosing.
    static func chooseFromLibrary(
        loader: ScenarioLoader, scenarios: String?, content: ContentLibrary, language: String, context: inout AppContext
    ) throws(CommandError) -> String? {
        let directory: URL
        do {
            directory = try context.locator.scenariosDirectory(explicit: scenarios)
        } catch {
            throw CommandError(error.description)
        }
        let library = CaseLibrary.load(from: directory, loader: loader)
        let strings = Strings(content: content, language: language)
        guard !library.entries.isEmpty else {
            throw CommandError("the library at \(directory.path) has no playable cases")
        }
        // Grouped by level, the interface language's cases first in each level, numbered straight through. A
        // case with a content warning is marked in the list, and its warning is shown in full, with a chance to
        // go back, before it starts: twelve warnings written out would push the top of the menu off a 24-line
        // screen.
        let ordered = library.grouped(content: content, languageFirst: language)
        let entries = ordered.flatMap(\.entries)
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
        let width = String(entries.count).count
        let indent = String(repeating: " ", count: width + 4)
        var menu = strings("menu.title") + "\n"
        var number = 0
        for group in ordered {
            let level = content.levels.first { $0.id == group.level }?.name(in: language) ?? group.level
            let caseLanguage = content.languages.first { $0.id == group.language }?.name(in: language) ?? group.language
            menu += screen.styled("\(level) · \(caseLanguage)", .bold) + "\n"
            for entry in group.entries {
                number += 1
                let minutes = entry.minutes.map { " (" + strings("menu.minutes", ["minutes": String($0)]) + ")" } ?? ""
                let label = String(repeating: " ", count: width - String(number).count) + String(number) + ". "
                menu += TextWrapper.wrap(
                    VisibleText.make(entry.title + minutes) + (entry.contentWarning == nil ? "" : " ⚠"),
                    width: context.textWidth, indent: indent, firstIndent: "  " + label
                ).joined(separator: "\n") + "\n"
            }
        }
        if entries.contains(where: { $0.contentWarning != nil }) {
            menu += screen.wrap(strings("menu.warningLegend")) + "\n"
        }
        context.output.write(menu)
        while true {
            context.output.write(strings("menu.prompt", ["count": String(entries.count)]) + " ")
            guard let line = context.input.readLine() else {
                context.output.write("\n")
                return nil
            }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if ["quit", "q", "keluar", "exit"].contains(word) { return nil }
            let chosen: CaseLibrary.Entry?
            if let number = Int(word), (1...entries.count).contains(number) {
                chosen = entries[number - 1]
            } else {
                chosen = library.entry(id: word)
            }
            guard let chosen else {
                context.output.writeLine(strings("menu.hint", ["count": String(entries.count)]))
                continue
            }
            guard let warning = chosen.contentWarning else { return chosen.path }
            context.output.write(
                "\n" + screen.styled(VisibleText.make(chosen.title, keepNewlines: false), .bold) + "\n"
                    + screen.wrap(strings("menu.contentWarning", ["warning": warning]), indent: "  ", firstIndent: "⚠ ")
                    + "\n" + screen.wrap(strings("menu.confirm")) + " ")
            guard let answer = context.input.readLine() else {
                context.output.write("\n")
                return nil
            }
            let reply = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if reply.isEmpty { return chosen.path }
            if ["quit", "q", "keluar", "exit"].contains(reply) { return nil }
            context.output.write("\n" + menu)
        }
    }

    // MARK: Playing

    /// Plays `script`, shows the transcript (or nothing, with `--json`) and the debrief (or the JSON result).
    ///
    /// A script longer than the path is not an error of the path: when the case ends with items left, the
    /// debrief of the steps played is shown all the same, then an error names the items not used (exit 1).
    /// `againCommand` (solo play, which keeps no attempt file) is the command up to `--choices`: once the case
    /// has ended, the output ends with the exact command that plays this attempt again, by choice id.
    static func playScripted(
        _ script: [ScriptStep], engine: Engine, mode: PlayMode, output options: OutputOptions, strings: Strings,
        content: ContentLibrary, from start: CaseState? = nil, player: SessionPlayer? = nil,
        againCommand: String? = nil, context: inout AppContext
    ) throws(CommandError) -> Int32 {
        // A session's player takes each step and writes it; solo scripted play keeps no file.
        var player = player
        var options = options
        let json = options.json
        let immediate = options.immediateFeedback ?? (mode == .practice)
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: !json && context.colorOutput)
        let output = context.output
        // The scorer is built on another thread while the steps are taken and their text is laid out; the
        // text is written once it is there, each step with its feedback.
        let scorer = try context.scorerLater(for: engine.scenario, content: content, language: strings.language)
        /// What to write, in order: text, or what a step's events showed with the immediate feedback on the
        /// state after it (practice mode).
        enum Piece {
            case text(String)
            case step(shown: String, feedbackOn: CaseState?)
        }
        var pieces: [Piece] = []
        func write(_ text: String) { if !json { pieces.append(.text(text)) } }
        /// Shows the current scene, passing (and showing) scenes that only continue.
        func showAndContinue(_ state: CaseState) -> CaseState {
            var state = state
            while true {
                write("\n" + screen.scene(engine.paragraphs(of: state)))
                guard case .continuing = engine.status(of: state), let next = try? engine.continue(from: state) else {
                    return state
                }
                state = next.state
            }
        }
        write(screen.title(of: engine.scenario, mode: mode))
        var state = start ?? engine.start().state
        var failure: CommandError?
        /// Where the case ended with script items left: the first unused item (0-based).
        var unusedFrom: Int?
        steps: for (index, step) in script.enumerated() {
            state = showAndContinue(state)
            let choices: [AvailableChoice]
            switch engine.status(of: state) {
            case .choosing(let offered):
                choices = offered
            case .ended:
                unusedFrom = index
                break steps
            case .stuck, .continuing:
                failure = CommandError(
                    "step \(index + 1): the case is stuck in scene '\(state.scene)' (no choice is on offer), but --choices has \(script.count - index) more",
                    hint: "a fault in the case: run 'practicum check' on it")
                break steps
            }
            let found: AvailableChoice?
            switch step {
            case .number(let number): found = choices.first { $0.number == number }
            case .id(let id): found = choices.first { $0.id == id }
            }
            guard let chosen = found else {
                let list = choices.map { "  \($0.number). \(VisibleText.make($0.choice.text, keepNewlines: false)) [\($0.id)]" }
                    .joined(separator: "\n")
                let what: String
                switch step {
                case .number(let number):
                    what = "there is no choice \(number); \(choices.count == 1 ? "only 1 is" : "1-\(choices.count) are") available"
                case .id(let id): what = "choice \(id) is not on offer here; these are"
                }
                failure = CommandError("step \(index + 1) (scene '\(state.scene)'): \(what):\n\(list)")
                break
            }
            write("\n" + screen.choices(choices) + "\n> \(chosen.number)\n")
            let next: (state: CaseState, events: [Event])
            if player != nil {
                do {
                    _ = try player!.choose(chosen.id)
                } catch {
                    if case .notSaved(let problem) = error {
                        failure = CommandError(
                            "step \(index + 1) could not be saved, so it was not taken: \(VisibleText.make(problem, keepNewlines: false))")
                    } else {
                        failure = CommandError("step \(index + 1): \(error)")
                    }
                    break
                }
                next = (player!.state, player!.lastEvents)
            } else {
                do {
                    next = try engine.choose(id: chosen.id, in: state)
                } catch {
                    failure = CommandError("step \(index + 1): \(error)")
                    break
                }
            }
            state = next.state
            let shown = screen.events(next.events, scenario: engine.scenario, showFeedback: immediate)
            if !json { pieces.append(.step(shown: shown, feedbackOn: immediate ? state : nil)) }
        }
        if failure == nil { state = showAndContinue(state) }
        let debrief = Debrief(strings: strings, screen: screen, content: content)
        for piece in pieces {
            switch piece {
            case .text(let text): output.write(text)
            case .step(var shown, let after):
                if let after { shown += debrief.immediate(scorer.value.score(after), step: after.path.count) }
                if !shown.isEmpty { output.write("\n" + shown) }
            }
        }
        if let failure { throw failure }
        if let unusedFrom { options.unusedChoices = script[unusedFrom...].map(\.description) }
        let ended = isEnded(state, engine: engine)
        if againCommand != nil && ended { options.detailsHint = false }
        try finish(
            state, engine: engine, mode: mode, output: options, undone: [], strings: strings, screen: screen,
            content: content, context: &context)
        if let againCommand, ended {
            let command = againCommand + " --choices " + state.path.map(\.choice.description).joined(separator: ",") + " --details"
            // The command on a line of its own, never wrapped, so that it can be copied whole.
            let text = "\n" + screen.wrap(strings("play.scripted.again")) + "\n  " + command + "\n"
            (json ? context.errors : output).write(text)
        }
        if let unusedFrom {
            let first = unusedFrom + 1
            let items = first == script.count ? "choice \(first) of --choices was" : "choices \(first)-\(script.count) of --choices were"
            let outcome = engine.scenario.scene(named: state.scene)?.ending.map { ", outcome \($0)" } ?? ""
            let steps = state.path.count
            let shorten = unusedFrom == 0 ? "Leave --choices out" : "End the list at item \(unusedFrom)"
            throw CommandError(
                "\(items) not used: the case ended at step \(steps) (scene '\(state.scene)'\(outcome))",
                hint: "The attempt is the \(steps) step\(steps == 1 ? "" : "s") played, up to the ending. \(shorten), "
                    + "or check the path: the case may end sooner than the script expects.")
        }
        return ExitCode.success
    }

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

    static func playSession(
        scenario: Scenario, named: String, seed: UInt64?, mode: PlayMode, output options: OutputOptions, strings: Strings,
        content: ContentLibrary, arguments: ScannedArguments, context: inout AppContext
    ) -> Int32 {
        let json = options.json
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: !json && context.colorOutput)
        let store = AttemptStore(environment: context.environment)
        // With --json, the game itself is shown on standard error, so that standard output holds the result only.
        let resultOutput = context.output
        if json { context.output = context.errors }
        // A new attempt on a terminal gets its own shuffled order; a pipe keeps the written one unless seeded.
        let order: ChoiceOrder = seed.map { .shuffled(seed: $0) }
            ?? (context.inputIsTerminal ? .shuffled(seed: context.drawSeed()) : .written)
        var engine = Engine(scenario: scenario, order: order)
        var (state, _) = engine.start()
        var undone: [UndoneChoice] = []
        let fingerprint = Deferred { scenario.fingerprint }
        let caseWord = shellWord(named)
        let modeWords = mode == .graded ? " --mode graded" : ""
        let resumeCommand = "\(context.commandName) play \(caseWord)\(modeWords) --resume"
        let listCommand = "\(context.commandName) attempts \(caseWord)"
        migrateSavedGame(scenario: scenario, mode: mode, store: store, environment: context.environment)
        var recorder: AttemptRecorder?
        /// Says why the latest attempt is not gone on with; it stays as it is.
        func setAside(_ key: String, _ arguments: [String: String]) {
            context.output.write(screen.wrap(strings(key, arguments)) + "\n")
        }
        switch store.latestSolo(scenario: scenario, mode: mode, fingerprint: { fingerprint.value }) {
        case .none:
            break
        case .resumable(let url, let reading, let resumedEngine, let resumedState):
            let steps = reading.log.choices.count
            let answer: ResumeAnswer
            if arguments.flag("resume") {
                answer = .resume
            } else if arguments.flag("restart") {
                answer = .startNew
            } else if context.inputIsTerminal {
                answer = askToResume(steps: steps, strings: strings, listCommand: listCommand, context: &context)
            } else {
                // A pipe is never asked: it plays a new attempt, and the unfinished one stays.
                answer = .startNew
            }
            switch answer {
            case .leave:
                setAside("play.resume.kept", ["command": resumeCommand])
                return ExitCode.success
            case .startNew:
                setAside("play.resume.otherKept", ["command": resumeCommand])
            case .resume:
                do {
                    recorder = try AttemptRecorder(resuming: url, reading: reading)
                } catch {
                    context.errors.writeLine("error: \(VisibleText.make(error.message, keepNewlines: false))")
                    return ExitCode.failure
                }
                // A resumed attempt keeps the order it was shown in, whatever --seed says.
                engine = resumedEngine
                state = resumedState
                undone = reading.log.undone(in: scenario)
                if reading.droppedTornLine { setAside("play.resume.torn", [:]) }
                context.output.writeLine(strings(steps == 1 ? "play.resume.done.one" : "play.resume.done", ["steps": String(steps)]))
            }
        case .changed(let url, let steps, let recorded):
            setAside(
                "play.resume.changed",
                ["steps": String(steps), "file": url.lastPathComponent, "recorded": String(recorded.prefix(19)),
                 "current": String(fingerprint.value.prefix(19))])
        case .unreadable(let url, let problem):
            setAside("play.resume.unreadable", ["file": url.path, "problem": VisibleText.make(problem.description, keepNewlines: false)])
        case .doesNotFit(let url, let steps, let reason):
            setAside(
                "play.resume.failed",
                ["steps": String(steps), "file": url.lastPathComponent, "reason": VisibleText.make(reason, keepNewlines: false)])
        }
        if recorder == nil {
            let newEngine = engine
            recorder = AttemptRecorder(newAttemptAt: store.newFileURL(caseID: scenario.id, mode: mode.rawValue)) {
                AttemptLog.Header(caseID: scenario.id, caseHash: fingerprint.value, seed: newEngine.order.seed, mode: mode.rawValue)
            }
        }
        context.output.write(screen.title(of: scenario, mode: mode))
        let scorer: Deferred<Scorer>?
        do {
            // Built on another thread from now on: the first prompt does not wait for it, and the debrief at the
            // end (in either mode) takes it from the cache.
            let later = try context.scorerLater(for: scenario, content: content, language: strings.language)
            scorer = mode == .practice ? later : nil
        } catch {
            context.errors.writeLine("error: \(error.message)")
            return error.exitCode
        }
        var session = PlaySession(
            engine: engine, content: content, strings: strings, mode: mode, screen: screen,
            interactive: context.inputIsTerminal, recorder: recorder, resumeCommand: resumeCommand, scorer: scorer)
        session.undone = undone
        // Every choice is on the disk before the next scene is shown, so Ctrl-C only has to say so.
        context.sayOnInterrupt(strings("play.saved", ["command": resumeCommand]))
        switch session.run(from: state, context: &context) {
        case .finished(let final, let undone):
            context.output = resultOutput
            session.screen.width = context.textWidth
            do {
                try finish(
                    final, engine: engine, mode: mode, output: options, undone: undone, strings: strings,
                    screen: session.screen, content: content, reflections: reflections(in: recorder?.url), context: &context)
            } catch {
                context.errors.writeLine("error: \(error.message)")
                return error.exitCode
            }
            if let recorder, recorder.hasFile {
                let name = recorder.url.deletingPathExtension().lastPathComponent
                let hint = session.screen.wrap(strings("play.kept", ["command": "\(context.commandName) debrief \(name)"]))
                (json ? context.errors : context.output).write("\n" + hint + "\n")
            }
            return ExitCode.success
        case .saved:
            return ExitCode.success
        case .notSaved:
            return ExitCode.failure
        case .stuck:
            return ExitCode.failure
        }
    }
}
