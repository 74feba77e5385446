import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum list`: the bundled case library.
enum ListCommand: Command {
    static let name = "list"
    static let summary = "List the cases in the library: id, title, level, language, minutes."
    static let usage = "list [--json]"
    static let discussion = "Cases that have errors are left out of the list and named on standard error."
    static let options: [OptionSpec] = [CommonOptions.json, CommonOptions.content, CommonOptions.scenarios]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw .usage("list takes no arguments", hint: "to play a case: practicum play ID")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let directory: URL
        do {
            directory = try context.locator.scenariosDirectory(explicit: arguments.value("scenarios"))
        } catch {
            throw CommandError(error.description)
        }
        let library = CaseLibrary.load(from: directory, loader: ScenarioLoader(content: content))
        for broken in library.broken {
            context.errors.writeLine(
                "warning: \(broken.path) has errors and is not listed; run 'practicum check \(broken.path)'")
        }
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(library.entries))
            return ExitCode.success
        }
        let rows = [["ID", "TITLE", "LEVEL", "LANG", "MIN"]]
            + library.entries.map {
                [$0.id, VisibleText.make($0.title, keepNewlines: false), $0.level, $0.language, $0.minutes.map(String.init) ?? "-"]
            }
        let widths = (0..<5).map { column in rows.map { displayWidth(of: $0[column]) }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 4 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(of: cell))
            }
            context.output.writeLine(cells.joined(separator: "  "))
        }
        return ExitCode.success
    }
}
