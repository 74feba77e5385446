import PracticumCore
import PracticumEngine

/// For every state of a case's state space, which of its expectations some way on can still satisfy (met, or
/// never called for where the play ends): what tells the step that put an expectation out of reach.
///
/// One lapse is charged once (scoring rule 11), so an unmet expectation is charged at the step that made it
/// unmeetable, together with that step's breaches and its being premature. That step is the one whose target
/// can no longer reach an ending that satisfies the expectation while its source could: every path to an
/// ending that misses an expectation crosses exactly one such step. It is found by walking back from the
/// satisfying endings over the state space's edges. A state the exploration did not expand (a truncated
/// search) counts as able to satisfy everything, so no step is ever charged on a guess.
struct ExpectationReach: Sendable {
    /// The number of expectations, and the 64-bit words each state's bits take.
    let count: Int
    private let words: Int
    /// `satisfiable[state * words + word]`: bit `e % 64` of word `e / 64` says whether expectation `e` can still
    /// be satisfied from the state.
    private let satisfiable: [UInt64]
    /// Whether some ending can be reached from each state (a soft-locked state reaches none, and kills nothing).
    private let reachesEnding: [Bool]

    init(space: StateGraph, scenario: Scenario) {
        let count = scenario.expectations.count
        self.count = count
        let words = max(1, (count + 63) / 64)
        self.words = words
        let states = space.stateCount
        var bits = [UInt64](repeating: 0, count: states * words)
        var ends = [Bool](repeating: false, count: states)
        guard count > 0, states > 0 else {
            satisfiable = bits
            reachesEnding = ends
            return
        }
        // Predecessors, as a compressed list per state.
        var incoming = [Int32](repeating: 0, count: states + 1)
        for state in 0..<states {
            for edge in space.edgeRange(from: state) { incoming[space.edgeTarget(edge) + 1] += 1 }
        }
        for state in 0..<states { incoming[state + 1] += incoming[state] }
        var fill = incoming
        var sources = [Int32](repeating: 0, count: Int(incoming[states]))
        for state in 0..<states {
            for edge in space.edgeRange(from: state) {
                let target = space.edgeTarget(edge)
                sources[Int(fill[target])] = Int32(state)
                fill[target] += 1
            }
        }
        let engine = Engine(scenario: scenario)
        var queue: [Int32] = []
        queue.reserveCapacity(states)
        for state in 0..<states {
            switch space.kind(of: state) {
            case .ended:
                let final = space.representative(of: state)
                for (index, expectation) in scenario.expectations.enumerated()
                where engine.outcome(of: expectation, in: final).isSatisfied {
                    bits[state * words + index / 64] |= 1 << UInt64(index % 64)
                }
                ends[state] = true
                queue.append(Int32(state))
            case .unexplored:
                for index in 0..<count { bits[state * words + index / 64] |= 1 << UInt64(index % 64) }
                ends[state] = true
                queue.append(Int32(state))
            case .choosing, .stuck:
                break
            }
        }
        // Propagate backwards until nothing changes: a state can satisfy what any successor can.
        var head = 0
        var queued = [Bool](repeating: false, count: states)
        for state in queue { queued[Int(state)] = true }
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            queued[state] = false
            for position in Int(incoming[state])..<Int(incoming[state + 1]) {
                let source = Int(sources[position])
                var changed = !ends[source]
                ends[source] = true
                for word in 0..<words {
                    let merged = bits[source * words + word] | bits[state * words + word]
                    if merged != bits[source * words + word] {
                        bits[source * words + word] = merged
                        changed = true
                    }
                }
                if changed && !queued[source] {
                    queued[source] = true
                    queue.append(Int32(source))
                }
            }
        }
        satisfiable = bits
        reachesEnding = ends
    }

    /// Whether expectation `index` can still be satisfied from the state.
    func canSatisfy(_ index: Int, from state: Int) -> Bool {
        satisfiable[state * words + index / 64] & (1 << UInt64(index % 64)) != 0
    }

    /// The expectations (positions) that a move from `source` to `target` put out of reach: satisfiable before,
    /// not after, with an ending still ahead.
    func killed(from source: Int, to target: Int) -> [Int] {
        guard count > 0, reachesEnding[target] else { return [] }
        var result: [Int] = []
        for word in 0..<words {
            var lost = satisfiable[source * words + word] & ~satisfiable[target * words + word]
            while lost != 0 {
                let bit = lost.trailingZeroBitCount
                let index = word * 64 + bit
                if index < count { result.append(index) }
                lost &= lost - 1
            }
        }
        return result
    }

    /// The expectations no way on from the start can satisfy (normally none: the checker reports them): they are
    /// charged where the attempt ends, as no step put them out of reach.
    var unsatisfiableFromStart: [Int] {
        guard !reachesEnding.isEmpty else { return Array(0..<count) }
        return (0..<count).filter { !canSatisfy($0, from: 0) }
    }
}
