import PracticumCore
import PracticumEngine

extension Scorer {
    /// Judges a path one step at a time, keeping only what a later step can still read of the steps before it:
    /// the phases acted in (`PathMemory`), the choices taken, the case notes and the plan as sets, the
    /// expectations already charged, and where the path stands in the scoring search. All of it is bounded by
    /// the case, not by the path, so a step costs the same at step 10 and at step 10,000.
    ///
    /// It is the one place a step is judged: `report` walks a whole path through it, and `StepByStep` (what
    /// play's immediate feedback uses) takes one step at a time, so the two cannot disagree on an item.
    struct StepJudge {
        /// What one step gave.
        struct Verdict {
            /// The practice decision, when the choice was on offer and there was something to decide.
            var decision: Judgement?
            /// The expectations (by position) this step put out of reach, charged here.
            var unmet: [Int]
            /// The rules' judgements of the step (the unmet expectations among them).
            var judgements: [Judgement]
        }

        private let storage: Storage
        /// The phases acted in so far, and how.
        private(set) var memory = PathMemory()
        /// The step at which each expectation was put out of reach and charged (rule 11), if one was.
        private(set) var chargedAt: [Int?]
        private var taken: Set<ChoiceID> = []
        /// The case notes and the plan as sets, kept up to date as the state's lists grow (they only grow).
        private var revealed: Set<String>
        private var addressed: Set<String>
        /// The search node the path has reached, step after step; nil from the first step the search does not
        /// have (`CaseOptimum.node(after:taking:)` step by step).
        private var pathNode: Int?
        /// The node the last step came to when it was judged on offer; nil after a step that was not, so that no
        /// expectation is charged across it.
        private var previousNode: Int?

        /// A judge at the start of a path, in `start` (the case's start, settled).
        init(storage: Storage, start: CaseState) {
            self.storage = storage
            chargedAt = [Int?](repeating: nil, count: storage.scenario.expectations.count)
            revealed = Set(start.revealedFindings)
            addressed = Set(start.addressedFindings)
            pathNode = storage.optimum.startNode
            previousNode = storage.optimum.startNode
        }

        /// Judges step `step` (choice `id`): with a practice decision against `offered` (the written positions on
        /// offer) when the choice was on offer, without one when it was not.
        mutating func judge(step: Int, id: ChoiceID, choice: Choice, offered: [Int]?) -> Verdict {
            let storage = self.storage
            let rules = storage.rules, optimum = storage.optimum, scenario = storage.scenario
            let node = optimum.node(after: pathNode, taking: id)
            pathNode = node
            var decision: Judgement?
            if let offered, let scenePosition = scenario.position(ofScene: id.scene) {
                let inReach = { (option: ChoiceID) -> Bool in
                    node.map { optimum.isInReach(option, from: $0) } ?? optimum.isInReach(option, afterReaching: choice.target)
                }
                let options = offered.map { ChoiceID(scene: id.scene, index: $0) }
                let qualities = offered.map { scenario.scenes[scenePosition].choices[$0].quality }
                if var made = rules.decision(
                    chosen: id, quality: choice.quality, options: options, qualities: qualities, stillInReach: inReach)
                {
                    if taken.contains(id) && made.points >= 1 - 1e-9 {
                        made = Judgement(dimension: .practice, points: 0, kind: .repeated(quality: choice.quality))
                    }
                    decision = made
                }
            }
            // The expectations this step put out of reach: readings of the same lapse as its breaches.
            var unmet: [Judgement] = []
            var unmetPositions: [Int] = []
            if offered != nil {
                for index in optimum.killed(from: previousNode, to: node) where chargedAt[index] == nil {
                    chargedAt[index] = step
                    unmet.append(rules.unmetExpectation(index))
                    unmetPositions.append(index)
                }
            }
            previousNode = offered != nil ? node : nil
            let judgements = rules.judge(
                step: id, choice: choice, memory: &memory, revealed: revealed, addressed: addressed, unmet: unmet)
            taken.insert(id)
            return Verdict(decision: decision, unmet: unmetPositions, judgements: judgements)
        }

        /// A step whose choice the case does not have (a save from another version): judged not at all, but the
        /// path's place in the search moves on with it, as it does for every step.
        mutating func pass(_ id: ChoiceID) {
            pathNode = storage.optimum.node(after: pathNode, taking: id)
        }

        /// Reads the case notes and the plan of the state a step settled in (only their new entries).
        mutating func settled(in state: CaseState) {
            if state.revealedFindings.count > revealed.count {
                revealed.formUnion(state.revealedFindings[revealed.count...])
            }
            if state.addressedFindings.count > addressed.count {
                addressed.formUnion(state.addressedFindings[addressed.count...])
            }
        }
    }
}
