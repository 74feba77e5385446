import Foundation
import PracticumScoring

/// The gradebook in the layouts an LMS imports.
///
/// Only a grade that stands is exported: an attempt that needs review, an incomplete, rejected or missing
/// one leaves the cell empty (Moodle gets the reason as feedback), so that importing never puts a grade in
/// the LMS that the instructor has not seen. Text is neutralised for spreadsheets, as in `gradebook.csv`.
public enum LMSExport {
    /// Canvas's gradebook import: `Student, ID, SIS User ID, SIS Login ID, Section`, Canvas's `Notes` column
    /// (what the Moodle layout puts in its feedback column: the level, and why an attempt is capped or has no
    /// grade), then a column per case named `ASSIGNMENT (ID)` as Canvas names its assignments, with a
    /// `Points Possible` second row. Students are matched by SIS User ID (the roster's id) and SIS Login ID
    /// (its email); Canvas's own numeric ID is left empty. `assignments` maps a case id to the assignment's
    /// column name; a case without one gets `Practicum SESSION CASE`, which Canvas offers to create as a new
    /// assignment.
    public static func canvas(_ book: Gradebook, assignments: [String: String] = [:]) -> String {
        var writer = CSVWriter()
        let cases = book.session.cases.map(\.id)
        let names = cases.map { assignments[$0] ?? "Practicum \(book.session.id) \($0)" }
        writer.append(texts: ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Notes"] + names)
        writer.append([.text("Points Possible"), .empty, .empty, .empty, .empty, .empty] + cases.map { _ in .number(100) })
        for student in students(book) {
            let notes = cases.map { caseID in
                let text = feedback(book.entries.first { $0.student.id == student.id && $0.caseID == caseID })
                return cases.count > 1 ? "\(caseID): \(text)" : text
            }
            var cells: [CSVWriter.Cell] = [
                .text(student.name.isEmpty ? student.id : student.name), .empty, .text(student.id), .text(student.email),
                .text(section(of: student)), .text(notes.joined(separator: " | ")),
            ]
            for caseID in cases {
                cells.append(standing(book, student: student.id, caseID: caseID).map(CSVWriter.Cell.number) ?? .empty)
            }
            writer.append(cells)
        }
        return writer.text
    }

    /// Moodle's grade import: an identity column (`ID number`, the roster's id; `Email address` too, to map
    /// by email instead), and per case a grade column and a feedback column.
    public static func moodle(_ book: Gradebook) -> String {
        var writer = CSVWriter()
        let cases = book.session.cases.map(\.id)
        writer.append(texts: ["ID number", "Email address", "Full name"] + cases.flatMap { ["\($0) grade", "\($0) feedback"] })
        for student in students(book) {
            var cells: [CSVWriter.Cell] = [.text(student.id), .text(student.email), .text(student.name)]
            for caseID in cases {
                let entry = book.entries.first { $0.student.id == student.id && $0.caseID == caseID }
                let grade = standing(book, student: student.id, caseID: caseID)
                cells.append(grade.map(CSVWriter.Cell.number) ?? .empty)
                cells.append(.text(feedback(entry)))
            }
            writer.append(cells)
        }
        return writer.text
    }

    /// The grade that stands: the counted attempt's overall score, unless it needs review.
    static func standing(_ book: Gradebook, student: String, caseID: String) -> Int? {
        guard let entry = book.entries.first(where: { $0.student.id == student && $0.caseID == caseID }),
            let report = entry.report, !entry.needsReview
        else { return nil }
        return report.overall
    }

    /// What goes beside the grade: the level and score, or why there is no grade; and for a capped attempt,
    /// the cap, its reasons and the score before it (scoring rule 10: a cap is visible wherever the grade goes).
    static func feedback(_ entry: Gradebook.Entry?) -> String {
        guard let entry else { return "" }
        if let report = entry.report {
            let reasons = entry.reviewReasons
            let cap = GradeNotes.cap(report, besides: reasons).map { " " + GradeNotes.sentence($0) + "." } ?? ""
            if entry.needsReview {
                return "Needs the instructor's review before a grade is given"
                    + (reasons.isEmpty ? "." : ": " + reasons.joined(separator: "; ") + ".") + cap
            }
            return "\(report.level.rawValue) (\(report.overall))." + cap + " The debrief is in Practicum."
        }
        switch entry.status {
        case "incomplete": return "The attempt stopped before the case ended."
        case "rejected": return "The attempt could not be graded: \(entry.lastRejection ?? "")"
        default: return "No attempt."
        }
    }

    static func students(_ book: Gradebook) -> [Roster.Student] {
        var seen: Set<String> = []
        return book.entries.map(\.student).filter { seen.insert($0.id).inserted }
    }

    static func section(of student: Roster.Student) -> String {
        student.columns.first { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == "section" }?.value ?? ""
    }
}
