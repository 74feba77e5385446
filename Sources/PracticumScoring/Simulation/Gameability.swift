import PracticumCore

/// The checker's `gameable` warning: the policies of `simulate` that skip the case (content-blind and naive),
/// played a few times each, and a warning for every one whose median reaches Competent.
public enum Gameability {
    /// Runs per policy: enough for a stable median, few enough that `check` stays well under a second.
    public static let runs = 25

    /// The most scenes of a case `check` plays the policies on: a case students play has tens of scenes, and a
    /// generated one of thousands would make `check` slow for nothing (`simulate` still plays it).
    public static let maximumScenes = 300

    /// Whether `check` plays the policies on a case: one of at most `maximumScenes` scenes whose every state
    /// the exploration visited.
    public static func plays(_ scenario: Scenario, explored: Bool) -> Bool {
        explored && scenario.scenes.count <= maximumScenes
    }

    /// A warning, placed at `location`, for each policy that skips the case and reaches Competent at the
    /// median over `runs` runs seeded from `seed`; and first, a `scoring-limit` warning when the scoring
    /// search behind every score stopped at the rubric's limit.
    public static func diagnostics(
        for scorer: Scorer, at location: SourceLocation, length: Int = 1, runs: Int = Gameability.runs, seed: UInt64 = 1
    ) -> [Diagnostic] {
        let simulator = Simulator(scorer: scorer)
        let limit = scoringLimit(of: scorer).map {
            Diagnostic(
                .scoringLimit, $0, at: location, length: length,
                hint: "read fewer variables where the case ends (each one multiplies the states), or raise "
                    + "'explorationLimit' in the rubric")
        }
        let policies = Policy.allCases.filter(\.skipsTheCase)
        let results = simulator.run(policies, runs: runs, seed: seed)
        return (limit.map { [$0] } ?? []) + zip(policies, results).compactMap { policy, result -> Diagnostic? in
            guard result.medianLevel >= .competent else { return nil }
            return Diagnostic(
                .gameable,
                "a student who never reads the case reaches \(result.medianLevel.rawValue) by the \(policy.rawValue) policy "
                    + "(\(Self.describe(policy)); median \(result.medianScore) over \(runs) runs)",
                at: location, length: length,
                hint: "run 'practicum simulate' on the case to see every policy; vary where, how long and in what words "
                    + "the strongest option is written")
        }
    }

    /// What is wrong when the scoring search stopped at the rubric's limit, or nil when it saw every state: the
    /// best path may then be missed, and every score is measured against an incomplete best.
    public static func scoringLimit(of scorer: Scorer) -> String? {
        guard scorer.isExplorationTruncated else { return nil }
        return "the scoring search stopped at its limit of \(scorer.rubric.explorationLimit) states, so every score of "
            + "this case is measured against a best that may be missed"
    }

    /// What a policy does, in a few words.
    static func describe(_ policy: Policy) -> String {
        switch policy {
        case .first: "always the first choice shown"
        case .last: "always the last choice shown"
        case .longest: "always the longest choice"
        case .shortest: "always the shortest choice"
        case .random: "a choice at random"
        case .vocabulary: "the most professional words"
        case .plain: "the fewest professional words"
        case .question: "a question whenever there is one"
        case .noWarning: "never words such as 'just', 'only', 'promise'"
        case .noAuthority: "never police, reports or courts"
        case .mirror: "the scene's own words echoed"
        case .composite: "the naive readings added up"
        case .ceiling: "the highest authored quality"
        }
    }
}
