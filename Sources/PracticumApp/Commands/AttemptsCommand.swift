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
        guard !rows.isEmpty else {
            context.output.writeLine(
                filter.map { "No attempts at '\(VisibleText.make($0, keepNewlines: false))' yet." }
                    ?? "No attempts yet. 'practicum play' starts one.")
            return ExitCode.success
        }
        for row in rows {
            var status: String
            switch row.status {
            case "finished": status = "finished" + (row.ending.map { ": \($0)" } ?? "")
            case "unfinished": status = "unfinished"
            case "changed": status = "played on another version of the case"
            case "unknown-case": status = "its case is not in the library"
            default: status = "cannot be read: " + (row.problem ?? "")
            }
            let when = (row.lastActivity ?? "").prefix(16).replacingOccurrences(of: "T", with: " ")
            let choices = row.choices.map { "\($0) choice\($0 == 1 ? "" : "s")" } ?? ""
            let line = [row.name, row.mode ?? "", choices, String(when), status].filter { !$0.isEmpty }.joined(separator: "  ")
            context.output.writeLine(VisibleText.make(line, keepNewlines: false))
        }
        context.output.writeLine("")
        context.output.writeLine("'\(context.commandName) debrief NAME' shows a finished attempt's debrief again.")
        return ExitCode.success
    }
}
