import PracticumCore
import PracticumEngine

/// Plays a case many times under a policy, each run with its own shuffled choice order, and scores
/// every run: how far a student who never read the case would get, and what the case rewards.
public struct Simulator: Sendable {
    /// The scorer of the case (its search is reused by every run).
    public let scorer: Scorer
    /// The most choices one run takes before it is stopped as incomplete (a policy can loop).
    public var stepLimit: Int
    /// What the naive reader notices in each written choice, and the choice's content words.
    let readings: [ChoiceID: (reading: NaiveReader.Reading, words: Set<String>)]
    /// The case language's word lists, for the naive policies.
    let reader: NaiveReader

    /// Creates a simulator over a scorer.
    public init(scorer: Scorer, stepLimit: Int = 400) {
        self.scorer = scorer
        self.stepLimit = stepLimit
        let reader = NaiveReader(language: scorer.scenario.header.language)
        var readings: [ChoiceID: (reading: NaiveReader.Reading, words: Set<String>)] = [:]
        for scene in scorer.scenario.scenes {
            for (index, choice) in scene.choices.enumerated() {
                readings[ChoiceID(scene: scene.name, index: index)] = (reader.read(choice.text), reader.contentWords(of: choice.text))
            }
        }
        self.reader = reader
        self.readings = readings
    }

    /// The seed of run `run` of a simulation seeded with `seed`: runs are independent and reproducible.
    public static func seed(ofRun run: Int, base seed: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: run) &* 0x9e37_79b9_7f4a_7c15)
        return generator.next()
    }

    /// One run: the choices the policy takes, with the order seeded by `seed`, and the score: its numbers, level,
    /// caps, review flag and outcome, without the items and their words (`Scorer.Detail.numbers`; a simulation
    /// reads nothing else, and writing every reason of every run was a fifth of its time).
    public func play(_ policy: Policy, seed: UInt64) -> (path: [ChoiceID], report: ScoreReport) {
        let (path, state) = walk(policy, seed: seed)
        return (path, score(path, final: state))
    }

    /// The choices a run of the policy takes, with the order seeded by `seed`, and the state they end in.
    func walk(_ policy: Policy, seed: UInt64) -> (path: [ChoiceID], final: CaseState) {
        // The scorer's engine in this run's order: what it knows of the case is worked out once, not for every run.
        let engine = scorer.rules.engine.reordered(.shuffled(seed: seed))
        var generator = SplitMix64(seed: seed ^ 0x5eed)
        var state = engine.autoContinue(engine.start().state).state
        var steps = 0
        let none = NaiveReader.Reading()
        while steps < stepLimit, case .choosing(let shown) = engine.status(of: state) {
            let sceneWords = policy.readsTheScene ? reader.contentWords(of: engine.paragraphs(of: state).joined(separator: " ")) : []
            guard
                let pick = policy.pick(
                    from: shown, reading: { readings[$0.id]?.reading ?? none },
                    echoes: { readings[$0.id]?.words.intersection(sceneWords).count ?? 0 }, using: &generator),
                (try? engine.take(offered: pick, in: &state)) != nil
            else { break }
            // Moved on where it is: a new state beside the old one would copy the path at every step.
            if engine.continues(state) { state = engine.autoContinue(state).state }
            steps += 1
        }
        return (state.choicesTaken, state)
    }

    /// A path's score, its numbers alone (the path was just played, so every step was on offer).
    func score(_ path: [ChoiceID], final state: CaseState) -> ScoreReport {
        switch scorer.scoreChecking(path, detail: .numbers) {
        case .success(let scored): return scored.report
        case .failure: return scorer.score(state)  // not reached: the path was just played
        }
    }

    /// `runs` runs of a policy, seeded from `seed`.
    public func run(_ policy: Policy, runs: Int, seed: UInt64) -> SimulationResult {
        var scores: [Int] = []
        var levels: [Level: Int] = [:]
        var reviews = 0
        var complete = 0
        var lowest: SimulationResult.Run?
        // A policy that reads the choices takes the same path in most runs, whatever their order: each path
        // is scored once (a score depends on the path alone). At most `memoised` paths are kept, so that a
        // policy whose every run takes another path (by chance, or by place) does not keep them all.
        var scored: [[ChoiceID]: ScoreReport] = [:]
        for run in 0..<max(0, runs) {
            let runSeed = Self.seed(ofRun: run, base: seed)
            let (path, final) = walk(policy, seed: runSeed)
            let report: ScoreReport
            if let known = scored[path] {
                report = known
            } else {
                report = score(path, final: final)
                if scored.count < Self.memoised { scored[path] = report }
            }
            // A run that never reaches an ending shows no competence, whatever its points.
            let level = report.outcome == nil ? .emerging : report.level
            if lowest.map({ (level, report.overall) < ($0.level, $0.overall) }) ?? true {
                lowest = SimulationResult.Run(
                    seed: runSeed, path: path.map(\.description), overall: report.overall, level: level)
            }
            scores.append(report.overall)
            levels[level, default: 0] += 1
            if report.needsReview { reviews += 1 }
            if report.outcome != nil { complete += 1 }
        }
        return SimulationResult(
            policy: policy, scores: scores, levels: levels, reviews: reviews, complete: complete, lowest: lowest)
    }
}

extension Simulator {
    /// `run(_:runs:seed:)` for each policy, the policies on every core at once: each result is the one that
    /// policy gives alone (its runs are seeded by their number, not by what ran before), in the order given.
    /// The most paths one policy's runs keep with their scores (about 10 MB of paths of 400 steps).
    static let memoised = 1_000

    public func run(_ policies: [Policy], runs: Int, seed: UInt64) -> [SimulationResult] {
        policies.concurrentMap { run($0, runs: runs, seed: seed) }
    }
}

/// What many runs of one policy scored.
public struct SimulationResult: Sendable, Codable, Equatable {
    /// The policy played.
    public var policy: Policy
    /// Each run's overall score, in run order.
    public var scores: [Int]
    /// How many runs reached each level.
    public var levels: [Level: Int]
    /// How many runs were marked for instructor review.
    public var reviews: Int
    /// How many runs reached an ending.
    public var complete: Int
    /// The run with the lowest level (then the lowest score): what to look at when a policy does badly.
    public var lowest: Run?

    /// Creates a result from its parts.
    public init(
        policy: Policy, scores: [Int], levels: [Level: Int], reviews: Int, complete: Int, lowest: Run? = nil
    ) {
        self.policy = policy
        self.scores = scores
        self.levels = levels
        self.reviews = reviews
        self.complete = complete
        self.lowest = lowest
    }

    /// One run: the seed of its choice order, its path (`scene#n`) and what it scored.
    public struct Run: Sendable, Codable, Equatable {
        public var seed: UInt64
        public var path: [String]
        public var overall: Int
        public var level: Level
    }

    /// The median overall score (the lower middle of an even count); 0 with no runs.
    public var medianScore: Int {
        guard !scores.isEmpty else { return 0 }
        return scores.sorted()[(scores.count - 1) / 2]
    }

    /// The median level (the lower middle of an even count); Emerging with no runs.
    public var medianLevel: Level {
        let ordered = Level.allCases.flatMap { level in Array(repeating: level, count: levels[level] ?? 0) }
        guard !ordered.isEmpty else { return .emerging }
        return ordered[(ordered.count - 1) / 2]
    }
}
