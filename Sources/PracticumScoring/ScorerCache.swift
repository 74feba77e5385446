import Foundation
import PracticumCore

/// Scorers already built, so that a case is explored once per process however many paths are scored
/// against it: a play that scores each step and then the debrief, or a class of attempts graded together.
///
/// A scorer is kept by everything it depends on: the case (compared as a value, hashed by Swift's
/// hasher), the rubric and the phases of Content/. Copies of a cache share its entries, and it may be
/// used from several threads.
public final class ScorerCache: @unchecked Sendable {
    private struct Key: Hashable {
        var scenario: Scenario
        var rubric: Rubric
        var phases: [ContentLibrary.Phase]
    }

    private let condition = NSCondition()
    /// Each key's scorer, or nil while one thread is building it (others wait for it).
    private var scorers: [Key: Scorer?] = [:]
    /// How many scorers were built (each explored its case), for tests.
    public var builds: Int {
        condition.lock()
        defer { condition.unlock() }
        return built
    }
    private var built = 0

    /// An empty cache.
    public init() {}

    /// The scorer for the case and rubric, in the language asked for: built on first use (a second caller
    /// meanwhile waits for it), then reused.
    public func scorer(scenario: Scenario, rubric: Rubric, content: ContentLibrary, language: String) -> Scorer {
        let key = Key(scenario: scenario, rubric: rubric, phases: content.phases)
        condition.lock()
        while true {
            switch scorers[key] {
            case .some(.some(let known)):
                condition.unlock()
                return known.language == language ? known : known.speaking(language)
            case .some(.none):
                condition.wait()
            case .none:
                scorers[key] = .some(nil)
                condition.unlock()
                let scorer = Scorer(scenario: scenario, rubric: rubric, content: content, language: language)
                condition.lock()
                scorers[key] = .some(scorer)
                built += 1
                condition.broadcast()
                condition.unlock()
                return scorer
            }
        }
    }
}
