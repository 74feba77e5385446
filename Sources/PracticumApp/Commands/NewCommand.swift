import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum new ID`: write a starter case to begin a new one from.
enum NewCommand: Command {
    static let name = "new"
    static let summary = "Write a starter case, ID.scenario, that uses every part of the format once, with comments."
    static let usage = "new ID [--lang en|id] [--dir DIR] [--force]"
    static let discussion = """
        The starter is a short, complete case (a family support worker and a tired young mother, in English or \
        Bahasa Indonesia) that uses every part of the .scenario format once: the header, findings of each kind, \
        variables, expectations with a situation, conditions, a crisis scene, a reflection, a dilemma, a scene \
        that continues and endings of several outcomes. A comment explains each part. It passes 'check' with no \
        warning and 'simulate --strict', so change it a little at a time and check as you go. ID is the case id \
        (lowercase letters, digits and '-') and the file's name. An existing file is never replaced unless \
        --force is given.
        """
    static let options: [OptionSpec] = [
        .option("lang", valueName: "en|id", help: "The case's language (default en)."),
        .option("dir", valueName: "dir", help: "Write the file in this folder (default: the current folder)."),
        .flag("force", help: "Replace ID.scenario if it exists."),
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let id = arguments.positionals.first else {
            throw .usage("name the new case's id", hint: "for example: practicum new home-visit-hadi")
        }
        try validate(id)
        let languageName = arguments.value("lang") ?? "en"
        guard let language = StarterCase.Language(rawValue: languageName) else {
            throw .usage("unknown language '\(languageName)'; use 'en' or 'id'")
        }
        let folderName = arguments.value("dir") ?? "."
        guard !folderName.isEmpty else { throw .usage("--dir needs a folder name") }
        let folder = context.url(forPath: folderName)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandError("no such folder: '\(folderName)'", hint: "make it first, or leave --dir out to write here")
        }
        let file = folder.appendingPathComponent(id + ".scenario")
        let shown = folderName == "." ? file.lastPathComponent : (folderName as NSString).appendingPathComponent(file.lastPathComponent)
        let exists = FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder)
        if exists && isFolder.boolValue { throw CommandError("'\(shown)' is a folder") }
        if exists && !arguments.flag("force") {
            throw CommandError("'\(shown)' already exists; it was left as it is", hint: "choose another id, or add --force to replace it")
        }
        do {
            try Data(StarterCase.text(id: id, language: language).utf8).write(
                to: file, options: arguments.flag("force") ? .atomic : .withoutOverwriting)
        } catch {
            throw CommandError("cannot write '\(shown)': \(error.localizedDescription)")
        }
        let next = [
            ("practicum check \(shown)", "report mistakes, line by line"),
            ("practicum play \(shown)", "play it as a student"),
            ("practicum simulate \(shown) --strict", "play it as students who never read it"),
            ("practicum graph \(shown) -o \(id).dot", "see it as a picture"),
        ]
        let width = next.map { $0.0.count }.max() ?? 0
        context.output.writeLine("Wrote \(shown): a starter case to make your own. Next:")
        for (command, what) in next {
            context.output.writeLine("  " + command.padding(toLength: width + 3, withPad: " ", startingAt: 0) + what)
        }
        return ExitCode.success
    }

    /// Refuses an id the format would refuse, saying why.
    static func validate(_ id: String) throws(CommandError) {
        let rule = "a case id is lowercase letters, digits and '-', starting with a letter or digit"
        if id.isEmpty { throw .usage("the id is empty; \(rule)") }
        if id.hasSuffix(".scenario") {
            let bare = String(id.dropLast(".scenario".count))
            throw .usage("give the id without '.scenario'", hint: "for example: practicum new \(VisibleText.make(bare, keepNewlines: false))")
        }
        guard Scenario.isValidName(id) else {
            let visible = VisibleText.make(id, keepNewlines: false)
            let reason: String
            if id.hasPrefix("-") {
                reason = "it starts with '-'"
            } else if id.contains(where: \.isUppercase) {
                reason = "it has capital letters"
            } else if let bad = id.first(where: { !($0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-")) }) {
                reason = "it has '\(VisibleText.make(String(bad), keepNewlines: false))'"
            } else {
                reason = "it is not one"
            }
            throw .usage(
                "'\(visible)' is not a valid case id: \(reason); \(rule)",
                hint: suggestion(for: id).map { "for example: practicum new \($0)" })
        }
    }

    /// A valid id close to one that is not: lowercase, anything else as '-', no '-' at the start or end or twice
    /// in a row; nil when nothing is left.
    static func suggestion(for id: String) -> String? {
        var result = ""
        for character in id.lowercased() {
            let kept = character.isASCII && (character.isLetter || character.isNumber)
            if kept {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return Scenario.isValidName(result) ? result : nil
    }
}
