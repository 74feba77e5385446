import Foundation

/// The learner's guide (`practicum guide`, `practicum panduan`): `Content/guide/LANG.md`, read into
/// sections, with the parts that live in Content/'s data filled in from it, so the guide and the scoring
/// model name the same principles, standards and intervention kinds.
///
/// The file is plain Markdown: `# Title`, then an introduction, then `## Section title {#id}` for each
/// section (the id is what `practicum guide ID` opens, the same in every language), `### ` for a
/// sub-heading, paragraphs, and `- ` list items. A line `{{principles}}` becomes every ethics principle of
/// Content/principles.json with its description and standards; `{{interventions}}` every intervention kind.
public struct LearnerGuide: Sendable, Equatable {
    /// One block of the guide, in reading order.
    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        case item(String)
    }

    /// A section: `## Title {#id #alias}` and what follows, up to the next section.
    public struct Section: Sendable, Equatable {
        /// The id, the same in every language (`cycle`).
        public var id: String
        /// Other names that open it, in the guide's language (`siklus`).
        public var aliases: [String]
        public var title: String
        public var blocks: [Block]
    }

    public var title: String
    /// What comes before the first section.
    public var introduction: [Block]
    public var sections: [Section]

    /// The section with this id or alias, if any.
    public func section(_ name: String) -> Section? {
        let wanted = name.lowercased()
        return sections.first { $0.id == wanted || $0.aliases.contains(wanted) }
    }

    /// Every name that opens a section: ids, then aliases.
    public var sectionNames: [String] { sections.map(\.id) + sections.flatMap(\.aliases) }

    /// Why a guide could not be read.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case missing(path: String)
        case malformed(path: String, line: Int, reason: String)

        public var description: String {
            switch self {
            case .missing(let path): return "the learner's guide is missing: \(path)"
            case .malformed(let path, let line, let reason): return "\(path):\(line): \(reason)"
            }
        }
    }

    /// Reads `guide/LANGUAGE.md` from the Content/ folder and fills in the data parts.
    public static func load(language: String, content: ContentLibrary, directory: URL) throws(LoadError) -> LearnerGuide {
        let url = directory.appendingPathComponent("guide").appendingPathComponent("\(language).md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw .missing(path: url.path) }
        return try parse(text, language: language, content: content, path: url.path)
    }

    /// Reads the guide's Markdown.
    public static func parse(_ text: String, language: String, content: ContentLibrary, path: String = "guide") throws(LoadError)
        -> LearnerGuide
    {
        var guide = LearnerGuide(title: "", introduction: [], sections: [])
        var paragraph: [String] = []
        var item: [String] = []
        func append(_ block: Block) {
            if guide.sections.isEmpty { guide.introduction.append(block) } else { guide.sections[guide.sections.count - 1].blocks.append(block) }
        }
        func flush() {
            if !paragraph.isEmpty { append(.paragraph(paragraph.joined(separator: " "))) }
            if !item.isEmpty { append(.item(item.joined(separator: " "))) }
            paragraph = []
            item = []
        }
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("## ") {
                flush()
                guard line.hasSuffix("}"), let open = line.range(of: " {#", options: .backwards) else {
                    throw .malformed(path: path, line: offset + 1, reason: "a section needs an id: '## Title {#id}'")
                }
                let names = line[line.index(open.upperBound, offsetBy: -1)..<line.index(before: line.endIndex)]
                    .split(separator: " ").map { String($0.dropFirst()) }
                guard names.allSatisfy({ !$0.isEmpty }), let id = names.first,
                    !names.contains(where: { guide.sectionNames.contains($0) })
                else {
                    throw .malformed(path: path, line: offset + 1, reason: "a section name is empty or used twice")
                }
                guide.sections.append(
                    Section(
                        id: id, aliases: Array(names.dropFirst()),
                        title: String(line[line.index(line.startIndex, offsetBy: 3)..<open.lowerBound]), blocks: []))
            } else if line.hasPrefix("# ") {
                flush()
                guide.title = String(line.dropFirst(2))
            } else if line.hasPrefix("### ") {
                flush()
                append(.heading(String(line.dropFirst(4))))
            } else if line.hasPrefix("- ") {
                flush()
                item = [String(line.dropFirst(2))]
            } else if line == "{{principles}}" {
                flush()
                for principle in content.principles {
                    append(.heading(principle.name(in: language)))
                    append(.paragraph(principle.descriptions[language] ?? principle.descriptions["en"] ?? ""))
                    for standard in principle.standards {
                        append(.item("\(standard.code): \(standard.reference)"))
                    }
                }
            } else if line == "{{interventions}}" {
                flush()
                for kind in content.interventions {
                    append(.heading(kind.name(in: language)))
                    append(.paragraph(kind.description(in: language)))
                }
            } else if line.hasPrefix("{{") {
                throw .malformed(path: path, line: offset + 1, reason: "unknown part '\(line)': write {{principles}} or {{interventions}}")
            } else if !item.isEmpty, raw.first == " " {
                item.append(line)
            } else if !item.isEmpty {
                flush()
                paragraph = [line]
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return guide
    }
}
