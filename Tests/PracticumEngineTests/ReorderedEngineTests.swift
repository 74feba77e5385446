import PracticumCore
import Testing

@testable import PracticumEngine

/// `Engine.reordered(_:)` (what `simulate` makes each run's engine with) and the arrangement worked out when a
/// scene is shown must offer exactly what an engine made afresh in that order offers, in the same order.
@Suite struct ReorderedEngineTests {
    @Test(arguments: 0..<60)
    func aReorderedEngineOffersWhatAFreshOneOffers(_ seed: Int) {
        let scenario = RandomCase.make(seed: UInt64(seed))
        let written = Engine(scenario: scenario)
        var generator = SplitMix64(seed: UInt64(seed) &+ 11)
        for _ in 0..<3 {
            let order = ChoiceOrder.shuffled(seed: generator.next())
            let fresh = Engine(scenario: scenario, order: order)
            let reordered = written.reordered(order)
            #expect(reordered.order == order)
            var state = fresh.autoContinue(fresh.start().state).state
            for _ in 0..<25 {
                guard case .choosing(let offered) = fresh.status(of: state) else { break }
                #expect(reordered.status(of: state) == fresh.status(of: state))
                #expect(reordered.offeredPositions(in: state) == offered.map(\.id.index))
                let pick = offered[Int(generator.next() % UInt64(offered.count))]
                guard let next = try? fresh.choose(offered: pick, in: state) else { break }
                state = fresh.autoContinue(next.state).state
            }
        }
    }

    /// A shuffled scene's arrangement is a permutation of its choices, and an engine shows it as it is, whichever
    /// scenes were shown before (nothing is kept between scenes).
    @Test func anArrangementIsShownAsItIsWhicheverSceneComesFirst() {
        let order = ChoiceOrder.shuffled(seed: 77)
        let engine = Engine(scenario: Cases.hub, order: order)
        let scenes = Cases.hub.scenes.filter { $0.choices.count > 1 && $0.ending == nil }
        for scene in scenes.reversed() + scenes {
            #expect(Set(order.arrangement(of: scene)) == Set(scene.choices.indices))
            let state = CaseState(scenarioID: Cases.hub.id, scene: scene.name, variables: engine.start().state.variables)
            let shown = engine.offeredPositions(in: state)
            #expect(shown == order.arrangement(of: scene).filter { shown.contains($0) })
        }
        #expect(engine.reordered(.written).order == .written)
    }
}
