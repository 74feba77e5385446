import PracticumEngine

/// For every state of a case's state space, which bits of the rules' memory (`PathMemory`) some step from
/// there on can still read: what the scoring search must keep apart at that state. Two paths that reach a
/// state with memories equal in these bits earn the same from there on, so the search pairs the state with
/// the memory masked by them and the two are one node.
///
/// A step in a phase reads the bits `ScoringRules.memoryRead` names (the phases one of which must come
/// earlier; for a sound step, the phase's own soundness and, for an optional phase, the phases after it). A
/// state reads what its own steps read and what every state after it reads, found by walking back from each
/// state over the edges that enter it until nothing changes (the masks only grow, and there are at most 128
/// bits, so each state is revisited a bounded number of times). Coverage of the cycle, the one judgement of
/// the memory where a path ends, is credited on the step that earns it (`ScoringRules.coverageCredit`), so
/// an ending reads nothing. A state the exploration did not expand reads everything.
struct MemoryLiveness: Sendable {
    /// Per state, the phase bits (`PathMemory.phases`) and soundness bits (`PathMemory.sound`) still read.
    let phases: [UInt64]
    let sound: [UInt64]

    /// The liveness of the memory over `space`, whose choices are in the phases `phases` gives (by choice
    /// number), judged by `rules`.
    init(space: StateGraph, phases choicePhases: [SearchGraph.ChoicePhase], rules: ScoringRules) {
        let states = space.stateCount
        var phases = [UInt64](repeating: 0, count: states)
        var sound = [UInt64](repeating: 0, count: states)
        // What each choice's own step reads.
        let reads = choicePhases.map { phase -> (phases: UInt64, sound: UInt64) in
            phase.bit >= 0 ? rules.memoryRead(bit: phase.bit, sound: phase.sound) : (0, 0)
        }
        var incoming = [Int32](repeating: 0, count: states + 1)
        for state in 0..<states {
            if space.kind(of: state) == .unexplored {
                phases[state] = ~0
                sound[state] = ~0
            }
            for edge in space.edgeRange(from: state) {
                let read = reads[space.edgeChoiceNumber(edge)]
                phases[state] |= read.phases
                sound[state] |= read.sound
                incoming[space.edgeTarget(edge) + 1] += 1
            }
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
        // Propagate backwards: a state reads what any successor reads.
        // Deeper states were found later, so taking them first settles most states in one visit.
        var queue = [Int32]((0..<Int32(states)).reversed())
        var queued = [Bool](repeating: true, count: states)
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            queued[state] = false
            for position in Int(incoming[state])..<Int(incoming[state + 1]) {
                let source = Int(sources[position])
                let mergedPhases = phases[source] | phases[state]
                let mergedSound = sound[source] | sound[state]
                guard mergedPhases != phases[source] || mergedSound != sound[source] else { continue }
                phases[source] = mergedPhases
                sound[source] = mergedSound
                if !queued[source] {
                    queued[source] = true
                    queue.append(Int32(source))
                }
            }
        }
        self.phases = phases
        self.sound = sound
    }

    /// The part of `memory` that steps from `state` on can read (the `ordered` bits, which decide no points,
    /// are dropped as the search has always done).
    func kept(_ memory: PathMemory, at state: Int) -> PathMemory {
        var kept = PathMemory()
        kept.phases = memory.phases & phases[state]
        kept.sound = memory.sound & sound[state]
        return kept
    }
}
