import Foundation
import PracticumCore
import PracticumEngine
import Testing

@Suite("Surveying the state space: paths, loops, soft locks")
struct StateSurveyTests {
    func scenario(_ text: String) throws -> Scenario {
        let source = "title: T\nid: t\nlanguage: en\nlevel: micro\n" + text
        let result = ScenarioLoader(content: ExplorationCheckTests.content).load(text: source, file: "x.scenario")
        return try #require(result.scenario, "\(result.diagnostics.map(\.message))")
    }

    func survey(_ text: String, limit: Int = 1000) throws -> StateSurvey {
        let scenario = try scenario(text)
        return StateSurvey(graph: StateExplorer(scenario: scenario, limit: limit).explore(), scenario: scenario)
    }

    /// A choice in the form the tests write them.
    func choice(_ text: String, to target: String, quality: Int = 1, extra: String = "") -> String {
        "* \(text)\n  phase: engagement\n  quality: \(quality)\n" + (extra.isEmpty ? "" : "  \(extra)\n") + "  -> \(target)\n"
    }

    /// `layers` scenes of `width` choices each, every one leading to the next scene; then one ending.
    static func layered(layers: Int, width: Int) -> String {
        var text = ""
        for layer in 0..<layers {
            let next = layer + 1 < layers ? "layer-\(layer + 1)" : "end"
            text += "== layer-\(layer)\nLayer \(layer).\n"
            for option in 0..<width {
                text += "* Option \(option + 1) of layer \(layer + 1)\n  phase: engagement\n  quality: \(option)\n  -> \(next)\n"
            }
        }
        return text + "== end [ending: goals-met]\nDone.\n"
    }

    @Test func pathsCountedByHandInASmallCase() throws {
        // a: two ways to b and one to far; b: two ways to near and one to far.
        // near: 2 x 2 = 4 paths; far: 2 x 1 + 1 = 3 paths.
        let found = try survey(
            "== a\n" + choice("A1", to: "b") + choice("A2", to: "b") + choice("A3", to: "far")
                + "== b\n" + choice("B1", to: "near") + choice("B2", to: "near") + choice("B3", to: "far")
                + "== near [ending: goals-met]\nNear.\n== far [ending: partial]\nFar.\n")
        #expect(!found.isTruncated)
        #expect(found.states == 4)
        #expect(found.edges == 6)
        #expect(found.endings.map(\.scene) == ["near", "far"])
        #expect(found.endings.map(\.paths.loopFree) == [BigCount(4), BigCount(3)])
        #expect(found.endings.allSatisfy { !$0.paths.isUnbounded })
        #expect(found.total == StateSurvey.PathTally(loopFree: BigCount(7), isUnbounded: false))
        #expect(found.endings[1].witness == [ChoiceID(scene: "a", index: 2)])
        #expect(found.loops.isEmpty)
        #expect(found.softLocks.isEmpty)
        #expect(found.untakenChoices.isEmpty)
        #expect(found.stuckPaths.loopFree == .zero)
    }

    @Test func fiftyLayersOfThreeChoices() throws {
        let found = try survey(Self.layered(layers: 50, width: 3))
        #expect(found.states == 51)
        #expect(found.total.loopFree.description == "717897987691852588770249")
        #expect(!found.total.isUnbounded)
        #expect(found.endings.first?.witness.count == 50)
    }

    @Test func aLoopMakesThePathsBeyondItEndless() throws {
        // start: straight to one ending, or into a waiting room that can be gone round before the other.
        let found = try survey(
            "== start\n" + choice("Finish now", to: "early") + choice("Wait", to: "room")
                + "== room\n" + choice("Wait again", to: "room", quality: 2) + choice("Leave", to: "late", quality: 0)
                + "== early [ending: goals-met]\nEarly.\n== late [ending: partial]\nLate.\n")
        #expect(found.endings.map(\.scene) == ["early", "late"])
        #expect(found.endings[0].paths == StateSurvey.PathTally(loopFree: BigCount(1), isUnbounded: false))
        // Every path to `late` enters the room, which lies on a loop (it leads to itself).
        #expect(found.endings[1].paths == StateSurvey.PathTally(loopFree: .zero, isUnbounded: true))
        #expect(found.total == StateSurvey.PathTally(loopFree: BigCount(1), isUnbounded: true))
        let loop = try #require(found.loops.first)
        #expect(found.loops.count == 1)
        #expect(loop.scenes == ["room"])
        #expect(loop.leadsToEnding)
        #expect(loop.entry == [ChoiceID(scene: "start", index: 1)])
        #expect(loop.round == [ChoiceID(scene: "room", index: 0)])
        #expect(loop.qualityPerRound == 2)
    }

    @Test func aLoopOfTwoScenesWithNoWayOutNeverEnds() throws {
        let found = try survey(
            "== start\n" + choice("Go in", to: "ping") + choice("Stop", to: "done")
                + "== ping\n" + choice("To pong", to: "pong", quality: 0)
                + "== pong\n" + choice("To ping", to: "ping", quality: -1)
                + "== done [ending: goals-met]\nDone.\n")
        let loop = try #require(found.loops.first)
        #expect(loop.scenes == ["ping", "pong"])
        #expect(loop.states == 2)
        #expect(!loop.leadsToEnding)
        #expect(loop.qualityPerRound == 0)
        #expect(loop.round.count == 2)
        #expect(found.total == StateSurvey.PathTally(loopFree: BigCount(1), isUnbounded: false))
    }

    @Test func aSoftLockComesWithThePathThatReachesIt() throws {
        let found = try survey(
            "var key = false\n== a\n" + choice("Fine", to: "b") + choice("Trouble", to: "locked")
                + "== locked\n" + choice("Open", to: "b", extra: "requires: key")
                + "== b [ending: goals-met]\nDone.\n")
        #expect(found.softLocks.map(\.scene) == ["locked"])
        #expect(found.softLocks.map(\.path) == [[ChoiceID(scene: "a", index: 1)]])
        #expect(found.stuckPaths == StateSurvey.PathTally(loopFree: BigCount(1), isUnbounded: false))
        #expect(found.untakenChoices.map(\.choice) == [ChoiceID(scene: "locked", index: 0)])
        #expect(found.untakenChoices.map(\.reason) == [.neverOffered])
    }

    @Test func aFindingAddressedBeforeItIsRevealed() throws {
        let found = try survey(
            "finding debt: Rent is owed\n== a\n" + choice("Ask", to: "b", extra: "reveals: debt")
                + choice("Plan at once", to: "end", extra: "addresses: debt")
                + "== b\n" + choice("Plan", to: "end", extra: "addresses: debt")
                + "== end [ending: goals-met]\nDone.\n")
        // In b the debt is always revealed; in a it never is.
        #expect(found.earlyAddresses.map(\.finding) == ["debt"])
        #expect(found.earlyAddresses.map(\.choice) == [ChoiceID(scene: "a", index: 1)])
        #expect(found.earlyAddresses.map(\.path) == [[ChoiceID(scene: "a", index: 1)]])
    }

    @Test func theLimitCutsTheSurveyShortAndTheCountsAreLowerBounds() throws {
        let found = try survey(Self.layered(layers: 50, width: 3), limit: 10)
        #expect(found.isTruncated)
        #expect(found.states == 10)
        // No ending was reached within ten states, so no path to one was counted.
        #expect(found.endings.isEmpty)
        #expect(found.total.loopFree == .zero)
        // The choices of the states found but not followed are not taken, for want of exploring.
        #expect(found.untakenChoices.first?.reason == .unexplored)
        #expect(found.untakenChoices.last?.reason == .sceneNeverEntered)
    }
}
