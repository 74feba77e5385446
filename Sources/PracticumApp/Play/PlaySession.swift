import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// Plays a case with a person (or a pipe) on the other end: shows scenes, reads a
/// choice or a command per line, and records every choice in the attempt file before the next scene.
struct PlaySession {
    let engine: Engine
    let content: ContentLibrary
    let strings: Strings
    let mode: PlayMode
    var screen: PlayScreen
    /// Whether a person is typing (Enter continues; otherwise continuation is automatic).
    let interactive: Bool
    /// Writes the attempt file; nil plays without keeping anything.
    let recorder: AttemptRecorder?
    /// In a classroom session, the player that takes each choice and undo and writes it (through `recorder`,
    /// which is its own); nil in solo play, which steps the engine here and writes through `recorder`.
    var player: SessionPlayer?
    /// The command that goes on with this attempt, for the message on leaving.
    let resumeCommand: String
    /// In practice mode, scores each choice as it is taken, for immediate feedback: built on another thread
    /// while the student reads the first scenes.
    let scorer: Deferred<Scorer>?
    /// Judges each choice as it is taken, for that feedback (made at the first choice that needs it): scoring
    /// the whole path again at every step made a long attempt grow with its square.
    var stepScores: Scorer.StepByStep?
    /// How many standing steps acted in each phase, for the lifecycle bar: kept up to date at each choice and
    /// undo, since reading the whole path at every prompt made a long attempt grow with its square.
    var stepsByPhase: [String: Int] = [:]
    /// Where each standing step of solo play started, so that undo need not replay the path (a session's player
    /// keeps its own).
    var trail = UndoTrail()
    /// The choices undone so far in this attempt (practice mode).
    var undone: [UndoneChoice] = []
    /// Whether feedback follows each choice; nil: as the mode has it (practice mode does).
    var immediateFeedback: Bool?
    /// What the student wrote for the scene's `reflect:` question, kept until the choice it goes with.
    var reflection: String?

    /// How a session ended.
    enum Ending: Equatable {
        /// The case reached an ending, after these undone choices.
        case finished(CaseState, undone: [UndoneChoice])
        /// The student quit (or input ended); every choice is in the attempt file.
        case saved(CaseState)
        /// The student quit, but some choice could not be written: the reason.
        case notSaved(CaseState, reason: String)
        /// The case has no way forward from this state.
        case stuck(CaseState)
    }

    var scenario: Scenario { engine.scenario }

    /// The prompt commands, by the word typed.
    enum PromptCommand: String, CaseIterable {
        case notes, plan, help, undo, quit
    }

    /// How soon after one flush of the attempt file a line waits for a later flush instead of its own (see
    /// `AttemptWriter.flushInterval`): play flushes before it waits for a person anyway, so this only spares
    /// input from a pipe a flush per line.
    static let flushInterval = 0.1

    /// The recorder that writes this attempt: the session player's, or solo play's own.
    var attemptRecorder: AttemptRecorder? { player?.recorder ?? recorder }

    /// Plays from `state` until an ending, a quit, or the end of input; every line written is on the disk when
    /// it returns.
    mutating func run(from initial: CaseState, context: inout AppContext) -> Ending {
        attemptRecorder?.flushInterval = Self.flushInterval
        let ending = play(from: initial, context: &context)
        flushAttempt(context: &context)
        return ending
    }

    /// Reads a line of input. Before waiting for a person, every line of the attempt written so far is flushed
    /// to the disk: what they were told is saved is.
    mutating func readLine(_ context: inout AppContext) -> String? {
        if interactive { flushAttempt(context: &context) }
        return context.input.readLine()
    }

    /// Flushes the attempt file; a failure is said on standard error (and leaving says progress was not saved).
    func flushAttempt(context: inout AppContext) {
        guard let failure = attemptRecorder?.flush() else { return }
        context.errors.writeLine(strings("play.saveFailed", ["reason": VisibleText.make(failure, keepNewlines: false)]))
    }

    /// Whether the attempt file holds all the steps and undos it can; if so, says so (nothing more is taken).
    func attemptIsFull(context: inout AppContext) -> Bool {
        guard attemptRecorder?.isFull == true else { return false }
        context.output.write(screen.wrap(strings("play.full", ["count": String(AttemptLog.maximumEntries)])) + "\n")
        return true
    }

    private mutating func play(from initial: CaseState, context: inout AppContext) -> Ending {
        var state = initial
        stepsByPhase = initial.path.reduce(into: [:]) { counts, step in counts[step.phase, default: 0] += 1 }
        if player == nil { trail = UndoTrail(engine: engine, along: initial) }
        var showScene = true
        while true {
            screen.width = context.textWidth  // read again: the window may have been resized
            if showScene {
                context.output.write("\n" + screen.scene(engine.paragraphs(of: state)))
                showScene = false
            }
            switch engine.status(of: state) {
            case .ended:
                return .finished(state, undone: undone)
            case .stuck:
                context.output.write("\n" + screen.wrap(strings("play.stuck")) + "\n")
                return .stuck(state)
            case .continuing:
                if interactive {
                    context.output.write("\n" + strings("play.continue") + " ")
                    guard let line = readLine(&context) else { return saveAndLeave(state, context: &context) }
                    if PromptCommand(rawValue: normalised(line)) == .quit { return saveAndLeave(state, context: &context) }
                }
                guard let next = try? engine.continue(from: state) else { return .stuck(state) }
                state = next.state
                showScene = true
            case .choosing(let choices):
                if reflection == nil, let prompt = scenario.scene(named: state.scene)?.reflect {
                    // Format v1.2: a few written sentences before choosing, kept with the choice, never scored.
                    context.output.write("\n" + screen.wrap(strings("play.reflect", ["prompt": prompt])) + "\n> ")
                    guard let line = readLine(&context) else {
                        context.output.write("\n")
                        return saveAndLeave(state, context: &context)
                    }
                    if !interactive { context.output.write(line + "\n") }
                    let written = line.trimmingCharacters(in: .whitespaces)
                    // A prompt command typed here acts as one and is never kept as the reflection; the question
                    // is asked again afterwards (at the previous scene, after an undo).
                    switch PromptCommand(rawValue: normalised(written)) {
                    case .quit:
                        return saveAndLeave(state, context: &context)
                    case .notes:
                        context.output.write("\n" + screen.notes(state, scenario: scenario))
                        continue
                    case .plan:
                        context.output.write("\n" + screen.plan(state, scenario: scenario))
                        continue
                    case .help:
                        let key = mode == .practice ? "play.reflect.help.practice" : "play.reflect.help.graded"
                        context.output.write("\n" + screen.wrap(strings(key)) + "\n")
                        continue
                    case .undo:
                        if undoLastChoice(&state, context: &context) { showScene = true }
                        continue
                    case nil:
                        break
                    }
                    if written.isEmpty {
                        context.output.write(screen.wrap(strings("play.reflect.empty")) + "\n")
                        continue
                    }
                    reflection = String(written.prefix(4000))
                    continue
                }
                context.output.write("\n" + screen.tracker(
                    phases: content.phases, touched: Set(stepsByPhase.filter { $0.value > 0 }.keys),
                    current: state.path.last?.phase))
                context.output.write("\n" + screen.choices(choices))
                let prompt = (mode == .practice ? "play.prompt.practice" : "play.prompt.graded")
                    + (choices.count == 1 ? ".one" : "")
                context.output.write("\n" + strings(prompt, ["count": String(choices.count)]) + " ")
                guard let line = readLine(&context) else {
                    context.output.write("\n")
                    return saveAndLeave(state, context: &context)
                }
                // The window may have been resized while the student read and typed.
                screen.width = context.textWidth
                if !interactive { context.output.write(line + "\n") }
                let word = normalised(line)
                if let number = Int(word) {
                    let outOfRange = screen.wrap(strings("play.outOfRange", ["number": word, "count": String(choices.count)])) + "\n"
                    guard let chosen = choices.first(where: { $0.number == number }) else {
                        context.output.write(outOfRange)
                        continue
                    }
                    if attemptIsFull(context: &context) { continue }
                    let events: [Event]
                    // What the step's feedback needs of the state it was taken in, read before the state moves on.
                    let immediate = immediateFeedback ?? (mode == .practice)
                    if immediate, let scorer, stepScores == nil { stepScores = Scorer.StepByStep(scorer.value, from: state) }
                    let offer = immediate ? stepScores?.offer(in: state) : nil
                    if player != nil {
                        // The session's player writes the choice first and takes it only once it is on the disk. This
                        // session lets go of the state meanwhile, so that the player moves it on where it is rather
                        // than copying the whole path.
                        state = engine.start().state
                        do {
                            _ = try player!.choose(chosen.id, reflection: reflection)
                        } catch {
                            state = player!.state
                            if case .notSaved(let reason) = error {
                                context.errors.writeLine(
                                    strings("play.saveFailed", ["reason": VisibleText.make(reason, keepNewlines: false)]))
                            } else {
                                context.output.write(outOfRange)
                            }
                            continue
                        }
                        state = player!.state
                        events = player!.lastEvents
                    } else {
                        // Moved on where it is (a new state beside this one would copy the whole path).
                        trail.willTake(in: state)
                        guard let taken = try? engine.take(offered: chosen, in: &state) else {
                            trail.notTaken()
                            context.output.write(outOfRange)
                            continue
                        }
                        events = taken
                        record(
                            .step(
                                step: state.path.count, choice: chosen.id, at: AttemptLog.timestamp(),
                                reflection: reflection.map { ReflectionCaps.cut($0, to: ReflectionCaps.perReflection) }),
                            context: &context)
                    }
                    if let step = state.path.last { stepsByPhase[step.phase, default: 0] += 1 }
                    reflection = nil
                    var shown = screen.events(events, scenario: scenario, showFeedback: immediate)
                    if let offer, stepScores != nil {
                        let items = stepScores!.take(chosen.id, from: offer, reaching: state)
                        shown += Debrief(strings: strings, screen: screen, content: content).immediate(items: items)
                    }
                    if !shown.isEmpty { context.output.write("\n" + shown) }
                    showScene = true
                    continue
                }
                switch PromptCommand(rawValue: word) {
                case .notes: context.output.write("\n" + screen.notes(state, scenario: scenario))
                case .plan: context.output.write("\n" + screen.plan(state, scenario: scenario))
                case .help: context.output.write("\n" + screen.wrap(strings(mode == .practice ? "play.help.practice" : "play.help.graded")) + "\n")
                case .undo:
                    if undoLastChoice(&state, context: &context) { showScene = true }
                case .quit:
                    return saveAndLeave(state, context: &context)
                case nil:
                    let key = word.isEmpty ? "play.hint.empty" : "play.hint.unknown"
                    context.output.write(screen.wrap(strings(key, ["input": word, "count": String(choices.count)])) + "\n")
                }
            }
        }
    }

    /// Takes back the last choice (practice mode only), moving `state` back where it was taken, and says so;
    /// false, with the reason said, in graded mode or with nothing to undo. The undo is recorded in the attempt
    /// file, and any reflection written for the next choice is dropped with it.
    mutating func undoLastChoice(_ state: inout CaseState, context: inout AppContext) -> Bool {
        guard mode == .practice else {
            context.output.write(screen.wrap(strings("play.undo.graded")) + "\n")
            return false
        }
        guard let last = state.path.last else {
            context.output.write(screen.wrap(strings("play.undo.nothing")) + "\n")
            return false
        }
        if attemptIsFull(context: &context) { return false }
        let step = state.path.count
        if player != nil {
            // The session's player writes the undo first and takes the choice back only once it is on the disk.
            // This session lets go of the state meanwhile, so that the player takes the step back where it is.
            state = engine.start().state
            do {
                _ = try player!.undo()
            } catch {
                state = player!.state
                if case .cannotUndo = error {
                    context.output.write(screen.wrap(strings("play.undo.nothing")) + "\n")
                    return false
                }
                let reason = if case .notSaved(let reason) = error { reason } else { error.description }
                context.errors.writeLine(strings("play.saveFailed", ["reason": VisibleText.make(reason, keepNewlines: false)]))
                return false
            }
            state = player!.state
        } else {
            // Taken back where it is, from the trail; replayed (before anything is written) only when the trail
            // has no mark for the step.
            guard let undo = trail.undo(of: state, engine: engine) else {
                context.output.write(screen.wrap(strings("play.undo.nothing")) + "\n")
                return false
            }
            record(.undo(step: step, at: AttemptLog.timestamp()), context: &context)
            trail.apply(undo, to: &state)
        }
        undone.append(UndoneChoice(step: step, choice: last.choice, text: last.text))
        stepScores?.undo()
        stepsByPhase[last.phase, default: 1] -= 1
        reflection = nil
        context.output.write(screen.wrap(strings("play.undo.done")) + "\n")
        return true
    }

    /// Lower-cased, trimmed input; Indonesian command words map to the English ones.
    func normalised(_ line: String) -> String {
        let word = line.trimmingCharacters(in: .whitespaces).lowercased()
        let aliases = ["catatan": "notes", "rencana": "plan", "bantuan": "help", "batal": "undo", "keluar": "quit", "q": "quit", "exit": "quit"]
        return aliases[word] ?? word
    }

    /// Writes a line of the attempt file; a failure is said on standard error at once (play goes on, and
    /// leaving says that progress was not saved).
    func record(_ entry: AttemptLog.Entry, context: inout AppContext) {
        guard let recorder, let failure = recorder.record(entry) else { return }
        context.errors.writeLine(strings("play.saveFailed", ["reason": VisibleText.make(failure, keepNewlines: false)]))
    }

    private func saveAndLeave(_ state: CaseState, context: inout AppContext) -> Ending {
        flushAttempt(context: &context)
        guard let recorder else { return .saved(state) }
        if let failure = recorder.failure {
            context.output.write(screen.wrap(strings("play.notSaved", ["reason": VisibleText.make(failure, keepNewlines: false)])) + "\n")
            return .notSaved(state, reason: failure)
        }
        if recorder.hasFile {
            context.output.write(screen.wrap(strings("play.saved", ["command": resumeCommand])) + "\n")
        } else {
            context.output.write(screen.wrap(strings("play.nothingToSave")) + "\n")
        }
        return .saved(state)
    }
}
