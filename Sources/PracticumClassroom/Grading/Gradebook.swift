import Foundation
import PracticumCore
import PracticumScoring

/// The class's results, gathered one attempt at a time: for every roster student and case, how many attempts
/// of each kind, and the one the policy counts. What it keeps per attempt is a few numbers, so grading a year
/// of attempts stays within memory.
public struct Gradebook: Sendable {
    /// One student's standing at one case.
    public struct Entry: Sendable {
        public var student: Roster.Student
        public var caseID: String
        public var graded = 0
        public var incomplete = 0
        public var rejected = 0
        /// The attempt that counts so far (a graded one).
        public var counted: Grader.Judged?
        /// The latest reason an attempt of this student's was rejected.
        public var lastRejection: String?

        /// `graded`, `needs review`, `incomplete`, `rejected` or `missing`.
        public var status: String {
            if let counted, case .graded(let report, _, _, _) = counted.verdict {
                return report.needsReview ? "needs review" : "graded"
            }
            if incomplete > 0 { return "incomplete" }
            if rejected > 0 { return "rejected" }
            return "missing"
        }

        /// The counted attempt's report.
        public var report: ScoreReport? {
            if case .graded(let report, _, _, _)? = counted?.verdict { return report }
            return nil
        }
    }

    public let session: Session
    /// Entries in roster order, then case order.
    public private(set) var entries: [Entry]
    private var index: [String: Int] = [:]
    /// Attempt ids seen, with their file: a second file with the same id is a copy.
    private var seen: [String: String] = [:]
    /// Rejected files that name no student on the roster.
    public private(set) var unattributed: [Grader.Judged] = []
    /// Every attempt judged, in order, with what became of it (for the log and the report).
    public private(set) var judgedCount = 0

    public init(session: Session, roster: Roster) {
        self.session = session
        var entries: [Entry] = []
        for student in roster.students {
            for item in session.cases {
                index[Self.key(student.id, item.id)] = entries.count
                entries.append(Entry(student: student, caseID: item.id))
            }
        }
        self.entries = entries
    }

    private static func key(_ student: String, _ caseID: String) -> String { student + "\u{0}" + caseID }

    /// Adds one judged attempt, applying the rules that need the whole class: a copied attempt (an id seen
    /// before) and attempts beyond the number allowed are rejected. Returns the attempt as it was counted.
    @discardableResult
    public mutating func add(_ judged: Grader.Judged) -> Grader.Judged {
        var judged = judged
        judgedCount += 1
        if case .rejected = judged.verdict {} else if let id = judged.attemptID {
            if let first = seen[id] {
                judged.verdict = .rejected(reason: "a copy of \(first) (the same attempt id)")
            } else {
                seen[id] = judged.file
            }
        }
        guard let student = judged.student, let caseID = judged.caseID ?? Self.caseFromName(judged.file),
            let position = index[Self.key(student, caseID)]
        else {
            if case .rejected = judged.verdict { unattributed.append(judged) }
            return judged
        }
        var entry = entries[position]
        if case .rejected = judged.verdict {} else if entry.graded + entry.incomplete >= session.attempts {
            judged.verdict = .rejected(reason: "beyond the \(session.attempts) attempt\(session.attempts == 1 ? "" : "s") allowed")
        }
        switch judged.verdict {
        case .rejected(let reason):
            entry.rejected += 1
            entry.lastRejection = reason
        case .incomplete:
            entry.incomplete += 1
        case .graded(let report, _, _, _):
            entry.graded += 1
            if let current = entry.counted {
                switch session.policy {
                case .first: break
                case .last: entry.counted = judged
                case .best:
                    if case .graded(let best, _, _, _) = current.verdict, report.overall > best.overall { entry.counted = judged }
                }
            } else {
                entry.counted = judged
            }
        }
        entries[position] = entry
        return judged
    }

    /// Replaces each counted attempt with `complete(attempt)` (its report in full, once the class is graded).
    public mutating func completeCounted(_ complete: (Grader.Judged) -> Grader.Judged) {
        for index in entries.indices {
            if let counted = entries[index].counted { entries[index].counted = complete(counted) }
        }
    }

    /// `CASE` from a file named `STUDENT--CASE--N.jsonl`.
    private static func caseFromName(_ file: String) -> String? {
        let parts = file.components(separatedBy: "--")
        return parts.count >= 3 ? parts[1] : nil
    }

    // MARK: The CSV

    /// The gradebook as CSV: one row per roster student and case, also for those with no attempt. Text from
    /// the roster is neutralised so that no spreadsheet runs it as a formula. With ratings, the instructor's
    /// level and whether it agrees with the model's stand beside the model's level, and the instructor's
    /// comment after the model's note.
    public func csv(ratings: Ratings? = nil) -> String {
        var writer = CSVWriter()
        let dimensions = Dimension.allCases
        writer.append(texts: ["id", "name", "email", "case", "status", "overall", "level"]
            + (ratings == nil ? [] : ["instructor level", "levels agree"]) + dimensions.map(\.rawValue)
            + ["passed", "attempt counted", "attempts", "finished at", "late", "note"]
            + (ratings == nil ? [] : ["instructor comment"]))
        for entry in entries {
            var cells: [CSVWriter.Cell] = [
                .text(entry.student.id), .text(entry.student.name), .text(entry.student.email), .text(entry.caseID),
                .text(entry.status),
            ]
            // The instructor's own judgement, in columns of its own beside the model's.
            let rating = ratings?.rating(student: entry.student.id, caseID: entry.caseID)
            var instructor: [CSVWriter.Cell] = []
            if ratings != nil {
                instructor = [rating.map { .text($0.level.rawValue) } ?? .empty]
                if let rating, let report = entry.report {
                    instructor.append(.text(report.level == rating.level ? "yes" : "no"))
                } else {
                    instructor.append(.empty)
                }
            }
            if let counted = entry.counted, case .graded(let report, _, let finished, let late) = counted.verdict {
                cells += [.number(report.overall), .text(report.level.rawValue)] + instructor
                cells += dimensions.map { report.dimensions[$0].map(CSVWriter.Cell.number) ?? .empty }
                cells += [
                    .text(Self.passed(report, passMark: session.passMark) ? "yes" : "no"), .text(counted.file),
                    .number(entry.graded + entry.incomplete + entry.rejected), .text(finished), .text(late ? "yes" : "no"),
                    .text(Self.note(report)),
                ]
            } else {
                cells += [.empty, .empty] + instructor + dimensions.map { _ in CSVWriter.Cell.empty }
                cells += [.empty, .empty, .number(entry.graded + entry.incomplete + entry.rejected), .empty, .empty]
                cells.append(.text(entry.status == "rejected" ? entry.lastRejection ?? "" : ""))
            }
            if ratings != nil { cells.append(rating.map { .text($0.comment) } ?? .empty) }
            writer.append(cells)
        }
        return writer.text
    }

    /// The note beside a graded attempt: why it needs review (and that no grade stands until then), and why its
    /// level is capped, with the score before the cap; empty when there is neither.
    public static func note(_ report: ScoreReport) -> String {
        var notes: [String] = []
        if let review = GradeNotes.review(report) {
            notes.append(review + " (an instructor must review this attempt before the grade stands)")
        }
        if let cap = GradeNotes.cap(report, besides: GradeNotes.reviewReasons(report)) { notes.append(cap) }
        return notes.joined(separator: ". ")
    }

    /// Whether a report passes: at or above the pass mark, and no attempt that needs review (a critical
    /// breach) ever passes.
    public static func passed(_ report: ScoreReport, passMark: Int) -> Bool {
        report.overall >= passMark && !report.needsReview
    }
}
