import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum guide [SECTION]`: the learner's guide from Content/guide/, paged on a terminal.
enum GuideCommand: Command {
    static let name = "guide"
    static let summary = "Read the learner's guide: the intervention cycle, ethics, interventions, scoring."
    static let usage = "guide [cycle|ethics|interventions|scoring] [--lang en|id]"
    static let discussion = """
        With no section, the whole guide. At a terminal it is shown a screenful at a time (Enter for more, q to \
        stop); on a pipe it is printed whole. 'practicum panduan' is the same guide in Indonesian, with the \
        section names siklus, etika, intervensi and penilaian.
        """
    static let options: [OptionSpec] = [
        .option("lang", valueName: "en|id", help: "The guide's language (default: en; panduan: id)."),
        CommonOptions.content,
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        try show(arguments, defaultLanguage: "en", command: name, context: &context)
    }

    /// Shows the guide (or one section) in the language asked for.
    static func show(
        _ arguments: ScannedArguments, defaultLanguage: String, command: String, context: inout AppContext
    ) throws(CommandError) -> Int32 {
        guard arguments.positionals.count <= 1 else {
            throw .usage("\(command) takes at most one section", hint: "for example: practicum \(command) \(defaultLanguage == "id" ? "etika" : "ethics")")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let language = arguments.value("lang") ?? defaultLanguage
        guard content.strings[language] != nil else {
            throw .usage(
                "unknown --lang '\(VisibleText.make(language, keepNewlines: false))'",
                hint: "one of: " + content.strings.keys.sorted().joined(separator: ", "))
        }
        guard let directory = content.directory else { throw CommandError("the learner's guide needs Content/ on disk") }
        let guide: LearnerGuide
        do {
            guide = try LearnerGuide.load(language: language, content: content, directory: directory)
        } catch {
            throw CommandError(error.description)
        }
        let screen = PlayScreen(strings: Strings(content: content, language: language), width: context.textWidth, colored: context.colorOutput)
        var text: String
        if let name = arguments.positionals.first {
            guard let section = guide.section(name) else {
                let suggestion = closestMatch(to: name.lowercased(), in: guide.sectionNames)
                throw .usage(
                    "no section '\(VisibleText.make(name, keepNewlines: false))' in the guide"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    hint: "sections: " + guide.sections.map { ([$0.id] + $0.aliases).joined(separator: " / ") }.joined(separator: ", "))
            }
            text = render(section, screen: screen)
        } else {
            text = screen.styled(guide.title, .bold) + "\n\n" + render(guide.introduction, screen: screen)
            for section in guide.sections { text += render(section, screen: screen) }
        }
        let prompt = screen.styled(Strings(content: content, language: language)("debrief.more"), .dim)
        Pager(prompt: prompt).show(text, interactive: context.inputIsTerminal && context.outputIsTerminal, context: &context)
        return ExitCode.success
    }

    static func render(_ section: LearnerGuide.Section, screen: PlayScreen) -> String {
        let rule = String(repeating: "─", count: screen.width)
        return screen.styled(rule, .dim) + "\n" + screen.styled(plain(section.title), .bold) + "\n\n"
            + render(section.blocks, screen: screen)
    }

    static func render(_ blocks: [LearnerGuide.Block], screen: PlayScreen) -> String {
        var text = ""
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let heading):
                if index > 0, !text.hasSuffix("\n\n") { text += "\n" }
                text += screen.styled(plain(heading), .bold) + "\n"
            case .paragraph(let paragraph):
                text += screen.wrap(plain(paragraph)) + "\n"
                if index + 1 < blocks.count, case .heading = blocks[index + 1] {} else { text += "\n" }
            case .item(let item):
                text += screen.wrap(plain(item), indent: "    ", firstIndent: "  - ") + "\n"
                if index + 1 < blocks.count, case .item = blocks[index + 1] {} else { text += "\n" }
            }
        }
        return text
    }

    /// Markdown's emphasis marks dropped: the terminal shows the words.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "**", with: "")
    }
}

/// `practicum panduan`: the learner's guide in Indonesian (`guide --lang id`).
enum PanduanCommand: Command {
    static let name = "panduan"
    static let summary = "Panduan belajar (the learner's guide in Indonesian): siklus, etika, intervensi, penilaian."
    static let usage = "panduan [siklus|etika|intervensi|penilaian] [--lang id|en]"
    static let discussion = GuideCommand.discussion
    static let options = GuideCommand.options

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        try GuideCommand.show(arguments, defaultLanguage: "id", command: name, context: &context)
    }
}
