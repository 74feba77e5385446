import Foundation
import PracticumCore
import PracticumScoring

/// A student's debrief as a Markdown file the instructor can hand back: the score, each dimension, and every
/// point with its reason. Text from the case and the roster is escaped, so nothing in it is read as Markdown
/// or HTML.
public enum StudentDebrief {
    public static func markdown(entry: Gradebook.Entry, scenario: Scenario, passMark: Int) -> String {
        var text = "# Debrief: \(escaped(scenario.header.title))\n\n"
        let who = entry.student.name.isEmpty ? entry.student.id : "\(entry.student.name) (\(entry.student.id))"
        text += "- **Student:** \(escaped(who))\n"
        text += "- **Status:** \(entry.status)\n"
        guard let counted = entry.counted, case .graded(let report, let path, let finished, let late) = counted.verdict else {
            text += "\nNo attempt of this student's at this case has been graded"
            if let reason = entry.lastRejection { text += " (the last was rejected: \(escaped(reason)))" }
            return text + ".\n"
        }
        text += "- **Attempt counted:** \(escaped(counted.file)), finished \(escaped(finished))\(late ? " (after the due time)" : "")\n"
        text += "- **Overall:** \(report.overall) (\(report.level.rawValue)); "
            + (entry.passed(passMark: passMark) ? "passed" : "not passed") + " (pass mark \(passMark))\n"
        let content = report.debrief ?? DebriefContent()
        if entry.needsReview {
            // The files' own reasons are said without naming other students' files: the debrief is handed back.
            let reasons = (report.needsReview ? content.review : [])
                + entry.handInNotes
            text += "- **Needs review:** an instructor must review this attempt before the grade stands"
            text += reasons.isEmpty ? ".\n" : ": " + reasons.map(escaped).joined(separator: "; ") + ".\n"
        }
        if let cap = content.cap {
            text += "- **Capped:** the level is held at \(cap.level.rawValue), and the overall score at the top of its band"
            text += cap.reasons.isEmpty ? "" : ", because of " + cap.reasons.map(escaped).joined(separator: "; ")
            text += ". Before the cap: \(cap.uncappedOverall) (\(cap.uncappedLevel.rawValue)).\n"
        }
        if let outcome = report.outcome { text += "- **Ending:** \(escaped(outcome))\n" }
        if let partial = report.partialSearch {
            text += "- **Partial search:** the best path and the scores come from a partial search: the scoring search "
                + "stopped at its limit of \(partial.limit) after \(partial.states) states of the case, so a better path may "
                + "have been missed and the scores may be generous.\n"
        }
        text += "\n| dimension | score | weight |\n|---|---|---|\n"
        for dimension in Dimension.allCases {
            let score = report.dimensions[dimension].map(String.init) ?? "not assessed"
            text += "| \(dimension.rawValue) | \(score) | \(report.weights[dimension] ?? 0) |\n"
        }
        if !report.gatekeeping.isEmpty {
            text += "\n## Gatekeeping\n\n"
            for event in report.gatekeeping {
                text += "- \(event.step.map { "Step \($0): " } ?? "")\(escaped(event.reason))\n"
            }
        }
        text += sections(content)
        let written = counted.log?.standing.enumerated().compactMap { index, step in step.reflection.map { (index + 1, $0) } } ?? []
        if !written.isEmpty {
            text += "\n## What the student wrote before choosing\n\n"
            for (step, reflection) in written { text += "- **Step \(step):** \(escaped(reflection))\n" }
            text += "\n(Reflections are the student's own words; the model does not score them.)\n"
        }
        text += "\n## Every point, step by step\n"
        var heading: String?
        for item in report.items {
            let place = item.step.map { "Step \($0)" } ?? "The whole path"
            let title = place + (item.choiceText.map { ": \(escaped($0))" } ?? "")
            if title != heading {
                text += "\n### \(title)\n\n"
                heading = title
            }
            let points = item.outOf > 0 ? "\(format(item.points)) of \(format(item.outOf))" : format(item.points)
            text += "- \(item.dimension.rawValue) \(points): \(escaped(item.reason))\n"
        }
        text += "\n\(path.count) choices: " + path.map { "`\(escapedCode($0.description))`" }.joined(separator: " ") + "\n"
        return text
    }

    /// The debrief's sections, as the terminal shows them, from the same content: what a competent worker
    /// would also have done, what was done best, what to improve, every learning objective with its state,
    /// and the plan.
    static func sections(_ content: DebriefContent) -> String {
        var text = ""
        if !content.missed.isEmpty {
            text += "\n## What a competent worker would also have done\n\n"
            for missed in content.missed {
                text += "- \(escaped(missed.because)) (\(missed.severity.rawValue))"
                text += missed.step.map { " Out of reach from step \($0) on." } ?? ""
                text += "\n"
            }
        }
        if !content.best.isEmpty {
            text += "\n## Done best\n\n"
            for highlight in content.best {
                text += "- **Step \(highlight.step):** \(escaped(highlight.choice))"
                text += highlight.shows.map { " It showed what the case expects: \(escaped($0))" } ?? ""
                text += "\n"
            }
        }
        if !content.improve.isEmpty {
            text += "\n## To improve\n\n"
            for improvement in content.improve {
                if let step = improvement.step {
                    text += "- **Step \(step):** \(escaped(improvement.choice ?? ""))"
                } else {
                    text += "- \(escaped(improvement.matter ?? ""))"
                }
                text += improvement.why.map { " (\(escaped($0)))" } ?? ""
                text += "\n"
            }
        }
        if !content.objectives.isEmpty {
            text += "\n## Learning objectives\n\n"
            for objective in content.objectives {
                let state: String
                switch objective.state {
                case .met: state = "✓ met"
                case .unmet: state = "✗ not met"
                case .didNotArise: state = "did not arise in this attempt"
                case .pending: state = "not yet: the attempt has not ended"
                case .notAssessed: state = "not scored by the model"
                }
                text += "- \(escaped(objective.text)): \(state)\n"
            }
        }
        if !content.dilemmas.isEmpty {
            text += "\n## Dilemmas with more than one defensible answer\n\n"
            for dilemma in content.dilemmas {
                text += "- \(escaped(dilemma.tradeOff))\n  Step \(dilemma.step), the student chose: \(escaped(dilemma.choice))\n"
            }
        }
        if !content.plan.isEmpty {
            text += "\n## The plan\n\n"
            for entry in content.plan {
                text += "- \(escaped(entry.findingText)): goal at step \(entry.step), \(escaped(entry.goal))"
                text += entry.grounded ? "\n" : " (planned before the assessment found it)\n"
            }
        }
        return text
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Text with Markdown's and HTML's special characters escaped, and control characters made visible.
    public static func escaped(_ text: String) -> String {
        // Scalar by scalar: a `<` followed by a combining mark is one `Character`, and must still be escaped.
        let plain = text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: mayNeedEscaping) }
            ?? !text.utf8.contains(where: mayNeedEscaping)
        if plain { return text }
        var result = ""
        for scalar in VisibleText.make(text, keepNewlines: false).unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "!": result += "\\" + String(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether text holding this byte may need escaping: Markdown's and HTML's special characters, control
    /// characters, and any byte of a character past ASCII (a C1 control, a direction control or an invisible
    /// character may be one; `VisibleText` decides).
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, 0x80...0xFF: return true
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"),
            UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"), UInt8(ascii: "|"), UInt8(ascii: "!"):
            return true
        default: return false
        }
    }

    static func escapedCode(_ text: String) -> String {
        let visible = VisibleText.make(text, keepNewlines: false)
        guard visible.utf8.contains(UInt8(ascii: "`")) else { return visible }
        return String(String.UnicodeScalarView(visible.unicodeScalars.map { $0 == "`" ? "'" : $0 }))
    }
}
