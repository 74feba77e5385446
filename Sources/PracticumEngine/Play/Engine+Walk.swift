import PracticumCore

/// One step of a path to walk: a choice named by its number among those on offer at that step, or by its id.
public enum PathChoice: Hashable, Sendable, CustomStringConvertible {
    /// The choice shown under this number (from 1) at that step.
    case number(Int)
    /// The choice with this id, which must be on offer at that step.
    case id(ChoiceID)

    /// The number, or the id as `scene#n`.
    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .id(let id): return id.description
        }
    }
}

/// What a walk of a path (`Engine.walk`) meets, in order, for a visitor to show, check or score.
///
/// For each step the visitor sees `.choosing` and `.took`, or `.refused` (with `.choosing` before it when the
/// choice was on offer but could not be taken), then `.settled`; `.scene` comes for the start and for every
/// scene the walk arrives in or passes through (continuation scenes included), in the order they are read.
public enum WalkEvent {
    /// The walk rests in, or passes through, the scene of this state: the start, each scene a choice leads to,
    /// and each continuation scene after them.
    case scene(CaseState)
    /// Step `step` (from 1) takes `pick` in `state`; `offered` holds the written positions of the choices on
    /// offer there, in the order shown (`pick.number` is the position in it, from 1).
    case choosing(step: Int, state: CaseState, offered: [Int], pick: AvailableChoice)
    /// Step `step` was taken: the state right after it (before any continuation) and, when the walk tells,
    /// what happened (as `choose` reports it; empty otherwise).
    case took(step: Int, state: CaseState, events: [Event])
    /// Step `step` cannot be taken in `state`: `reason` says why, as `choose` would. A visitor that throws
    /// stops the walk; one that returns passes the step over, and the state stays as it is.
    case refused(step: Int, state: CaseState, wanted: PathChoice, reason: EngineError)
    /// Step `step` is done (taken or passed over) and any continuation scenes after it are followed: the state
    /// the next step starts from.
    case settled(step: Int, state: CaseState)
}

extension Engine {
    /// Walks a path from `start` (the case's start by default), checking at each step that the choice is on
    /// offer where it is taken, and following continuation scenes before the first step and after each one;
    /// `visit` is told each scene, step and refusal (see `WalkEvent`). Returns the state the walk ends in.
    ///
    /// This is the one replay of a path: `replay`, scoring, `practicum replay` and scripted play are visitors
    /// of it. With `telling` false the steps' events are not built (a replay that only needs the states).
    public func walk<Failure: Error>(
        _ path: [PathChoice], from start: CaseState? = nil, telling: Bool = false,
        visit: (WalkEvent) throws(Failure) -> Void
    ) throws(Failure) -> CaseState {
        var state = start ?? self.start().state
        try settle(&state, visit)
        for (index, wanted) in path.enumerated() {
            let step = index + 1
            let offered = offeredPositions(in: state)
            guard let pick = pick(wanted, among: offered, in: state) else {
                try visit(.refused(step: step, state: state, wanted: wanted, reason: refusal(of: wanted, in: state, offered: offered.count)))
                try visit(.settled(step: step, state: state))
                continue
            }
            try visit(.choosing(step: step, state: state, offered: offered, pick: pick))
            // The step is applied to the walk's own state, not to a copy: a copy would copy the whole path at
            // every step (quadratic in the path). `apply` refuses before it changes anything, so a refused
            // step leaves the state as it was. (A visitor that keeps the state it is told forces that copy.)
            let events: [Event]
            do throws(EngineError) {
                events = try apply(pick, to: &state, telling: telling)
            } catch {
                try visit(.refused(step: step, state: state, wanted: wanted, reason: error))
                try settle(&state, visit)
                try visit(.settled(step: step, state: state))
                continue
            }
            try visit(.took(step: step, state: state, events: events))
            try settle(&state, visit)
            try visit(.settled(step: step, state: state))
        }
        return state
    }

    /// `walk` of a path of choice ids.
    public func walk<Failure: Error>(
        _ ids: [ChoiceID], from start: CaseState? = nil, telling: Bool = false,
        visit: (WalkEvent) throws(Failure) -> Void
    ) throws(Failure) -> CaseState {
        try walk(ids.map { PathChoice.id($0) }, from: start, telling: telling, visit: visit)
    }

    /// Tells the visitor the scene the state rests in, then follows (and tells) each continuation scene after it.
    /// The hops are bounded by the number of scenes, as in `autoContinue`.
    private func settle<Failure: Error>(
        _ state: inout CaseState, _ visit: (WalkEvent) throws(Failure) -> Void
    ) throws(Failure) {
        try visit(.scene(state))
        var hops = 0
        while continues(state), hops <= scenario.scenes.count {
            guard let (next, _) = try? self.continue(from: state) else { break }
            state = next
            hops += 1
            try visit(.scene(state))
        }
    }

    /// The choice a step names, if it is on offer (`offered`: the written positions on offer, in shown order).
    private func pick(_ wanted: PathChoice, among offered: [Int], in state: CaseState) -> AvailableChoice? {
        guard let position = scenario.position(ofScene: state.scene) else { return nil }
        let choices = scenario.scenes[position].choices
        switch wanted {
        case .number(let number):
            guard number >= 1 && number <= offered.count else { return nil }
            let index = offered[number - 1]
            return AvailableChoice(number: number, id: ChoiceID(scene: state.scene, index: index), choice: choices[index])
        case .id(let id):
            guard id.scene == state.scene, let shown = offered.firstIndex(of: id.index) else { return nil }
            return AvailableChoice(number: shown + 1, id: id, choice: choices[id.index])
        }
    }

    /// Why `choose` would refuse a step that is not on offer: the same error it throws.
    private func refusal(of wanted: PathChoice, in state: CaseState, offered: Int) -> EngineError {
        guard let scene = scenario.scene(named: state.scene) else { return .unknownScene(state.scene) }
        if scene.isEnding || (scene.choices.isEmpty && scene.next != nil) { return .notChoosing }
        switch wanted {
        case .number(let number): return .choiceOutOfRange(number: number, available: offered)
        case .id(let id): return .choiceNotAvailable(id)
        }
    }
}
