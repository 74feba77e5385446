import PracticumCore
import PracticumEngine

/// A way of playing a case without reading it, or the author's own ceiling: what `simulate` plays.
///
/// The content-blind policies look only at what a student could see without
/// understanding the case: where a choice is shown and how long its text is.
/// The ceiling reads the authored quality, so it shows what the case rewards.
public enum Policy: String, CaseIterable, Sendable, Codable {
    /// Always the first choice shown.
    case first
    /// Always the last choice shown.
    case last
    /// Always the choice with the longest text (the first shown among equals).
    case longest
    /// Always the choice with the shortest text (the first shown among equals).
    case shortest
    /// A choice drawn at random from those shown.
    case random
    /// Always the choice of highest authored quality on offer (the first shown among equals).
    case ceiling

    /// Whether the policy plays without reading the case.
    public var isContentBlind: Bool { self != .ceiling }

    /// The policy's pick among the choices shown, in shown order; `generator` serves `random`.
    public func pick(from shown: [AvailableChoice], using generator: inout SplitMix64) -> AvailableChoice? {
        guard !shown.isEmpty else { return nil }
        switch self {
        case .first: return shown.first
        case .last: return shown.last
        case .longest: return shown.reduce(shown[0]) { $1.choice.text.count > $0.choice.text.count ? $1 : $0 }
        case .shortest: return shown.reduce(shown[0]) { $1.choice.text.count < $0.choice.text.count ? $1 : $0 }
        case .random: return shown[Int(generator.next(below: UInt64(shown.count)))]
        case .ceiling: return shown.reduce(shown[0]) { $1.choice.quality > $0.choice.quality ? $1 : $0 }
        }
    }
}
