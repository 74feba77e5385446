import PracticumCore
import PracticumEngine
import Testing

@Suite("Replay and undo")
struct ReplayTests {
    let engine = Engine(scenario: Cases.maria)

    static let scripts: [[Int]] = [[], [1], [2], [1, 1], [1, 2, 1], [1, 1, 1, 1], [1, 2, 1, 2], [1, 1, 3]]

    @Test(arguments: scripts)
    func replayingTheIdsGivesTheSameStateAsStepping(_ numbers: [Int]) throws {
        let stepped = try engine.play(numbers)
        #expect(try engine.replay(stepped.choicesTaken) == stepped)
    }

    @Test func replayStartsByContinuing() throws {
        let engine = Engine(scenario: Cases.continuations)
        let state = try engine.replay([])
        #expect(state.scene == "office")
        #expect(state.visitedScenes.isEmpty, "no condition of the case asks about these scenes")
    }

    @Test func replayRefusesAPathTheStudentCouldNotHaveTaken() throws {
        // The plan needs the eviction revealed first.
        #expect(throws: EngineError.choiceNotAvailable(.at("story", 3))) {
            try engine.replay([.at("intake", 1), .at("story", 3)])
        }
        // A once choice cannot be taken twice.
        #expect(throws: EngineError.choiceNotAvailable(.at("story", 1))) {
            try engine.replay([.at("intake", 1), .at("story", 1), .at("story", 1)])
        }
        // Nothing can be chosen after an ending.
        #expect(throws: EngineError.notChoosing) { try engine.replay([.at("intake", 2), .at("story", 4)]) }
    }

    @Test func undoGoesBackToTheStateBeforeTheLastChoice() throws {
        let one = try engine.play([1])
        let two = try engine.play([1, 1])
        #expect(engine.undo(two) == one)
        #expect(engine.undo(one) == engine.start().state)
        #expect(engine.undo(engine.start().state) == nil)
    }

    @Test func undoRestoresEverythingTheChoiceDid() throws {
        let before = try engine.play([1])
        let after = try engine.play([1, 1])
        #expect(after.usedOnceChoices == [.at("story", 1)] && after.revealedFindings == ["eviction"])
        let undone = try #require(engine.undo(after))
        #expect(undone.usedOnceChoices.isEmpty && undone.revealedFindings.isEmpty)
        #expect(undone.variables == before.variables)
        #expect(engine.availableChoices(in: undone) == engine.availableChoices(in: before))
    }

    @Test func undoAfterContinuationsReturnsToTheSceneOfTheLastChoice() throws {
        let ended = try engine.play([1, 1, 2])  // rent, then the plan -> summary -> closing
        #expect(ended.scene == "closing")
        let undone = try #require(engine.undo(ended))
        #expect(undone.scene == "story")
        #expect(undone.visitedScenes == ["intake", "story"])
        #expect(undone == (try engine.play([1, 1])))
    }

    @Test func undoOfAStateFromAnotherCaseIsNil() throws {
        let hubState = try Engine(scenario: Cases.hub).play([1, 1])
        #expect(engine.undo(hubState) == nil)
    }
}
