import PracticumScoring

/// The few words that go with a grade wherever it goes (the gradebook's note, the LMS comment or feedback
/// column, the class report): why an attempt is marked for review, and why its level is capped, with the
/// score before the cap (scoring rules 10 and 12). They are laid out from the report's own words
/// (`DebriefContent`), never worked out again here.
public enum GradeNotes {
    /// Why the model marked the attempt for review, each in a few words ("a critical breach of confidentiality
    /// at step 7"); empty when it needs no review.
    public static func reviewReasons(_ report: ScoreReport) -> [String] {
        guard report.needsReview else { return [] }
        if let review = report.debrief?.review, !review.isEmpty { return review }
        return report.gatekeeping.filter(\.review).map(\.summary)
    }

    /// `needs review: REASON; REASON`, or nil when the attempt needs none.
    public static func review(_ report: ScoreReport) -> String? {
        guard report.needsReview else { return nil }
        let reasons = reviewReasons(report)
        return "needs review" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
    }

    /// `capped at Developing: REASON; REASON; before the cap: 86 (Competent)`, or nil when the level is not
    /// held below what the points reach.
    public static func cap(_ report: ScoreReport) -> String? {
        if let cap = report.debrief?.cap {
            return "capped at \(cap.level.rawValue)" + (cap.reasons.isEmpty ? "" : ": " + cap.reasons.joined(separator: "; "))
                + "; before the cap: \(cap.uncappedOverall) (\(cap.uncappedLevel.rawValue))"
        }
        guard report.isCapped else { return nil }
        // A report scored without its words: the gatekeeping events that cap say why.
        let reasons = report.gatekeeping.filter { $0.cap != nil && $0.cap! <= report.level }.map(\.summary)
        return "capped at \(report.level.rawValue)" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
            + "; before the cap: \(report.uncappedOverall) (\(report.uncappedLevel.rawValue))"
    }

    /// The review and cap notes of a report, joined (`needs review: ...; capped at ...`), or nil when it has
    /// neither.
    public static func all(_ report: ScoreReport) -> String? {
        let notes = [review(report), cap(report)].compactMap { $0 }
        return notes.isEmpty ? nil : notes.joined(separator: ". ")
    }
}
