import Foundation
import PracticumCore
import PracticumEngine

/// Games in progress, saved after every choice so that quitting, Ctrl-D, Ctrl-C or a
/// closed terminal never loses one. Lives under `$XDG_STATE_HOME/practicum/saves`,
/// falling back to `~/.local/state/practicum/saves`.
struct SaveStore {
    let directory: URL

    /// A saved game: the choices taken (by id), replayed on resume so the case decides the state, the seed
    /// of the order its choices were shown in (nil: written order) and the choices undone in practice mode.
    struct SavedGame: Codable, Equatable {
        var formatVersion = 2
        var scenario: String
        /// The fingerprint of the case when the game was saved (absent in saves from before it was recorded).
        var fingerprint: String?
        var mode: String
        var choices: [ChoiceID]
        var seed: UInt64?
        var undone: [UndoneChoice]?
        var savedAt: String
    }

    init(directory: URL) {
        self.directory = directory
    }

    /// The store for an environment, following the XDG base directory rules.
    init(environment: [String: String]) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            directory = URL(fileURLWithPath: state).appendingPathComponent("practicum/saves")
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            directory = URL(fileURLWithPath: home).appendingPathComponent(".local/state/practicum/saves")
        }
    }

    private func url(scenario: String, mode: String) -> URL {
        directory.appendingPathComponent("\(scenario).\(mode).json")
    }

    /// The saved game for a case and mode, if there is a readable one.
    func load(scenario: String, mode: String) -> SavedGame? {
        guard let data = FileManager.default.contents(atPath: url(scenario: scenario, mode: mode).path) else { return nil }
        return try? JSONDecoder().decode(SavedGame.self, from: data)
    }

    /// Writes the game atomically (a temporary file, then a rename).
    func save(_ game: SavedGame) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(game).write(to: url(scenario: game.scenario, mode: game.mode), options: .atomic)
    }

    /// Forgets a saved game (when the case is finished or started again).
    func remove(scenario: String, mode: String) {
        try? FileManager.default.removeItem(at: url(scenario: scenario, mode: mode))
    }
}
