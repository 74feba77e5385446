import Foundation
import PracticumClassroom
import PracticumCore
import PracticumScoring
import PracticumTerminal

/// `practicum grade DIR`: grade a session's attempts.
enum GradeCommand: Command {
    static let name = "grade"
    static let summary = "Grade a classroom session: replay every attempt, write the gradebook and debriefs."
    static let usage = "grade DIR [--ratings CSV] [--lms canvas|moodle]... [--canvas-assignment CASE=NAME (ID)]..."
    static let discussion = """
        Every attempt file in DIR/attempts is replayed against the session's own copy of its case: each step must \
        have been on offer where it was taken, and the score is worked out again (a score written in a file is \
        never read). An attempt whose step was not on offer, whose case version differs, whose student is not on \
        the roster, that is beyond the attempts allowed, or that cannot be read (a time that is not a time \
        included) is rejected with the reason; one that stopped before an ending is incomplete. Two files with \
        one attempt id are both graded and both marked for review. An attempt from a file is marked \
        self-reported: a file proves nothing of who played it, or when. In a session with codes ('session codes') a \
        file whose lines verify under its student's key is marked signed instead, a copy of another student's signed \
        file is rejected as that student's, a file that does not verify is rejected, and both, like an unsigned \
        file, are marked for review. One bad file never stops the rest. The session's policy picks the attempt that counts. Written into DIR/results (each file whole or \
        not at all): gradebook.csv (a row per roster student and case, also those with no attempt), \
        report.html (the class report: one page, no script, prints well), debriefs/STUDENT--CASE.md, \
        statements.json (the attempts as xAPI 1.0.3 statements for a learning record store), and grading.log \
        (every file and what became of it).
        """
    static let options: [OptionSpec] = [
        .option(
            "ratings", valueName: "csv",
            help: "Your own rating per student (id,level,comment) to set beside the model's (default: DIR/ratings.csv, which 'practicum review' keeps, when it exists)."),
        .option("lms", valueName: "canvas|moodle", repeatable: true, help: "Also write the gradebook as this LMS imports it."),
        .option(
            "canvas-assignment", valueName: "case=name", repeatable: true,
            help: "The Canvas assignment column for a case, as Canvas names it: keluarga-dimas=Week 3 case (4411)."),
        CommonOptions.content,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first, !path.isEmpty else {
            throw .usage("name the session folder to grade", hint: "usage: practicum \(usage)")
        }
        let lms = arguments.values("lms")
        for name in lms where name != "canvas" && name != "moodle" {
            throw .usage("--lms is canvas or moodle, got '\(VisibleText.make(name, keepNewlines: false))'")
        }
        var assignments: [String: String] = [:]
        for pair in arguments.values("canvas-assignment") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw .usage("--canvas-assignment takes CASE=NAME (ID), got '\(VisibleText.make(pair, keepNewlines: false))'")
            }
            assignments[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        let grading = try SessionGrading(path: path, content: arguments.value("content"), context: &context)
        let session = grading.session, folder = grading.folder
        // The session folder as the user typed it, for the paths shown.
        let shownFolder = path.hasSuffix("/") ? path : path + "/"
        // The ratings: the file named with --ratings, or the one `review` keeps in the session folder.
        var ratings: Ratings?
        var ratingsShown: String?
        if let ratingsPath = arguments.value("ratings") {
            guard let read = try grading.ratings(at: context.url(forPath: ratingsPath), shownAs: ratingsPath) else {
                throw CommandError("cannot read the ratings '\(ratingsPath)'", hint: "nothing was written")
            }
            ratings = read
            ratingsShown = ratingsPath
        } else {
            let shown = shownFolder + SessionGrading.ratingsName
            ratings = try grading.ratings(at: folder.appendingPathComponent(SessionGrading.ratingsName), shownAs: shown)
            if ratings != nil { ratingsShown = shown }
        }
        let outcome: SessionGrader.Outcome
        do {
            outcome = try grading.core.grade(
                .init(ratings: ratings, canvas: lms.contains("canvas"), moodle: lms.contains("moodle"), canvasAssignments: assignments))
        } catch {
            switch error {
            case .results(let results, let error):
                throw CommandError("cannot write the results in '\(results.path)': \(error.localizedDescription)")
            case .statements(let error):
                throw CommandError("cannot write statements.json: \(error.localizedDescription)")
            }
        }
        let book = outcome.book, statementCount = outcome.statementCount
        context.output.write(summary(book, session: session))
        if let ratings, let ratingsShown {
            let count = ratings.ratings.count
            context.output.writeLine(
                "Your ratings: \(count) from \(ratingsShown)"
                    + (arguments.value("ratings") == nil ? " (read by default; --ratings FILE reads another)" : ""))
        }
        if let agreement = ratings?.agreement(with: book), agreement.pairs > 0 {
            context.output.writeLine(
                "Your ratings and the model's: the same level in \(Int((agreement.exact * 100).rounded()))% of \(agreement.pairs) attempts"
                    + (agreement.kappa.map { String(format: " (Cohen's kappa %.2f)", $0) } ?? "") + "; see report.html")
        }
        // Every file written, by its path as the user would type it, one a line so each can be copied.
        let shown = shownFolder + Session.resultsFolder + "/"
        var written = ["\(shown)gradebook.csv"]
        if lms.contains("canvas") { written.append("\(shown)gradebook-canvas.csv (Canvas's import layout)") }
        if lms.contains("moodle") { written.append("\(shown)gradebook-moodle.csv (Moodle's import layout)") }
        written += [
            "\(shown)report.html", "\(shown)debriefs/STUDENT--CASE.md (\(book.entries.count) file\(book.entries.count == 1 ? "" : "s"))",
            "\(shown)statements.json (\(statementCount) xAPI statement\(statementCount == 1 ? "" : "s"))", "\(shown)grading.log",
        ]
        context.output.writeLine("Written:\n" + written.map { "  " + $0 }.joined(separator: "\n"))
        return ExitCode.success
    }

    /// The terminal's table: a line per roster student and case, then the counts.
    static func summary(_ book: Gradebook, session: Session) -> String {
        var rows: [[String]] = [["student", "case", "status", "overall", "level"]]
        var counts: [String: Int] = [:]
        for entry in book.entries {
            counts[entry.status, default: 0] += 1
            let report = entry.report
            rows.append([
                entry.student.name.isEmpty ? entry.student.id : "\(entry.student.name) (\(entry.student.id))", entry.caseID,
                entry.status, report.map { String($0.overall) } ?? "", report?.level.rawValue ?? "",
            ].map { VisibleText.make(String($0.prefix(40)), keepNewlines: false) })
        }
        let widths = (0..<5).map { column in rows.map { displayWidth(of: $0[column]) }.max() ?? 0 }
        var text = ""
        for row in rows {
            text += zip(row, widths).map { $0 + String(repeating: " ", count: $1 - displayWidth(of: $0)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        let order = ["graded", "needs review", "incomplete", "rejected", "missing"]
        text += "\n" + order.compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ")
        if !book.unattributed.isEmpty { text += "; \(book.unattributed.count) file(s) rejected that name no student on the roster" }
        return text + " (see results/grading.log)\n"
    }
}
