import PracticumCore

/// The way back through a play: for each standing step, the little of the state it started from that a step can
/// change, so that undo restores the state before the last step without replaying the path.
///
/// `Engine.undo(_:)` replays the whole path but its last step, which is right and simple, and costs the length
/// of the path at every undo: 5,000 undos after 5,000 steps from a pipe took 15 s. A trail undoes at the same
/// cost at step 10 and at step 10,000, and gives exactly the state `Engine.undo(_:)` would.
///
/// ```swift
/// var trail = UndoTrail(engine: engine, along: state)
/// trail.willTake(in: state)
/// _ = try engine.take(offered: pick, in: &state)
/// // ...
/// trail.undo(&state)  // back where the choice was taken
/// ```
public struct UndoTrail: Sendable {
    /// The parts of a state a step can change, as they were where the step was taken (after the scenes that
    /// only continue). The path, the visited scenes and the findings only grow, so their lengths say enough.
    private struct Mark: Sendable {
        var scene: String
        var variables: [String: Value]
        var usedOnceChoices: Set<ChoiceID>
        var visitedScenes: Int
        var revealedFindings: Int
        var addressedFindings: Int
        var path: Int

        init(_ state: CaseState) {
            scene = state.scene
            variables = state.variables
            usedOnceChoices = state.usedOnceChoices
            visitedScenes = state.visitedScenes.count
            revealedFindings = state.revealedFindings.count
            addressedFindings = state.addressedFindings.count
            path = state.path.count
        }
    }

    private var marks: [Mark] = []

    /// The steps that can be undone.
    public var steps: Int { marks.count }

    /// A trail with no marks: every undo falls back to the caller until steps are marked.
    public init() {}

    /// A trail for `state`, whose path is replayed once here to mark where each of its steps started; an empty
    /// trail (every undo falls back to the caller) when the path cannot be replayed in this case.
    public init(engine: Engine, along state: CaseState) {
        guard !state.path.isEmpty else { return }
        var marks: [Mark] = []
        marks.reserveCapacity(state.path.count)
        do throws(EngineError) {
            _ = try engine.walk(state.choicesTaken) { event throws(EngineError) in
                switch event {
                case .choosing(_, let resting, _, _): marks.append(Mark(resting))
                case .refused(_, _, _, let reason): throw reason
                case .scene, .took, .settled: break
                }
            }
        } catch {
            return
        }
        self.marks = marks
    }

    /// Marks `state` as where the next step starts; call it just before the step is taken.
    public mutating func willTake(in state: CaseState) {
        marks.append(Mark(state))
    }

    /// Forgets the last mark, for a step that was marked but then not taken.
    public mutating func notTaken() {
        _ = marks.popLast()
    }

    /// Whether the trail has the mark of `state`'s last step: whether `undo` would put it back.
    public func canUndo(_ state: CaseState) -> Bool {
        guard let mark = marks.last else { return false }
        return mark.path + 1 == state.path.count && mark.visitedScenes <= state.visitedScenes.count
            && mark.revealedFindings <= state.revealedFindings.count
            && mark.addressedFindings <= state.addressedFindings.count
    }

    /// Puts `state` back where its last step was taken and returns true; false, changing nothing, when the
    /// trail has no mark for that step (the caller then replays, as `Engine.undo(_:)` does).
    @discardableResult
    public mutating func undo(_ state: inout CaseState) -> Bool {
        guard let mark = marks.last, canUndo(state) else {
            // Out of step with the state (it was changed without the trail): no mark fits it any more.
            marks.removeAll()
            return false
        }
        marks.removeLast()
        state.path.removeLast()
        state.scene = mark.scene
        state.variables = mark.variables
        state.usedOnceChoices = mark.usedOnceChoices
        state.visitedScenes.removeLast(state.visitedScenes.count - mark.visitedScenes)
        state.revealedFindings.removeLast(state.revealedFindings.count - mark.revealedFindings)
        state.addressedFindings.removeLast(state.addressedFindings.count - mark.addressedFindings)
        return true
    }

    /// How the last step of a state is taken back: from the trail's mark, or, when the trail has none, by the
    /// replay of the path without it. Worked out before anything is written, so that a front end writes the
    /// undo down first and takes the step back only then.
    public enum Undo: Sendable {
        case fromMark
        case replayed(CaseState)
    }

    /// How `state`'s last step would be taken back; nil when it cannot be (no step, or no replay of the rest).
    public func undo(of state: CaseState, engine: Engine) -> Undo? {
        if canUndo(state) { return .fromMark }
        return engine.undo(state).map { .replayed($0) }
    }

    /// Takes `state`'s last step back as `undo` (`undo(of:engine:)` of this same state) says.
    public mutating func apply(_ undo: Undo, to state: inout CaseState) {
        switch undo {
        case .fromMark: self.undo(&state)
        case .replayed(let replayed): state = replayed
        }
    }
}
