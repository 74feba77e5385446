import PracticumCore

/// A walk through a case from its start, as `practicum graph --path` takes it: each step names a choice by the
/// number it is shown under at that moment (in written order, as in scripted play) or by its id (`scene#n`), and
/// scenes that only continue are passed through by themselves.
public struct DiagramPath: Hashable, Sendable {
    /// One step of a walk as written: a shown number or a choice id (the one `PathChoice` of every written path).
    public typealias Step = PathChoice

    /// One move of the walk.
    public enum Move: Hashable, Sendable {
        /// A choice taken.
        case choice(ChoiceID)
        /// A scene without choices left by its `-> NAME`.
        case continuation(from: String)
    }

    /// Why a walk cannot be taken.
    public enum Failure: Error, Hashable, Sendable {
        /// Step `step` (1-based) names a choice that is not on offer in `scene`; `offered` is what is.
        case notOffered(step: Int, scene: String, asked: Step, offered: [AvailableChoice])
        /// The case ended in `scene` before step `step`, with `remaining` steps (that one included) left.
        case ended(step: Int, scene: String, outcome: String, remaining: Int)
        /// At step `step` the case is stuck in `scene`: not an ending, and nothing on offer.
        case stuck(step: Int, scene: String)
    }

    /// Every move, in order.
    public var moves: [Move]
    /// Every scene the walk is in, from the start scene on, in order (with repeats).
    public var scenes: [String]
    /// The outcome, when the walk ends in an ending scene.
    public var outcome: String?

    /// Takes the steps from the start of the engine's case; the engine should show choices in written order.
    public init(_ steps: [Step], engine: Engine) throws(Failure) {
        var moves: [Move] = []
        var state = engine.start().state
        var scenes = [state.scene]
        func passContinuations() {
            while case .continuing = engine.status(of: state), let next = try? engine.continue(from: state) {
                moves.append(.continuation(from: state.scene))
                state = next.state
                scenes.append(state.scene)
            }
        }
        for (index, step) in steps.enumerated() {
            passContinuations()
            let offered: [AvailableChoice]
            switch engine.status(of: state) {
            case .choosing(let choices): offered = choices
            case .ended(let outcome):
                throw .ended(step: index + 1, scene: state.scene, outcome: outcome, remaining: steps.count - index)
            case .stuck, .continuing: throw .stuck(step: index + 1, scene: state.scene)
            }
            let found: AvailableChoice?
            switch step {
            case .number(let number): found = offered.first { $0.number == number }
            case .id(let id): found = offered.first { $0.id == id }
            }
            guard let chosen = found, let next = try? engine.choose(offered: chosen, in: state) else {
                throw .notOffered(step: index + 1, scene: state.scene, asked: step, offered: offered)
            }
            moves.append(.choice(chosen.id))
            state = next.state
            scenes.append(state.scene)
        }
        passContinuations()
        self.moves = moves
        self.scenes = scenes
        if case .ended(let outcome) = engine.status(of: state) { self.outcome = outcome } else { outcome = nil }
    }
}
