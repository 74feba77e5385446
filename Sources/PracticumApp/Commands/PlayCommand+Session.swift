import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum play --session DIR --student ID`: a student's attempt in a classroom session.
extension PlayCommand {
    /// In a session with codes, the key the student's attempt lines are signed with: made from the code given
    /// with `--code` or typed at the prompt, checked against `codes.json` when the folder has it (the instructor's
    /// folder, or a lab's), taken unchecked in a copy handed to students (grading tells whose key signed what).
    /// Nil in a session without codes. A wrong code is refused before anything is opened or written.
    static func sessionKey(
        session: Session, folder: URL, student: String, arguments: ScannedArguments, context: inout AppContext
    ) throws(CommandError) -> AttemptKey? {
        let codes: SessionCodes?
        do {
            codes = try SessionCodes.read(folder: folder)
        } catch {
            throw CommandError(VisibleText.make(error.message, keepNewlines: false))
        }
        guard session.hasCodes || codes != nil else {
            if arguments.value("code") != nil {
                context.errors.writeLine("note: session '\(session.id)' has no codes; --code is not needed and was not used")
            }
            return nil
        }
        let code: String
        if let given = arguments.value("code") {
            code = given
        } else {
            context.output.write("Your code for session '\(session.id)' (from your instructor, like ABCDE-FGHJK): ")
            guard let typed = context.input.readLine() else {
                context.output.writeLine("")
                throw CommandError(
                    "session '\(session.id)' asks for your code, and none was given",
                    hint: "type it when asked, or give it with --code CODE; nothing was changed")
            }
            code = typed
        }
        guard !SessionCodes.normalised(code).isEmpty else {
            throw CommandError("session '\(session.id)' asks for your code, and none was given", hint: "nothing was changed")
        }
        if let codes, !codes.verify(student: student, code: code) {
            throw CommandError(
                "that is not the code of '\(VisibleText.make(student, keepNewlines: false))' in session '\(session.id)'",
                hint: "check your id and your code with your instructor (a lost code can be replaced); nothing was changed")
        }
        return AttemptKey(code: code, session: session.id, student: student)
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
        let signingKey = try sessionKey(session: session, folder: folder, student: student, arguments: arguments, context: &context)
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
        let content = try context.loadContent(explicit: arguments.value("content"))
        let scenario = try context.verifiedCopy(of: sessionCase, in: folder, session: session, content: content)
        let mode = session.playMode ?? .graded
        let language = try parseLanguage(arguments.value("lang"), scenario: scenario, content: content)
        let strings = Strings(content: content, language: language)
        var output = OutputOptions(json: false, details: arguments.flag("details"))
        output.canOfferDetails = context.inputIsTerminal
        let policy = SessionPlayer.FeedbackPolicy(session)
        output.immediateFeedback = policy.afterEachChoice
        if !policy.debriefShown {
            output.heldMessage = strings("session.held")
        }

        // Which attempt: the unfinished one if there is one, else a new one if any are left (SessionPlayer decides,
        // and holds the attempt's lock while this command plays it).
        let opening: SessionPlayer.Opening
        do {
            opening = try SessionPlayer.open(
                session: session, folder: folder, sessionCase: sessionCase, scenario: scenario, student: student,
                signingKey: signingKey, newOrder: { seed.map { .shuffled(seed: $0) } ?? (context.inputIsTerminal ? .shuffled(seed: context.drawSeed()) : .written) })
        } catch let busy as AttemptLock.Busy {
            throw CommandError(VisibleText.make(busy.description, keepNewlines: false))
        } catch let failure as AttemptWriter.Failure {
            throw CommandError(VisibleText.make(failure.message, keepNewlines: false))
        } catch {
            throw CommandError(VisibleText.make("\(error)", keepNewlines: false))
        }
        let player: SessionPlayer
        switch opening {
        case .noAttemptsLeft(let used, let finished):
            if let finished, script == nil {
                // Nothing left to play: show the last attempt's debrief again (or say it is still held).
                context.output.writeLine(strings("session.used", ["count": String(used)]))
                let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
                try finish(
                    finished.state, engine: finished.engine, mode: mode, output: output,
                    undone: finished.reading.log.undone(in: scenario), strings: strings, screen: screen, content: content,
                    context: &context)
                return ExitCode.success
            }
            throw CommandError(
                "\(student) has used \(used == 1 ? "the" : "all \(used)") attempt\(used == 1 ? "" : "s") "
                    + "allowed at '\(scenario.id)' in session '\(session.id)'",
                hint: "nothing was changed; your instructor can allow more")
        case .playing(let opened):
            player = opened
        }
        let recorder = player.recorder
        let engine = player.engine
        let state = player.state
        let undone = player.undone
        if let resumed = player.resumed {
            if resumed.droppedTornLine { context.output.writeLine(strings("play.resume.torn")) }
            context.output.writeLine(
                strings(resumed.steps == 1 ? "play.resume.done.one" : "play.resume.done", ["steps": String(resumed.steps)]))
        } else if !player.unreadableFiles.isEmpty {
            context.errors.writeLine(
                "warning: \(player.unreadableFiles.count) attempt file(s) of yours cannot be read and are kept as they are: "
                    + player.unreadableFiles.map(\.lastPathComponent).joined(separator: ", "))
        }
        // The player (and with it the attempt's lock) lives until this command ends.
        defer { withExtendedLifetime(player) {} }

        let resumeCommand = "\(context.commandName) play \(session.cases.count > 1 ? scenario.id + " " : "")--session \(shellWord(folderPath)) --student \(shellWord(student))"
        output.unfinishedMessage = strings("play.saved", ["command": resumeCommand])
        if let script {
            return try playScripted(
                script, engine: engine, mode: mode, output: output, strings: strings, content: content, from: state,
                player: player, context: &context)
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
        play.player = player
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
