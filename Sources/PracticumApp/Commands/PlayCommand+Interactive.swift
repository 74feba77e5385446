import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

// Interactive play outside a classroom session: resuming, the attempt's file, the session of prompts.
extension PlayCommand {
    // MARK: Interactive play

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
