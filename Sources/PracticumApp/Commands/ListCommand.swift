import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum list`: the bundled case library, grouped by level and language, with filters.
enum ListCommand: Command {
    static let name = "list"
    static let summary = "List the cases in the library by level and language: id, title, minutes, content warning."
    static let usage = "list [--lang en|id] [--level micro|mezzo|macro] [--kind KIND] [--json]"
    static let discussion = """
        The filters combine: 'list --lang id --level macro' shows the Indonesian macro cases. KIND is an \
        intervention kind a case's choices use (individual-counseling, family-therapy, group-therapy, \
        case-management, advocacy, community-organizing, crisis-intervention, psychoeducation). Cases that have \
        errors are left out of the list and named on standard error.
        """
    static let options: [OptionSpec] = [
        .option("lang", valueName: "en|id", help: "Only the cases written in this language."),
        .option("level", valueName: "level", help: "Only the cases at this level: micro, mezzo or macro."),
        .option("kind", valueName: "kind", help: "Only the cases that use this intervention kind."),
        CommonOptions.json, CommonOptions.content, CommonOptions.scenarios,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw .usage("list takes no arguments", hint: "to play a case: practicum play ID")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let language = try filter(arguments.value("lang"), option: "lang", among: content.languages.map(\.id))
        let level = try filter(arguments.value("level"), option: "level", among: content.levels.map(\.id))
        let kind = try filter(arguments.value("kind"), option: "kind", among: content.interventions.map(\.id))
        let directory: URL
        do {
            directory = try context.locator.scenariosDirectory(explicit: arguments.value("scenarios"))
        } catch {
            throw CommandError(error.description)
        }
        var library = CaseLibrary.load(from: directory, loader: ScenarioLoader(content: content))
        for broken in library.broken {
            context.errors.writeLine(
                "warning: \(broken.path) has errors and is not listed; run 'practicum check \(broken.path)'")
        }
        library.entries = library.entries.filter { entry in
            (language.map { entry.language == $0 } ?? true) && (level.map { entry.level == $0 } ?? true)
                && (kind.map { entry.interventions.contains($0) } ?? true)
        }
        let groups = library.grouped(content: content)
        if arguments.flag("json") {
            context.output.write(JSONOutput.string(groups.flatMap(\.entries)))
            return ExitCode.success
        }
        guard !groups.isEmpty else {
            context.output.writeLine("No case in the library matches these filters.")
            return ExitCode.success
        }
        let all = groups.flatMap(\.entries)
        let idWidth = all.map { displayWidth(of: $0.id) }.max() ?? 0
        let titleWidth = all.map { displayWidth(of: VisibleText.make($0.title, keepNewlines: false)) }.max() ?? 0
        for (index, group) in groups.enumerated() {
            let levelName = content.levels.first { $0.id == group.level }?.name(in: "en") ?? group.level
            let languageName = content.languages.first { $0.id == group.language }?.name(in: "en") ?? group.language
            if index > 0 { context.output.writeLine("") }
            context.output.writeLine("\(levelName) · \(languageName) (\(group.language))")
            for entry in group.entries {
                let title = VisibleText.make(entry.title, keepNewlines: false)
                let cells = [
                    "  " + entry.id + String(repeating: " ", count: idWidth - displayWidth(of: entry.id)),
                    title + String(repeating: " ", count: titleWidth - displayWidth(of: title)),
                    entry.minutes.map { "\($0) min" } ?? "-",
                ]
                context.output.writeLine(cells.joined(separator: "  "))
                if let warning = entry.contentWarning {
                    context.output.writeLine(
                        TextWrapper.wrap(
                            "Content warning: " + VisibleText.make(warning, keepNewlines: false), width: context.textWidth,
                            indent: "      ", firstIndent: "    ⚠ "
                        ).joined(separator: "\n"))
                }
            }
        }
        return ExitCode.success
    }

    /// A filter's value, checked against the ids Content/ knows.
    private static func filter(_ value: String?, option: String, among known: [String]) throws(CommandError) -> String? {
        guard let value else { return nil }
        guard known.contains(value) else {
            let suggestion = closestMatch(to: value, in: known)
            throw .usage(
                "unknown --\(option) '\(VisibleText.make(value, keepNewlines: false))'",
                hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "one of: " + known.joined(separator: ", "))
        }
        return value
    }
}
