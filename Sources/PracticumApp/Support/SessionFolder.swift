import Foundation
import PracticumClassroom
import PracticumCore

/// Reading a session folder for a command: its manifest and its roster, with problems as command errors.
extension AppContext {
    /// The session in the folder a user named, and the folder as an absolute URL.
    func session(at path: String) throws(CommandError) -> (session: Session, folder: URL) {
        let folder = url(forPath: path)
        do {
            return (try Session.read(folder: folder), folder)
        } catch {
            throw CommandError(VisibleText.make(error.message, keepNewlines: false))
        }
    }

    /// The session's roster, or nil when the folder has none (a copy handed to students).
    func roster(of folder: URL) throws(CommandError) -> Roster? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Session.rosterName).path) else {
            return nil
        }
        do {
            return try Roster(csv: data)
        } catch {
            throw CommandError("the session's roster cannot be read: \(VisibleText.make(error.message, keepNewlines: false))")
        }
    }

    /// The session's own copy of one of its cases, loaded, after checking that it is byte for byte the copy the
    /// session was made with and loads to the same case.
    func verifiedCopy(of sessionCase: Session.Case, in folder: URL, content: ContentLibrary) throws(CommandError) -> Scenario {
        let caseURL = folder.appendingPathComponent(sessionCase.file)
        guard let source = FileManager.default.contents(atPath: caseURL.path),
            Session.sha256(source) == sessionCase.sha256
        else {
            throw CommandError(
                "the session's copy of '\(sessionCase.id)' (\(sessionCase.file)) is missing or has changed since the session was made",
                hint: "ask your instructor; nothing was changed")
        }
        let loaded = ScenarioLoader(content: content).load(path: caseURL.path)
        guard let scenario = loaded.scenario, scenario.fingerprint == sessionCase.fingerprint else {
            throw CommandError("the session's copy of '\(sessionCase.id)' does not load as it did when the session was made")
        }
        return scenario
    }
}
