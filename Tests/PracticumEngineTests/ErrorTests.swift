import Foundation
import PracticumCore
import PracticumEngine
import Testing

@Suite("Refused moves")
struct ErrorTests {
    let engine = Engine(scenario: Cases.maria)

    @Test(arguments: [0, 3, -1, 99, Int.min, Int.max])
    func aNumberOutsideTheAvailableChoicesIsOutOfRange(_ number: Int) {
        // Two of the intake's three choices are on offer.
        #expect(throws: EngineError.choiceOutOfRange(number: number, available: 2)) {
            try engine.choose(number: number, in: engine.start().state)
        }
    }

    @Test(arguments: [
        ChoiceID.at("intake", 3),  // requires trust >= 2
        ChoiceID.at("story", 1),  // another scene
        ChoiceID.at("intake", 4),  // no such written choice
        ChoiceID.at("intake", 0),
        ChoiceID(scene: "nowhere", index: 0),
    ])
    func aChoiceNotOnOfferIsRefusedById(_ id: ChoiceID) {
        #expect(throws: EngineError.choiceNotAvailable(id)) { try engine.choose(id: id, in: engine.start().state) }
    }

    @Test func aUsedOnceChoiceIsRefusedById() throws {
        let afterRent = try engine.play([1, 1])
        #expect(throws: EngineError.choiceNotAvailable(.at("story", 1))) {
            try engine.choose(id: .at("story", 1), in: afterRent)
        }
    }

    @Test func aChoiceIntoAnUnknownSceneIsRefusedAndChangesNothing() {
        let engine = Engine(scenario: Cases.extremes)
        #expect(throws: EngineError.unknownScene("nowhere")) { try engine.choose(number: 2, in: engine.start().state) }
    }

    @Test func aStateInAnUnknownSceneIsStuckAndRefusesMoves() throws {
        let json = #"""
            {"addressedFindings":[],"path":[],"revealedFindings":[],"scenarioID":"maria","scene":"gone-in-v2",
             "usedOnceChoices":[],"variables":{"called":false,"trust":1},"visitedScenes":["gone-in-v2"]}
            """#
        let state = try JSONDecoder().decode(CaseState.self, from: Data(json.utf8))
        #expect(engine.status(of: state) == .stuck)
        #expect(engine.paragraphs(of: state).isEmpty)
        #expect(throws: EngineError.unknownScene("gone-in-v2")) { try engine.choose(number: 1, in: state) }
        #expect(throws: EngineError.unknownScene("gone-in-v2")) { try engine.choose(id: .at("intake", 1), in: state) }
        #expect(throws: EngineError.unknownScene("gone-in-v2")) { try engine.continue(from: state) }
    }

    @Test(arguments: [
        (EngineError.choiceOutOfRange(number: 4, available: 3), "There is no choice 4: pick a number from 1 to 3."),
        (.choiceOutOfRange(number: 2, available: 1), "There is no choice 2: the only choice is 1."),
        (.choiceOutOfRange(number: 1, available: 0), "There is no choice 1: nothing can be chosen here."),
        (.choiceNotAvailable(.at("story", 2)), "Choice story#2 is not on offer at this point of the case."),
        (.notChoosing, "There is nothing to choose here: the case has ended or continues when you press Enter."),
        (
            .nothingToContinue,
            "The case does not continue on its own here: pick one of the choices, or the case has ended."
        ),
        (
            .unknownScene("x"),
            "The case has no scene named 'x'; the saved play may belong to another version of the case."
        ),
    ])
    func descriptionsSayWhatToDo(_ error: EngineError, _ expected: String) {
        #expect(error.description == expected)
    }
}
