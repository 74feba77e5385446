import PracticumCore
import PracticumEngine

extension Scorer {
    /// Scores a path as it is played, one step at a time, with undo: each step's items exactly as `score` of the
    /// path up to that step gives them (a step is judged on the steps before it alone), at a cost that does not
    /// grow with the path.
    ///
    /// For feedback after each choice in play. Scoring the whole path again at every step made a long attempt
    /// grow with its square: a 1,000-step attempt from a pipe took 3 s of scoring, a 10,000-step one minutes.
    ///
    /// ```swift
    /// var scores = Scorer.StepByStep(scorer, from: resting)
    /// let taken = try engine.choose(id: id, in: resting)
    /// let items = scores.take(id, in: resting, reaching: taken.state)
    /// ```
    public struct StepByStep {
        private let scorer: Scorer
        private var judge: StepJudge
        /// The judge as it stood before each step judged so far, for `undo`: each is small (bounded by the case).
        private var before: [StepJudge] = []

        /// The steps judged so far.
        public var steps: Int { before.count }

        /// Starts where `state` stands (the case's start when nil): the steps of its path are judged once, here.
        public init(_ scorer: Scorer, from state: CaseState? = nil) {
            self.scorer = scorer
            let storage = scorer.storage
            judge = StepJudge(storage: storage, start: storage.startState)
            guard let state, !state.path.isEmpty else { return }
            let path = state.choicesTaken
            var judgedStep = 0
            let rules = storage.rules
            var judge = self.judge
            var before: [StepJudge] = []
            before.reserveCapacity(path.count)
            // The same walk `report` makes: a step on offer is judged with its decision, one that is not without
            // it, one the case does not have is passed over.
            _ = rules.engine.walk(path, from: storage.startState) { event in
                switch event {
                case .scene, .took:
                    break
                case .choosing(let step, _, let offered, let pick):
                    judgedStep = step
                    before.append(judge)
                    _ = judge.judge(step: step, id: pick.id, choice: pick.choice, offered: offered)
                case .refused(let step, _, let wanted, _):
                    guard judgedStep != step, case .id(let id) = wanted else { return }
                    before.append(judge)
                    if let choice = rules.choice(id) {
                        _ = judge.judge(step: step, id: id, choice: choice, offered: nil)
                    } else {
                        judge.pass(id)
                    }
                case .settled(_, let settled):
                    judge.settled(in: settled)
                }
            }
            self.judge = judge
            self.before = before
        }

        /// Judges the choice `id` taken in `resting` (the state it was offered in, after any scenes that only
        /// continue), which led to `reached`, and returns that step's items with their reasons. A state whose
        /// path does not follow on from the steps judged so far (it was played elsewhere) is judged from its
        /// start first.
        public mutating func take(_ id: ChoiceID, in resting: CaseState, reaching reached: CaseState) -> [ScoreItem] {
            if resting.path.count != before.count { self = StepByStep(scorer, from: resting) }
            let storage = scorer.storage
            let step = resting.path.count + 1
            before.append(judge)
            guard let choice = storage.rules.choice(id) else {
                judge.pass(id)
                return []
            }
            let offered = storage.rules.engine.offeredPositions(in: resting)
            let onOffer = id.scene == resting.scene && offered.contains(id.index)
            let verdict = judge.judge(step: step, id: id, choice: choice, offered: onOffer ? offered : nil)
            judge.settled(in: reached)
            let judgements = (verdict.decision.map { [$0] } ?? []) + verdict.judgements
            return judgements.map { storage.writer.item(for: $0, step: step, choiceText: choice.text) }
        }

        /// Takes back the last step judged; nothing when there is none.
        public mutating func undo() {
            guard let last = before.popLast() else { return }
            judge = last
        }
    }
}
