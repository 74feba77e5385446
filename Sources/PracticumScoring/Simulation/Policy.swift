import PracticumCore
import PracticumEngine

/// A way of playing a case without understanding it, or the author's own ceiling: what `simulate` plays.
///
/// The content-blind policies look only at what a student could see without reading: where a choice is
/// shown and how long its text is. The naive policies read the words but not the case, the way a lazy
/// student guesses (``NaiveReader``): the most (or the fewest) professional words, a question, no warning words, no
/// authority, the scene's own words echoed, or all of these at once. The ceiling reads the authored
/// quality, so it shows what the case rewards. Among equals a policy takes the first shown, and play
/// shuffles what is shown, so ties fall differently from run to run.
public enum Policy: String, CaseIterable, Sendable, Codable {
    /// Always the first choice shown.
    case first
    /// Always the last choice shown.
    case last
    /// Always the choice with the longest text.
    case longest
    /// Always the choice with the shortest text.
    case shortest
    /// A choice drawn at random from those shown.
    case random
    /// The choice with the most professional vocabulary.
    case vocabulary
    /// The choice with the fewest professional words: the lazy student who has learnt that, in these cases,
    /// wrong options speak the profession's language too, and so distrusts jargon.
    case plain
    /// A question whenever one is shown.
    case question
    /// Never a choice with a warning word ("just", "only", "promise", "hanya", "janji"...) when another is shown.
    case noWarning = "no-warning"
    /// Never a choice that names authority (police, report, court, polisi, lapor...) when another is shown.
    case noAuthority = "no-authority"
    /// The choice that echoes most of the scene's own words.
    case mirror
    /// The naive readings added up: vocabulary and a question for, warning words and authority against,
    /// echoes of the scene as a tie-breaker.
    case composite
    /// Always the choice of highest authored quality on offer.
    case ceiling

    /// How a policy reads a case.
    public enum Reading: String, Sendable, Codable {
        /// Never reads the text: place, length or chance.
        case blind
        /// Reads the words, not the case.
        case naive
        /// Reads the author's qualities.
        case author
    }

    /// How the policy reads the case.
    public var reading: Reading {
        switch self {
        case .first, .last, .longest, .shortest, .random: .blind
        case .vocabulary, .plain, .question, .noWarning, .noAuthority, .mirror, .composite: .naive
        case .ceiling: .author
        }
    }

    /// Whether the policy plays without reading the case at all.
    public var isContentBlind: Bool { reading == .blind }

    /// Whether the policy plays without understanding the case (content-blind or naive): a case worth
    /// grading lets none of these reach Competent.
    public var skipsTheCase: Bool { reading != .author }

    /// Whether the policy reads the scene's text (not only the options).
    public var readsTheScene: Bool { self == .mirror || self == .composite }

    /// The policy's pick among the choices shown, in shown order. `reading` tells what the naive reader
    /// notices in a choice, `echoes` how many of the scene's words it repeats, and `generator` serves
    /// `random`.
    public func pick(
        from shown: [AvailableChoice], reading: (AvailableChoice) -> NaiveReader.Reading,
        echoes: (AvailableChoice) -> Int, using generator: inout SplitMix64
    ) -> AvailableChoice? {
        guard !shown.isEmpty else { return nil }
        switch self {
        case .first: return shown.first
        case .last: return shown.last
        case .random: return shown[Int(generator.next(below: UInt64(shown.count)))]
        case .longest: return Self.best(shown) { $0.choice.text.count }
        case .shortest: return Self.best(shown) { -$0.choice.text.count }
        case .ceiling: return Self.best(shown) { $0.choice.quality }
        case .vocabulary: return Self.best(shown) { reading($0).vocabulary }
        case .plain: return Self.best(shown) { -reading($0).vocabulary }
        case .question: return Self.best(shown) { reading($0).isQuestion ? 1 : 0 }
        case .noWarning: return Self.best(shown) { reading($0).warnings == 0 ? 1 : 0 }
        case .noAuthority: return Self.best(shown) { reading($0).authority == 0 ? 1 : 0 }
        case .mirror: return Self.best(shown, by: echoes)
        case .composite:
            return Self.best(shown) { option in
                let words = reading(option)
                let sum = 2 * words.vocabulary + (words.isQuestion ? 2 : 0) - 3 * words.warnings - 2 * words.authority
                // Echoes only break ties between equal sums.
                return 16 * sum + min(echoes(option), 15)
            }
        }
    }

    /// The first shown of the choices with the highest measure.
    private static func best(_ shown: [AvailableChoice], by measure: (AvailableChoice) -> Int) -> AvailableChoice {
        var best = shown[0]
        var top = measure(best)
        for option in shown.dropFirst() {
            let value = measure(option)
            if value > top {
                best = option
                top = value
            }
        }
        return best
    }
}
