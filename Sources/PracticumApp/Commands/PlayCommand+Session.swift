import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum play --session DIR --student ID`: a student's attempt in a classroom session.
extension PlayCommand {
    /// A student's attempts at one case of a session, as the attempts folder holds them.
    struct StudentAttempts {
        /// Files that read, oldest first.
        var readable: [(url: URL, reading: AttemptLog.Reading)]
        /// Files named for this student and case that cannot be read: they count as used attempts.
        var unreadable: [(url: URL, problem: AttemptLog.Problem)]

        var count: Int { readable.count + unreadable.count }

        /// Every attempt file in the folder that is this student's at this case in this session.
        init(store: AttemptStore, session: Session, student: String, caseID: String) {
            readable = []
            unreadable = []
            let prefix = "\(student)--\(caseID)--"
            for entry in store.entries() {
                switch entry.reading {
                case .success(let reading):
                    let header = reading.log.header
                    if header.student == student && header.caseID == caseID && header.session == session.id {
                        readable.append((entry.url, reading))
                    }
                case .failure(let problem):
                    if entry.name.hasPrefix(prefix) { unreadable.append((entry.url, problem)) }
                }
            }
        }
    }

    static func playInSession(
        _ folderPath: String, arguments: ScannedArguments, script: [ScriptStep]?, seed: UInt64?, context: inout AppContext
    ) throws(CommandError) -> Int32 {
        guard arguments.value("mode") == nil else {
            throw .usage("--mode cannot be used with --session: the session sets the mode")
        }
        guard !arguments.flag("json") else {
            throw .usage("--json cannot be used with --session: 'practicum grade' gives the class's results")
        }
        guard !arguments.flag("resume") && !arguments.flag("restart") else {
            throw .usage("--resume and --restart are not needed with --session: an unfinished attempt always goes on")
        }
        guard let student = arguments.value("student"), !student.isEmpty else {
            throw .usage("name the student with --student ID", hint: "the id on the session's roster")
        }
        let (session, folder) = try context.session(at: folderPath)
        // The roster, or (in a copy handed to students without it) the manifest's keys of the roster's ids.
        let onRoster = try context.roster(of: folder).map { $0.student(id: student) != nil }
            ?? session.studentKeys.contains(session.studentKey(student))
        guard onRoster else {
            throw CommandError(
                "'\(VisibleText.make(student, keepNewlines: false))' is not on the roster of session '\(session.id)'",
                hint: "check the id with your instructor; nothing was changed")
        }
        // The case: the one named, or the session's only one.
        let sessionCase: Session.Case
        if let named = arguments.positionals.first {
            guard let found = session.case(id: named) else {
                throw CommandError(
                    "session '\(session.id)' has no case '\(VisibleText.make(named, keepNewlines: false))'; its cases: "
                        + session.cases.map(\.id).joined(separator: ", "))
            }
            sessionCase = found
        } else {
            guard session.cases.count == 1, let only = session.cases.first else {
                throw .usage(
                    "session '\(session.id)' has \(session.cases.count) cases; name one: "
                        + session.cases.map(\.id).joined(separator: ", "),
                    hint: "practicum play CASE --session \(shellWord(folderPath)) --student \(student)")
            }
            sessionCase = only
        }
        let caseURL = folder.appendingPathComponent(sessionCase.file)
        guard let source = FileManager.default.contents(atPath: caseURL.path),
            Session.sha256(source) == sessionCase.sha256
        else {
            throw CommandError(
                "the session's copy of '\(sessionCase.id)' (\(sessionCase.file)) is missing or has changed since the session was made",
                hint: "ask your instructor; nothing was changed")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loaded = ScenarioLoader(content: content).load(path: caseURL.path)
        guard let scenario = loaded.scenario, scenario.fingerprint == sessionCase.fingerprint else {
            throw CommandError("the session's copy of '\(sessionCase.id)' does not load as it did when the session was made")
        }
        let mode = session.playMode ?? .graded
        let language = try parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        var output = OutputOptions(json: false, details: arguments.flag("details"))
        output.canOfferDetails = context.inputIsTerminal
        output.immediateFeedback = session.feedback == .immediate
        if session.feedback == .released && !session.released {
            output.heldMessage = strings("session.held")
        }

        // Which attempt: the unfinished one if there is one, else a new one if any are left.
        let store = AttemptStore(directory: folder.appendingPathComponent(Session.attemptsFolder))
        let mine = StudentAttempts(store: store, session: session, student: student, caseID: scenario.id)
        var resumed: (url: URL, reading: AttemptLog.Reading, engine: Engine, state: CaseState)?
        var finished: (reading: AttemptLog.Reading, engine: Engine, state: CaseState)?
        if let (url, reading) = mine.readable.last, reading.log.header.caseHash == sessionCase.fingerprint {
            let log = reading.log
            let engine = Engine(scenario: scenario, order: log.header.seed.map { .shuffled(seed: $0) } ?? .written)
            if let state = try? engine.replay(log.choices) {
                let settled = engine.autoContinue(state).state
                if case .ended = engine.status(of: settled) {
                    finished = (reading, engine, settled)
                } else {
                    resumed = (url, reading, engine, state)
                }
            }
        }
        let recorder: AttemptRecorder
        let engine: Engine
        let state: CaseState
        var undone: [UndoneChoice] = []
        if let resumed {
            do {
                recorder = try AttemptRecorder(resuming: resumed.url, reading: resumed.reading)
            } catch {
                throw CommandError(VisibleText.make(error.message, keepNewlines: false))
            }
            engine = resumed.engine
            state = resumed.state
            undone = resumed.reading.log.undone(in: scenario)
            let steps = resumed.reading.log.choices.count
            if resumed.reading.droppedTornLine { context.output.writeLine(strings("play.resume.torn")) }
            context.output.writeLine(strings(steps == 1 ? "play.resume.done.one" : "play.resume.done", ["steps": String(steps)]))
        } else {
            if mine.count >= session.attempts, let finished, script == nil {
                // Nothing left to play: show the last attempt's debrief again (or say it is still held).
                context.output.writeLine(strings("session.used", ["count": String(mine.count)]))
                let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
                try finish(
                    finished.state, engine: finished.engine, mode: mode, output: output,
                    undone: finished.reading.log.undone(in: scenario), strings: strings, screen: screen, content: content,
                    context: &context)
                return ExitCode.success
            }
            guard mine.count < session.attempts else {
                throw CommandError(
                    "\(student) has used \(mine.count == 1 ? "the" : "all \(mine.count)") attempt\(mine.count == 1 ? "" : "s") "
                        + "allowed at '\(scenario.id)' in session '\(session.id)'",
                    hint: "nothing was changed; your instructor can allow more")
            }
            let order: ChoiceOrder = seed.map { .shuffled(seed: $0) }
                ?? (context.inputIsTerminal ? .shuffled(seed: context.drawSeed()) : .written)
            engine = Engine(scenario: scenario, order: order)
            state = engine.start().state
            let url = store.newFileURL(caseID: scenario.id, mode: mode.rawValue, student: student, number: mine.count + 1)
            let header = AttemptLog.Header(
                caseID: scenario.id, caseHash: sessionCase.fingerprint, seed: order.seed, mode: mode.rawValue,
                student: student, session: session.id)
            recorder = AttemptRecorder(newAttemptAt: url) { header }
            if !mine.unreadable.isEmpty {
                context.errors.writeLine(
                    "warning: \(mine.unreadable.count) attempt file(s) of yours cannot be read and are kept as they are: "
                        + mine.unreadable.map(\.url.lastPathComponent).joined(separator: ", "))
            }
        }

        let resumeCommand = "\(context.commandName) play \(session.cases.count > 1 ? scenario.id + " " : "")--session \(shellWord(folderPath)) --student \(shellWord(student))"
        output.unfinishedMessage = strings("play.saved", ["command": resumeCommand])
        if let script {
            return try playScripted(
                script, engine: engine, mode: mode, output: output, strings: strings, content: content, from: state,
                recorder: recorder, context: &context)
        }
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
        context.output.write(screen.title(of: scenario, mode: mode))
        let scorer: Deferred<Scorer>?
        do {
            let later = try context.scorerLater(for: scenario, content: content, language: strings.language)
            scorer = output.immediateFeedback == true ? later : nil
        } catch {
            throw CommandError(error.message)
        }
        var play = PlaySession(
            engine: engine, content: content, strings: strings, mode: mode, screen: screen,
            interactive: context.inputIsTerminal, recorder: recorder, resumeCommand: resumeCommand, scorer: scorer)
        play.undone = undone
        play.immediateFeedback = output.immediateFeedback
        context.sayOnInterrupt(strings("play.saved", ["command": resumeCommand]))
        switch play.run(from: state, context: &context) {
        case .finished(let final, let undone):
            play.screen.width = context.textWidth
            try finish(
                final, engine: engine, mode: mode, output: output, undone: undone, strings: strings, screen: play.screen,
                content: content, reflections: reflections(in: recorder.url), context: &context)
            return ExitCode.success
        case .saved:
            return ExitCode.success
        case .notSaved, .stuck:
            return ExitCode.failure
        }
    }
}
