import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

extension WebApp {
    /// The attempt that counts for a student at a case, with what `practicum review` shows of it: the student,
    /// the case, every scene with the choices on offer and the one taken, why the model marked it (and what the
    /// files show), any cap, the model's level and score, the rating given so far; then the form for the
    /// instructor's own level and comment.
    func reviewPage(_ visit: inout Visit, desk: InstructorVisit, classroom: Classroom, student: String, caseID: String) -> HTTPResponse {
        let strings = desk.strings
        guard classroom.roster.student(id: student) != nil, let (_, scenario) = classroom.scenario(id: caseID) else {
            return notFound(&visit)
        }
        let grader = sessionGrader(classroom)
        let rows = classRows(classroom)
        guard let entry = rows.first(where: { $0.entry.student.id == student && $0.entry.caseID == caseID })?.entry,
            let counted = entry.counted
        else {
            return page(
                &visit, title: strings("reviewPage.none"),
                body: "<h1>\(strings("reviewPage.none"))</h1><p><a href=\"/instructor\">\(strings("reviewPage.back"))</a></p>")
        }
        // The class keeps numbers: the attempt is read again, with every point's words.
        guard let full = grader.inFull(counted) else {
            return page(
                &visit, title: strings("reviewPage.changed", ["file": counted.file]),
                body: "<h1>\(strings("reviewPage.changed", ["file": counted.file]))</h1><p><a href=\"/instructor\">\(strings("reviewPage.back"))</a></p>")
        }
        guard case .graded(let report, let path, let finished, let late) = full.verdict else { return notFound(&visit) }
        let who = entry.student.name.isEmpty ? entry.student.id : "\(entry.student.name) (\(entry.student.id))"
        let title = strings("reviewPage.title", ["student": who, "case": scenario.header.title])

        let engine = Engine(scenario: scenario, order: full.log?.header.seed.map { .shuffled(seed: $0) } ?? .written)
        let transcript = Self.transcript(path, engine: engine, strings: strings, language: scenario.header.language)

        var parts: [Markup] = [
            desk.notice(instructorDesk, configuration),
            "<h1>\(title)</h1>",
            "<p>\(strings("reviewPage.file", ["file": full.file, "finished": finished]))\(late ? ", " + strings("reviewPage.late") : "")</p>",
            "<h2>\(strings("reviewPage.transcript"))</h2>",
            transcript,
        ]
        let reasons = GradeNotes.reviewReasons(report)
        if report.needsReview {
            parts.append("<h2>\(strings("reviewPage.why"))</h2><ul>\(reasons.map { reason -> Markup in "<li>\(reason)</li>" })</ul>")
        }
        if !entry.handInReasons.isEmpty {
            parts.append("<h2>\(strings("reviewPage.handIn"))</h2><ul>\(entry.handInReasons.map { reason -> Markup in "<li>\(reason)</li>" })</ul>")
        }
        if let cap = GradeNotes.cap(report, besides: reasons) {
            parts.append("<p>\(GradeNotes.sentence(cap)).</p>")
        }
        let noGrade = entry.needsReview ? " " + strings("reviewPage.noGrade") : ""
        parts.append(
            "<p><strong>\(strings("reviewPage.modelLevel", ["level": report.level.rawValue, "overall": String(report.overall)]))</strong>\(noGrade)</p>")
        let earlier = (try? savedRatings(classroom, grader: grader))?.rating(student: student, caseID: caseID)
        if let earlier {
            parts.append("<p>\(strings("reviewPage.earlier", ["level": earlier.level.rawValue]))</p>")
            if !earlier.comment.isEmpty { parts.append("<p>\(strings("reviewPage.earlierComment", ["comment": earlier.comment]))</p>") }
        }
        let action = "/instructor/review/\(FormEncoding.percentEncode(student))/\(FormEncoding.percentEncode(caseID))"
        let options = Level.allCases.map { level -> Markup in
            let indonesian = Ratings.levelNames.dropFirst(4).first { $0.level == level }?.name.capitalized ?? ""
            let selected: Markup = earlier?.level == level ? " checked" : ""
            return """
                <label><input type="radio" name="level" value="\(level.rawValue)" required\(selected)> \(level.rawValue) <span lang="id">(\(indonesian))</span></label>
                """
        }
        parts.append(
            """
            <h2>\(strings("reviewPage.form"))</h2>
            <form method="post" action="\(action)">\(desk.csrfField)
            <fieldset><legend>\(strings("reviewPage.level"))</legend>
            \(options)
            </fieldset>
            <label for="comment">\(strings("reviewPage.comment"))</label>
            <input type="text" id="comment" name="comment" maxlength="\(configuration.reflectionLimit)" value="\(earlier?.comment ?? "")">
            <p><button type="submit">\(strings("reviewPage.save"))</button></p>
            </form>
            <p><a href="/instructor">\(strings("reviewPage.back"))</a></p>
            """)
        return page(&visit, title: title, body: Markup.joined(parts, separator: "\n"))
    }

    /// Every scene of a path with the choices on offer and the one taken, as `practicum replay` walks it.
    static func transcript(_ path: [ChoiceID], engine: Engine, strings: InstructorStrings, language: String) -> Markup {
        var state = engine.start().state
        var pieces: [Markup] = []
        func scenes() {
            while true {
                let paragraphs = engine.paragraphs(of: state).map { text -> Markup in "<p>\(text)</p>" }
                pieces.append("<div class=\"panel\" lang=\"\(language)\">\(paragraphs)</div>")
                guard case .continuing = engine.status(of: state), let next = try? engine.continue(from: state) else { return }
                state = next.state
            }
        }
        for (index, id) in path.enumerated() {
            scenes()
            let offered = engine.availableChoices(in: state)
            guard let taken = offered.first(where: { $0.id == id }), let next = try? engine.choose(id: id, in: state) else {
                pieces.append("<p class=\"error\">\(strings("reviewPage.cannotShow", ["reason": "step \(index + 1)"]))</p>")
                return Markup.joined(pieces, separator: "\n")
            }
            let items = offered.map { choice -> Markup in
                choice.id == id
                    ? "<li><strong>\(choice.choice.text)</strong></li>"
                    : "<li>\(choice.choice.text)</li>"
            }
            pieces.append(
                """
                <p><strong>\(strings("reviewPage.step", ["step": String(index + 1)]))</strong>: <span lang="\(language)">\(taken.choice.text)</span></p>
                <details><summary>\(strings("reviewPage.offered"))</summary><ol lang="\(language)">\(items)</ol></details>
                """)
            state = next.state
        }
        scenes()
        return Markup.joined(pieces, separator: "\n")
    }

    /// Saves the instructor's level and comment into the session's ratings file, through the same code as
    /// `practicum review` (every other rating kept; rating again replaces). The level may be given by its
    /// English or Indonesian name. A ratings file that is there but wrong is never written over.
    func saveRating(_ visit: inout Visit, desk: InstructorVisit, classroom: Classroom, student: String, caseID: String) -> HTTPResponse {
        let strings = desk.strings
        guard classroom.roster.student(id: student) != nil, classroom.scenario(id: caseID) != nil else { return notFound(&visit) }
        let back = "/instructor/review/\(FormEncoding.percentEncode(student))/\(FormEncoding.percentEncode(caseID))"
        guard let level = visit.field("level").flatMap(Ratings.level(named:)) else {
            desk.setNotice(strings("reviewPage.badLevel"), isError: true, instructorDesk, configuration)
            return redirect(to: back)
        }
        // One line, as at the terminal: a text field sends no line break, so any is a space here.
        let line = (visit.field("comment") ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        let comment = VisibleText.make(
            String(line.trimmingCharacters(in: .whitespaces).prefix(configuration.reflectionLimit)), keepNewlines: false)
        let grader = sessionGrader(classroom)
        let url = classroom.folder.appendingPathComponent(SessionGrader.ratingsName)
        instructorDesk.ratingsLock.lock()
        defer { instructorDesk.ratingsLock.unlock() }
        do {
            var ratings = try savedRatings(classroom, grader: grader) ?? Ratings()
            try ratings.save(
                .init(student: student, caseID: caseID, level: level, comment: comment), to: url, session: classroom.session,
                roster: classroom.roster)
        } catch {
            let reason: String
            switch error {
            case SessionGrader.RatingsProblem.wrong(let message): reason = SessionGrader.ratingsName + ": " + message
            case SessionGrader.RatingsProblem.unreadable: reason = SessionGrader.ratingsName
            default: reason = error.localizedDescription
            }
            desk.setNotice(strings("reviewPage.cannotSave", ["reason": reason]), isError: true, instructorDesk, configuration)
            return redirect(to: back)
        }
        desk.setNotice(
            strings("reviewPage.saved", ["level": level.rawValue, "student": student, "case": caseID]), instructorDesk, configuration)
        return redirect(to: "/instructor")
    }
}
