import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumTerminal

/// `practicum attempts [CASE]`: the attempts kept on this machine, finished or not.
enum AttemptsCommand: Command {
    static let name = "attempts"
    static let summary = "List your attempts, finished and unfinished (kept after every play)."
    static let usage = "attempts [CASE] [--json]"
    static let discussion = """
        Every interactive play is kept as an attempt file under $XDG_STATE_HOME/practicum/attempts (or \
        ~/.local/state/practicum/attempts): one line per choice, written before the next scene shows. This lists \
        them, oldest first, with the case, the mode, the choices made and how far each got. 'practicum debrief \
        NAME' shows a finished attempt's debrief again; 'practicum play CASE --resume' goes on with an unfinished \
        one. A file that cannot be read is listed with its problem and never changed.
        """
    static let options: [OptionSpec] = [
        CommonOptions.json,
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    /// One attempt as listed.
    struct Row: Encodable {
        var name: String
        var file: String
        var scenario: String?
        var mode: String?
        var choices: Int?
        var started: String?
        var lastActivity: String?
        /// `finished`, `unfinished`, `changed` (the case is another version now), `unknown-case`, `unreadable`.
        var status: String
        var ending: String?
        var problem: String?
    }

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count <= 1 else {
            throw .usage("attempts takes at most one case id", hint: "usage: practicum \(usage)")
        }
        let filter = arguments.positionals.first
        let store = AttemptStore(environment: context.environment)
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        var cases: [String: Scenario?] = [:]
        func scenario(_ id: String) -> Scenario? {
            if let known = cases[id] { return known }
            let path = Scenario.isValidName(id)
                ? try? PlayCommand.resolveLibraryID(id, loader: loader, scenarios: arguments.value("scenarios"), context: context)
                : nil
            let found = path.flatMap { loader.load(path: $0).scenario }
            cases[id] = .some(found)
            return found
        }
        var rows: [Row] = []
        for entry in store.entries() {
            var row = Row(name: entry.name, file: entry.url.path, status: "unreadable")
            switch entry.reading {
            case .failure(let problem):
                row.problem = problem.description
            case .success(let reading):
                let log = reading.log
                row.scenario = log.header.caseID
                row.mode = log.header.mode
                row.choices = log.choices.count
                row.started = log.header.started
                row.lastActivity = log.lastActivity
                if let scenario = scenario(log.header.caseID) {
                    if scenario.fingerprint != log.header.caseHash {
                        row.status = "changed"
                    } else {
                        let engine = Engine(scenario: scenario, order: log.header.seed.map { .shuffled(seed: $0) } ?? .written)
                        if let state = try? engine.replay(log.choices) {
                            let settled = engine.autoContinue(state).state
                            if case .ended(let outcome) = engine.status(of: settled) {
                                row.status = "finished"
                                row.ending = outcome
                            } else {
                                row.status = "unfinished"
                            }
                        } else {
                            row.status = "changed"
                        }
                    }
                } else {
                    row.status = "unknown-case"
                }
            }
            if let filter, row.scenario != filter && !row.name.hasPrefix(filter) { continue }
            rows.append(row)
        }
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(["attempts": rows]))
            return ExitCode.success
        }
        let width = context.textWidth
        guard !rows.isEmpty else {
            let none = filter.map { "No attempts at '\(VisibleText.make($0, keepNewlines: false))' yet." }
                ?? "No attempts yet. 'practicum play' starts one."
            context.output.writeLine(TextWrapper.wrap(none, width: width).joined(separator: "\n"))
            return ExitCode.success
        }
        context.output.write(render(rows, width: width))
        context.output.writeLine("")
        context.output.writeLine(
            TextWrapper.wrap("'\(context.commandName) debrief NAME' shows a finished attempt's debrief again.", width: width)
                .joined(separator: "\n"))
        return ExitCode.success
    }

    // MARK: The list

    /// The fewest columns the status keeps beside the other fields before the fields go one after another.
    static let statusMinimumWidth = 20

    /// The attempts as text no wider than `width`: each attempt's name on a line of its own (whole, so that it
    /// can be copied), then its mode, choices, last activity and status in aligned columns, the status wrapped
    /// at word boundaries in its column. When the columns leave the status too little room, the fields follow
    /// one another instead, wrapped at word boundaries. Nothing is cut mid-word, but a name wider than the
    /// line breaks after a `--`, and a single word wider than the line where the line is full.
    static func render(_ rows: [Row], width: Int) -> String {
        let shown = rows.map { row in
            (
                name: VisibleText.make(row.name, keepNewlines: false),
                mode: VisibleText.make(row.mode ?? "", keepNewlines: false),
                choices: row.choices.map { "\($0) choice\($0 == 1 ? "" : "s")" } ?? "",
                when: (row.lastActivity ?? "").prefix(16).replacingOccurrences(of: "T", with: " "),
                status: VisibleText.make(statusText(row), keepNewlines: false)
            )
        }
        let modeWidth = shown.map { displayWidth(of: $0.mode) }.max() ?? 0
        let choicesWidth = shown.map { displayWidth(of: $0.choices) }.max() ?? 0
        let whenWidth = shown.map { displayWidth(of: $0.when) }.max() ?? 0
        let indent = "  "
        let statusColumn = indent.count + modeWidth + 2 + choicesWidth + 2 + whenWidth + 2
        let columns = width - statusColumn >= statusMinimumWidth
        var lines: [String] = []
        for row in shown {
            lines += nameLines(row.name, width: width)
            if row.mode.isEmpty && row.choices.isEmpty && row.when.isEmpty {
                // A file that cannot be read has only its status to show.
                lines += TextWrapper.wrap(row.status, width: width, indent: indent + "  ", firstIndent: indent)
            } else if columns {
                let fields = indent + pad(row.mode, modeWidth) + "  " + pad(row.choices, choicesWidth) + "  "
                    + pad(row.when, whenWidth) + "  "
                lines += TextWrapper.wrap(
                    row.status, width: width, indent: String(repeating: " ", count: statusColumn), firstIndent: fields)
            } else {
                let fields = [row.mode, row.choices, row.when, row.status].filter { !$0.isEmpty }.joined(separator: " · ")
                lines += TextWrapper.wrap(fields, width: width, indent: indent + "  ", firstIndent: indent)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A name on one line, or, wider than the line, broken after its `--` separators; a part still wider than
    /// the line is broken after its hyphens (and, a run without one, where the line is full).
    static func nameLines(_ name: String, width: Int) -> [String] {
        guard displayWidth(of: name) > width else { return [name] }
        let parts = pieces(of: name, after: "--").flatMap { part in
            displayWidth(of: part) > width ? pieces(of: part, after: "-") : [part]
        }
        var lines: [String] = []
        var current = ""
        for part in parts {
            if !current.isEmpty && displayWidth(of: current) + displayWidth(of: part) > width {
                lines.append(current)
                current = ""
            }
            current += part
        }
        if !current.isEmpty { lines.append(current) }
        return lines.flatMap { TextWrapper.wrap($0, width: width) }
    }

    /// `text` cut after each `separator`, which stays at the end of its piece.
    static func pieces(of text: String, after separator: String) -> [String] {
        var pieces = text.components(separatedBy: separator)
        for index in pieces.indices.dropLast() { pieces[index] += separator }
        return pieces.filter { !$0.isEmpty }
    }

    /// Pads with spaces on the right to `width` display columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(of: text)))
    }

    /// What an attempt's status says in the list.
    static func statusText(_ row: Row) -> String {
        switch row.status {
        case "finished": return "finished" + (row.ending.map { ": \($0)" } ?? "")
        case "unfinished": return "unfinished"
        case "changed": return "played on another version of the case"
        case "unknown-case": return "its case is not in the library"
        default: return "cannot be read: " + (row.problem ?? "")
        }
    }
}
