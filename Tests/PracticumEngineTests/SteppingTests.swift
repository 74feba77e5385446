import PracticumCore
import PracticumEngine
import Testing

@Suite("Stepping through a case")
struct SteppingTests {
    let engine = Engine(scenario: Cases.maria)

    @Test func startIsTheStartSceneWithInitialValues() {
        let (state, events) = engine.start()
        #expect(state.scenarioID == "maria")
        #expect(state.scene == "intake")
        #expect(state.visitedScenes == ["intake"])
        #expect(state.variables == ["trust": .int(1), "called": .bool(false)])
        #expect(state.path.isEmpty && state.choicesTaken.isEmpty)
        #expect(state.usedOnceChoices.isEmpty && state.revealedFindings.isEmpty && state.addressedFindings.isEmpty)
        #expect(events == [.entered(scene: "intake")])
    }

    @Test func takingAChoiceAppendsAStepAndReportsEventsInOrder() throws {
        let (state, events) = try engine.choose(number: 1, in: engine.start().state)
        let step = Step(
            scene: "intake", choice: .at("intake", 1), number: 1,
            text: "Introduce yourself and the limits of confidentiality.", phase: "engagement"
        )
        #expect(state.path == [step])
        #expect(state.choicesTaken == [.at("intake", 1)])
        #expect(state.scene == "story")
        #expect(state.visitedScenes == ["intake", "story"])
        #expect(state.variables["trust"] == .int(2))
        #expect(
            events == [
                .chose(step),
                .changed(variable: "trust", from: .int(1), to: .int(2)),
                .feedback("Naming the limits up front is informed consent in practice."),
                .entered(scene: "story"),
            ])
    }

    @Test func theGivenStateIsLeftAsItWas() throws {
        let before = engine.start().state
        let copy = before
        _ = try engine.choose(number: 2, in: before)
        #expect(before == copy)
    }

    @Test func revisitingASceneDoesNotDuplicateIt() throws {
        let state = try engine.play([1, 1, 1])  // story -> rent -> story -> family -> story
        #expect(state.scene == "story")
        #expect(state.visitedScenes == ["intake", "story"])
        #expect(state.path.map { $0.number } == [1, 1, 1])
        #expect(state.choicesTaken == [.at("intake", 1), .at("story", 1), .at("story", 2)])
    }

    @Test func revealsAndAddressesKeepOrderWithoutDuplicates() throws {
        let afterFamily = try engine.choose(number: 2, in: try engine.play([1])).state
        #expect(afterFamily.revealedFindings == ["sister", "eviction"])

        let (afterRent, rentEvents) = try engine.choose(number: 1, in: afterFamily)
        #expect(afterRent.revealedFindings == ["sister", "eviction"])
        #expect(!rentEvents.contains(.revealed(finding: "eviction")))

        // Plan: addresses eviction, sister, eviction; then continues through summary to closing.
        let (planned, events) = try engine.choose(number: 1, in: afterRent)
        #expect(planned.addressedFindings == ["eviction", "sister"])
        #expect(planned.scene == "summary")
        #expect(
            events == [
                .chose(
                    Step(
                        scene: "story", choice: .at("story", 3), number: 1,
                        text: "Plan the housing steps together.", phase: "planning")),
                .addressed(finding: "eviction"),
                .addressed(finding: "sister"),
                .entered(scene: "summary"),
            ])
        #expect(planned.hasAddressed("sister") && planned.hasRevealed("eviction") && planned.hasVisited("story"))
    }

    @Test func eventsOfAChoiceThatChangesRevealsAndEnds() throws {
        let scenario = Scenario(
            header: Cases.header("all-events"),
            findings: [Finding(id: "f", text: "A fact")],
            variables: [Variable(name: "v", initial: .int(0))],
            scenes: [
                Scene(
                    name: "a",
                    choices: [
                        Choice(
                            text: "Do it all.", phase: "planning", quality: 0, reveals: ["f"], addresses: ["f"],
                            updates: [Assignment(variable: "v", operation: .add(-3))], feedback: "Well.", target: "z"
                        )
                    ]),
                Scene(name: "z", ending: "referred"),
            ],
            start: "a"
        )
        let engine = Engine(scenario: scenario)
        let (state, events) = try engine.choose(number: 1, in: engine.start().state)
        #expect(
            events == [
                .chose(Step(scene: "a", choice: .at("a", 1), number: 1, text: "Do it all.", phase: "planning")),
                .changed(variable: "v", from: .int(0), to: .int(-3)),
                .revealed(finding: "f"),
                .addressed(finding: "f"),
                .feedback("Well."),
                .entered(scene: "z"),
                .ended(outcome: "referred", scene: "z"),
            ])
        #expect(engine.status(of: state) == .ended(outcome: "referred"))
    }
}
