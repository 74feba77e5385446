import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum export FILE --json`: the case's JSON form.
enum ExportCommand: Command {
    static let name = "export"
    static let summary = "Print a case's JSON form (which 'play' and 'check' also read)."
    static let usage = "export FILE [--json]"
    static let discussion = "JSON is the only export format so far, so --json may be left out."
    static let options: [OptionSpec] = [CommonOptions.json, CommonOptions.content]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first, !path.isEmpty else {
            throw .usage("name one case file to export", hint: "for example: practicum export Scenarios/my-case.scenario --json")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let fullPath = context.url(forPath: path).path
        let result = ScenarioLoader(content: content).load(path: fullPath)
        guard let scenario = result.scenario else {
            context.report(result.diagnostics, source: result.source, file: fullPath, omitted: result.omitted.total)
            throw CommandError("'\(path)' has errors; fix them before exporting")
        }
        context.output.write(String(decoding: ScenarioDocument(scenario).encoded(), as: UTF8.self) + "\n")
        return ExitCode.success
    }
}
