import Foundation
import PracticumCore

/// The bundled case library: every `.scenario` (and `.json`) file in Scenarios/.
struct CaseLibrary {
    /// One case of the library, as `practicum list` shows it.
    struct Entry: Codable, Equatable {
        var id: String
        var title: String
        var level: String
        var language: String
        var minutes: Int?
        /// What a student should know before starting (`content-warning:`), when the case says.
        var contentWarning: String?
        /// The intervention kinds its choices use, in the order of Content/interventions.json.
        var interventions: [String]
        var path: String
    }

    /// The cases that load, sorted by language, then title.
    var entries: [Entry]
    /// Files that did not load, with their diagnostics.
    var broken: [(path: String, result: LoadResult)]

    /// Loads every case file in a folder (not recursively).
    static func load(from directory: URL, loader: ScenarioLoader) -> CaseLibrary {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var entries: [Entry] = []
        var broken: [(String, LoadResult)] = []
        for name in names.sorted() where name.hasSuffix(".scenario") || name.hasSuffix(".json") {
            let path = directory.appendingPathComponent(name).path
            let result = loader.load(path: path)
            guard let scenario = result.scenario else {
                broken.append((path, result))
                continue
            }
            let header = scenario.header
            let used = Set(scenario.scenes.flatMap { $0.choices.compactMap(\.intervention) })
            let kinds = loader.content.interventions.map(\.id).filter(used.contains)
            entries.append(
                Entry(
                    id: header.id, title: header.title, level: header.level, language: header.language,
                    minutes: header.minutes, contentWarning: header.contentWarning, interventions: kinds, path: path))
        }
        entries.sort { ($0.language, $0.title) < ($1.language, $1.title) }
        return CaseLibrary(entries: entries, broken: broken)
    }

    /// The entries grouped for browsing: by level in the order of Content/levels.json, then by language (the
    /// one given first, then the order of Content/languages.json), each group sorted by title. Empty groups
    /// are left out.
    func grouped(
        content: ContentLibrary, languageFirst: String? = nil
    ) -> [(level: String, language: String, entries: [Entry])] {
        var languages = content.languages.map(\.id)
        if let first = languageFirst, let index = languages.firstIndex(of: first) {
            languages.remove(at: index)
            languages.insert(first, at: 0)
        }
        let levels = content.levels.map(\.id)
        // A case whose level or language Content/ does not name still shows, after the known ones.
        let extraLevels = Set(entries.map(\.level)).subtracting(levels).sorted()
        let extraLanguages = Set(entries.map(\.language)).subtracting(languages).sorted()
        var groups: [(String, String, [Entry])] = []
        for level in levels + extraLevels {
            for language in languages + extraLanguages {
                let members = entries.filter { $0.level == level && $0.language == language }
                    .sorted { ($0.title, $0.id) < ($1.title, $1.id) }
                if !members.isEmpty { groups.append((level, language, members)) }
            }
        }
        return groups
    }

    /// The entry with this id, if any.
    func entry(id: String) -> Entry? {
        entries.first { $0.id == id }
    }
}
