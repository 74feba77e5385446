import PracticumCore
import PracticumEngine
import Testing

/// `Engine.walk`: the one replay of a path that `replay`, scoring, `practicum replay` and scripted play visit.
@Suite("Walking a path")
struct WalkTests {
    /// The events of a walk, in a compact form.
    static func trace(_ engine: Engine, _ path: [PathChoice], telling: Bool = true) -> (events: [String], final: CaseState) {
        var events: [String] = []
        let final = engine.walk(path, telling: telling) { (event: WalkEvent) in
            switch event {
            case .scene(let state): events.append("scene \(state.scene)")
            case .choosing(let step, _, let offered, let pick): events.append("choosing \(step) \(pick.id) #\(pick.number) of \(offered)")
            case .took(let step, let state, let told): events.append("took \(step) -> \(state.scene) (\(told.count) events)")
            case .refused(let step, let state, let wanted, let reason): events.append("refused \(step) \(wanted) in \(state.scene): \(reason)")
            case .settled(let step, let state): events.append("settled \(step) in \(state.scene)")
            }
        }
        return (events, final)
    }

    @Test func showsEveryContinuationSceneAndEachStepInOrder() {
        let engine = Engine(scenario: Cases.continuations)
        let (events, final) = Self.trace(engine, [.number(2)])
        #expect(
            events == [
                "scene opening", "scene waiting-room", "scene office",
                "choosing 1 office#2 #2 of [0, 1]", "took 1 -> home (3 events)", "scene home", "settled 1 in home",
            ])
        #expect(final.scene == "home")
    }

    @Test func aChoiceNotOnOfferIsRefusedAndPassedOverWhenTheVisitorGoesOn() {
        let engine = Engine(scenario: Cases.continuations)
        let (events, final) = Self.trace(engine, [.number(3), .id(.at("home", 1)), .id(.at("office", 2))])
        #expect(events.contains("refused 1 3 in office: \(EngineError.choiceOutOfRange(number: 3, available: 2))"))
        #expect(events.contains("refused 2 home#1 in office: \(EngineError.choiceNotAvailable(.at("home", 1)))"))
        #expect(events.contains("settled 2 in office"))
        #expect(final.scene == "home" && final.path.count == 1)
    }

    @Test func withoutTellingTheStatesAreTheSameAndNoEventsAreBuilt() {
        let engine = Engine(scenario: Cases.maria)
        let path: [PathChoice] = [.number(1), .number(1), .number(1)]
        let told = Self.trace(engine, path)
        let quiet = Self.trace(engine, path, telling: false)
        #expect(told.final == quiet.final)
        #expect(quiet.events.allSatisfy { !$0.hasPrefix("took") || $0.hasSuffix("(0 events)") })
        #expect(told.events.contains { $0.hasPrefix("took") && !$0.hasSuffix("(0 events)") })
    }

    @Test func aVisitorThatThrowsStopsTheWalk() {
        let engine = Engine(scenario: Cases.maria)
        var settled = 0
        #expect(throws: EngineError.notChoosing) {
            try engine.walk([.at("intake", 2), .at("story", 4), .at("story", 1)]) { event throws(EngineError) in
                if case .settled = event { settled += 1 }
                if case .refused(_, _, _, let reason) = event { throw reason }
            }
        }
        #expect(settled == 1, "the step after the refusal is never reached")
    }
}
