import PracticumCore
import PracticumEngine
import Testing

@Suite("Continuations, endings and soft locks")
struct FlowTests {
    @Test func aSceneWithoutChoicesContinues() throws {
        let engine = Engine(scenario: Cases.continuations)
        let start = engine.start().state
        #expect(engine.status(of: start) == .continuing(next: "waiting-room"))

        let (next, events) = try engine.continue(from: start)
        #expect(next.scene == "waiting-room")
        #expect(next.visitedScenes.isEmpty, "no condition of the case asks about these scenes")
        #expect(next.path.isEmpty)
        #expect(events == [.entered(scene: "waiting-room")])
        #expect(engine.paragraphs(of: next) == ["The room is full."])
    }

    @Test func autoContinueStopsAtTheFirstSceneWithChoices() {
        let engine = Engine(scenario: Cases.continuations)
        let (state, events) = engine.autoContinue(engine.start().state)
        #expect(state.scene == "office")
        #expect(events == [.entered(scene: "waiting-room"), .entered(scene: "office")])
        #expect(engine.status(of: state) == .choosing(engine.availableChoices(in: state)))
        #expect(engine.autoContinue(state).events.isEmpty)
    }

    @Test func continuingIntoAnEndingReportsIt() throws {
        let engine = Engine(scenario: Cases.maria)
        let summary = try engine.choose(number: 2, in: try engine.play([1, 1])).state  // the plan
        #expect(engine.status(of: summary) == .continuing(next: "closing"))
        let (closing, events) = try engine.continue(from: summary)
        #expect(events == [.entered(scene: "closing"), .ended(outcome: "goals-met", scene: "closing")])
        #expect(engine.status(of: closing) == .ended(outcome: "goals-met"))
    }

    @Test func anEndingOffersNothingToChooseOrContinue() throws {
        let engine = Engine(scenario: Cases.maria)
        let ended = try engine.play([1, 3])
        #expect(engine.status(of: ended) == .ended(outcome: "disengaged"))
        #expect(throws: EngineError.notChoosing) { try engine.choose(number: 1, in: ended) }
        #expect(throws: EngineError.notChoosing) { try engine.choose(id: .at("story", 4), in: ended) }
        #expect(throws: EngineError.nothingToContinue) { try engine.continue(from: ended) }
        #expect(engine.autoContinue(ended).state == ended)
    }

    @Test func choosingInAContinuationAndContinuingAtAChoiceAreRefused() throws {
        let engine = Engine(scenario: Cases.continuations)
        let start = engine.start().state
        #expect(throws: EngineError.notChoosing) { try engine.choose(number: 1, in: start) }
        let office = engine.autoContinue(start).state
        #expect(throws: EngineError.nothingToContinue) { try engine.continue(from: office) }
    }

    @Test func noAvailableChoiceIsASoftLock() throws {
        let engine = Engine(scenario: Cases.softLock)
        let hall = try engine.choose(number: 1, in: engine.start().state).state
        #expect(engine.status(of: hall) == .stuck)
        #expect(engine.availableChoices(in: hall).isEmpty)
        #expect(throws: EngineError.choiceOutOfRange(number: 1, available: 0)) {
            try engine.choose(number: 1, in: hall)
        }
        #expect(throws: EngineError.choiceNotAvailable(.at("hall", 1))) {
            try engine.choose(id: .at("hall", 1), in: hall)
        }
    }

    @Test func continuationsThatOnlyLoopAreASoftLockAndAutoContinueStops() throws {
        let engine = Engine(scenario: Cases.continuations)
        let office = engine.autoContinue(engine.start().state).state
        let loop = try engine.choose(number: 1, in: office).state
        #expect(loop.scene == "loop-a")
        #expect(engine.status(of: loop) == .stuck)
        let after = engine.autoContinue(loop).state
        #expect(engine.status(of: after) == .stuck)
        // Pressing Enter by hand still moves around the loop.
        #expect(try engine.continue(from: loop).state.scene == "loop-b")
    }
}
