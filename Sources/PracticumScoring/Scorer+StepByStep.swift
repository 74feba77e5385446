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
    /// var scores = Scorer.StepByStep(scorer, from: state)
    /// let offer = scores.offer(in: state)
    /// _ = try engine.take(offered: pick, in: &state)
    /// let items = scores.take(pick.id, from: offer, reaching: state)
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

        /// What judging a step needs of the state its choice was taken in: read before the state moves on, so that
        /// a front end can move its one state on where it is (keeping the old state beside the new one would copy
        /// the whole path).
        public struct Offer: Sendable {
            /// The step (from 1).
            public var step: Int
            /// The scene the choice was taken in.
            public var scene: String
            /// The written positions of the choices on offer there, in written order.
            public var offered: [Int]
        }

        /// The offer in `resting` (the state a choice is about to be taken in, after any scenes that only
        /// continue). A state whose path does not follow on from the steps judged so far (it was played
        /// elsewhere) is judged from its start first.
        public mutating func offer(in resting: CaseState) -> Offer {
            if resting.path.count != before.count { self = StepByStep(scorer, from: resting) }
            return Offer(
                step: resting.path.count + 1, scene: resting.scene,
                offered: scorer.storage.rules.engine.offeredPositions(in: resting))
        }

        /// Judges the choice `id` taken where `offer` was read, which led to `reached`, and returns that step's
        /// items with their reasons.
        public mutating func take(_ id: ChoiceID, from offer: Offer, reaching reached: CaseState) -> [ScoreItem] {
            let storage = scorer.storage
            before.append(judge)
            guard let choice = storage.rules.choice(id) else {
                judge.pass(id)
                return []
            }
            let onOffer = id.scene == offer.scene && offer.offered.contains(id.index)
            let verdict = judge.judge(step: offer.step, id: id, choice: choice, offered: onOffer ? offer.offered : nil)
            judge.settled(in: reached)
            let judgements = (verdict.decision.map { [$0] } ?? []) + verdict.judgements
            return judgements.map { storage.writer.item(for: $0, step: offer.step, choiceText: choice.text) }
        }

        /// `take(_:from:reaching:)` with the offer read from `resting`, for a caller that holds both states.
        public mutating func take(_ id: ChoiceID, in resting: CaseState, reaching reached: CaseState) -> [ScoreItem] {
            take(id, from: offer(in: resting), reaching: reached)
        }

        /// Takes back the last step judged; nothing when there is none.
        public mutating func undo() {
            guard let last = before.popLast() else { return }
            judge = last
        }
    }
}
