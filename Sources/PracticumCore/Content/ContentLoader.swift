import Foundation

/// Reads a `ContentLibrary` from a Content/ folder.
public enum ContentLoader {
    /// The files a Content/ folder must hold.
    public static let requiredFiles = [
        "lifecycle.json", "principles.json", "interventions.json", "outcomes.json", "levels.json",
        "languages.json", "competencies.json",
    ]

    /// Loads every file of a Content/ folder; throws `ContentError` naming the file that is missing or malformed.
    public static func load(from directory: URL) throws(ContentError) -> ContentLibrary {
        let phases: PhaseFile = try decode("lifecycle.json", in: directory)
        let principles: PrincipleFile = try decode("principles.json", in: directory)
        let interventions = try entries("interventions", in: directory)
        let outcomes = try entries("outcomes", in: directory)
        let levels = try entries("levels", in: directory)
        let languages = try entries("languages", in: directory)
        let competencies = try entries("competencies", in: directory)
        var strings: [String: [String: String]] = [:]
        for language in languages {
            let file = "strings/\(language.id).json"
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) {
                strings[language.id] = try decode(file, in: directory)
            }
        }
        guard strings["en"] != nil else {
            throw .missingFile(directory.appendingPathComponent("strings/en.json").path)
        }
        let library = ContentLibrary(
            phases: phases.phases, principles: principles.principles, interventions: interventions,
            outcomes: outcomes, levels: levels, languages: languages, competencies: competencies, strings: strings,
            directory: directory)
        if let problem = library.consistencyProblems.first {
            throw .malformedFile(directory.appendingPathComponent(problem.file).path, problem.message)
        }
        return library
    }

    /// Reads `NAME.json`, whose entries are listed under the key `NAME`.
    private static func entries(_ name: String, in directory: URL) throws(ContentError) -> [ContentLibrary.Entry] {
        let file: [String: EntryList] = try decode("\(name).json", in: directory)
        guard case .entries(let entries)? = file[name] else {
            throw .malformedFile(directory.appendingPathComponent("\(name).json").path, "missing key '\(name)'")
        }
        return entries
    }

    /// Decodes one JSON file of Content/.
    public static func decode<T: Decodable>(_ name: String, in directory: URL) throws(ContentError) -> T {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missingFile(url.path)
        }
        do {
            return try JSONValueDecoder().decode(T.self, from: data)
        } catch {
            throw .malformedFile(url.path, error.description)
        }
    }

    private struct PhaseFile: Decodable { var phases: [ContentLibrary.Phase] }
    private struct PrincipleFile: Decodable { var principles: [ContentLibrary.Principle] }
    /// A top-level value of an entry file: the list itself, or anything else (notes such as "about").
    private enum EntryList: Decodable {
        case entries([ContentLibrary.Entry])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                _ = text
                self = .other
            } else {
                self = .entries(try container.decode([ContentLibrary.Entry].self))
            }
        }
    }
}

/// Why Content/ could not be used.
public enum ContentError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case malformedFile(String, String)
    /// No folder of that name was found walking up from the working directory and the executable.
    case notFound(folder: String, searched: [String], option: String, variable: String)
    /// The folder named with an option or an environment variable cannot be used.
    case namedFolderUnusable(folder: String, path: String, source: String, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "Content file not found: \(path)"
        case .malformedFile(let path, let reason):
            return "Content file \(path) is malformed: \(reason)"
        case .notFound(let folder, let searched, let option, let variable):
            return "Could not find the \(folder)/ folder. Looked in:\n"
                + searched.map { "  \($0)" }.joined(separator: "\n")
                + "\nRun from the Practicum folder, pass \(option) DIR, or set \(variable)."
        case .namedFolderUnusable(let folder, let path, let source, let reason):
            return "The \(folder)/ folder given by \(source), '\(path)', cannot be used: \(reason)."
        }
    }
}

/// A coding key for any string, for files whose keys are data.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
