import Foundation
import PracticumClassroom
import PracticumCore
import PracticumTerminal

/// A session folder opened for grading by a command: PracticumClassroom's `SessionGrader` (which does the
/// work), with every problem it finds said as a command error, and the Content/ folder the cases were read
/// with. `grade` and `review` both start here, so they count the same attempts the same way.
struct SessionGrading {
    /// The grading core: the session, its roster, its cases and the pipeline.
    let core: SessionGrader
    let content: ContentLibrary

    var session: Session { core.session }
    /// The session folder, absolute.
    var folder: URL { core.folder }
    var roster: Roster { core.roster }
    var cases: [String: Grader.GradedCase] { core.cases }
    var grader: Grader { core.grader }

    /// The name of the ratings file `review` keeps and `grade` reads by default, in the session folder.
    static let ratingsName = SessionGrader.ratingsName

    /// Opens the session folder a user named: refuses a folder that is not a session, one without its roster,
    /// and one whose copy of a case has changed since the session was made.
    init(path: String, content explicitContent: String?, context: inout AppContext) throws(CommandError) {
        let folder = context.url(forPath: path)
        var content: ContentLibrary?
        var loader: ScenarioLoader?
        let core: SessionGrader
        do {
            core = try SessionGrader(
                folder: folder,
                prepare: { [context] in
                    let loaded = try context.loadContent(explicit: explicitContent)
                    content = loaded
                    loader = ScenarioLoader(content: loaded)
                },
                scenario: { url in loader?.load(path: url.path).scenario },
                scorer: { [context] scenario in
                    try context.scorer(for: scenario, content: content!, language: scenario.header.language)
                })
        } catch {
            switch error {
            case .session(let problem):
                throw CommandError(VisibleText.make(problem.message, keepNewlines: false))
            case .noRoster:
                throw CommandError(
                    "the session has no roster.csv: grading and review need the class list",
                    hint: "put the class list back as \(path)/roster.csv (a copy handed to students has none)")
            case .roster(let problem):
                throw CommandError("the session's roster cannot be read: \(VisibleText.make(problem.message, keepNewlines: false))")
            case .caseChanged(let id, let file):
                throw CommandError(
                    "the session's copy of '\(id)' (\(file)) is missing or has changed since the session was made",
                    hint: "a session grades the case as it was when it was made; restore the file from a backup")
            case .caseDoesNotLoad(let id):
                throw CommandError("the session's copy of '\(id)' does not load as it did when the session was made")
            case .attemptsIsALink(let target):
                throw CommandError(
                    "the session's \(Session.attemptsFolder)/ is a symbolic link (to '\(VisibleText.make(target, keepNewlines: false))'); "
                        + "grading reads attempt files only from inside the session folder",
                    hint: "replace the link with a folder and copy the attempt files into it")
            case .caller(let thrown):
                if let commandError = thrown as? CommandError { throw commandError }
                throw CommandError("\(thrown)")
            }
        }
        self.core = core
        // `prepare` ran (every session has a case), so the content is there.
        self.content = content!
    }

    /// The verdict on every file of `attempts/`, in the order grading reads them (see `SessionGrader`).
    func judgedAttempts() -> some Sequence<Grader.Judged> { core.judgedAttempts() }

    /// The ratings in a file, checked against the session (nil when there is no such file). A file that is
    /// there but wrong stops the command, naming the line.
    func ratings(at url: URL, shownAs name: String) throws(CommandError) -> Ratings? {
        do {
            return try core.ratings(at: url)
        } catch {
            switch error {
            case .unreadable:
                throw CommandError("cannot read the ratings '\(name)'")
            case .wrong(let message):
                throw CommandError("\(name): \(VisibleText.make(message, keepNewlines: false))", hint: "nothing was written")
            }
        }
    }
}
