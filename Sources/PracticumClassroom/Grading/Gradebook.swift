import Foundation
import PracticumCore
import PracticumScoring

/// The class's results, gathered one attempt at a time: for every roster student and case, how many attempts
/// of each kind, and the one the policy counts. It keeps each attempt as it is given: `SessionGrader` gives it
/// each attempt as `Grader.kept` (a few numbers), so grading a year of attempts stays within memory.
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
        /// Why an instructor must look at this student's files before any grade of theirs at this case stands,
        /// besides the model's own reasons: what the files handed in show, such as an attempt id that another
        /// file shares (`s2--case--1.jsonl shares its attempt id with s1--case--1.jsonl`).
        public var handInReasons: [String] = []
        /// The same reasons as the student's debrief says them, without naming other students or files (for
        /// example "another file handed in has the same attempt id"), each once.
        public var handInNotes: [String] = []
        /// Where this student's records at this case come from (`self-reported` for files); nil when there is none.
        public var provenance: Grader.Provenance?
        /// How many of the files counted here repeat an attempt id of an earlier file here: the same attempt
        /// handed in twice is one attempt of those allowed.
        var repeats = 0

        public init(student: Roster.Student, caseID: String) {
            self.student = student
            self.caseID = caseID
        }

        /// Adds a note for the student's debrief, once.
        mutating func note(_ text: String) {
            if !handInNotes.contains(text) { handInNotes.append(text) }
        }

        /// `graded`, `needs review`, `incomplete`, `rejected` or `missing`.
        public var status: String {
            if let counted, case .graded(let report, _, _, _) = counted.verdict {
                return report.needsReview || !handInReasons.isEmpty ? "needs review" : "graded"
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

        /// Whether an instructor must review this entry before its grade stands: the model marked the attempt
        /// that counts, or the files handed in give a reason of their own.
        public var needsReview: Bool {
            (report?.needsReview ?? false) || !handInReasons.isEmpty
        }

        /// Whether the attempt that counts passes: at or above the pass mark, and nothing to review.
        public func passed(passMark: Int) -> Bool {
            guard let report else { return false }
            return Gradebook.passed(report, passMark: passMark) && handInReasons.isEmpty
        }

        /// Why the entry needs review, the model's reasons first, each in a few words; empty when it needs none.
        public var reviewReasons: [String] {
            (report.map(GradeNotes.reviewReasons) ?? []) + handInReasons
        }
    }

    public let session: Session
    /// Entries in roster order, then case order.
    public private(set) var entries: [Entry]
    private var index: [String: Int] = [:]
    /// Attempt ids seen, with the first file that had each and its entry: a second file with the same id
    /// marks both for review.
    private var seen: [String: (file: String, position: Int?)] = [:]
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

    /// Adds one judged attempt, applying the rules that need the whole class: attempts beyond the number
    /// allowed are rejected, and two files with one attempt id are both graded and both marked for review,
    /// each naming the other (which of them is the original, a file cannot tell). Returns the attempt as it
    /// was counted.
    @discardableResult
    public mutating func add(_ judged: Grader.Judged) -> Grader.Judged {
        var judged = judged
        judgedCount += 1
        let position = judged.student.flatMap { student in
            (judged.caseID ?? Self.caseFromName(judged.file)).flatMap { index[Self.key(student, $0)] }
        }
        // An attempt id another file had: both files are marked, the earlier one's entry at once.
        var sharedWith: (file: String, position: Int?)?
        if case .rejected = judged.verdict {} else if let id = judged.attemptID {
            if let first = seen[id] {
                sharedWith = first
                if let earlier = first.position, earlier != position {
                    entries[earlier].handInReasons.append("\(first.file) shares its attempt id with \(judged.file)")
                    entries[earlier].note(Self.sharedIDNote)
                }
            } else {
                seen[id] = (judged.file, position)
            }
        }
        guard let position else {
            if case .rejected = judged.verdict { unattributed.append(judged) }
            return judged
        }
        var entry = entries[position]
        let isRepeat = sharedWith.map { $0.position == position } ?? false
        judged.sharesAttemptIDWith = sharedWith?.file
        if let sharedWith {
            entry.handInReasons.append("\(judged.file) shares its attempt id with \(sharedWith.file)")
            entry.note(Self.sharedIDNote)
        }
        if case .rejected = judged.verdict {} else if !isRepeat, entry.graded + entry.incomplete - entry.repeats >= session.attempts {
            judged.verdict = .rejected(reason: "beyond the \(session.attempts) attempt\(session.attempts == 1 ? "" : "s") allowed")
        }
        if isRepeat { entry.repeats += 1 }
        if let reason = judged.reviewReason {
            entry.handInReasons.append(reason)
            entry.note(judged.reviewNote ?? reason)
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
        // The record of the attempt that counts, or of the latest file when none counts yet.
        entry.provenance = entry.counted?.provenance ?? judged.provenance
        entries[position] = entry
        return judged
    }

    /// Replaces each counted attempt with `complete(attempt)` (its report with its words, once the class is
    /// counted: `serve`'s class page keeps it as `Grader.kept` of that).
    public mutating func completeCounted(_ complete: (Grader.Judged) -> Grader.Judged) {
        for index in entries.indices {
            if let counted = entries[index].counted { replaceCounted(at: index, with: complete(counted)) }
        }
    }

    /// Replaces the counted attempt of the entry at `index` with the same attempt in another form (its report
    /// in full, or `Grader.kept`), and adds `reviewReason` to the entry's hand-in reasons, said to the student
    /// as `note`, when there is one.
    public mutating func replaceCounted(at index: Int, with judged: Grader.Judged, reviewReason: String? = nil, note: String? = nil) {
        entries[index].counted = judged
        if let reviewReason {
            entries[index].handInReasons.append(reviewReason)
            entries[index].note(note ?? reviewReason)
        }
    }

    /// What a student's debrief says of a file of theirs that shares its attempt id with another.
    static let sharedIDNote = "another file handed in has the same attempt id"

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
            + ["passed", "attempt counted", "attempts", "finished at", "late", "record", "note"]
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
                    .text(entry.passed(passMark: session.passMark) ? "yes" : "no"), .text(counted.file),
                    .number(entry.graded + entry.incomplete + entry.rejected), .text(finished), .text(late ? "yes" : "no"),
                    entry.provenance.map { .text($0.rawValue) } ?? .empty, .text(Self.note(report, handInReasons: entry.handInReasons)),
                ]
            } else {
                cells += [.empty, .empty] + instructor + dimensions.map { _ in CSVWriter.Cell.empty }
                cells += [.empty, .empty, .number(entry.graded + entry.incomplete + entry.rejected), .empty, .empty]
                cells.append(entry.provenance.map { .text($0.rawValue) } ?? .empty)
                var note = entry.status == "rejected" ? entry.lastRejection ?? "" : ""
                if !entry.handInReasons.isEmpty {
                    note += (note.isEmpty ? "" : ". ") + "needs review: " + entry.handInReasons.joined(separator: "; ")
                }
                cells.append(.text(note))
            }
            if ratings != nil { cells.append(rating.map { .text($0.comment) } ?? .empty) }
            writer.append(cells)
        }
        return writer.text
    }

    /// The note beside a graded attempt: why it needs review (and that no grade stands until then), and why its
    /// level is capped, with the score before the cap; empty when there is neither.
    /// `handInReasons` (see `Entry.handInReasons`) join the model's reasons for review.
    public static func note(_ report: ScoreReport, handInReasons: [String] = []) -> String {
        var notes: [String] = []
        if let review = GradeNotes.review(report) {
            notes.append(
                review + (handInReasons.isEmpty ? "" : (GradeNotes.reviewReasons(report).isEmpty ? ": " : "; ")
                    + handInReasons.joined(separator: "; ")) + " (an instructor must review this attempt before the grade stands)")
        } else if !handInReasons.isEmpty {
            notes.append(
                "needs review: " + handInReasons.joined(separator: "; ") + " (an instructor must review this attempt before the grade stands)")
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
