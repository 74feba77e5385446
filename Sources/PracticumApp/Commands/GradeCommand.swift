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
        the roster, that is a copy of another, that is beyond the attempts allowed, or that cannot be read is \
        rejected with the reason; one that stopped before an ending is incomplete. One bad file never stops the \
        rest. The session's policy picks the attempt that counts. Written into DIR/results (each file whole or \
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
        let session = grading.session, folder = grading.folder, roster = grading.roster, cases = grading.cases
        let grader = grading.grader
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
        var book = Gradebook(session: session, roster: roster)
        var log = "Grading session '\(session.id)' at \(AttemptLog.timestamp()): \(session.policy.rawValue) attempt counts\n\n"

        // The learning-record statements are streamed to their file as the attempts are judged.
        let results = folder.appendingPathComponent(Session.resultsFolder)
        let statements: AtomicStream
        do {
            try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
            statements = try AtomicStream(to: results.appendingPathComponent("statements.json"))
            try statements.write("[")
        } catch {
            throw CommandError("cannot write the results in '\(results.path)': \(error.localizedDescription)")
        }
        var statementCount = 0
        var described = XAPIStatements.Described()
        for judged in grading.judgedAttempts() {
            let counted = book.add(judged)
            log += VisibleText.make(logLine(counted), keepNewlines: false) + "\n"
            let made = XAPIStatements.statements(
                for: counted, attempt: counted.log, session: session, roster: roster,
                scenario: counted.caseID.flatMap { cases[$0]?.scenario }, passMark: session.passMark, described: &described)
            do {
                for statement in made {
                    try statements.write(statementCount == 0 ? "\n" : ",\n")
                    try statements.write(statement)
                    statementCount += 1
                }
            } catch {
                throw CommandError("cannot write statements.json: \(error.localizedDescription)")
            }
        }

        // The attempts that count, in full (with the words of every point) for the debriefs and the report.
        book.completeCounted { grader.withReasons($0) }

        // Results, each written whole or not at all.
        let debriefs = results.appendingPathComponent("debriefs")
        do {
            try statements.write("\n]\n")
            try statements.finish()
            try FileManager.default.createDirectory(at: debriefs, withIntermediateDirectories: true)
            try AtomicFile.write(Data(book.csv(ratings: ratings).utf8), to: results.appendingPathComponent("gradebook.csv"))
            if lms.contains("canvas") {
                try AtomicFile.write(
                    Data(LMSExport.canvas(book, assignments: assignments).utf8), to: results.appendingPathComponent("gradebook-canvas.csv"))
            }
            if lms.contains("moodle") {
                try AtomicFile.write(Data(LMSExport.moodle(book).utf8), to: results.appendingPathComponent("gradebook-moodle.csv"))
            }
            try AtomicFile.writeMany(book.entries.compactMap { entry in
                guard let graded = cases[entry.caseID] else { return nil }
                let text = StudentDebrief.markdown(entry: entry, scenario: graded.scenario, passMark: session.passMark)
                return (Data(text.utf8), debriefs.appendingPathComponent("\(entry.student.id)--\(entry.caseID).md"))
            })
            let report = ClassReport.html(
                book: book, cases: cases.mapValues(\.scenario), generated: AttemptLog.timestamp(), ratings: ratings)
            try AtomicFile.write(Data(report.utf8), to: results.appendingPathComponent("report.html"))
            try AtomicFile.write(Data(log.utf8), to: results.appendingPathComponent("grading.log"))
        } catch {
            throw CommandError("cannot write the results in '\(results.path)': \(error.localizedDescription)")
        }
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

    /// The bytes of a file expected to be `size` long (read to its end, whatever its length by then), or nil
    /// when it cannot be read.
    static func contents(of path: String, size: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4096, size + 1))
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    static func logLine(_ judged: Grader.Judged) -> String {
        let who = [judged.student, judged.caseID].compactMap { $0 }.joined(separator: " at ")
        switch judged.verdict {
        case .graded(let report, _, let finished, let late):
            return "\(judged.file): graded, \(who): \(report.overall) \(report.level.rawValue)"
                + (report.needsReview ? ", needs review" : "") + ", finished \(finished)" + (late ? " (late)" : "")
        case .incomplete(let steps, let last):
            return "\(judged.file): incomplete, \(who): \(steps) choices, last at \(last)"
        case .rejected(let reason):
            return "\(judged.file): rejected\(who.isEmpty ? "" : ", " + who): \(reason)"
        }
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
