import PracticumCore

/// The runtime that plays a case: a pure, pull-style stepper over a `Scenario`.
///
/// The engine holds no play state of its own. A client asks for the
/// `status(of:)` of a `CaseState`, shows `paragraphs(of:)`, and moves on with
/// `choose(number:in:)`, `choose(id:in:)` or `continue(from:)`, each of which
/// returns a new state and the events to show; the state it was given is left
/// as it was. The command line is one such client, a browser player another.
///
/// ```swift
/// let engine = Engine(scenario: scenario)
/// var (state, events) = engine.start()
/// if case .choosing(let choices) = engine.status(of: state) {
///     (state, events) = try engine.choose(number: choices[0].number, in: state)
/// }
/// ```
public struct Engine: Sendable {
    /// The case being played.
    public let scenario: Scenario
    /// The order in which scenes show their choices. A shuffled scene's arrangement is worked out when the scene
    /// is shown (a pure function of the seed and the scene's name), not for every scene up front.
    public private(set) var order: ChoiceOrder
    /// The scenes some condition asks about with `visited(...)`: the only ones a state records.
    let recordedScenes: Set<String>
    /// Where each chain of scenes that only continue (`-> NAME`) leads, worked out once.
    let continuations: ContinuationChains

    /// Creates an engine that plays the scenario, showing choices in the given order (written by default).
    public init(scenario: Scenario, order: ChoiceOrder = .written) {
        self.scenario = scenario
        self.order = order
        var variables: [String] = []
        var scenes: [String] = []
        for scene in scenario.scenes {
            for paragraph in scene.paragraphs {
                for line in paragraph { line.condition?.collectReads(variables: &variables, scenes: &scenes) }
            }
            let choices = scene.choices
            for position in choices.indices { choices[position].requires?.collectReads(variables: &variables, scenes: &scenes) }
        }
        for condition in scenario.endConditions { condition.collectReads(variables: &variables, scenes: &scenes) }
        recordedScenes = Set(scenes)
        continuations = ContinuationChains(scenario: scenario)
    }

    /// The same engine showing choices in another order, without working out again what it knows of the case
    /// (the scenes a state records, the continuation chains): for playing one case many times in many orders,
    /// as `simulate` does, where making each run's engine afresh cost as much as the case is long.
    public func reordered(_ order: ChoiceOrder) -> Engine {
        var engine = self
        engine.order = order
        return engine
    }

    /// What a state asks of the student next.
    public enum Status: Hashable, Sendable {
        /// The scene offers these choices, numbered from 1.
        case choosing([AvailableChoice])
        /// The scene has no choices and continues to `next` when the student presses Enter.
        case continuing(next: String)
        /// The case is over, with this outcome id.
        case ended(outcome: String)
        /// A soft lock: not an ending, and nothing can be chosen or continued to.
        ///
        /// This covers a scene whose choices are all unavailable, a scene with
        /// no way out, a chain of continuations that only loops back on itself,
        /// and a state whose scene the case does not have.
        case stuck
    }

    // MARK: Starting

    /// The state at the start scene, with every variable at its initial value, and its events.
    public func start() -> (state: CaseState, events: [Event]) {
        var state = CaseState(scenarioID: scenario.id, scene: scenario.start, variables: scenario.initialValues)
        state.visit(scenario.start, recording: recordedScenes.contains(scenario.start))
        return (state, arrivalEvents(at: scenario.start))
    }

    // MARK: Reading a state

    /// What the state asks of the student next.
    public func status(of state: CaseState) -> Status {
        guard let scene = scenario.scene(named: state.scene) else { return .stuck }
        if let outcome = scene.ending { return .ended(outcome: outcome) }
        if scene.choices.isEmpty, let next = scene.next {
            return continuations.leadsOut(scene.name) ? .continuing(next: next) : .stuck
        }
        let available = availableChoices(in: state)
        return available.isEmpty ? .stuck : .choosing(available)
    }

    /// The choices on offer in the current scene, in the engine's order, numbered from 1.
    ///
    /// A choice is on offer when its `requires` condition holds (or it has
    /// none) and it is not a `once` choice already taken. An ending offers none.
    public func availableChoices(in state: CaseState) -> [AvailableChoice] {
        let offered = offeredPositions(in: state)
        guard !offered.isEmpty, let position = scenario.position(ofScene: state.scene) else { return [] }
        // The scene's parts are read where they lie (a copy of the scene costs more than the rest).
        let choices = scenario.scenes[position].choices
        let name = scenario.scenes[position].name
        return offered.enumerated().map { number, index in
            AvailableChoice(number: number + 1, id: ChoiceID(scene: name, index: index), choice: choices[index])
        }
    }

    /// The written positions in the current scene of the choices `availableChoices(in:)` offers, in the same
    /// order, without copying the choices: for a replay that checks and weighs what was on offer.
    public func offeredPositions(in state: CaseState) -> [Int] {
        guard let position = scenario.position(ofScene: state.scene), scenario.scenes[position].ending == nil else { return [] }
        let choices = scenario.scenes[position].choices
        let name = scenario.scenes[position].name
        func isOffered(_ index: Int) -> Bool {
            if choices[index].once && state.usedOnceChoices.contains(ChoiceID(scene: name, index: index)) { return false }
            if let condition = choices[index].requires, !evaluate(condition, in: state) { return false }
            return true
        }
        if order != .written { return order.arrangement(of: scenario.scenes[position]).filter(isOffered) }
        var offered: [Int] = []
        offered.reserveCapacity(choices.count)
        for index in choices.indices where isOffered(index) { offered.append(index) }
        return offered
    }

    // MARK: Moving on

    /// Takes the choice shown under `number` among the available ones.
    public func choose(number: Int, in state: CaseState) throws(EngineError) -> (state: CaseState, events: [Event]) {
        let available = try choicesOnOffer(in: state)
        guard number >= 1 && number <= available.count else {
            throw .choiceOutOfRange(number: number, available: available.count)
        }
        return try take(available[number - 1], in: state)
    }

    /// Takes the choice with that id, after checking that it is really on offer in this state.
    ///
    /// This is how a recorded path is replayed: a tampered or stale path fails
    /// here instead of taking a choice the student could not have taken.
    public func choose(id: ChoiceID, in state: CaseState) throws(EngineError) -> (state: CaseState, events: [Event]) {
        let available = try choicesOnOffer(in: state)
        guard let pick = available.first(where: { $0.id == id }) else { throw .choiceNotAvailable(id) }
        return try take(pick, in: state)
    }

    /// Takes a choice that `availableChoices(in:)` offered in this same state, without working out the
    /// offer again: for a replay that has just checked the choice against that offer.
    public func choose(offered pick: AvailableChoice, in state: CaseState) throws(EngineError) -> (state: CaseState, events: [Event]) {
        try take(pick, in: state)
    }

    /// Moves from a scene with no choices to the scene its `-> NAME` names.
    public func `continue`(from state: CaseState) throws(EngineError) -> (state: CaseState, events: [Event]) {
        guard let scene = scenario.scene(named: state.scene) else { throw .unknownScene(state.scene) }
        guard !scene.isEnding, scene.choices.isEmpty, let next = scene.next else { throw .nothingToContinue }
        guard scenario.scene(named: next) != nil else { throw .unknownScene(next) }
        var moved = state
        moved.visit(next, recording: recordedScenes.contains(next))
        return (moved, arrivalEvents(at: next))
    }

    // MARK: Internals

    /// The available choices, or the reason the scene offers none to choose from.
    private func choicesOnOffer(in state: CaseState) throws(EngineError) -> [AvailableChoice] {
        guard let scene = scenario.scene(named: state.scene) else { throw .unknownScene(state.scene) }
        if scene.isEnding || (scene.choices.isEmpty && scene.next != nil) { throw .notChoosing }
        return availableChoices(in: state)
    }

    /// Takes a choice already known to be on offer: the one step every move by choice goes through.
    func take(_ pick: AvailableChoice, in state: CaseState) throws(EngineError) -> (state: CaseState, events: [Event]) {
        try take(pick, in: state, telling: true)
    }

    /// `choose(offered:in:)` without the events, changing the state where it is: for a replay that only
    /// needs where the choice leads (scoring a path), which spares building what nobody reads and copying
    /// what the state holds. On an error the state is left as it was.
    public func advance(offered pick: AvailableChoice, in state: inout CaseState) throws(EngineError) {
        _ = try apply(pick, to: &state, telling: false)
    }

    /// `choose(offered:in:)` changing the state where it is, with the events: for play, which keeps one state
    /// and moves it on. Returning a new state copies the whole path whenever the caller still holds the old
    /// one, which made a long attempt grow with its square. On an error the state is left as it was; the only
    /// error for a choice on offer is a target scene the case does not have (`leadsToAScene`).
    public func take(offered pick: AvailableChoice, in state: inout CaseState) throws(EngineError) -> [Event] {
        try apply(pick, to: &state, telling: true)
    }

    /// Whether the choice leads to a scene of the case: whether `take(offered:in:)` can take it where it is on
    /// offer. For a front end that must write a step down before it takes it.
    public func leadsToAScene(_ pick: AvailableChoice) -> Bool {
        scenario.position(ofScene: pick.choice.target) != nil
    }

    /// `take`, with the events or (`telling` false) with none.
    private func take(_ pick: AvailableChoice, in state: CaseState, telling: Bool) throws(EngineError) -> (state: CaseState, events: [Event]) {
        var next = state
        let events = try apply(pick, to: &next, telling: telling)
        return (next, events)
    }

    /// Takes the choice in `next` (the state before it), returning the events when `telling`; throws before
    /// changing anything when the choice leads to a scene the case does not have.
    func apply(_ pick: AvailableChoice, to next: inout CaseState, telling: Bool) throws(EngineError) -> [Event] {
        let choice = pick.choice
        guard scenario.position(ofScene: choice.target) != nil else { throw .unknownScene(choice.target) }
        let step = Step(
            scene: next.scene, choice: pick.id, number: pick.number, text: choice.text, phase: choice.phase)
        next.path.append(step)
        var events: [Event] = telling ? [.chose(step)] : []
        for update in choice.updates {
            // The checker rejects unknown variables and type mismatches; the engine skips them.
            guard let current = next.variables[update.variable], let value = update.applied(to: current) else {
                continue
            }
            next.variables[update.variable] = value
            if telling && value != current { events.append(.changed(variable: update.variable, from: current, to: value)) }
        }
        if choice.once { next.usedOnceChoices.insert(pick.id) }
        for finding in choice.reveals where next.reveal(finding) {
            if telling { events.append(.revealed(finding: finding)) }
        }
        for finding in choice.addresses where next.address(finding) {
            if telling { events.append(.addressed(finding: finding)) }
        }
        if telling, let feedback = choice.feedback, !feedback.isEmpty { events.append(.feedback(feedback)) }
        next.visit(choice.target, recording: recordedScenes.contains(choice.target))
        if telling { events += arrivalEvents(at: choice.target) }
        return events
    }

    /// `entered`, and `ended` when the scene is an ending.
    private func arrivalEvents(at sceneName: String) -> [Event] {
        var events: [Event] = [.entered(scene: sceneName)]
        if let position = scenario.position(ofScene: sceneName), let outcome = scenario.scenes[position].ending {
            events.append(.ended(outcome: outcome, scene: sceneName))
        }
        return events
    }

    /// Whether the status of the state is `.continuing`, without working out its available choices.
    public func continues(_ state: CaseState) -> Bool {
        guard let position = scenario.position(ofScene: state.scene) else { return false }
        let scenes = scenario.scenes
        return scenes[position].ending == nil && scenes[position].choices.isEmpty && scenes[position].next != nil
            && continuations.leadsOut(scenes[position].name)
    }
}
