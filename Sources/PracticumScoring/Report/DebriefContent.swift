import PracticumCore

/// What a debrief says, worked out once from the score report and the rubric: why the attempt is reviewed or
/// capped, what a competent worker would also have done, the steps done best and those to improve (ranked by
/// the severities and gates of the rubric), the state of every learning objective, and the plan.
///
/// Every renderer (the terminal, the Markdown debrief, the class report, `--json`) lays this out and decides
/// nothing, so they can never disagree with each other or with the step-by-step items (scoring rule 14). Its
/// sentences are in the report's language, whole: a renderer wraps them, never cuts them.
public struct DebriefContent: Codable, Sendable, Equatable {
    /// Why the attempt needs an instructor's review, each in a few words, in the order they happened; empty
    /// when it needs none.
    public var review: [String]
    /// Why the level is held below what the points reach, when it is.
    public var cap: Cap?
    /// What the case expects of a competent worker that the attempt did not show, most severe first.
    public var missed: [Missed]
    /// Up to three steps done best, in step order.
    public var best: [Highlight]
    /// Up to three things to improve, the most serious first chosen, then shown in step order (whole-path
    /// matters last).
    public var improve: [Improvement]
    /// Every learning objective of the case with its state.
    public var objectives: [ObjectiveState]
    /// The intervention plan the attempt wrote, goal by goal, in the order written.
    public var plan: [PlanEntry]
    /// The scenes with more than one defensible answer the attempt passed (`dilemma:`), in step order: the
    /// trade-off the case states and what the student chose. Said to every student, whichever side they took.
    public var dilemmas: [Dilemma]

    /// Creates the content from its parts.
    public init(
        review: [String] = [], cap: Cap? = nil, missed: [Missed] = [], best: [Highlight] = [],
        improve: [Improvement] = [], objectives: [ObjectiveState] = [], plan: [PlanEntry] = [],
        dilemmas: [Dilemma] = []
    ) {
        self.dilemmas = dilemmas
        self.review = review
        self.cap = cap
        self.missed = missed
        self.best = best
        self.improve = improve
        self.objectives = objectives
        self.plan = plan
    }

    /// A level held below what the points reach.
    public struct Cap: Codable, Sendable, Equatable {
        /// The level the attempt is held to.
        public var level: Level
        /// What holds it there, each in a few words.
        public var reasons: [String]
        /// The overall score and level the points alone reach.
        public var uncappedOverall: Int
        public var uncappedLevel: Level
    }

    /// An expectation of the case the attempt did not meet.
    public struct Missed: Codable, Sendable, Equatable {
        public var name: String
        public var severity: Violation.Severity
        /// The first sentence of its `because:`, for a summary line.
        public var sentence: String
        /// The whole `because:`.
        public var because: String
        /// The step that put it out of reach, when known.
        public var step: Int?
    }

    /// A step done well.
    public struct Highlight: Codable, Sendable, Equatable {
        public var step: Int
        /// The text of the choice taken.
        public var choice: String
        /// What it showed, when it met an expectation of the case at that step (the expectation's first sentence).
        public var shows: String?
    }

    /// Something to improve: a step, or a matter of the whole attempt.
    public struct Improvement: Codable, Sendable, Equatable {
        /// The step, or nil for the whole attempt (a risk left open, a need left out of the plan).
        public var step: Int?
        /// The text of the choice taken at the step; nil for a whole-path matter.
        public var choice: String?
        /// What it is about, for a whole-path matter ("A known risk left out of the plan: ...").
        public var matter: String?
        /// Why, in a few words: the most serious reading of the step ("a major breach of dignity"), or the
        /// stronger option ("stronger here: ...").
        public var why: String?
        /// The severity the reading was written with, when it is a breach or an expectation.
        public var severity: Violation.Severity?
        /// How it was ranked: higher is more serious (a review, then a cap, then the severity, then the rest).
        public var weight: Int
    }

    /// A learning objective and how the attempt stands on it.
    public struct ObjectiveState: Codable, Sendable, Equatable {
        public var text: String
        public var state: State
        /// The expectations that show it.
        public var shownBy: [String]

        /// How an attempt stands on an objective, from the expectations that show it.
        public enum State: String, Codable, Sendable, Equatable, CaseIterable {
            /// Every expectation that arose was met, and at least one arose.
            case met
            /// At least one expectation that shows it was not met.
            case unmet
            /// None of its situations arose in this attempt: neither met nor missed.
            case didNotArise = "did-not-arise"
            /// The attempt has not ended, and nothing of it is missed yet.
            case pending
            /// The model does not assess it (no `[shown by: ...]`).
            case notAssessed = "not-assessed"
        }
    }

    /// A dilemma the attempt met: the trade-off between defensible answers, and the answer taken.
    public struct Dilemma: Codable, Sendable, Equatable {
        /// The step at which the student chose, and the scene.
        public var step: Int
        public var scene: String
        /// The case's `dilemma:` line: what each defensible answer honours and costs.
        public var tradeOff: String
        /// The words of the choice taken.
        public var choice: String

        public init(step: Int, scene: String, tradeOff: String, choice: String) {
            self.step = step
            self.scene = scene
            self.tradeOff = tradeOff
            self.choice = choice
        }
    }

    /// The dilemmas a path meets, in step order.
    public static func dilemmas(of path: [ChoiceID], in scenario: Scenario) -> [Dilemma] {
        path.enumerated().compactMap { offset, id in
            guard let position = scenario.position(ofScene: id.scene),
                let tradeOff = scenario.scenes[position].dilemma,
                scenario.scenes[position].choices.indices.contains(id.index)
            else { return nil }
            return Dilemma(
                step: offset + 1, scene: id.scene, tradeOff: tradeOff,
                choice: scenario.scenes[position].choices[id.index].text)
        }
    }

    /// One goal of the intervention plan.
    public struct PlanEntry: Codable, Sendable, Equatable {
        /// The finding the goal addresses, by id, with its words and kind.
        public var finding: String
        public var findingText: String
        public var kind: Finding.Kind
        /// The step that wrote the goal, and the words of the choice it was written with.
        public var step: Int
        public var goal: String
        /// Whether the finding was in the case notes before the goal was written, as the model counts it.
        public var grounded: Bool
    }

    /// The plan a path writes: each finding addressed, the first time it is addressed, with the words of the
    /// choice that addressed it and whether an earlier step had revealed it. The play screen's `plan`, the
    /// "added to your plan" message and every debrief use this one list.
    public static func plan(of path: [ChoiceID], in scenario: Scenario) -> [PlanEntry] {
        var revealedBefore: Set<String> = []
        var planned: Set<String> = []
        var entries: [PlanEntry] = []
        for (offset, id) in path.enumerated() {
            guard let position = scenario.position(ofScene: id.scene),
                scenario.scenes[position].choices.indices.contains(id.index)
            else { continue }
            let choice = scenario.scenes[position].choices[id.index]
            for finding in choice.addresses where planned.insert(finding).inserted {
                let declared = scenario.finding(named: finding)
                entries.append(
                    PlanEntry(
                        finding: finding, findingText: declared?.text ?? finding, kind: declared?.kind ?? .need,
                        step: offset + 1, goal: choice.text, grounded: revealedBefore.contains(finding)))
            }
            revealedBefore.formUnion(choice.reveals)
        }
        return entries
    }
}
