import Foundation
import PracticumCore
import Testing

@testable import PracticumEngine

/// `UndoTrail` takes a step back without replaying the path; it must give exactly the state `Engine.undo(_:)`
/// gives (which replays the path but its last step), in every kind of case: variables that saturate, `once`
/// choices, findings, visits and continuation chains.
@Suite struct UndoTrailTests {
    /// Random walks through `scenario`: each move takes a random choice on offer or (one time in three) undoes,
    /// and every undo is checked against a replay. Returns how many undos were compared.
    @discardableResult
    static func expectAgreement(
        _ scenario: Scenario, walks: Int = 4, moves: Int = 60, seed: UInt64,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Int {
        let engine = Engine(scenario: scenario)
        var generator = SplitMix64(seed: seed)
        var compared = 0
        for _ in 0..<walks {
            var state = engine.autoContinue(engine.start().state).state
            var trail = UndoTrail()
            for _ in 0..<moves {
                if !state.path.isEmpty && generator.next() % 3 == 0 {
                    let replayed = engine.undo(state)
                    #expect(trail.canUndo(state), sourceLocation: sourceLocation)
                    let undid = trail.undo(&state)
                    #expect(undid, sourceLocation: sourceLocation)
                    #expect(state == replayed, "\(scenario.id): undo at step \(state.path.count + 1)", sourceLocation: sourceLocation)
                    compared += 1
                    continue
                }
                guard case .choosing(let offered) = engine.status(of: state) else { break }
                let pick = offered[Int(generator.next() % UInt64(offered.count))]
                trail.willTake(in: state)
                do {
                    _ = try engine.take(offered: pick, in: &state)
                } catch {
                    trail.notTaken()
                    break
                }
                state = engine.autoContinue(state).state
            }
        }
        return compared
    }

    @Test(arguments: [Cases.maria, Cases.softLock, Cases.continuations, Cases.hub, Cases.unboundedUnread, Cases.extremes])
    func handWrittenCases(_ scenario: Scenario) {
        #expect(Self.expectAgreement(scenario, seed: 17) > 0 || scenario.id == Cases.softLock.id)
    }

    @Test(arguments: 0..<120)
    func randomCases(_ seed: Int) {
        Self.expectAgreement(RandomCase.make(seed: UInt64(seed)), walks: 3, moves: 30, seed: UInt64(seed))
    }

    @Test func theBundledCases() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("Scenarios")
        let loader = ScenarioLoader(content: try ContentLoader.load(from: root.appendingPathComponent("Content")))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scenario") }
        var compared = 0
        for file in files {
            let scenario = try #require(loader.load(path: folder.appendingPathComponent(file).path).scenario)
            compared += Self.expectAgreement(scenario, walks: 3, moves: 40, seed: 0xD0)
        }
        #expect(compared > 100)
    }

    /// A trail made for a resumed attempt marks each of its steps once, so every one of them can be undone.
    @Test func aTrailAlongAPathUndoesEveryStepOfIt() throws {
        let engine = Engine(scenario: Cases.maria)
        var generator = SplitMix64(seed: 5)
        var state = engine.autoContinue(engine.start().state).state
        while state.path.count < 6, case .choosing(let offered) = engine.status(of: state) {
            state = engine.autoContinue(try engine.choose(offered: offered[Int(generator.next() % UInt64(offered.count))], in: state).state).state
        }
        var trail = UndoTrail(engine: engine, along: state)
        #expect(trail.steps == state.path.count)
        while !state.path.isEmpty {
            let replayed = engine.undo(state)
            let undid = trail.undo(&state)
            #expect(undid)
            #expect(state == replayed)
        }
        #expect(!trail.canUndo(state))
    }

    /// A state changed without the trail (so that no mark fits it) is not undone from the trail: the caller
    /// replays instead, and the trail forgets marks it can no longer trust.
    @Test func aStateTheTrailDidNotFollowIsLeftAlone() throws {
        let engine = Engine(scenario: Cases.maria)
        var state = engine.autoContinue(engine.start().state).state
        var trail = UndoTrail()
        guard case .choosing(let offered) = engine.status(of: state) else { Issue.record("no choice"); return }
        trail.willTake(in: state)
        _ = try engine.take(offered: offered[0], in: &state)
        state = engine.autoContinue(state).state
        guard case .choosing(let next) = engine.status(of: state) else { Issue.record("no second choice"); return }
        _ = try engine.take(offered: next[0], in: &state)  // not marked
        let before = state
        #expect(!trail.canUndo(state))
        let undid = trail.undo(&state)
        #expect(!undid)
        #expect(state == before)
        #expect(trail.steps == 0)
    }

    /// A front end asks how a step would be taken back before it writes the undo down: from the mark when the
    /// trail has one, by the replay when it has none, and not at all at the start; either way the state comes
    /// back to the one the replay gives.
    @Test func anUndoIsPlannedBeforeItIsTaken() throws {
        let engine = Engine(scenario: Cases.maria)
        let start = engine.autoContinue(engine.start().state).state
        #expect(UndoTrail().undo(of: start, engine: engine) == nil)
        var state = start
        var trail = UndoTrail()
        for marked in [true, false] {
            guard case .choosing(let offered) = engine.status(of: state) else { Issue.record("no choice"); return }
            if marked { trail.willTake(in: state) }
            _ = try engine.take(offered: offered[0], in: &state)
            state = engine.autoContinue(state).state
        }
        // The second step has no mark: replayed; then the first has its mark.
        for expectedFromMark in [false, true] {
            let replayed = try #require(engine.undo(state))
            let undo = try #require(trail.undo(of: state, engine: engine))
            if case .fromMark = undo { #expect(expectedFromMark) } else { #expect(!expectedFromMark) }
            trail.apply(undo, to: &state)
            #expect(state == replayed)
        }
        #expect(state.path.isEmpty && trail.undo(of: state, engine: engine) == nil)
    }
}
