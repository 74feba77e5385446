import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

extension AppContext {
    /// A scorer for a case, with the rubric from the same Content/ folder.
    func scorer(for scenario: Scenario, content: ContentLibrary, language: String) throws(CommandError) -> Scorer {
        guard let directory = content.directory else {
            throw CommandError("the rubric cannot be found: Content/ was not read from a folder")
        }
        do {
            let rubric = try Rubric.load(from: directory)
            return Scorer(scenario: scenario, rubric: rubric, content: content, language: language)
        } catch {
            throw CommandError(error.description, hint: "see docs/scoring.md for the rubric's fields")
        }
    }
}
