import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum check FILE...`: load and check cases, report like a compiler.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check cases and report every error and warning with its line and column."
    static let usage = "check FILE... [--json] [--config FILE]"
    static let discussion = """
        Exits 0 when no file has errors (warnings are allowed), 1 when any file has errors. A .test file (a \
        case's tests, see 'practicum test') is passed over with a note. Diagnostics go to \
        standard error as 'file:line:column: error: message' with the line and a caret; a one-line summary per file \
        goes to standard output. With --json, one JSON report goes to standard output instead. At most \
        \(DiagnosticCollector.defaultLimit) diagnostics are kept per file (the rest are counted), and the text shows \
        the first \(DiagnosticRenderer.defaultLimit). A file named \(SeverityOverrides.fileName) next to a case (or \
        the file --config names) can turn warnings into errors or off, one 'CODE = error|warning|off' a line. \
        'practicum explain CODE' says what a code means.
        """
    static let options: [OptionSpec] = [
        CommonOptions.json, CommonOptions.content,
        .flag("no-explore", help: "Skip the checks that play the case: every reachable state (soft locks, impossible choices, unreachable endings) and the policies of 'simulate' (gameable)."),
        .option("explore-limit", valueName: "n", help: "Stop exploring after this many distinct states (default 200000)."),
        .option(
            "config", valueName: "file",
            help: "Read severity overrides from this file instead of a \(SeverityOverrides.fileName) next to each case."),
    ]

    struct Report: Encodable {
        struct File: Encodable {
            var path: String
            var id: String?
            var errors: Int
            var warnings: Int
            /// Whether the checks that play the case ran (they wait until the errors are fixed).
            var played: Bool
            /// The severity overrides applied, when a file gave some.
            var config: String?
            /// Whether more diagnostics were found than were kept (`omitted` counts the rest).
            var cut: Bool
            var omitted: DiagnosticCounts
            var diagnostics: [Item]
        }

        struct Item: Encodable {
            var code: String
            /// The severity reported, after the project's overrides.
            var severity: String
            /// The code's own severity, when an override changed it.
            var defaultSeverity: String?
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
        var configuration = try CheckConfiguration(explicit: arguments.value("config"), context: context)
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
            let config = try configuration.overrides(forCase: fullPath, shownAs: path)
            let loader = ScenarioLoader(content: content, severities: config.overrides)
            let result = loader.load(path: fullPath)
            // Everything found in this file goes through one collector: a bounded number kept, the rest counted.
            var collector = result.collected ?? loader.collector()
            if result.collected == nil { collector.append(contentsOf: result.diagnostics) }
            var unplayed: String?
            if let scenario = result.scenario, !arguments.flag("no-explore") {
                // The locations are worked out (by parsing the text again) only if exploration has a warning to
                // place: most cases have none, and the syntax tree is freed for exploration to reuse.
                let source = result.source
                let explored = ExplorationCheck.diagnostics(
                    for: scenario,
                    locations: source.map { ExplorationCheck.Locations(syntax: ScenarioParser.parse($0, file: fullPath).syntax) }
                        ?? ExplorationCheck.Locations(file: fullPath),
                    limit: limit, keeping: position == arguments.positionals.count - 1 ? context.keepUntilExit : { _ in })
                collector.append(contentsOf: explored)
                // The policies of 'simulate' that skip the case, a few runs each, on a case of a size students play
                // (a rubric that cannot be read is reported by the commands that score; checking goes on without it).
                if Gameability.plays(scenario, explored: !explored.contains { $0.code == .explorationLimit }),
                    let scorer = try? context.scorer(for: scenario, content: content, language: "en")
                {
                    let title = Self.titleLocation(in: source, file: fullPath)
                    collector.append(
                        contentsOf: Gameability.diagnostics(for: scorer, at: title.location, length: title.length))
                } else {
                    unplayed = "the gameable policies were not played: \(scenario.scenes.count) scenes"
                        + (scenario.scenes.count > Gameability.maximumScenes ? "" : " and more states than the exploration limit")
                        + "; run 'practicum simulate' on it"
                }
            }
            // Report locations with the path as the user typed it.
            let diagnostics = collector.kept.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.location.file = diagnostic.location.file.replacingOccurrences(of: fullPath, with: path)
                diagnostic.notes = diagnostic.notes.map { note in
                    var note = note
                    note.location.file = note.location.file.replacingOccurrences(of: fullPath, with: path)
                    return note
                }
                return diagnostic
            }.inSourceOrder
            let counts = collector.counts
            files.append(
                Report.File(
                    path: path, id: result.scenario?.id, errors: counts.errors, warnings: counts.warnings,
                    played: result.scenario != nil && !arguments.flag("no-explore") && unplayed == nil,
                    config: config.path, cut: collector.isCut, omitted: collector.omitted,
                    diagnostics: diagnostics.map {
                        Report.Item(
                            code: $0.code.rawValue, severity: $0.severity.rawValue,
                            defaultSeverity: $0.severity == $0.code.severity ? nil : $0.code.severity.rawValue,
                            message: $0.message,
                            file: $0.location.file, line: $0.location.line, column: $0.location.column,
                            length: $0.length, hint: $0.hint)
                    }))
            if !arguments.flag("json") {
                context.report(diagnostics, source: result.source, file: path, omitted: collector.omitted.total)
                var summary = DiagnosticRenderer.summary(counts)
                if result.scenario == nil && !arguments.flag("no-explore") {
                    summary += " (the checks that play the case, such as soft locks and gameable policies, run once these are fixed)"
                } else if let unplayed {
                    summary += " (\(unplayed))"
                }
                let mark = counts.errors > 0 ? Style.red.apply("✗", enabled: context.colorOutput) : Style.green.apply("✓", enabled: context.colorOutput)
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
