import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

// Scripted play (--choices): one walk of the path, shown as it goes.
extension PlayCommand {
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
        /// What to write, in order: text, or what a step's events showed with the immediate feedback on that
        /// step (practice mode). The step's number is kept, not the state after it: a state holds the whole
        /// path so far, and one kept per step would grow with the square of the script.
        enum Piece {
            case text(String)
            case step(shown: String, feedbackAt: Int?)
        }
        var pieces: [Piece] = []
        func write(_ text: String) { if !json { pieces.append(.text(text)) } }
        write(screen.title(of: engine.scenario, mode: mode))
        /// Why the walk stopped before the end of the script: the case ended with items left (the first unused
        /// one, 0-based), or a step failed.
        enum Stop: Error {
            case ended(unusedFrom: Int)
            case failed(CommandError)
        }
        var state = start ?? engine.start().state
        var failure: CommandError?
        /// Where the case ended with script items left: the first unused item (0-based).
        var unusedFrom: Int?
        /// Why a step of the script cannot be taken: the case has ended, is stuck, or does not offer it.
        func refusal(step: Int, of wanted: PathChoice, in resting: CaseState) -> Stop {
            let index = step - 1
            let choices: [AvailableChoice]
            switch engine.status(of: resting) {
            case .choosing(let offered):
                choices = offered
            case .ended:
                return .ended(unusedFrom: index)
            case .stuck, .continuing:
                return .failed(CommandError(
                    "step \(step): the case is stuck in scene '\(resting.scene)' (no choice is on offer), but --choices has \(script.count - index) more",
                    hint: "a fault in the case: run 'practicum check' on it"))
            }
            let list = choices.map { "  \($0.number). \(VisibleText.make($0.choice.text, keepNewlines: false)) [\($0.id)]" }
                .joined(separator: "\n")
            let what: String
            switch wanted {
            case .number(let number):
                what = "there is no choice \(number); \(choices.count == 1 ? "only 1 is" : "1-\(choices.count) are") available"
            case .id(let id): what = "choice \(id) is not on offer here; these are"
            }
            return .failed(CommandError("step \(step) (scene '\(resting.scene)'): \(what):\n\(list)"))
        }
        // The step last found on offer: a refusal after it is a move that failed, not a choice that was not there.
        var offeredStep = 0
        do throws(Stop) {
            state = try engine.walk(script, from: start, telling: true) { event throws(Stop) in
                switch event {
                case .scene(let resting):
                    write("\n" + screen.scene(engine.paragraphs(of: resting)))
                case .choosing(let step, let before, _, let chosen):
                    offeredStep = step
                    // The state is kept only where the walk stops (below): a state kept at every event would make
                    // the walk copy the whole path at every step.
                    write("\n" + screen.choices(engine.availableChoices(in: before)) + "\n> \(chosen.number)\n")
                    // A session's player writes the step first; one it cannot save is not taken.
                    guard player != nil else { return }
                    do throws(SessionPlayer.Failure) {
                        _ = try player!.choose(chosen.id)
                    } catch {
                        state = before
                        if case .notSaved(let problem) = error {
                            throw .failed(CommandError(
                                "step \(step) could not be saved, so it was not taken: \(VisibleText.make(problem, keepNewlines: false))"))
                        }
                        throw .failed(CommandError("step \(step): \(error)"))
                    }
                case .took(_, let after, let events):
                    let shown = screen.events(events, scenario: engine.scenario, showFeedback: immediate)
                    if !json { pieces.append(.step(shown: shown, feedbackAt: immediate ? after.path.count : nil)) }
                case .refused(let step, let resting, _, let reason) where step == offeredStep:
                    // On offer, but the move failed.
                    state = resting
                    throw .failed(CommandError("step \(step): \(reason)"))
                case .refused(let step, let resting, let wanted, _):
                    state = resting
                    throw refusal(step: step, of: wanted, in: resting)
                case .settled:
                    break
                }
            }
        } catch {
            switch error {
            case .ended(let index): unusedFrom = index
            case .failed(let problem): failure = problem
            }
        }
        let debrief = Debrief(strings: strings, screen: screen, content: content)
        // One report of the path played gives every step's feedback: a step is judged on the steps before it
        // alone, so its items are the same as in a report of the path up to it (scoring each step's path
        // afresh made scripted play grow with the square of the script).
        // The items are grouped by step once: picking each step's out of the whole list is quadratic too.
        let played = immediate && !json ? Dictionary(grouping: scorer.value.score(state).items, by: { $0.step ?? 0 }) : nil
        for piece in pieces {
            switch piece {
            case .text(let text): output.write(text)
            case .step(var shown, let step):
                if let step, let played { shown += debrief.immediate(items: played[step] ?? []) }
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
}
