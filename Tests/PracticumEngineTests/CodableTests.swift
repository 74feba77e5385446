import Foundation
import PracticumCore
import PracticumEngine
import Testing

@Suite("Saving states")
struct CodableTests {
    static func encode(_ state: CaseState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> CaseState {
        try JSONDecoder().decode(CaseState.self, from: Data(json.utf8))
    }

    @Test(arguments: ReplayTests.scripts)
    func aStateRoundTripsExactly(_ numbers: [Int]) throws {
        let state = try Engine(scenario: Cases.maria).play(numbers)
        let json = try Self.encode(state)
        let decoded = try Self.decode(json)
        #expect(decoded == state)
        #expect(try Self.encode(decoded) == json)
    }

    @Test func integersZeroAndOneStayIntegers() throws {
        let engine = Engine(scenario: Cases.hub)
        for numbers in [[], [3], [3, 3]] {
            let state = try engine.play(numbers)
            #expect(try Self.decode(try Self.encode(state)) == state)
        }
    }

    @Test func theJSONIsStable() throws {
        let state = try Engine(scenario: Cases.hub).play([2, 1, 1])  // school, work, listen
        let expected = """
            {"addressedFindings":[],"path":[\
            {"choice":{"index":1,"scene":"hub"},"number":2,"phase":"assessment","scene":"hub","text":"Ask about school."},\
            {"choice":{"index":0,"scene":"hub"},"number":1,"phase":"assessment","scene":"hub","text":"Ask about work."},\
            {"choice":{"index":2,"scene":"hub"},"number":1,"phase":"engagement","scene":"hub","text":"Listen."}],\
            "revealedFindings":["school","work"],"scenarioID":"hub","scene":"hub",\
            "usedOnceChoices":[{"index":0,"scene":"hub"},{"index":1,"scene":"hub"}],\
            "variables":{"n":1},"visitedScenes":[]}
            """
        #expect(try Self.encode(state) == expected)
    }

    @Test func usedOnceChoicesAreWrittenSortedWhateverTheSetsHistory() throws {
        let engine = Engine(scenario: Cases.maria)
        let rentFirst = try engine.play([1, 1, 1])
        let familyFirst = try engine.play([1, 2, 1])
        #expect(rentFirst.usedOnceChoices == familyFirst.usedOnceChoices)
        for state in [rentFirst, familyFirst] {
            #expect(
                try Self.encode(state).contains(
                    #""usedOnceChoices":[{"index":0,"scene":"story"},{"index":1,"scene":"story"}]"#))
        }
    }

    @Test func theMemoryKeyForgetsThePathAndTheOrder() throws {
        let engine = Engine(scenario: Cases.maria)
        let rentFirst = try engine.play([1, 1, 1])
        let familyFirst = try engine.play([1, 2, 1])
        #expect(rentFirst != familyFirst)
        #expect(rentFirst.revealedFindings != familyFirst.revealedFindings)
        #expect(rentFirst.memoryKey == familyFirst.memoryKey)
        #expect(rentFirst.memoryKey.hashValue == familyFirst.memoryKey.hashValue)
        #expect(rentFirst.memoryKey.revealedFindings == ["eviction", "sister"])
        #expect(rentFirst.memoryKey != (try engine.play([1, 1])).memoryKey)
    }
}
