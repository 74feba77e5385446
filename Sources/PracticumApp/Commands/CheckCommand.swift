import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum check FILE...`: load and check cases, report like a compiler.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check cases and report every error and warning with its line and column."
    static let usage = "check FILE... [--json]"
    static let discussion = """
        Exits 0 when no file has errors (warnings are allowed), 1 when any file has errors. A .test file (a \
        case's tests, see 'practicum test') is passed over with a note. Diagnostics go to \
        standard error as 'file:line:column: error: message' with the line and a caret; a one-line summary per file \
        goes to standard output. With --json, one JSON report goes to standard output instead.
        """
    static let options: [OptionSpec] = [
        CommonOptions.json, CommonOptions.content,
        .flag("no-explore", help: "Skip the checks that play the case: every reachable state (soft locks, impossible choices, unreachable endings) and the policies of 'simulate' (gameable)."),
        .option("explore-limit", valueName: "n", help: "Stop exploring after this many distinct states (default 200000)."),
    ]

    struct Report: Encodable {
        struct File: Encodable {
            var path: String
            var id: String?
            var errors: Int
            var warnings: Int
            /// Whether the checks that play the case ran (they wait until the errors are fixed).
            var played: Bool
            var diagnostics: [Item]
        }

        struct Item: Encodable {
            var code: String
            var severity: String
            var message: String
            var file: String
            var line: Int
            var column: Int
            var length: Int
            var hint: String?
        }

        var files: [File]
        var errors: Int
        var warnings: Int
    }

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            throw .usage("name at least one case file to check", hint: "for example: practicum check Scenarios/*.scenario")
        }
        if let empty = arguments.positionals.firstIndex(of: "") {
            throw .usage("file \(empty + 1) is an empty name", hint: "for example: practicum check Scenarios/*.scenario")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let limit =
            try WholeNumberOption.parse(arguments.value("explore-limit"), option: "explore-limit", range: 1...Int.max)
            ?? StateExplorer.defaultLimit
        var files: [Report.File] = []
        for (position, path) in arguments.positionals.enumerated() {
            let fullPath = context.url(forPath: path).path
            if path.hasSuffix(".test") {
                // A case's tests sit beside it, so 'check Scenarios/*' names them too: said, and passed over.
                context.errors.writeLine(
                    "note: \(VisibleText.make(path, keepNewlines: false)) holds case tests, not a case: skipped (run 'practicum test \(VisibleText.make(path, keepNewlines: false))')")
                continue
            }
            var result = loader.load(path: fullPath)
            var unplayed: String?
            if let scenario = result.scenario, !arguments.flag("no-explore") {
                // The locations are worked out (by parsing the text again) only if exploration has a warning to
                // place: most cases have none, and the syntax tree is freed for exploration to reuse.
                let source = result.source
                result.diagnostics += ExplorationCheck.diagnostics(
                    for: scenario,
                    locations: source.map { ExplorationCheck.Locations(syntax: ScenarioParser.parse($0, file: fullPath).syntax) }
                        ?? ExplorationCheck.Locations(file: fullPath),
                    limit: limit, keeping: position == arguments.positionals.count - 1 ? context.keepUntilExit : { _ in })
                // The policies of 'simulate' that skip the case, a few runs each, on a case of a size students play
                // (a rubric that cannot be read is reported by the commands that score; checking goes on without it).
                if Gameability.plays(scenario, explored: !result.diagnostics.contains { $0.code == .explorationLimit }),
                    let scorer = try? context.scorer(for: scenario, content: content, language: "en")
                {
                    let title = Self.titleLocation(in: source, file: fullPath)
                    result.diagnostics += Gameability.diagnostics(for: scorer, at: title.location, length: title.length)
                } else {
                    unplayed = "the gameable policies were not played: \(scenario.scenes.count) scenes"
                        + (scenario.scenes.count > Gameability.maximumScenes ? "" : " and more states than the exploration limit")
                        + "; run 'practicum simulate' on it"
                }
            }
            // Report locations with the path as the user typed it.
            result.diagnostics = result.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.location.file = diagnostic.location.file.replacingOccurrences(of: fullPath, with: path)
                diagnostic.notes = diagnostic.notes.map { note in
                    var note = note
                    note.location.file = note.location.file.replacingOccurrences(of: fullPath, with: path)
                    return note
                }
                return diagnostic
            }
            let diagnostics = result.diagnostics.inSourceOrder
            let errors = diagnostics.filter(\.isError).count
            files.append(
                Report.File(
                    path: path, id: result.scenario?.id, errors: errors, warnings: diagnostics.count - errors,
                    played: result.scenario != nil && !arguments.flag("no-explore") && unplayed == nil,
                    diagnostics: diagnostics.map {
                        Report.Item(
                            code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message,
                            file: $0.location.file, line: $0.location.line, column: $0.location.column,
                            length: $0.length, hint: $0.hint)
                    }))
            if !arguments.flag("json") {
                context.report(diagnostics, source: result.source, file: path)
                var summary = DiagnosticRenderer.summary(diagnostics)
                if result.scenario == nil && !arguments.flag("no-explore") {
                    summary += " (the checks that play the case, such as soft locks and gameable policies, run once these are fixed)"
                } else if let unplayed {
                    summary += " (\(unplayed))"
                }
                let mark = errors > 0 ? Style.red.apply("✗", enabled: context.colorOutput) : Style.green.apply("✓", enabled: context.colorOutput)
                context.output.writeLine("\(mark) \(path): \(summary)")
            }
            // The last case is not freed: the process is about to end.
            if position == arguments.positionals.count - 1 { context.keepUntilExit(result) }
        }
        let errors = files.reduce(0) { $0 + $1.errors }
        let warnings = files.reduce(0) { $0 + $1.warnings }
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(Report(files: files, errors: errors, warnings: warnings)))
        }
        return errors > 0 ? ExitCode.failure : ExitCode.success
    }

    /// Where the case's `title:` key is written (the first line when there is none): where warnings about the
    /// whole case point.
    static func titleLocation(in source: String?, file: String) -> (location: SourceLocation, length: Int) {
        guard let source else { return (SourceLocation(file: file, line: 1, column: 1), 1) }
        var line = 1
        for text in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if text.hasPrefix("title:") { return (SourceLocation(file: file, line: line, column: 1), 5) }
            line += 1
        }
        return (SourceLocation(file: file, line: 1, column: 1), 1)
    }
}
