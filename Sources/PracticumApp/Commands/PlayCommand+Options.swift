import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

// The values of play's options: mode, --choices, language, counts and seeds.
extension PlayCommand {
    // MARK: Arguments

    static func parseMode(_ text: String?) throws(CommandError) -> PlayMode {
        guard let text else { return .practice }
        guard let mode = PlayMode(rawValue: text) else {
            throw .usage("unknown mode '\(text)'; use 'practice' or 'graded'")
        }
        return mode
    }

    static func parseChoices(_ text: String) throws(CommandError) -> [ScriptStep] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var steps: [ScriptStep] = []
        for (index, piece) in pieces.enumerated() {
            if piece.contains("#"), let id = AttemptFile.parse(piece) {
                steps.append(.id(id))
                continue
            }
            guard !piece.isEmpty, piece.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(piece), number >= 1 else {
                throw .usage(
                    "--choices: '\(piece)' (item \(index + 1)) is not a choice number or a choice id",
                    hint: "write numbers or ids separated by commas, e.g. --choices 1,3,2 or --choices walk-in#1,his-story#2")
            }
            steps.append(.number(number))
        }
        return steps
    }

    static func parseLanguage(_ text: String?, scenario: Scenario, content: ContentLibrary) throws(CommandError) -> String {
        guard let text else { return content.strings[scenario.header.language] != nil ? scenario.header.language : "en" }
        guard content.languages.contains(where: { $0.id == text }) else {
            throw .usage("unknown interface language '\(text)'; use one of: " + content.languages.map(\.id).joined(separator: ", "))
        }
        return text
    }

    static func exampleID(_ context: AppContext) -> String { "CASE-ID" }

    /// A whole number of runs or attempts: digits only, within `range` (see `WholeNumberOption`).
    static func parseCount(_ text: String?, option: String, default fallback: Int, range: ClosedRange<Int>)
        throws(CommandError) -> Int
    {
        try WholeNumberOption.parse(text, option: option, range: range) ?? fallback
    }

    /// A seed: digits only, 0 to 18446744073709551615.
    static func parseSeed(_ text: String?) throws(CommandError) -> UInt64? {
        try WholeNumberOption.parse(text, option: "seed", range: 0...UInt64.max)
    }
}
