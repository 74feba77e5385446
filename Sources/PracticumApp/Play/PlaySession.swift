import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// Plays a case with a person (or a pipe) on the other end: shows scenes, reads a
/// choice or a command per line, saves after every choice.
struct PlaySession {
    let engine: Engine
    let content: ContentLibrary
    let strings: Strings
    let mode: PlayMode
    var screen: PlayScreen
    /// Whether a person is typing (Enter continues; otherwise continuation is automatic).
    let interactive: Bool
    let store: SaveStore?
    /// In practice mode, scores each choice as it is taken, for immediate feedback: built on another thread
    /// while the student reads the first scenes.
    let scorer: Deferred<Scorer>?
    /// The case's fingerprint, worked out on another thread (it encodes the whole case), saved with every game.
    let fingerprint: Deferred<String>
    /// The choices undone so far in this attempt (practice mode), saved with it.
    var undone: [UndoneChoice] = []

    /// How a session ended.
    enum Ending: Equatable {
        /// The case reached an ending, after these undone choices.
        case finished(CaseState, undone: [UndoneChoice])
        /// The student quit (or input ended); the game is saved.
        case saved(CaseState)
        /// The case has no way forward from this state.
        case stuck(CaseState)
    }

    var scenario: Scenario { engine.scenario }

    /// The prompt commands, by the word typed.
    enum PromptCommand: String, CaseIterable {
        case notes, plan, help, undo, quit
    }

    /// Plays from `state` until an ending, a quit, or the end of input.
    mutating func run(from initial: CaseState, context: inout AppContext) -> Ending {
        var state = initial
        var showScene = true
        while true {
            screen.width = context.textWidth  // read again: the window may have been resized
            if showScene {
                context.output.write("\n" + screen.scene(engine.paragraphs(of: state)))
                showScene = false
            }
            switch engine.status(of: state) {
            case .ended:
                store?.remove(scenario: scenario.id, mode: mode.rawValue)
                return .finished(state, undone: undone)
            case .stuck:
                context.output.write("\n" + screen.wrap(strings("play.stuck")) + "\n")
                return .stuck(state)
            case .continuing:
                if interactive {
                    context.output.write("\n" + strings("play.continue") + " ")
                    guard let line = context.input.readLine() else { return saveAndLeave(state, context: &context) }
                    if PromptCommand(rawValue: normalised(line)) == .quit { return saveAndLeave(state, context: &context) }
                }
                guard let next = try? engine.continue(from: state) else { return .stuck(state) }
                state = next.state
                showScene = true
            case .choosing(let choices):
                context.output.write("\n" + screen.tracker(
                    phases: content.phases, touched: Set(state.path.map(\.phase)), current: state.path.last?.phase))
                context.output.write("\n" + screen.choices(choices))
                let prompt = (mode == .practice ? "play.prompt.practice" : "play.prompt.graded")
                    + (choices.count == 1 ? ".one" : "")
                context.output.write("\n" + strings(prompt, ["count": String(choices.count)]) + " ")
                guard let line = context.input.readLine() else {
                    context.output.write("\n")
                    return saveAndLeave(state, context: &context)
                }
                // The window may have been resized while the student read and typed.
                screen.width = context.textWidth
                if !interactive { context.output.write(line + "\n") }
                let word = normalised(line)
                if let number = Int(word) {
                    guard let chosen = choices.first(where: { $0.number == number }),
                        let next = try? engine.choose(id: chosen.id, in: state)
                    else {
                        context.output.write(screen.wrap(strings("play.outOfRange", ["number": word, "count": String(choices.count)])) + "\n")
                        continue
                    }
                    state = next.state
                    save(state, context: &context)
                    var shown = screen.events(next.events, scenario: scenario, showFeedback: mode == .practice)
                    if mode == .practice, let scorer {
                        shown += Debrief(strings: strings, screen: screen, content: content)
                            .immediate(scorer.value.score(state), step: state.path.count)
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
                    guard mode == .practice else {
                        context.output.write(screen.wrap(strings("play.undo.graded")) + "\n")
                        continue
                    }
                    guard let last = state.path.last, let previous = engine.undo(state) else {
                        context.output.write(screen.wrap(strings("play.undo.nothing")) + "\n")
                        continue
                    }
                    undone.append(UndoneChoice(step: state.path.count, choice: last.choice, text: last.text))
                    state = previous
                    save(state, context: &context)
                    context.output.write(screen.wrap(strings("play.undo.done")) + "\n")
                    showScene = true
                case .quit:
                    return saveAndLeave(state, context: &context)
                case nil:
                    let key = word.isEmpty ? "play.hint.empty" : "play.hint.unknown"
                    context.output.write(screen.wrap(strings(key, ["input": word, "count": String(choices.count)])) + "\n")
                }
            }
        }
    }

    /// Lower-cased, trimmed input; Indonesian command words map to the English ones.
    func normalised(_ line: String) -> String {
        let word = line.trimmingCharacters(in: .whitespaces).lowercased()
        let aliases = ["catatan": "notes", "rencana": "plan", "bantuan": "help", "batal": "undo", "keluar": "quit", "q": "quit", "exit": "quit"]
        return aliases[word] ?? word
    }

    /// Saves the game; a failure is said on standard error (play goes on: nothing already shown is lost).
    func save(_ state: CaseState, context: inout AppContext) {
        guard let store else { return }
        let game = SaveStore.SavedGame(
            scenario: scenario.id, fingerprint: fingerprint.value, mode: mode.rawValue, choices: state.choicesTaken,
            seed: engine.order.seed,
            undone: undone, savedAt: ISO8601DateFormatter().string(from: Date()))
        do {
            try store.save(game)
        } catch {
            context.errors.writeLine(
                strings("play.saveFailed", ["path": store.directory.path, "reason": error.localizedDescription]))
        }
    }

    private func saveAndLeave(_ state: CaseState, context: inout AppContext) -> Ending {
        guard store != nil else { return .saved(state) }
        save(state, context: &context)
        context.output.write(screen.wrap(strings("play.saved", ["id": scenario.id])) + "\n")
        return .saved(state)
    }
}
