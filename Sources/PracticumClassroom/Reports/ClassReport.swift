import Foundation
import PracticumCore
import PracticumScoring

/// The class report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched) that
/// prints well. Per case: how the class scored, each dimension's average, for every scene the share of
/// students who took each choice, the most common ethics breaches and premature actions, and the attempts
/// that need review; then a row per student, and the files that were rejected. Every string from a case or
/// the roster is escaped.
public enum ClassReport {
    /// The page for a gradebook whose counted attempts are in full (their reports with items, their logs).
    public static func html(book: Gradebook, cases: [String: Scenario], generated: String, ratings: Ratings? = nil) -> String {
        html(book: book, tally: Tally(book), cases: cases, generated: generated, ratings: ratings)
    }

    /// The page for a gradebook and what its counted attempts showed in full, gathered as they were completed
    /// (`Tally.add`): the book itself then needs only the numbers of each.
    public static func html(
        book: Gradebook, tally: Tally, cases: [String: Scenario], generated: String, ratings: Ratings? = nil
    ) -> String {
        let session = book.session
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Session \(HTML.escaped(session.id)): class report</title>
            <style>\(style)</style></head><body>
            <header><h1>Session \(HTML.escaped(session.id))</h1>
            <p class="meta">\(session.mode) · \(session.attempts) attempt\(session.attempts == 1 ? "" : "s") each, \
            \(session.policy.rawValue) counts · pass mark \(session.passMark)\(session.due.map { " · due \(HTML.escaped($0))" } ?? "") · graded \(HTML.escaped(generated))</p>
            </header>

            """
        page += legend(passMark: session.passMark)
        for item in session.cases {
            guard let scenario = cases[item.id] else { continue }
            let entries = book.entries.filter { $0.caseID == item.id }
            page += section(for: scenario, entries: entries, tally: tally.cases[item.id] ?? .init(), passMark: session.passMark)
        }
        if let ratings { page += agreement(book, ratings: ratings) }
        page += students(book, ratings: ratings)
        page += reflections(tally)
        page += rejected(book)
        page += "<footer>Made by Practicum. Scores are worked out again from each attempt's choices; every choice was checked against the case.</footer>\n</body></html>\n"
        return page
    }

    // MARK: One case

    static func section(for scenario: Scenario, entries: [Gradebook.Entry], tally: Tally.Case, passMark: Int) -> String {
        let reports = entries.compactMap(\.report)
        var counts: [String: Int] = [:]
        for entry in entries { counts[entry.status, default: 0] += 1 }
        var html = "<section class=\"case\"><h2>\(HTML.escaped(scenario.header.title)) <span class=\"id\">\(HTML.escaped(scenario.id))</span></h2>\n"
        html += "<div class=\"tiles\">"
        for status in ["graded", "needs review", "incomplete", "rejected", "missing"] {
            html += "<div class=\"tile \(status.replacingOccurrences(of: " ", with: "-"))\"><b>\(counts[status] ?? 0)</b>\(status)</div>"
        }
        let passed = entries.filter { $0.passed(passMark: passMark) }.count
        html += "<div class=\"tile\"><b>\(passed)</b>passed</div></div>\n"
        guard !reports.isEmpty else { return html + "<p>No graded attempt yet.</p></section>\n" }
        if let partial = reports.lazy.compactMap(\.partialSearch).first {
            html += "<p class=\"partial\"><b>Partial search:</b> this case has more states than the scoring search's limit "
                + "of \(partial.limit); it stopped after \(partial.states), so every score below is measured against the best "
                + "path that partial search found, and may be generous.</p>\n"
        }

        html += "<div class=\"charts\"><figure><figcaption>Overall scores (pass mark \(passMark))</figcaption>"
        html += histogram(reports.map(\.overall), passMark: passMark) + "</figure>"
        html += "<figure><figcaption>Class average by dimension</figcaption>" + averages(reports) + "</figure></div>\n"
        html += commonProblems(tally)
        html += review(entries)
        html += choices(tally, scenario: scenario)
        return html + "</section>\n"
    }

    /// Bars of 10 points each (the last, 90-100, holds 100), with the pass mark as a line.
    static func histogram(_ scores: [Int], passMark: Int) -> String {
        var bins = [Int](repeating: 0, count: 10)
        for score in scores { bins[min(9, max(0, score / 10))] += 1 }
        let top = max(1, bins.max() ?? 1)
        let width = 420, height = 180, left = 30, bottom = 24
        let barWidth = (width - left) / 10
        // A margin on the right for the last label, 100, centred on the axis's end.
        var svg = "<svg viewBox=\"0 0 \(width + 14) \(height)\" role=\"img\" aria-label=\"score distribution\">"
        for (index, count) in bins.enumerated() {
            let barHeight = Double(count) / Double(top) * Double(height - bottom - 16)
            let x = left + index * barWidth
            let y = Double(height - bottom) - barHeight
            svg += "<rect x=\"\(x + 2)\" y=\"\(format(y))\" width=\"\(barWidth - 4)\" height=\"\(format(barHeight))\" class=\"bar\"/>"
            if count > 0 { svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(format(y - 3))\" class=\"count\">\(count)</text>" }
            // Each label at the edge where its band starts, so the pass mark's line sits over its own number.
            svg += "<text x=\"\(x)\" y=\"\(height - 8)\" class=\"axis\">\(index * 10)</text>"
        }
        svg += "<text x=\"\(left + 10 * barWidth)\" y=\"\(height - 8)\" class=\"axis\">100</text>"
        let passX = Double(left) + Double(passMark) / 100 * Double(width - left)
        svg += "<line x1=\"\(format(passX))\" x2=\"\(format(passX))\" y1=\"8\" y2=\"\(height - bottom)\" class=\"pass\"/>"
        svg += "<line x1=\"\(left)\" x2=\"\(width)\" y1=\"\(height - bottom)\" y2=\"\(height - bottom)\" class=\"base\"/>"
        return svg + "</svg>"
    }

    /// A horizontal bar per dimension: the class's mean score, over the attempts where it is assessed.
    static func averages(_ reports: [ScoreReport]) -> String {
        let dimensions = Dimension.allCases
        let rowHeight = 30, width = 420, labelWidth = 90
        var svg = "<svg viewBox=\"0 0 \(width) \(dimensions.count * rowHeight + 6)\" role=\"img\" aria-label=\"dimension averages\">"
        for (row, dimension) in dimensions.enumerated() {
            let scores = reports.compactMap { $0.dimensions[dimension] }
            let y = row * rowHeight + 4
            svg += "<text x=\"0\" y=\"\(y + 17)\" class=\"label\">\(dimension.rawValue)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width - labelWidth - 40)\" height=\"18\" class=\"track\"/>"
            guard !scores.isEmpty else {
                svg += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 17)\" class=\"label muted\">not assessed</text>"
                continue
            }
            let mean = Double(scores.reduce(0, +)) / Double(scores.count)
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(format(mean / 100 * Double(width - labelWidth - 40)))\" height=\"18\" class=\"bar\"/>"
            svg += "<text x=\"\(width - 34)\" y=\"\(y + 17)\" class=\"label\">\(Int(mean.rounded()))</text>"
        }
        return svg + "</svg>"
    }

    /// The ethics breaches and the lifecycle points lost, by how many students they cost.
    static func commonProblems(_ tally: Tally.Case) -> String {
        func list(_ counts: [String: Int], empty: String) -> String {
            guard !counts.isEmpty else { return "<p class=\"muted\">\(empty)</p>" }
            let sorted = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(6)
            return "<ol>" + sorted.map { "<li>\(HTML.escaped($0.key)) <span class=\"muted\">(\($0.value) of \(tally.reports))</span></li>" }.joined() + "</ol>"
        }
        return "<div class=\"two\"><div><h3>Most common ethics breaches</h3>" + list(tally.breaches, empty: "None.")
            + "</div><div><h3>Phases where points were lost (premature or out of order)</h3>" + list(tally.phases, empty: "None.")
            + "</div></div>\n"
    }

    /// The attempts that need the instructor's review, with the model's reasons; then those whose level is
    /// capped, with why and the score before the cap (scoring rules 10 and 12).
    static func review(_ entries: [Gradebook.Entry]) -> String {
        var html = ""
        let flagged = entries.filter(\.needsReview)
        if !flagged.isEmpty {
            html += "<h3>Attempts that need your review</h3><ul class=\"review\">"
            for entry in flagged {
                let reasons = entry.reviewReasons
                guard let report = entry.report else {
                    // Files handed in that need a look though no attempt of theirs is graded.
                    html += "<li><b>\(HTML.escaped(name(entry.student)))</b>, \(entry.status): "
                        + reasons.map(HTML.escaped).joined(separator: "; ") + "</li>"
                    continue
                }
                html += "<li><b>\(HTML.escaped(name(entry.student)))</b>, \(report.level.rawValue) (\(report.overall)): "
                    + reasons.map(HTML.escaped).joined(separator: "; ")
                    + (GradeNotes.cap(report, besides: reasons).map { ". " + HTML.escaped(GradeNotes.sentence($0)) } ?? "") + "</li>"
            }
            html += "</ul><p class=\"muted\">No grade of these stands until you review them: <code>practicum review</code> walks them one by one.</p>\n"
        }
        let capped = entries.filter { entry in entry.report.map { $0.isCapped && !entry.needsReview } ?? false }
        if !capped.isEmpty {
            html += "<h3>Attempts whose level is capped</h3><ul class=\"review\">"
            for entry in capped {
                let report = entry.report!
                html += "<li><b>\(HTML.escaped(name(entry.student)))</b>, \(report.level.rawValue) (\(report.overall)): "
                    + HTML.escaped(GradeNotes.cap(report) ?? "") + "</li>"
            }
            html += "</ul>\n"
        }
        return html
    }

    /// The case's scenes in story order: breadth-first over the scene graph from the start scene (choices'
    /// targets in written order, then a continuation's next scene), as a student meets them; scenes no path
    /// reaches come last, in written order.
    static func storyOrder(_ scenario: Scenario) -> [Scene] {
        var position: [String: Int] = [:]
        for (index, scene) in scenario.scenes.enumerated() where position[scene.name] == nil { position[scene.name] = index }
        var order: [Int] = []
        var seen: Set<String> = []
        var queue: [String] = [scenario.start]
        var head = 0
        while head < queue.count {
            let name = queue[head]
            head += 1
            guard let index = position[name], seen.insert(name).inserted else { continue }
            order.append(index)
            let scene = scenario.scenes[index]
            queue += scene.choices.map(\.target) + (scene.next.map { [$0] } ?? [])
        }
        order += scenario.scenes.indices.filter { !seen.contains(scenario.scenes[$0].name) }
        return order.map { scenario.scenes[$0] }
    }

    /// For every scene where a counted attempt chose, in story order: each choice by its number as written in
    /// the case (the `n` of `scene#n`, so two choices with the same words stay apart), its whole text, and how
    /// many of the students who reached the scene took it.
    static func choices(_ tally: Tally.Case, scenario: Scenario) -> String {
        let taken = tally.taken, reached = tally.reached
        var html = "<h3>What the class chose, scene by scene</h3><table class=\"choices\"><thead><tr><th>scene</th><th>#</th><th>choice</th><th>students</th></tr></thead><tbody>"
        for scene in storyOrder(scenario) where taken[scene.name] != nil {
            let counts = taken[scene.name]!
            let students = max(1, reached[scene.name] ?? 1)
            for (index, choice) in scene.choices.enumerated() {
                let count = counts[index] ?? 0
                let share = Double(count) / Double(students)
                let quality = choice.quality > 0 ? "good" : choice.quality < 0 ? "poor" : "neutral"
                html += "<tr>" + (index == 0 ? "<td rowspan=\"\(scene.choices.count)\" class=\"scene\">\(HTML.escaped(scene.name))<div class=\"muted\">\(reached[scene.name] ?? 0) reached</div></td>" : "")
                html += "<td class=\"n\">\(index + 1)</td>"
                html += "<td class=\"\(quality)\">\(HTML.escaped(choice.text))</td>"
                html += "<td class=\"share\"><span class=\"fill\" style=\"width:\(Int((share * 110).rounded()))px\"></span><span class=\"num\">\(count)</span></td></tr>"
            }
        }
        return html + "</tbody></table><p class=\"muted\">Scenes in the order a student meets them from the start. "
            + "# is the choice's number as written in the case (<code>scene#n</code> in attempt files and statements). "
            + "Counted attempts only; a student who came back to a scene is counted once per choice taken there.</p>\n"
    }

    /// What every colour, mark and abbreviation of the page means.
    static func legend(passMark: Int) -> String {
        """
        <section class="legend"><h2>How to read this report</h2><dl>
        <dt>Tiles</dt><dd>How many roster students (per case) are <i>graded</i>, <i>need review</i> (the model flagged the \
        attempt, or another file has its attempt id; no grade stands until you review it), are <i>incomplete</i> (stopped before an ending), <i>rejected</i> (no \
        attempt could be graded; see the rejected files) or <i>missing</i> (no attempt), and how many <i>passed</i> \
        (overall at or above the pass mark, \(passMark), and not marked for review).</dd>
        <dt>Overall scores</dt><dd><span class="swatch bar"></span> students per band of 10 points (90-100 holds 100); \
        <span class="swatch pass"></span> the pass mark.</dd>
        <dt>Class average by dimension</dt><dd><span class="swatch bar"></span> the mean score, 0-100, over the attempts \
        where the dimension is assessed, on a <span class="swatch track"></span> track of 100.</dd>
        <dt>What the class chose</dt><dd>The left edge of a choice: <span class="swatch good"></span> a choice of positive \
        quality, <span class="swatch poor"></span> negative, <span class="swatch neutral"></span> neither. \
        <span class="swatch bar"></span> the share of the students who reached the scene who took it; the number is how many \
        did. # is the choice's number as written in the case.</dd>
        <dt>Students</dt><dd>Rows <span class="swatch needs-review"></span> need your review, \
        <span class="swatch rejected"></span> were rejected. <span class="capped">capped</span>: the level is held below \
        what the points reach (why, and the score before the cap, are listed with the case and in the debrief); the \
        overall is then at most the top of that level's band. – : a dimension the case does not assess. \
        <i>your level</i>: your rating from the ratings file, with your comment. Each name links to the student's \
        debrief (<code>debriefs/ID--CASE.md</code>, beside this page). <span class="self-reported">self-reported</span>: \
        the record is an attempt file, played where the student controls the file or handed in; nothing in a file proves \
        who played it, or when, so its grade rests on the student's word. <span class="self-reported">signed</span>: in a \
        session with codes, every line of the file verifies under the key made from that student's code, so it was \
        written, as it stands, by someone who had the code (not necessarily alone, and its times are still the \
        student's word); a file that is not signed, does not verify, or is signed with another student's key is \
        marked for review, and the last two are not counted. Two files with one attempt id are both marked \
        for review. See docs/classroom.md on what a file handed in can and cannot show.</dd>
        </dl></section>

        """
    }

    // MARK: The class

    /// A row per roster student and case: the status, the model's score and level (and, with ratings, the
    /// instructor's level and comment beside it), each dimension, whether it passed, and a link to the debrief.
    static func students(_ book: Gradebook, ratings: Ratings? = nil) -> String {
        var html = "<section><h2>Students</h2><div class=\"wide\"><table class=\"students\"><thead><tr><th>student</th><th>case</th><th>status</th><th>overall</th><th>level</th>"
        if ratings != nil { html += "<th>your level</th>" }
        html += Dimension.allCases.map { "<th>\($0.rawValue)</th>" }.joined() + "<th>passed</th><th>record</th></tr></thead><tbody>"
        for entry in book.entries {
            html += "<tr class=\"\(entry.status.replacingOccurrences(of: " ", with: "-"))\"><td><a href=\"\(debriefLink(entry))\">\(HTML.escaped(name(entry.student)))</a></td><td>\(HTML.escaped(entry.caseID))</td><td>\(entry.status)</td>"
            let rating = ratings?.rating(student: entry.student.id, caseID: entry.caseID)
            let yours = ratings == nil ? "" : "<td>" + (rating.map { rating in
                HTML.escaped(rating.level.rawValue)
                    + (rating.comment.isEmpty ? "" : "<div class=\"comment\">\(HTML.escaped(rating.comment))</div>")
            } ?? "") + "</td>"
            if let report = entry.report {
                html += "<td class=\"n\">\(report.overall)</td><td>\(report.level.rawValue)"
                    + (report.isCapped ? " <span class=\"capped\" title=\"\(HTML.escaped(GradeNotes.cap(report) ?? ""))\">capped</span>" : "")
                    + "</td>" + yours
                html += Dimension.allCases.map { "<td class=\"n\">\(report.dimensions[$0].map(String.init) ?? "–")</td>" }.joined()
                html += "<td>\(entry.passed(passMark: book.session.passMark) ? "yes" : "no")</td>"
            } else {
                html += "<td></td><td></td>" + yours + Dimension.allCases.map { _ in "<td></td>" }.joined() + "<td></td>"
            }
            html += "<td>" + (entry.provenance.map { "<span class=\"self-reported\">\($0.rawValue)</span>" } ?? "") + "</td>"
            html += "</tr>"
        }
        return html + "</tbody></table></div></section>\n"
    }

    /// The instructor's levels beside the model's: how often they agree, and every attempt where they differ.
    static func agreement(_ book: Gradebook, ratings: Ratings) -> String {
        let summary = ratings.agreement(with: book)
        var html = "<section><h2>Your ratings and the model's</h2>"
        guard summary.pairs > 0 else { return html + "<p>No graded attempt has a rating of yours yet.</p></section>\n" }
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
        html += "<p>\(summary.pairs) attempt\(summary.pairs == 1 ? "" : "s") rated by both: the same level in \(percent(summary.exact)), "
            + "at most one level apart in \(percent(summary.withinOne))"
            + (summary.kappa.map { String(format: "; Cohen's kappa %.2f (1 is perfect agreement, 0 what chance would give)", $0) } ?? "")
            + ".</p>"
        let differing = book.entries.compactMap { entry -> (Gradebook.Entry, Ratings.Rating)? in
            guard let report = entry.report, let rating = ratings.rating(student: entry.student.id, caseID: entry.caseID),
                rating.level != report.level
            else { return nil }
            return (entry, rating)
        }
        if differing.isEmpty { return html + "<p>You and the model agree on every attempt.</p></section>\n" }
        html += "<table><thead><tr><th>student</th><th>case</th><th>model</th><th>you</th><th>your comment</th></tr></thead><tbody>"
        for (entry, rating) in differing {
            let report = entry.report!
            html += "<tr><td>\(HTML.escaped(name(entry.student)))</td><td>\(HTML.escaped(entry.caseID))</td>"
                + "<td>\(report.level.rawValue) (\(report.overall))</td><td>\(rating.level.rawValue)</td><td>\(HTML.escaped(rating.comment))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    /// What each student wrote before choosing, in the attempt that counts: their own words, never scored.
    static func reflections(_ tally: Tally) -> String {
        let html = tally.reflections
        guard !html.isEmpty else { return "" }
        return "<section><h2>Reflections</h2><p class=\"muted\">What students wrote before choosing where a scene asked; the model does not score them.</p>" + html + "</section>\n"
    }

    static func rejected(_ book: Gradebook) -> String {
        let attributed = book.entries.filter { $0.rejected > 0 }
        guard !attributed.isEmpty || !book.unattributed.isEmpty else { return "" }
        var html = "<section><h2>Rejected attempts</h2><ul>"
        for entry in attributed {
            html += "<li><b>\(HTML.escaped(name(entry.student)))</b>, \(HTML.escaped(entry.caseID)): \(entry.rejected) rejected; the last because \(HTML.escaped(entry.lastRejection ?? ""))</li>"
        }
        for judged in book.unattributed {
            if case .rejected(let reason) = judged.verdict {
                html += "<li><code>\(HTML.escaped(judged.file))</code>: \(HTML.escaped(reason))</li>"
            }
        }
        return html + "</ul><p class=\"muted\">Every file and its outcome is in results/grading.log.</p></section>\n"
    }

    /// The relative link to an entry's debrief, `debriefs/STUDENT--CASE.md`, as `grade` names it, each part
    /// percent-encoded.
    static func debriefLink(_ entry: Gradebook.Entry) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let file = "\(entry.student.id)--\(entry.caseID).md"
        return "debriefs/" + HTML.escaped(file.addingPercentEncoding(withAllowedCharacters: allowed) ?? file)
    }

    static func name(_ student: Roster.Student) -> String {
        student.name.isEmpty ? student.id : "\(student.name) (\(student.id))"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2430;max-width:1040px;margin:24px auto;padding:0 20px}
        h1{font-size:26px;margin:0}h2{font-size:20px;border-bottom:2px solid #d7dde6;padding-bottom:4px;margin-top:36px}
        h3{font-size:15px;margin:18px 0 6px}.meta,.muted{color:#5b6576}.id{font-size:13px;color:#5b6576;font-weight:normal}
        .tiles{display:flex;gap:10px;flex-wrap:wrap;margin:12px 0}.tile{border:1px solid #d7dde6;border-radius:6px;padding:6px 12px;min-width:70px;font-size:13px;color:#5b6576}
        .tile b{display:block;font-size:22px;color:#1d2430}.tile.needs-review b{color:#b54708}.tile.rejected b{color:#b42318}
        .charts,.two{display:grid;grid-template-columns:1fr 1fr;gap:24px}figure{margin:0}figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
        svg{width:100%;height:auto}.bar{fill:#3b6fb6}.track{fill:#eef1f5}.pass{stroke:#b42318;stroke-width:2;stroke-dasharray:5 3}.base{stroke:#8a94a6}
        .count,.axis{font-size:11px;text-anchor:middle;fill:#334}.label{font-size:13px;fill:#1d2430}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e4e8ee;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f5f7fa}td.n{text-align:right}td.good{border-left:3px solid #2e7d32}td.poor{border-left:3px solid #b42318}td.neutral{border-left:3px solid #c4cbd6}
        td.share{width:170px;white-space:nowrap}.fill{display:inline-block;height:12px;background:#3b6fb6;vertical-align:middle}.num{margin-left:6px}
        tr.needs-review td{background:#fff4e5}.comment{font-size:12px;color:#5b6576}.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;font-size:13px;margin:0}.legend dt{font-weight:600}.legend dd{margin:0}
        .swatch{display:inline-block;width:14px;height:10px;vertical-align:middle;border:1px solid #c4cbd6}.swatch.bar{background:#3b6fb6}.swatch.track{background:#eef1f5}
        .swatch.pass{border:0;border-top:2px dashed #b42318;height:0;width:16px}.swatch.good{background:#2e7d32}.swatch.poor{background:#b42318}.swatch.neutral{background:#c4cbd6}
        .swatch.needs-review{background:#fff4e5}.swatch.rejected{background:#fdecec}td.scene{font-weight:600}td.scene .muted{font-weight:normal;font-size:12px;white-space:nowrap}.wide{overflow-x:auto}
        a{color:#1d4f91}code{white-space:nowrap}.self-reported{font-size:11px;color:#555}.capped{font-size:11px;border:1px solid #b54708;color:#b54708;border-radius:3px;padding:0 3px}tr.rejected td{background:#fdecec}ul.review li{margin:4px 0}
        footer{margin-top:40px;font-size:12px;color:#5b6576}
        @media (max-width:640px){.charts,.two{grid-template-columns:1fr}.legend dl{display:block}.legend dd{margin:0 0 8px}}
        @media print{body{margin:0;max-width:none;font-size:11px}.swatch,.capped,tr td{print-color-adjust:exact;-webkit-print-color-adjust:exact}a{color:inherit;text-decoration:none}.legend{break-inside:avoid}.charts,.two,.tiles,figure,ul.review{break-inside:avoid}h2,h3{break-after:avoid}tr{break-inside:avoid}
        .charts,.two{grid-template-columns:1fr 1fr}.fill{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
        """
}
