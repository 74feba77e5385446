import PracticumCore
import PracticumEngine
import Testing

@Suite("Updates from `set:`")
struct UpdateTests {
    @Test func minusNAndAssignmentApplyInOrder() throws {
        let engine = Engine(scenario: Cases.maria)
        let (state, events) = try engine.choose(number: 2, in: engine.start().state)
        #expect(state.variables == ["trust": .int(-1), "called": .bool(true)])
        #expect(
            Array(events.dropFirst().prefix(2)) == [
                .changed(variable: "called", from: .bool(false), to: .bool(true)),
                .changed(variable: "trust", from: .int(1), to: .int(-1)),
            ])
    }

    @Test func addingSaturatesInsteadOfOverflowing() throws {
        let engine = Engine(scenario: Cases.extremes)
        let once = try engine.choose(number: 1, in: engine.start().state).state
        #expect(once.variables["high"] == .int(Int.max))
        #expect(once.variables["low"] == .int(Int.min))
        let twice = try engine.choose(number: 1, in: once)
        #expect(twice.state.variables == once.variables)
        #expect(!twice.events.contains { if case .changed = $0 { true } else { false } })
    }

    @Test func updatesThatCannotApplyAreSkippedAndUnchangedValuesAreNotReported() throws {
        let engine = Engine(scenario: Cases.extremes)
        let (state, events) = try engine.choose(number: 1, in: engine.start().state)
        #expect(state.variables["flag"] == .bool(true))  // `= 3` and `+ 1` do not fit a boolean
        #expect(state.variables["missing"] == nil)
        let changed = events.compactMap { event -> String? in
            if case .changed(let name, _, _) = event { name } else { nil }
        }
        #expect(changed == ["high", "low"])
    }
}
