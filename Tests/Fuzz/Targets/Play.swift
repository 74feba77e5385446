// Fuzz target: the engine played by bytes. The first byte picks a bundled case, the second a seed for the
// order of choices; then each byte (up to 60) is a move: 255 undoes the last choice (by replaying the path
// without it, as play does), 254 continues where a scene only continues, any other byte picks a choice by
// number (even one out of range). Every eighth move the state is scored as practice mode does; at the end the
// path is replayed and must give the same state, and the report's totals must be the sums of its items.
import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2, !Fuzz.cases.isEmpty else { return 0 }
    let (scenario, scorer) = Fuzz.cases[Int(bytes[0]) % Fuzz.cases.count]
    let order: ChoiceOrder = bytes[1] == 0 ? .written : .shuffled(seed: UInt64(bytes[1]))
    let engine = Engine(scenario: scenario, order: order)
    var state = engine.start().state
    for (move, byte) in bytes.dropFirst(2).prefix(60).enumerated() {
        switch byte {
        case 255:
            guard !state.path.isEmpty else { continue }
            guard let back = try? engine.replay(Array(state.choicesTaken.dropLast())) else {
                fatalError("undo: the path without its last choice does not replay")
            }
            state = back
        case 254:
            if let next = try? engine.continue(from: state) { state = next.state }
        default:
            if let next = try? engine.choose(number: Int(byte) % 7, in: state) { state = next.state }
        }
        if move % 8 == 7 { _ = scorer.score(state) }
    }
    guard let replayed = try? engine.replay(state.choicesTaken) else {
        fatalError("a path the engine played does not replay")
    }
    precondition(replayed.choicesTaken == state.choicesTaken && replayed.scene == engine.autoContinue(state).state.scene)
    let report = scorer.score(state)
    for (dimension, total) in report.raw {
        let items = report.items.filter { $0.dimension == dimension }.reduce(0.0) { $0 + $1.points }
        precondition(abs(items - total) < 1e-6, "\(dimension): items add to \(items), the total is \(total)")
    }
    for (dimension, value) in report.dimensions { precondition((0...100).contains(value), "\(dimension) \(value)") }
    _ = scorer.strongerAlternative(for: state.choicesTaken)
    return 0
}
