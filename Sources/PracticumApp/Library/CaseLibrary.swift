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
            entries.append(
                Entry(
                    id: header.id, title: header.title, level: header.level, language: header.language,
                    minutes: header.minutes, path: path))
        }
        entries.sort { ($0.language, $0.title) < ($1.language, $1.title) }
        return CaseLibrary(entries: entries, broken: broken)
    }

    /// The entry with this id, if any.
    func entry(id: String) -> Entry? {
        entries.first { $0.id == id }
    }
}
