import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// The end-of-play debrief on a terminal, in two parts. It lays out the report's `DebriefContent` (worked out
/// in PracticumScoring from the rubric) and decides nothing: the Markdown debrief, the class report and
/// `--json` say the same things.
///
/// The first screen fits `screenLines` rows with its closing prompt: the outcome, the overall score and
/// level, any review or cap with its reasons, the dimensions, then as much as fits, whole, of what a competent
/// worker would also have done, what to improve, the learning objectives and what was done best, in that order
/// of priority; what does not fit is named and follows in the details. Nothing is cut: every line is wrapped
/// to the terminal's width. The details hold the rest, every point step by step, the case notes and the plan,
/// any undone choices, the stronger path (practice mode) and the competency evidence.
struct Debrief {
    let strings: Strings
    let screen: PlayScreen
    let content: ContentLibrary

    /// The rows of the first screen, its closing prompt or hint (and the blank line before it) included: an 80x24
    /// terminal.
    static let screenLines = 24
    /// The lines of one page of details on a terminal.

    /// The two parts of a debrief.
    struct Pages {
        /// The first screen.
        var summary: String
        /// Everything else, for `--details` or the prompt.
        var details: String
    }

    func render(
        state: CaseState, engine: Engine, report: ScoreReport, stronger: (step: Int, path: [ChoiceID])?
    ) -> Pages {
        let content = report.debrief ?? DebriefContent()
        return Pages(
            summary: summary(state: state, engine: engine, report: report, content: content).joined(separator: "\n") + "\n",
            details: details(state: state, engine: engine, report: report, content: content, stronger: stronger))
    }

    // MARK: On a terminal

    /// Asks whether to show the details, then shows them a page at a time; any answer but Enter, or the
    /// end of input, stops.
    func offer(_ details: String, context: inout AppContext) {
        context.output.write("\n" + screen.wrap(strings("debrief.detailsPrompt")) + " ")
        guard let answer = context.input.readLine(), answer.trimmingCharacters(in: .whitespaces).isEmpty else {
            context.output.write("\n")
            return
        }
        Pager(prompt: screen.styled(strings("debrief.more"), .dim)).show(details, interactive: true, context: &context)
    }

    // MARK: Formatting

    /// `+2`, `-25`, `+1.5`, `0`.
    static func format(_ points: Double) -> String {
        let rounded = (points * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return rounded > 0 ? "+" + text : text
    }

    /// `100%`, `67%`.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// `22`, `7.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The text wrapped to the screen, every line kept.
    func wrapped(_ text: String, indent: String = "") -> [String] {
        TextWrapper.wrap(VisibleText.make(text), width: screen.width, indent: indent, firstIndent: indent)
    }

    /// "  ✓ text", wrapped under its text, the mark coloured.
    func bullet(_ mark: String, _ text: String, style: Style) -> [String] {
        let lines = TextWrapper.wrap(
            VisibleText.make(text, keepNewlines: false), width: screen.width, indent: "    ", firstIndent: "  " + mark + " ")
        guard screen.colored, let first = lines.first else { return lines }
        return ["  " + screen.styled(mark, style) + first.dropFirst(2 + mark.count)] + lines.dropFirst()
    }

    /// `3, 5, 8`.
    func list(_ steps: [Int]) -> String {
        steps.map(String.init).joined(separator: ", ")
    }
}

extension Array {
    /// The element at `index`, or nil when the index is out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
