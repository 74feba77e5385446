import Foundation
import PracticumClassroom
import PracticumCore
import PracticumTerminal

/// A session folder opened for grading: its manifest, roster and cases checked against the manifest, and a
/// grader ready to judge its attempt files. `grade` and `review` both start here, so they count the same
/// attempts the same way.
struct SessionGrading {
    let session: Session
    /// The session folder, absolute.
    let folder: URL
    let roster: Roster
    let cases: [String: Grader.GradedCase]
    let grader: Grader
    let content: ContentLibrary

    /// The name of the ratings file `review` keeps and `grade` reads by default, in the session folder.
    static let ratingsName = "ratings.csv"

    /// Opens the session folder a user named: refuses a folder that is not a session, one without its roster,
    /// and one whose copy of a case has changed since the session was made.
    init(path: String, content explicitContent: String?, context: inout AppContext) throws(CommandError) {
        let (session, folder) = try context.session(at: path)
        guard let roster = try context.roster(of: folder) else {
            throw CommandError(
                "the session has no roster.csv: grading and review need the class list",
                hint: "put the class list back as \(path)/roster.csv (a copy handed to students has none)")
        }
        let content = try context.loadContent(explicit: explicitContent)
        let loader = ScenarioLoader(content: content)
        var cases: [String: Grader.GradedCase] = [:]
        for item in session.cases {
            let url = folder.appendingPathComponent(item.file)
            guard let source = FileManager.default.contents(atPath: url.path), Session.sha256(source) == item.sha256 else {
                throw CommandError(
                    "the session's copy of '\(item.id)' (\(item.file)) is missing or has changed since the session was made",
                    hint: "a session grades the case as it was when it was made; restore the file from a backup")
            }
            guard let scenario = loader.load(path: url.path).scenario, scenario.fingerprint == item.fingerprint else {
                throw CommandError("the session's copy of '\(item.id)' does not load as it did when the session was made")
            }
            let scorer = try context.scorer(for: scenario, content: content, language: scenario.header.language)
            cases[item.id] = Grader.GradedCase(scenario: scenario, fingerprint: item.fingerprint, scorer: scorer)
        }
        self.session = session
        self.folder = folder
        self.roster = roster
        self.cases = cases
        self.content = content
        grader = Grader(session: session, roster: roster, cases: cases)
        attemptsPath = folder.appendingPathComponent(Session.attemptsFolder).path
    }

    /// The path of the session's `attempts/` folder, worked out once: `judge` is called for every file of a class.
    private let attemptsPath: String

    /// How many attempt files are judged at once.
    static let batchSize = 256

    /// The names of the files in `attempts/`, in the order grading reads them.
    func attemptNames() -> [String] {
        AttemptStore.sortedNumerically(
            ((try? FileManager.default.contentsOfDirectory(atPath: attemptsPath)) ?? []).filter { !$0.hasPrefix(".") })
    }

    /// The verdict on every file of `attempts/`, in the order grading reads them. The files are judged in
    /// batches on every core as the sequence is read, so the verdicts come in file order as if judged one by
    /// one, and memory holds one batch of them.
    func judgedAttempts() -> some Sequence<Grader.Judged> {
        let names = attemptNames()
        return stride(from: 0, to: names.count, by: Self.batchSize).lazy
            .flatMap { judge(names: names[$0..<min($0 + Self.batchSize, names.count)]) }
    }

    /// The verdicts on files of `attempts/`, in the order named, judged on every core: judging a file reads
    /// it and replays it, and touches nothing shared but the scorers (which are `Sendable`).
    private func judge(names: ArraySlice<String>) -> [Grader.Judged] {
        let names = Array(names)
        var judged = [Grader.Judged?](repeating: nil, count: names.count)
        judged.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot and no other, so the buffer is shared without a lock.
            let slots = Slots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: names.count) { index in
                slots.buffer[index] = judge(name: names[index])
            }
        }
        return judged.map { $0 ?? Grader.Judged(file: "", verdict: .rejected(reason: "not judged")) }
    }

    /// The verdicts' slots, written by `judge(names:)`'s threads, each its own.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Grader.Judged?>
    }

    /// The verdict on one file of `attempts/`: anything that is not a plain, readable file of an attempt's size
    /// is rejected with the reason.
    private func judge(name: String) -> Grader.Judged {
        let path = attemptsPath + "/" + name
        var status = stat()
        let found = lstat(path, &status) == 0
        if !found || status.st_mode & S_IFMT != S_IFREG {
            return Grader.Judged(file: name, verdict: .rejected(reason: "not a file"))
        }
        if Int(status.st_size) > AttemptStore.maximumFileSize {
            return Grader.Judged(file: name, verdict: .rejected(reason: "larger than an attempt can be"))
        }
        guard let bytes = GradeCommand.contents(of: path, size: Int(status.st_size)) else {
            return Grader.Judged(file: name, verdict: .rejected(reason: "cannot be read"))
        }
        return grader.judge(bytes: bytes, file: name)
    }

    /// The ratings in a file, checked against the session (nil when there is no such file). A file that is
    /// there but wrong stops the command, naming the line.
    func ratings(at url: URL, shownAs name: String) throws(CommandError) -> Ratings? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandError("cannot read the ratings '\(name)'")
        }
        do {
            return try Ratings(csv: data, session: session, roster: roster)
        } catch {
            throw CommandError("\(name): \(VisibleText.make(error.message, keepNewlines: false))", hint: "nothing was written")
        }
    }
}
