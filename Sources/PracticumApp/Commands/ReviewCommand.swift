import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum review DIR`: the instructor walks the attempts the model flagged for review, one by one, and
/// gives each a level and a comment, kept in the session's ratings file for `grade` to set beside the model's.
enum ReviewCommand: Command {
    static let name = "review"
    static let summary = "Review the attempts the model flagged: read each, give your own level and a comment."
    static let usage = "review DIR [--all] [--ratings CSV]"
    static let discussion = """
        Grades the session as 'practicum grade' does (nothing is written into results/) and walks the attempts \
        that count and that the model marked for review, one at a time: the student, the case, every scene with \
        the choice taken, why the model flagged it, any cap on its level, and the model's level and score. Then \
        it asks for your level (1-4, Emerging, Developing, Competent or Exemplary, or the start of one; \
        Indonesian names too: Mulai Berkembang, Sedang Berkembang, Kompeten, Teladan), s to skip, q to stop, \
        and a one-line comment. Each rating is saved at once, whole, in DIR/ratings.csv (id,level,comment, and \
        case when the session has several), keeping every other rating in the file; rating an attempt again \
        replaces its rating. Stopping (q, or the end of input) keeps what you entered. 'practicum grade DIR' \
        reads DIR/ratings.csv by default.
        """
    static let options: [OptionSpec] = [
        .flag("all", help: "Walk every graded attempt that counts, not only those marked for review."),
        .option("ratings", valueName: "csv", help: "The ratings file to keep (default: DIR/ratings.csv)."),
        CommonOptions.content,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first, !path.isEmpty else {
            throw .usage("name the session folder to review", hint: "usage: practicum \(usage)")
        }
        let grading = try SessionGrading(path: path, content: arguments.value("content"), context: &context)
        let ratingsURL: URL
        let ratingsShown: String
        if let named = arguments.value("ratings") {
            ratingsURL = context.url(forPath: named)
            ratingsShown = named
        } else {
            ratingsURL = grading.folder.appendingPathComponent(SessionGrading.ratingsName)
            ratingsShown = (path.hasSuffix("/") ? path : path + "/") + SessionGrading.ratingsName
        }
        var ratings = try grading.ratings(at: ratingsURL, shownAs: ratingsShown) ?? Ratings()

        // The attempts that count, as `grade` counts them.
        var book = Gradebook(session: grading.session, roster: grading.roster)
        for judged in grading.judgedAttempts() { book.add(Grader.kept(judged)) }
        let walkAll = arguments.flag("all")
        let chosen = book.entries.filter { entry in
            guard let report = entry.report else { return false }
            return walkAll || report.needsReview || entry.needsReview
        }
        let output = context.output
        guard !chosen.isEmpty else {
            let graded = book.entries.filter { $0.report != nil }.count
            output.writeLine(
                TextWrapper.wrap(
                    walkAll
                        ? "No attempt in '\(path)' is graded yet: there is nothing to review."
                        : "No attempt in '\(path)' is marked for review (\(graded) graded). 'practicum review \(path) --all' walks every graded attempt.",
                    width: context.textWidth
                ).joined(separator: "\n"))
            return ExitCode.success
        }
        output.writeLine(
            TextWrapper.wrap(
                "\(chosen.count) attempt\(chosen.count == 1 ? "" : "s") to review"
                    + (walkAll ? " (every graded attempt that counts)" : " (marked for review: by the model, or by what the files show)")
                    + ". Your ratings are kept in \(ratingsShown), each as soon as you give it; q stops, and keeps them.",
                width: context.textWidth
            ).joined(separator: "\n"))

        var asker = Asker(context: context)
        var rated = 0
        var skipped = 0
        for (position, entry) in chosen.enumerated() {
            guard let counted = entry.counted, let graded = grading.cases[entry.caseID] else { continue }
            // The book keeps numbers: the attempt is read again, with every point's words.
            guard let full = grading.core.inFull(counted) else {
                output.writeLine("\(VisibleText.make(counted.file, keepNewlines: false)) changed since the class was read; skipped (run review again to see it).")
                skipped += 1
                continue
            }
            show(full, entry: entry, graded: graded, position: position + 1, of: chosen.count, ratings: ratings,
                content: grading.content, context: context)
            switch asker.level() {
            case .quit:
                output.writeLine(stopped(position: position + 1, of: chosen.count, rated: rated, file: ratingsShown, width: context.textWidth))
                return ExitCode.success
            case .skip:
                skipped += 1
                output.writeLine("Skipped" + (ratings.rating(student: entry.student.id, caseID: entry.caseID) != nil ? "; your earlier rating stands." : "."))
            case .level(let level):
                let comment = asker.comment()
                do {
                    try ratings.save(
                        .init(student: entry.student.id, caseID: entry.caseID, level: level, comment: comment ?? ""), to: ratingsURL,
                        session: grading.session, roster: grading.roster)
                } catch {
                    throw CommandError(
                        "cannot write the ratings '\(ratingsShown)': \(error.localizedDescription)",
                        hint: "the ratings saved before this one are kept")
                }
                rated += 1
                output.writeLine("Saved: \(level.rawValue) for \(entry.student.id) at \(entry.caseID).")
                if comment == nil {
                    output.writeLine(stopped(position: position + 1, of: chosen.count, rated: rated, file: ratingsShown, width: context.textWidth))
                    return ExitCode.success
                }
            case .unclear:
                continue  // `level()` asks again until it has an answer.
            }
        }
        output.writeLine(
            "\n" + TextWrapper.wrap(
                "Done: \(rated) rated, \(skipped) skipped, of \(chosen.count). Your ratings are in \(ratingsShown); "
                    + "'practicum grade \(path)' sets them beside the model's levels.", width: context.textWidth
            ).joined(separator: "\n"))
        return ExitCode.success
    }

    static func stopped(position: Int, of count: Int, rated: Int, file: String, width: Int) -> String {
        let text = "Stopped at attempt \(position) of \(count); \(rated) rating\(rated == 1 ? "" : "s") given this time, kept in \(file). "
            + "Run the same command again to go on."
        return "\n" + TextWrapper.wrap(text, width: width).joined(separator: "\n")
    }

    /// One attempt as the instructor reads it: who and which case, the path scene by scene, why it was
    /// flagged and capped (the report's own words), the model's level and score, and any earlier rating.
    static func show(
        _ judged: Grader.Judged, entry: Gradebook.Entry, graded: Grader.GradedCase, position: Int, of count: Int,
        ratings: Ratings, content: ContentLibrary, context: AppContext
    ) {
        guard case .graded(let report, let path, let finished, let late) = judged.verdict else { return }
        let output = context.output
        let scenario = graded.scenario
        let language = (try? PlayCommand.parseLanguage(nil, scenario: scenario, content: content)) ?? "en"
        let strings = Strings(content: content, language: language)
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
        let rule = String(repeating: "─", count: context.textWidth)
        let who = entry.student.name.isEmpty ? entry.student.id : "\(entry.student.name) (\(entry.student.id))"
        output.writeLine("\n" + screen.styled(rule, .dim))
        output.writeLine(screen.styled("Attempt \(position) of \(count): \(who)", .bold))
        output.writeLine(
            screen.wrap(
                "Case: \(scenario.header.title) (\(scenario.id)); counted attempt \(judged.file), finished \(finished)"
                    + (late ? ", after the due time" : "")))
        output.writeLine(screen.styled(rule, .dim))
        let engine = Engine(scenario: scenario, order: judged.log?.header.seed.map { .shuffled(seed: $0) } ?? .written)
        do {
            _ = try ReplayCommand.walk(path, engine: engine, strings: strings, screen: screen) { output.write($0) }
        } catch {
            // Grading replayed the same path a moment ago; say so rather than stop the review.
            output.writeLine(screen.wrap("(The transcript cannot be shown: \(error.message))"))
        }
        output.writeLine("\n" + screen.styled(rule, .dim))
        if report.needsReview {
            output.writeLine(screen.styled("Why the model marked it for review:", .bold))
            for reason in GradeNotes.reviewReasons(report) {
                output.writeLine(screen.wrap(reason, indent: "    ", firstIndent: "  - "))
            }
        }
        if !entry.handInReasons.isEmpty {
            output.writeLine(screen.styled("Why the files handed in need your look:", .bold))
            for reason in entry.handInReasons {
                output.writeLine(screen.wrap(reason, indent: "    ", firstIndent: "  - "))
            }
        }
        if let cap = GradeNotes.cap(report, besides: GradeNotes.reviewReasons(report)) {
            output.writeLine(screen.wrap(GradeNotes.sentence(cap) + "."))
        }
        output.writeLine(
            screen.wrap(
                "The model's level: \(report.level.rawValue), overall \(report.overall)"
                    + (entry.needsReview ? "; no grade stands until you review it." : ".")))
        if let earlier = ratings.rating(student: entry.student.id, caseID: entry.caseID) {
            output.writeLine(
                screen.wrap(
                    "Your rating so far: \(earlier.level.rawValue)" + (earlier.comment.isEmpty ? "" : " (\"\(earlier.comment)\")")
                        + ". A level replaces it; s keeps it."))
        }
    }

    /// Reads the instructor's answers: a level (or skip, or stop), then a comment. On a pipe each line read is
    /// echoed, so the transcript reads as it would at a terminal.
    struct Asker {
        var context: AppContext

        /// The level, asked again until the answer is a level, skip or stop; the end of input stops.
        mutating func level() -> ReviewAnswer {
            context.output.writeLine(
                TextWrapper.wrap(
                    "Levels: 1 Emerging, 2 Developing, 3 Competent, 4 Exemplary (in Indonesian too: Mulai Berkembang, "
                        + "Sedang Berkembang, Kompeten, Teladan).", width: context.textWidth
                ).joined(separator: "\n"))
            while true {
                context.output.write("Your level [1-4 or a name; s skip, q stop]: ")
                guard let line = read() else { return .quit }
                let answer = ReviewAnswer.parse(line)
                if case .unclear(let hint) = answer {
                    context.output.writeLine(hint)
                    continue
                }
                return answer
            }
        }

        /// The comment, one line, trimmed; nil at the end of input (the level given is still kept).
        mutating func comment() -> String? {
            context.output.write("Comment (one line; Enter for none): ")
            guard let line = read() else { return nil }
            return VisibleText.make(line.trimmingCharacters(in: .whitespaces), keepNewlines: false)
        }

        private mutating func read() -> String? {
            let line = context.input.readLine()
            if !context.inputIsTerminal { context.output.writeLine(line.map { VisibleText.make($0, keepNewlines: false) } ?? "") }
            return line
        }
    }
}

/// What the instructor typed at the level prompt.
enum ReviewAnswer: Equatable {
    case level(Level)
    case skip
    case quit
    /// Not an answer; the hint says what is.
    case unclear(String)

    /// The words the prompt understands, each with what it means: the levels in English and Indonesian, skip
    /// (`lewati`) and stop (`keluar`).
    static let words: [(word: String, answer: ReviewAnswer)] =
        Ratings.levelNames.map { ($0.name, .level($0.level)) }
        + [("skip", .skip), ("lewati", .skip), ("quit", .quit), ("stop", .quit), ("keluar", .quit)]

    /// Reads an answer: a number 1-4, `s` or `q`, or a word or the start of one (whatever its case), as long as
    /// only one meaning starts that way.
    static func parse(_ line: String) -> ReviewAnswer {
        let text = line.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch text {
        case "": return .unclear("Type a level (1-4 or its name), s to skip this attempt, or q to stop.")
        case "1", "2", "3", "4": return .level(Level.allCases[Int(text)! - 1])
        case "s": return .skip
        case "q": return .quit
        default: break
        }
        let matching = words.filter { $0.word.hasPrefix(text) }
        var meanings: [ReviewAnswer] = []
        for match in matching where !meanings.contains(match.answer) { meanings.append(match.answer) }
        if meanings.count == 1 { return meanings[0] }
        if meanings.isEmpty {
            return .unclear(
                "'\(VisibleText.make(String(line.prefix(40)), keepNewlines: false))' is not a level: type 1-4, Emerging, Developing, Competent or Exemplary (or its start), s to skip, q to stop.")
        }
        let names = meanings.map { meaning -> String in
            switch meaning {
            case .level(let level): return level.rawValue
            case .skip: return "skip"
            default: return "stop"
            }
        }
        return .unclear("'\(text)' could be \(names.joined(separator: " or ")): type more of it, or a number.")
    }
}
