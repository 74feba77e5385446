import PracticumCore
import PracticumEngine
import Testing

@Suite("Which choices are on offer, and their numbers")
struct AvailabilityTests {
    let engine = Engine(scenario: Cases.maria)

    @Test func anUnmetRequirementHidesTheChoice() {
        let start = engine.start().state
        #expect(engine.offered(in: start) == [1: .at("intake", 1), 2: .at("intake", 2)])
    }

    @Test func numbersCountOnlyTheAvailableChoices() throws {
        let story = try engine.play([1])
        #expect(engine.offered(in: story) == [1: .at("story", 1), 2: .at("story", 2), 3: .at("story", 4)])

        // Asking about the rent uses that once choice and reveals the eviction, which opens the plan.
        let afterRent = try engine.play([1, 1])
        #expect(engine.offered(in: afterRent) == [1: .at("story", 2), 2: .at("story", 3), 3: .at("story", 4)])
        let available = engine.availableChoices(in: afterRent)
        #expect(
            available.map { $0.choice.text } == [
                "Ask who she can count on.", "Plan the housing steps together.", "Wrap up quickly.",
            ])
        guard case .choosing(let shown) = engine.status(of: afterRent) else {
            Issue.record("expected choices")
            return
        }
        #expect(shown == available)
    }

    @Test func aOnceChoiceDisappearsAfterItIsTaken() throws {
        let afterRent = try engine.play([1, 1])
        #expect(afterRent.usedOnceChoices == [.at("story", 1)])
        #expect(!engine.availableChoices(in: afterRent).contains { $0.id == .at("story", 1) })

        let afterBoth = try engine.play([1, 1, 1])
        #expect(afterBoth.usedOnceChoices == [.at("story", 1), .at("story", 2)])
        #expect(engine.offered(in: afterBoth) == [1: .at("story", 3), 2: .at("story", 4)])
    }

    @Test func theStepRecordsTheNumberShownNotTheWrittenPosition() throws {
        let state = try engine.play([1, 1, 1, 1])  // the plan, shown as 1, written 3rd
        #expect(state.path.last?.number == 1)
        #expect(state.path.last?.choice == .at("story", 3))
    }

    @Test func anEndingOffersNoChoices() throws {
        let ended = try engine.play([2])
        #expect(ended.scene == "walkout")
        #expect(engine.availableChoices(in: ended).isEmpty)
    }
}
