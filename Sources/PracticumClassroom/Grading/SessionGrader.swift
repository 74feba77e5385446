import Foundation
import PracticumCore
import PracticumScoring

/// A session folder opened for grading: its manifest, its roster, its own copies of the cases checked against
/// the manifest, and a grader ready to judge its attempt files. Every front end that grades or reviews a
/// session (the terminal's `grade` and `review`, a server) starts here, so they all count the same attempts
/// the same way; `grade(_:)` runs the whole pipeline and writes `results/`.
public struct SessionGrader: Sendable {
    public let session: Session
    /// The session folder, absolute.
    public let folder: URL
    public let roster: Roster
    public let cases: [String: Grader.GradedCase]
    public let grader: Grader
    /// The path of the session's `attempts/` folder, worked out once: `judge` is called for every file of a class.
    private let attemptsPath: String

    /// The name of the ratings file `review` keeps and `grade` reads by default, in the session folder.
    public static let ratingsName = "ratings.csv"
    /// How many attempt files are judged at once: twice the cores, enough to keep every core busy while one
    /// verdict is slower than the rest, and no more, because each verdict in flight holds its attempt's whole
    /// log and report until the gradebook takes it (a batch of 256 long attempts held all of them at once).
    public static let batchSize = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// Why a session folder cannot be graded.
    public enum OpeningProblem: Error {
        /// The folder is not a session (its manifest is missing or wrong).
        case session(Session.Problem)
        /// The folder has no `roster.csv` (a copy handed to students has none).
        case noRoster
        /// The roster is there but cannot be read.
        case roster(Roster.Problem)
        /// The session's copy of a case is missing, or its bytes are not those the manifest recorded.
        case caseChanged(id: String, file: String)
        /// The session's copy of a case does not load, or loads as another case than the manifest recorded.
        case caseDoesNotLoad(id: String)
        /// The folder's `attempts/` is a symbolic link (to `target`): grading reads attempt files only from inside
        /// the session folder, never from wherever a link points (a folder elsewhere, another session's).
        case attemptsIsALink(target: String)
        /// What the caller's `prepare` or `scorer` threw, as it was thrown.
        case caller(any Error)
    }

    /// Opens a session folder for grading: reads its manifest and roster, then calls `prepare` once (where
    /// the caller loads what reading cases needs), then checks each of the session's cases, reading the copy
    /// with `scenario` and building its scorer with `scorer`. A folder that is not a session, one without
    /// its roster, and one whose copy of a case has changed since the session was made are refused.
    public init(
        folder: URL, prepare: () throws -> Void = {}, scenario: (URL) -> Scenario?, scorer: (Scenario) throws -> Scorer
    ) throws(OpeningProblem) {
        let session: Session
        do {
            session = try Session.read(folder: folder)
        } catch {
            throw .session(error)
        }
        let attempts = folder.appendingPathComponent(Session.attemptsFolder).path
        var status = stat()
        if lstat(attempts, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            throw .attemptsIsALink(target: (try? FileManager.default.destinationOfSymbolicLink(atPath: attempts)) ?? "")
        }
        guard let rosterData = FileManager.default.contents(atPath: folder.appendingPathComponent(Session.rosterName).path) else {
            throw .noRoster
        }
        let roster: Roster
        do {
            roster = try Roster(csv: rosterData)
        } catch {
            throw .roster(error)
        }
        do {
            try prepare()
        } catch {
            throw .caller(error)
        }
        var cases: [String: Grader.GradedCase] = [:]
        for item in session.cases {
            let loaded: Scenario
            do {
                loaded = try session.verifiedCopy(of: item, in: folder, load: scenario)
            } catch .changed {
                throw .caseChanged(id: item.id, file: item.file)
            } catch {
                throw .caseDoesNotLoad(id: item.id)
            }
            let made: Scorer
            do {
                made = try scorer(loaded)
            } catch {
                throw .caller(error)
            }
            cases[item.id] = Grader.GradedCase(scenario: loaded, fingerprint: item.fingerprint, scorer: made)
        }
        let codes: SessionCodes?
        do {
            codes = try SessionCodes.read(folder: folder)
        } catch {
            throw .session(error)
        }
        self.init(session: session, folder: folder, roster: roster, cases: cases, codes: codes)
    }

    /// A grader for a session already read, with its cases ready (for callers that hold them already), and its
    /// codes when it has them (`SessionCodes.read(folder:)`).
    public init(session: Session, folder: URL, roster: Roster, cases: [String: Grader.GradedCase], codes: SessionCodes? = nil) {
        self.session = session
        self.folder = folder
        self.roster = roster
        self.cases = cases
        grader = Grader(session: session, roster: roster, cases: cases, codes: codes)
        attemptsPath = folder.appendingPathComponent(Session.attemptsFolder).path
    }

    // MARK: Judging the attempt files

    /// The names of the files in `attempts/`, in the order grading reads them.
    public func attemptNames() -> [String] {
        AttemptStore.sortedNumerically(
            ((try? FileManager.default.contentsOfDirectory(atPath: attemptsPath)) ?? []).filter { !$0.hasPrefix(".") })
    }

    /// The verdict on every file of `attempts/`, in the order grading reads them. The files are judged in
    /// batches on every core as the sequence is read, so the verdicts come in file order as if judged one by
    /// one, and memory holds one batch of them.
    public func judgedAttempts() -> some Sequence<Grader.Judged> {
        let names = attemptNames()
        return stride(from: 0, to: names.count, by: Self.batchSize).lazy
            .flatMap { judge(names: names[$0..<min($0 + Self.batchSize, names.count)]) }
    }

    /// The verdicts on files of `attempts/`, in the order named, judged on every core: judging a file reads
    /// it and replays it, and touches nothing shared but the scorers (which are `Sendable`).
    private func judge(names: ArraySlice<String>) -> [Grader.Judged] {
        Array(names).concurrentMap { judge(name: $0) }
    }

    /// The verdict on one file of `attempts/`: anything that is not a plain, readable file of an attempt's size
    /// is rejected with the reason.
    private func judge(name: String) -> Grader.Judged {
        let path = attemptsPath + "/" + name
        var status = stat()
        let found = lstat(path, &status) == 0
        if found && status.st_mode & S_IFMT == S_IFLNK {
            // Never followed: it could point anywhere (another student's file, another session's folder).
            return Grader.Judged(file: name, verdict: .rejected(reason: "a symbolic link, not a file; grading reads only files in attempts/"))
        }
        if !found || status.st_mode & S_IFMT != S_IFREG {
            return Grader.Judged(file: name, verdict: .rejected(reason: "not a file"))
        }
        if Int(status.st_size) > AttemptStore.maximumFileSize {
            return Grader.Judged(file: name, verdict: .rejected(reason: "larger than an attempt can be"))
        }
        // Read as a stream (a file that grows past the cap while being read is refused there): what is kept of
        // it is what its reports show, never its bytes.
        return grader.judge(path: path, file: name)
    }

    /// The ratings in a file, checked against the session; nil when there is no such file.
    public func ratings(at url: URL) throws(RatingsProblem) -> Ratings? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable }
        do {
            return try Ratings(csv: data, session: session, roster: roster)
        } catch {
            throw .wrong(message: error.message)
        }
    }

    /// Why a ratings file that is there cannot be used.
    public enum RatingsProblem: Error {
        /// The file cannot be read.
        case unreadable
        /// The file is read but wrong: the message names the line.
        case wrong(message: String)
    }

    // MARK: Grading the session

    /// What to grade with, and which files to write besides the standard ones.
    public struct Options: Sendable {
        /// The instructor's own ratings, set beside the model's levels.
        public var ratings: Ratings?
        /// Also write `gradebook-canvas.csv`.
        public var canvas: Bool
        /// Also write `gradebook-moodle.csv`.
        public var moodle: Bool
        /// Canvas's name of each case's assignment column, by case id.
        public var canvasAssignments: [String: String]
        /// Where the results are written: nil for the session's own `results/` (as `grade` writes them); a
        /// server making a download writes them into a temporary folder of its own instead.
        public var resultsFolder: URL?

        public init(
            ratings: Ratings? = nil, canvas: Bool = false, moodle: Bool = false, canvasAssignments: [String: String] = [:],
            resultsFolder: URL? = nil
        ) {
            self.ratings = ratings
            self.canvas = canvas
            self.moodle = moodle
            self.canvasAssignments = canvasAssignments
            self.resultsFolder = resultsFolder
        }
    }

    /// What grading a session gave.
    public struct Outcome: Sendable {
        /// The class's results: an entry per roster student and case, each attempt as `Grader.kept` (its numbers
        /// and the words of its review and cap reasons; every point's words went into its debrief).
        public var book: Gradebook
        /// Every file judged, in the order read, with its verdict as counted (a copy or an attempt beyond
        /// those allowed rejected), without its report: what `grading.log` lists.
        public var files: [FileVerdict]
        /// How many xAPI statements `statements.json` holds.
        public var statementCount: Int
        /// Every file written into `results/`, in the order written; the debriefs are counted, not listed.
        public var written: [URL]
        /// How many student debriefs were written into `results/debriefs/`.
        public var debriefCount: Int
        /// The text of `grading.log`.
        public var log: String

        /// How many entries of the gradebook have each status (`graded`, `needs review`, ...).
        public var counts: [String: Int] {
            var counts: [String: Int] = [:]
            for entry in book.entries { counts[entry.status, default: 0] += 1 }
            return counts
        }

        /// The files that were not counted, with why.
        public var problems: [FileVerdict] { files.filter { $0.rejection != nil } }
    }

    /// One file judged, in brief.
    public struct FileVerdict: Sendable, Equatable {
        /// The file's name in `attempts/`.
        public var file: String
        /// `graded`, `incomplete` or `rejected`.
        public var verdict: String
        /// Why it was rejected; nil when it was not.
        public var rejection: String?
        /// Its line in `grading.log`.
        public var logLine: String
    }

    /// Why the results could not be written.
    public enum WritingProblem: Error {
        /// `results/` or one of its files could not be made or written (`folder` is `results/`).
        case results(folder: URL, error: any Error)
        /// `statements.json` could not be written as the attempts were judged.
        case statements(error: any Error)
    }

    /// Grades the session: judges every file of `attempts/`, streams the xAPI statements as it goes, then writes
    /// the gradebook (and the LMS layouts asked for), each student's debrief, the class report and the log into
    /// `results/` (or `options.resultsFolder`), each file whole or not at all.
    public func grade(_ options: Options = Options()) throws(WritingProblem) -> Outcome {
        var book = Gradebook(session: session, roster: roster)
        var log = "Grading session '\(session.id)' at \(AttemptLog.timestamp()): \(session.policy.rawValue) attempt counts\n\n"
        var files: [FileVerdict] = []

        // The learning-record statements are streamed to their file as the attempts are judged.
        let results = options.resultsFolder ?? folder.appendingPathComponent(Session.resultsFolder)
        let statementsURL = results.appendingPathComponent("statements.json")
        let statements: AtomicStream
        do {
            try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
            Self.sweepLeftovers(in: [results, results.appendingPathComponent("debriefs")])
            statements = try AtomicStream(to: statementsURL)
            try statements.write("[")
        } catch {
            throw .results(folder: results, error: error)
        }
        var statementCount = 0
        var described = XAPIStatements.Described()
        for judged in judgedAttempts() {
            // The gradebook keeps a few numbers of each attempt; the statements are made from its log here.
            let counted = book.add(Grader.kept(judged))
            let line = VisibleText.make(Self.logLine(counted), keepNewlines: false)
            log += line + "\n"
            var rejection: String?
            if case .rejected(let reason) = counted.verdict { rejection = reason }
            files.append(FileVerdict(file: counted.file, verdict: counted.verdict.name, rejection: rejection, logLine: line))
            // A statement's id comes from its attempt's id: the earlier file's statements stand for both.
            if counted.sharesAttemptIDWith != nil { continue }
            let made = XAPIStatements.statements(
                for: counted, attempt: judged.log, session: session, roster: roster,
                scenario: counted.caseID.flatMap { cases[$0]?.scenario }, passMark: session.passMark, described: &described)
            do {
                for statement in made {
                    try statements.write(statementCount == 0 ? "\n" : ",\n")
                    try statements.write(statement)
                    statementCount += 1
                }
            } catch {
                throw .statements(error: error)
            }
        }

        // Each student's debrief, and what the class report shows of the attempts that count beyond their numbers.
        let debriefs = results.appendingPathComponent("debriefs")
        let debriefFiles = AtomicFile.Batch()
        var tally = ClassReport.Tally()
        do {
            try FileManager.default.createDirectory(at: debriefs, withIntermediateDirectories: true)
            try complete(&book, debriefs: debriefs, into: debriefFiles, tally: &tally)
        } catch {
            throw .results(folder: results, error: error)
        }

        // Results, each written whole or not at all.
        var written: [URL] = []
        var debriefCount = 0
        do {
            try statements.write("\n]\n")
            try statements.finish()
            written.append(statementsURL)
            let gradebook = results.appendingPathComponent("gradebook.csv")
            try AtomicFile.write(Data(book.csv(ratings: options.ratings).utf8), to: gradebook)
            written.append(gradebook)
            if options.canvas {
                let canvas = results.appendingPathComponent("gradebook-canvas.csv")
                try AtomicFile.write(Data(LMSExport.canvas(book, assignments: options.canvasAssignments).utf8), to: canvas)
                written.append(canvas)
            }
            if options.moodle {
                let moodle = results.appendingPathComponent("gradebook-moodle.csv")
                try AtomicFile.write(Data(LMSExport.moodle(book).utf8), to: moodle)
                written.append(moodle)
            }
            debriefCount = debriefFiles.count
            try debriefFiles.commit()
            let report = ClassReport.html(
                book: book, tally: tally, cases: cases.mapValues(\.scenario), generated: AttemptLog.timestamp(),
                ratings: options.ratings)
            let reportURL = results.appendingPathComponent("report.html")
            try AtomicFile.write(Data(report.utf8), to: reportURL)
            written.append(reportURL)
            let logURL = results.appendingPathComponent("grading.log")
            try AtomicFile.write(Data(log.utf8), to: logURL)
            written.append(logURL)
        } catch {
            throw .results(folder: results, error: error)
        }
        return Outcome(
            book: book, files: files, statementCount: statementCount, written: written, debriefCount: debriefCount, log: log)
    }

    /// Shows every entry's counted attempt in full, a batch at a time: judged again from its file with the words
    /// of every point, its student's debrief written (to a temporary file of `files`) and what the class report
    /// shows of it added to `tally`; then the gradebook keeps it as `Grader.kept` again. So the words, the
    /// path and the log of one batch are in memory at a time, whatever the class. An attempt whose file is not
    /// the one counted any more (see `inFull`) keeps the verdict it was counted with, without its words, and is
    /// marked for review.
    func complete(
        _ book: inout Gradebook, debriefs: URL, into files: AtomicFile.Batch, tally: inout ClassReport.Tally
    ) throws {
        let indices = book.entries.indices
        for start in stride(from: indices.lowerBound, to: indices.upperBound, by: Self.batchSize) {
            let batch = start..<min(start + Self.batchSize, indices.upperBound)
            let full = book.entries[batch].map(\.counted).concurrentMap { $0.flatMap(inFull) }
            for (index, inFull) in zip(batch, full) {
                var entry = book.entries[index]
                var changed: String?
                if let counted = entry.counted {
                    if let inFull {
                        entry.counted = inFull
                    } else {
                        changed = "\(counted.file) changed while the class was being graded: grade again"
                        entry.handInReasons.append(changed!)
                        entry.note(Self.changedNote)
                    }
                }
                tally.add(entry)
                if let graded = cases[entry.caseID] {
                    let text = StudentDebrief.markdown(entry: entry, scenario: graded.scenario, passMark: session.passMark)
                    try files.add(Data(text.utf8), to: debriefs.appendingPathComponent("\(entry.student.id)--\(entry.caseID).md"))
                }
                if let counted = entry.counted {
                    book.replaceCounted(at: index, with: Grader.kept(counted), reviewReason: changed, note: Self.changedNote)
                }
            }
        }
    }

    /// How old a temporary file of an earlier grading must be before a new grading removes it: older than any
    /// grading takes, so that two gradings of one folder at once never remove each other's files.
    public static let leftoverAge: TimeInterval = 6 * 3600

    /// Removes the temporary files (`.NAME.UUID.partial`) an earlier grading left in `folders` when it was
    /// stopped before it put them in place (Ctrl-C, a kill, a power cut), once they are `leftoverAge` old.
    static func sweepLeftovers(in folders: [URL], now: Date = Date()) {
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
                let path = folder.appendingPathComponent(name).path
                var status = stat()
                guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                    now.timeIntervalSince1970 - Double(status.st_mtim.tv_sec) > leftoverAge
                else { continue }
                unlink(path)
            }
        }
    }

    /// What a student's debrief says of a counted file that changed while the class was graded.
    static let changedNote = "the attempt file changed while the class was being graded"

    /// A counted attempt (as `Grader.kept`) judged again from its file with the words of every point, as the
    /// gradebook counted it; nil when the file is not the one counted: another stamp (it was written again,
    /// or replaced, since; or it changed while either reading read it), or another graded attempt.
    public func inFull(_ counted: Grader.Judged) -> Grader.Judged? {
        guard let stamp = counted.stamp else { return nil }
        let again = grader.judge(path: attemptsPath + "/" + counted.file, file: counted.file, detail: .reasons)
        guard again.stamp == stamp, again.provenance == counted.provenance, again.reviewReason == counted.reviewReason,
            case .graded(let report, _, let finished, let late) = again.verdict,
            case .graded(let kept, _, let keptFinished, let keptLate) = counted.verdict, again.attemptID == counted.attemptID,
            again.student == counted.student, again.caseID == counted.caseID, report.overall == kept.overall,
            report.level == kept.level, report.steps == kept.steps, report.needsReview == kept.needsReview,
            finished == keptFinished, late == keptLate
        else { return nil }
        var full = counted
        full.verdict = again.verdict
        full.log = again.log
        return full
    }

    /// A file's line in `grading.log`: its name, what became of it, whose it is, and the score or the reason.
    public static func logLine(_ judged: Grader.Judged) -> String {
        let shared = judged.sharesAttemptIDWith.map { "; it shares its attempt id with \($0): both need review" } ?? ""
        return verdictLine(judged) + shared
    }

    private static func verdictLine(_ judged: Grader.Judged) -> String {
        let who = [judged.student, judged.caseID].compactMap { $0 }.joined(separator: " at ")
        switch judged.verdict {
        case .graded(let report, _, let finished, let late):
            return "\(judged.file): graded, \(who): \(report.overall) \(report.level.rawValue)"
                + (report.needsReview ? ", needs review" : "") + ", finished \(finished)" + (late ? " (late)" : "")
        case .incomplete(let steps, let last):
            return "\(judged.file): incomplete, \(who): \(steps) choices, last at \(last)"
        case .rejected(let reason):
            return "\(judged.file): rejected\(who.isEmpty ? "" : ", " + who): \(reason)"
        }
    }
}
