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
    /// held below what the points reach. Reasons already given (`besides`, the review reasons when both are
    /// shown together) are not repeated: the cap then says it follows from them.
    public static func cap(_ report: ScoreReport, besides given: [String] = []) -> String? {
        let level: Level, reasons: [String], before: String
        if let cap = report.debrief?.cap {
            (level, reasons, before) = (cap.level, cap.reasons, "\(cap.uncappedOverall) (\(cap.uncappedLevel.rawValue))")
        } else if report.isCapped {
            // A report scored without its words: the gatekeeping events that cap say why.
            level = report.level
            reasons = report.gatekeeping.filter { $0.cap != nil && $0.cap! <= report.level }.map(\.summary)
            before = "\(report.uncappedOverall) (\(report.uncappedLevel.rawValue))"
        } else {
            return nil
        }
        let new = reasons.filter { !given.contains($0) }
        let why = new.isEmpty ? (reasons.isEmpty ? "" : " by the same lapse") : ": " + new.joined(separator: "; ")
        return "capped at \(level.rawValue)" + why + "; before the cap: " + before
    }

    /// A note as a sentence: its first letter a capital ("Capped at Developing: ...").
    public static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The review and cap notes of a report, joined (`needs review: ...; capped at ...`), or nil when it has
    /// neither.
    public static func all(_ report: ScoreReport) -> String? {
        let notes = [review(report), cap(report, besides: reviewReasons(report))].compactMap { $0 }
        return notes.isEmpty ? nil : notes.joined(separator: ". ")
    }
}
