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

    /// The session's own copy of one of its cases, loaded and checked (`Session.verifiedCopy`), with its
    /// problem as a command error.
    func verifiedCopy(of sessionCase: Session.Case, in folder: URL, session: Session, content: ContentLibrary)
        throws(CommandError) -> Scenario
    {
        do {
            return try session.verifiedCopy(of: sessionCase, in: folder, loader: ScenarioLoader(content: content))
        } catch .changed {
            throw CommandError(
                Session.CaseCopyProblem.changed(caseID: sessionCase.id, file: sessionCase.file).description,
                hint: "ask your instructor; nothing was changed")
        } catch {
            throw CommandError(error.description)
        }
    }
}
