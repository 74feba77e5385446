import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

// Finding the case to play: a path, a library id, or the library menu.
extension PlayCommand {
    // MARK: Case lookup

    /// A path to a file, or a library id.
    static func resolve(_ named: String, loader: ScenarioLoader, scenarios: String?, context: AppContext) throws(CommandError) -> String {
        guard !named.isEmpty else {
            throw .usage("the case is an empty name", hint: "name a case id from 'practicum list' or a .scenario file")
        }
        let asPath = context.url(forPath: named).path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: asPath, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw CommandError("'\(named)' is a folder, not a case file") }
            return asPath
        }
        if named.hasSuffix(".scenario") || named.hasSuffix(".json") || named.contains("/") {
            throw CommandError("no such file: '\(named)'")
        }
        return try resolveLibraryID(named, loader: loader, scenarios: scenarios, context: context)
    }

    /// The library folder: `--scenarios` when given, else the one the locator finds.
    static func libraryDirectory(_ scenarios: String?, context: AppContext) throws(CommandError) -> URL {
        do {
            return try context.locator.scenariosDirectory(explicit: scenarios)
        } catch {
            throw CommandError(error.description)
        }
    }

    /// The path of the library case with this id; never reads a path from `id`.
    static func resolveLibraryID(
        _ named: String, loader: ScenarioLoader, scenarios: String?, context: AppContext
    ) throws(CommandError) -> String {
        let directory = try libraryDirectory(scenarios, context: context)
        let library = CaseLibrary.load(from: directory, loader: loader)
        if let entry = library.entry(id: named) { return entry.path }
        if let broken = library.broken.first(where: { URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent == named }) {
            return broken.path
        }
        let suggestion = closestMatch(to: named, in: library.entries.map(\.id))
        throw CommandError(
            "no case '\(named)' in the library (\(directory.path))",
            hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "run 'practicum list' to see the cases")
    }

    /// The library menu; nil when the student leaves without choosing.
    static func chooseFromLibrary(
        loader: ScenarioLoader, scenarios: String?, content: ContentLibrary, language: String, context: inout AppContext
    ) throws(CommandError) -> String? {
        let directory = try libraryDirectory(scenarios, context: context)
        let library = CaseLibrary.load(from: directory, loader: loader)
        let strings = Strings(content: content, language: language)
        guard !library.entries.isEmpty else {
            throw CommandError("the library at \(directory.path) has no playable cases")
        }
        // Grouped by level, the interface language's cases first in each level, numbered straight through. A
        // case with a content warning is marked in the list, and its warning is shown in full, with a chance to
        // go back, before it starts: twelve warnings written out would push the top of the menu off a 24-line
        // screen.
        let ordered = library.grouped(content: content, languageFirst: language)
        let entries = ordered.flatMap(\.entries)
        let screen = PlayScreen(strings: strings, width: context.textWidth, colored: context.colorOutput)
        let width = String(entries.count).count
        let indent = String(repeating: " ", count: width + 4)
        var menu = strings("menu.title") + "\n"
        var number = 0
        for group in ordered {
            let level = content.levels.first { $0.id == group.level }?.name(in: language) ?? group.level
            let caseLanguage = content.languages.first { $0.id == group.language }?.name(in: language) ?? group.language
            menu += screen.styled("\(level) · \(caseLanguage)", .bold) + "\n"
            for entry in group.entries {
                number += 1
                let minutes = entry.minutes.map { " (" + strings("menu.minutes", ["minutes": String($0)]) + ")" } ?? ""
                let label = String(repeating: " ", count: width - String(number).count) + String(number) + ". "
                menu += TextWrapper.wrap(
                    VisibleText.make(entry.title + minutes) + (entry.contentWarning == nil ? "" : " ⚠"),
                    width: context.textWidth, indent: indent, firstIndent: "  " + label
                ).joined(separator: "\n") + "\n"
            }
        }
        if entries.contains(where: { $0.contentWarning != nil }) {
            menu += screen.wrap(strings("menu.warningLegend")) + "\n"
        }
        context.output.write(menu)
        while true {
            context.output.write(strings("menu.prompt", ["count": String(entries.count)]) + " ")
            guard let line = context.input.readLine() else {
                context.output.write("\n")
                return nil
            }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if ["quit", "q", "keluar", "exit"].contains(word) { return nil }
            let chosen: CaseLibrary.Entry?
            if let number = Int(word), (1...entries.count).contains(number) {
                chosen = entries[number - 1]
            } else {
                chosen = library.entry(id: word)
            }
            guard let chosen else {
                context.output.writeLine(strings("menu.hint", ["count": String(entries.count)]))
                continue
            }
            guard let warning = chosen.contentWarning else { return chosen.path }
            context.output.write(
                "\n" + screen.styled(VisibleText.make(chosen.title, keepNewlines: false), .bold) + "\n"
                    + screen.wrap(strings("menu.contentWarning", ["warning": warning]), indent: "  ", firstIndent: "⚠ ")
                    + "\n" + screen.wrap(strings("menu.confirm")) + " ")
            guard let answer = context.input.readLine() else {
                context.output.write("\n")
                return nil
            }
            let reply = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if reply.isEmpty { return chosen.path }
            if ["quit", "q", "keluar", "exit"].contains(reply) { return nil }
            context.output.write("\n" + menu)
        }
    }
}
