import PracticumCore

extension Engine {
    /// Follows continuation scenes until the state offers choices, has ended or is stuck.
    ///
    /// For scripted play, replay and tests; an interactive client calls
    /// `continue(from:)` itself so that the student reads each scene. The walk
    /// stops after as many hops as the case has scenes, plus one, so even a
    /// malformed case cannot make it loop; `status(of:)` reports `.stuck` for a
    /// continuation chain that only loops.
    public func autoContinue(_ state: CaseState) -> (state: CaseState, events: [Event]) {
        var current = state
        var events: [Event] = []
        var hops = 0
        while continues(current), hops <= scenario.scenes.count {
            guard let (next, arrival) = try? self.continue(from: current) else { break }
            current = next
            events += arrival
            hops += 1
        }
        return (current, events)
    }

    /// The state reached by taking these choices in order from the start,
    /// continuing through continuation scenes before each choice and after the last.
    ///
    /// Every choice is checked to be on offer where it is taken, so a replayed
    /// path is one the student really could have played; the first that is not
    /// throws `.choiceNotAvailable`. Resuming a saved play, undo and grading all
    /// rebuild states this way; it is `walk(_:)` with a visitor that stops at the first refusal.
    public func replay(_ ids: [ChoiceID]) throws(EngineError) -> CaseState {
        try walk(ids) { event throws(EngineError) in
            if case .refused(_, _, _, let reason) = event { throw reason }
        }
    }

    /// The state just before the last choice was taken, or nil at the start.
    ///
    /// The state is rebuilt by replaying the path without its last step, so
    /// everything that choice did (variables, case notes, `once`) is undone. It
    /// is nil as well when the path cannot be replayed in this case.
    public func undo(_ state: CaseState) -> CaseState? {
        guard !state.path.isEmpty else { return nil }
        return try? replay(state.path.dropLast().map { $0.choice })
    }
}
