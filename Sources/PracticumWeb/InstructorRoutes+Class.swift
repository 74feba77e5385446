import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import PracticumScoring

/// The instructor's class page: every roster student at every case, read from the attempt files and graded
/// as `grade` grades them.
extension WebApp {
    // MARK: The class

    /// Every roster student at every case, in roster order then case order, read from the attempt files: each
    /// file is judged as `grade` judges it, again only when its size or modification time changed.
    func classRows(_ classroom: Classroom) -> [ClassRow] {
        let grader = sessionGrader(classroom)
        let attempts = classroom.folder.appendingPathComponent(Session.attemptsFolder).path
        let names = grader.attemptNames()
        instructorDesk.judgingLock.lock()
        defer { instructorDesk.judgingLock.unlock() }
        var known = instructorDesk.verdicts
        var judgedFiles: [Grader.Judged] = []
        for name in names {
            let path = attempts + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                judgedFiles.append(Grader.Judged(file: name, verdict: .rejected(reason: "not a file")))
                continue
            }
            let size = Int(status.st_size)
            if let cached = known[name], cached.size == size, cached.modified.tv_sec == status.st_mtim.tv_sec,
                cached.modified.tv_nsec == status.st_mtim.tv_nsec
            {
                judgedFiles.append(cached.judged)
                continue
            }
            let judged: Grader.Judged
            if size > AttemptStore.maximumFileSize {
                judged = Grader.Judged(file: name, verdict: .rejected(reason: "larger than an attempt can be"))
            } else {
                // Streamed, and kept as its numbers (`Grader.kept`): every verdict stays in `known`, and a class
                // of long attempts costs a few numbers an attempt.
                judged = Grader.kept(grader.grader.judge(path: path, file: name))
            }
            known[name] = InstructorDesk.KnownVerdict(size: size, modified: status.st_mtim, judged: judged)
            judgedFiles.append(judged)
        }
        var book = Gradebook(session: classroom.session, roster: classroom.roster)
        var latest: [String: Grader.Judged] = [:]
        for judged in judgedFiles {
            let counted = book.add(judged)
            guard let student = counted.student else { continue }
            let caseID = counted.caseID ?? Self.caseFromAttemptName(counted.file)
            latest[student + "\u{0}" + caseID] = counted
        }
        // The attempts that count with the words of their review and cap reasons, as `grade` completes them:
        // each read again and scored with its words once, then kept as its numbers and those words. A file
        // that changed since it was judged keeps its numbers until the next look judges it again.
        // Read on every core, each kept as soon as it is read, so that one read a core is in memory at a time.
        let unread = book.entries.compactMap(\.counted).filter { known[$0.file]?.fullVerdict == nil }
        for (counted, read) in zip(unread, unread.concurrentMap { grader.inFull($0).map(Grader.kept) }) {
            known[counted.file]?.fullVerdict = read?.verdict
        }
        book.completeCounted { counted in
            var full = counted
            if let verdict = known[counted.file]?.fullVerdict { full.verdict = verdict }
            return full
        }
        // Files gone from the folder are forgotten.
        let present = Set(names)
        known = known.filter { present.contains($0.key) }
        instructorDesk.verdicts = known
        let allowed = classroom.session.attempts
        return book.entries.map { entry in
            let used = entry.graded + entry.incomplete
            let state: ClassState
            switch latest[entry.student.id + "\u{0}" + entry.caseID]?.verdict {
            case nil:
                state = .notStarted
            case .incomplete(let steps, let last):
                state = .playing(step: steps + 1, lastActivity: last)
            case .graded(_, _, let finished, _):
                state = .done(finished: finished, attemptsLeft: max(0, allowed - used))
            case .rejected(let reason):
                state = used >= allowed ? .noAttemptsLeft : .rejected(reason: reason)
            }
            return ClassRow(entry: entry, state: state)
        }
    }

    /// An attempt's time as the class table shows it: `2026-12-07T15:27:03Z` as `2026-12-07 15:27 UTC` (the
    /// minute is enough to see who is active); anything else as it is.
    static func readableTime(_ time: String) -> String {
        let pattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/
        guard let match = time.wholeMatch(of: pattern) else { return time }
        return "\(match.1) \(match.2) UTC"
    }

    /// The case an attempt file's name gives (`student--case--n.jsonl`), or "".
    static func caseFromAttemptName(_ name: String) -> String {
        let parts = name.components(separatedBy: "--")
        return parts.count >= 3 ? parts[1] : ""
    }

    /// The session's grading core, with the app's cases and scorers: the same cases (the session's verified
    /// copies), rubric and scorer language as `grade` uses.
    func sessionGrader(_ classroom: Classroom) -> SessionGrader {
        var graded: [String: Grader.GradedCase] = [:]
        for item in classroom.session.cases {
            guard let (_, scenario) = classroom.scenario(id: item.id) else { continue }
            let scorer = scorers.scorer(
                scenario: scenario, rubric: configuration.rubric, content: configuration.content, language: scenario.header.language)
            graded[item.id] = Grader.GradedCase(scenario: scenario, fingerprint: item.fingerprint, scorer: scorer)
        }
        return SessionGrader(session: classroom.session, folder: classroom.folder, roster: classroom.roster, cases: graded)
    }

    /// The ratings kept in the session's ratings file (none when there is no file).
    func savedRatings(_ classroom: Classroom, grader: SessionGrader) throws(SessionGrader.RatingsProblem) -> Ratings? {
        try grader.ratings(at: classroom.folder.appendingPathComponent(SessionGrader.ratingsName))
    }

    /// The class, live: counts, the debriefs' release, the downloads, and the table. It asks the browser to
    /// reload it every 15 seconds (a `Refresh` header: no script, no markup in the page's head).
    func classPage(_ visit: inout Visit, desk: InstructorVisit, classroom: Classroom) -> HTTPResponse {
        let strings = desk.strings
        let rows = classRows(classroom)
        let ratings = try? savedRatings(classroom, grader: sessionGrader(classroom))
        let several = classroom.session.cases.count > 1
        var counts = (playing: 0, done: 0, notStarted: 0, review: 0)
        var lines: [Markup] = []
        for row in rows {
            let entry = row.entry
            let scenario = classroom.scenario(id: entry.caseID)?.1
            let stateText: String
            var activity = ""
            switch row.state {
            case .notStarted:
                counts.notStarted += 1
                stateText = strings("state.notStarted")
            case .playing(let step, let last):
                counts.playing += 1
                stateText = strings("state.playing", ["step": String(step)])
                activity = last
            case .done(let finished, let left):
                counts.done += 1
                stateText = left > 0 ? strings("state.doneAttempts", ["left": String(left)]) : strings("state.doneNoneLeft")
                activity = finished
            case .noAttemptsLeft:
                stateText = strings("state.noneLeft")
            case .rejected(let reason):
                stateText = strings("state.rejected", ["reason": reason])
            }
            let result: Markup = entry.report.map { "\($0.level.rawValue) · \($0.overall)" } ?? ""
            var review: [Markup] = []
            if entry.needsReview {
                counts.review += 1
                let reasons = entry.reviewReasons.map { reason -> Markup in "<li>\(reason)</li>" }
                review.append("<p><strong>\(strings("review.marked"))</strong></p><ul>\(reasons)</ul>")
            }
            if entry.report != nil {
                let who = entry.student.name.isEmpty ? entry.student.id : entry.student.name
                let href = "/instructor/review/\(FormEncoding.percentEncode(entry.student.id))/\(FormEncoding.percentEncode(entry.caseID))"
                if entry.needsReview {
                    review.append("<p><a href=\"\(href)\">\(strings("review.open", ["student": who, "case": scenario?.header.title ?? entry.caseID]))</a></p>")
                }
                if let rating = ratings?.rating(student: entry.student.id, caseID: entry.caseID) {
                    review.append("<p>\(strings("review.rated", ["level": rating.level.rawValue]))</p>")
                }
            }
            // Each cell names its column (`data-label`): on a phone the stylesheet lays a row out as a card and
            // shows the names, as the column heads are then hidden.
            let caseCell: Markup =
                several ? "<td data-label=\"\(strings("class.case"))\">\(scenario?.header.title ?? entry.caseID)</td>" : ""
            lines.append(
                """
                <tr><th scope="row">\(entry.student.name) <span class="muted">(\(entry.student.id))</span></th>\(caseCell)\
                <td data-label="\(strings("class.state"))">\(stateText)</td>\
                <td data-label="\(strings("class.activity"))">\(Self.readableTime(activity))</td>\
                <td data-label="\(strings("class.result"))">\(result)</td><td data-label="\(strings("class.review"))">\(review)</td></tr>
                """)
        }
        let caseHead: Markup = several ? "<th scope=\"col\">\(strings("class.case"))</th>" : ""
        let single: Markup = several ? "" : "<p>\(strings("class.case")): \(classroom.cases.first?.header.title ?? "")</p>"
        var release: Markup = ""
        if classroom.session.feedback == .released {
            release = classroom.session.released
                ? "<h2>\(strings("release.title"))</h2><p>\(strings("release.already"))</p>"
                : """
                <h2>\(strings("release.title"))</h2><p>\(strings("release.held"))</p>
                <form method="post" action="/instructor/release">\(desk.csrfField)<button type="submit">\(strings("release.button"))</button></form>
                """
        }
        let downloads = Self.downloads.map { item -> Markup in
            "<li><a href=\"/instructor/download/\(item.name)\" download>\(strings(item.label))</a></li>"
        }
        var response = page(
            &visit, title: strings("class.title", ["session": classroom.session.id]),
            body: """
                \(desk.notice(instructorDesk, configuration))
                <h1>\(strings("class.title", ["session": classroom.session.id]))</h1>
                \(single)
                <p>\(strings("class.counts", ["playing": String(counts.playing), "done": String(counts.done), "notStarted": String(counts.notStarted), "review": String(counts.review)]))</p>
                <p class="muted">\(strings("class.refresh")) <a href="/instructor">\(strings("class.reload"))</a></p>
                <div class="table-box" role="region" aria-labelledby="class-caption" tabindex="0"><table id="class-table" class="stacked">
                <caption id="class-caption">\(strings("class.caption"))</caption>
                <thead><tr><th scope="col">\(strings("class.student"))</th>\(caseHead)<th scope="col">\(strings("class.state"))</th><th scope="col">\(strings("class.activity"))</th><th scope="col">\(strings("class.result"))</th><th scope="col">\(strings("class.review"))</th></tr></thead>
                <tbody>
                \(Markup.joined(lines, separator: "\n"))
                </tbody></table></div>
                \(release)
                <h2>\(strings("downloads.title"))</h2>
                <p>\(strings("downloads.intro"))</p>
                <ul>\(downloads)</ul>
                <form method="post" action="/instructor/signout">\(desk.csrfField)<button class="secondary" type="submit">\(strings("signout"))</button></form>
                """)
        response.headers.append(("Refresh", "15"))
        return response
    }
}
