import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

extension AppContext {
    /// A scorer for a case, with the rubric from the same Content/ folder.
    /// Built once per case in the process (see `scorers`).
    func scorer(for scenario: Scenario, content: ContentLibrary, language: String) throws(CommandError) -> Scorer {
        let rubric = try loadRubric(content)
        return scorers.scorer(scenario: scenario, rubric: rubric, content: content, language: language)
    }

    /// A scorer for a case, built on another thread from now on; the rubric is read (and any problem with
    /// it reported) at once.
    func scorerLater(for scenario: Scenario, content: ContentLibrary, language: String) throws(CommandError)
        -> Deferred<Scorer>
    {
        let rubric = try loadRubric(content)
        let cache = scorers
        return Deferred { cache.scorer(scenario: scenario, rubric: rubric, content: content, language: language) }
    }

    /// The rubric in the Content/ folder the content was read from.
    func loadRubric(_ content: ContentLibrary) throws(CommandError) -> Rubric {
        guard let directory = content.directory else {
            throw CommandError("the rubric cannot be found: Content/ was not read from a folder")
        }
        do {
            return try Rubric.load(from: directory)
        } catch {
            throw CommandError(error.description, hint: "see docs/scoring.md for the rubric's fields")
        }
    }
}
