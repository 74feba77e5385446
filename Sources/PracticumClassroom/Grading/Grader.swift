import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

/// Judges attempt files against a session: every step replayed through the session's copy of the case, the
/// score worked out again, and anything that does not fit rejected with a reason. Pure: the same bytes give
/// the same verdict.
public struct Grader: Sendable {
    /// A case of the session, ready to replay and score.
    public struct GradedCase: Sendable {
        public var scenario: Scenario
        public var fingerprint: String
        public var scorer: Scorer
        /// The case's engine, made once (the order of choices does not change what a state is).
        let engine: Engine

        public init(scenario: Scenario, fingerprint: String, scorer: Scorer) {
            self.scenario = scenario
            self.fingerprint = fingerprint
            self.scorer = scorer
            engine = Engine(scenario: scenario)
        }
    }

    /// Where an attempt's record comes from, and so how far it can be trusted.
    public enum Provenance: String, Sendable {
        /// A file in the session's `attempts/` folder: written by `play` on a machine the student controls, or
        /// handed in. Nothing in it proves who wrote it, when, or that it was played at all (a file can be
        /// copied, edited or written by hand), so a grade from it rests on the student's word.
        case selfReported = "self-reported"
        /// A file of a session with codes whose every line verifies under the key of the student it names (see
        /// `AttemptChain`): written, in that order, by someone who had that student's code. It proves who (whose
        /// code) and that the lines are as written; not that the student was alone, nor the times.
        case signed
    }

    /// What became of one attempt file.
    public struct Judged: Sendable {
        /// The file's name in `attempts/`.
        public var file: String
        /// The attempt's student, case and id, when the file says (even a rejected one, for the report).
        public var student: String?
        public var caseID: String?
        public var attemptID: String?
        public var started: String?
        public var verdict: Verdict
        /// The attempt as read, when the file could be read.
        public var log: AttemptLog?
        /// Where the record comes from: every file judged from its bytes is self-reported.
        public var provenance = Provenance.selfReported
        /// The earlier file with the same attempt id, when there is one (set as the class is gathered, see
        /// `Gradebook.add`): both files are then marked for the instructor's review.
        public var sharesAttemptIDWith: String?
        /// Why the file itself must be looked at before its student's grade stands, in a session with codes: an
        /// unsigned file, one whose lines do not verify, or a copy of another student's signed attempt.
        public var reviewReason: String?
        /// `reviewReason` as the student's debrief says it: without naming another student or file.
        public var reviewNote: String?
        /// The file as it stood when it was judged from its path (see `AttemptLog.FileStamp`); nil when judged
        /// from bytes, or when it changed while it was read. Reading it again for its words (`SessionGrader.inFull`)
        /// needs the same stamp.
        public var stamp: AttemptLog.FileStamp?

        /// A file judged without reading it (not a file, too large, unreadable).
        public init(file: String, verdict: Verdict) {
            self.file = file
            self.verdict = verdict
        }
    }

    /// The outcome of one attempt.
    public enum Verdict: Sendable {
        /// Reached an ending: its report (scored again), the path, when it finished and whether after the due time.
        case graded(report: ScoreReport, path: [ChoiceID], finished: String, late: Bool)
        /// Stopped before an ending after `steps` choices.
        case incomplete(steps: Int, lastActivity: String)
        /// Not counted, and why.
        case rejected(reason: String)

        /// `graded`, `incomplete` or `rejected`.
        public var name: String {
            switch self {
            case .graded: return "graded"
            case .incomplete: return "incomplete"
            case .rejected: return "rejected"
            }
        }
    }

    public let session: Session
    public let roster: Roster
    public let cases: [String: GradedCase]
    /// The session's codes, when it has them: every file is then checked against its student's keys.
    public let codes: SessionCodes?
    /// The due time, in seconds since 1970.
    private let due: Double?
    /// Each roster student's attempt keys (with codes), by id, in roster order.
    private let keys: [(student: String, keys: [AttemptKey])]
    private let keysByStudent: [String: [AttemptKey]]

    /// A grader for a session; with its `codes`, files are judged by whose key signed them too.
    public init(session: Session, roster: Roster, cases: [String: GradedCase], codes: SessionCodes? = nil) {
        self.session = session
        self.roster = roster
        self.cases = cases
        self.codes = codes
        due = session.due.flatMap { Timestamp.seconds($0) }
        keys = codes.map { codes in roster.students.map { ($0.id, codes.keys(student: $0.id)) } } ?? []
        keysByStudent = Dictionary(keys.map { ($0.student, $0.keys) }, uniquingKeysWith: { first, _ in first })
    }

    /// The verdict on one attempt file's bytes.
    public func judge(_ data: Data, file: String) -> Judged {
        judge(bytes: [UInt8](data), file: file)
    }

    /// `judge(_:file:)` for the file's bytes as an array.
    public func judge(bytes data: [UInt8], file: String) -> Judged {
        let reading: Result<AttemptLog.Reading, AttemptLog.Problem>
        do {
            reading = .success(try AttemptLog.read(bytes: data))
        } catch {
            reading = .failure(error)
        }
        return judge(reading, file: file, signature: { log, keys in log.signature(keys: keys) }, author: author(of:besides:))
    }

    /// The verdict on the attempt file at `path` (named `file` in `attempts/`), read as a stream: what grading
    /// keeps of it is its steps and the reflections its reports show, never the file, so a class of files at
    /// the caps costs what its reports show. The same verdict as `judge(_:file:)` on the file's bytes, with the
    /// file's reasons: "larger than an attempt can be" for a file that is (or grows past it while read), and
    /// "cannot be read" for one that cannot be opened (a symbolic link is never followed). A graded attempt's
    /// report has the `detail` asked for: its numbers alone by default (see `SessionGrader.inFull`).
    public func judge(path: String, file: String, detail: Scorer.Detail = .numbers) -> Judged {
        let chainsOwn = codes == nil ? { (_: AttemptLog.Header) in [AttemptLog.ChainToCheck]() } : { header in
            [AttemptLog.ChainToCheck(header: header, keys: header.student.flatMap { keysByStudent[$0] } ?? [])]
        }
        let reading: Result<AttemptLog.Reading, AttemptLog.Problem>
        do {
            reading = .success(try AttemptLog.read(file: path, reflections: .capped, chains: chainsOwn))
        } catch {
            switch error {
            case .tooLarge: return Judged(file: file, verdict: .rejected(reason: "larger than an attempt can be"))
            case .unreadable: return Judged(file: file, verdict: .rejected(reason: "cannot be read"))
            case .attempt(let problem): reading = .failure(problem)
            }
        }
        // The chain under the student's own keys was checked as the file was read; only a file whose chain
        // breaks there is read again, with every other student's keys, to see whose attempt it is a copy of.
        let own = (try? reading.get())?.signatures.first ?? .unsigned
        var judged = judge(reading, file: file, detail: detail, signature: { _, _ in own }) { _, student in
            let others = keys.filter { $0.student != student && !$0.keys.isEmpty }
            guard !others.isEmpty,
                let again = try? AttemptLog.read(file: path, reflections: .capped, chains: { header in
                    others.map { other in
                        var original = header
                        original.student = other.student
                        return AttemptLog.ChainToCheck(header: original, keys: other.keys)
                    }
                })
            else { return nil }
            return zip(others, again.signatures).first { $0.1 == .verified }?.0.student
        }
        judged.stamp = (try? reading.get())?.stamp
        return judged
    }

    /// The verdict on an attempt as read: `signature` checks its chain under a student's keys, and `author`
    /// finds the roster student besides the one named whose key signed it (see `author(of:besides:)`).
    private func judge(
        _ reading: Result<AttemptLog.Reading, AttemptLog.Problem>, file: String, detail: Scorer.Detail = .numbers,
        signature: (AttemptLog, [AttemptKey]) -> AttemptLog.Signature, author: (AttemptLog, String) -> String?
    ) -> Judged {
        var judged = Judged(file: file, verdict: .rejected(reason: ""))
        func reject(_ reason: String) -> Judged {
            judged.verdict = .rejected(reason: reason)
            return judged
        }
        let log: AttemptLog
        switch reading {
        case .success(let read):
            log = read.log
        case .failure(let error):
            // Attribute it by its name when the name says whose it is.
            let parts = file.components(separatedBy: "--")
            if parts.count >= 2, roster.student(id: parts[0]) != nil { judged.student = parts[0] }
            return reject("the file cannot be read: \(error)")
        }
        let header = log.header
        judged.log = log
        judged.student = header.student
        judged.caseID = header.caseID
        judged.attemptID = header.id
        judged.started = header.started
        guard header.session == session.id else {
            return reject("it belongs to session '\(header.session ?? "none (solo play)")', not '\(session.id)'")
        }
        guard let student = header.student, roster.student(id: student) != nil else {
            return reject("its student '\(header.student ?? "")' is not on the roster")
        }
        if codes != nil {
            switch signature(log, keysByStudent[student] ?? []) {
            case .verified:
                judged.provenance = .signed
            case .unsigned:
                judged.reviewReason = "\(file) is not signed, though the session has codes: only the student's word says who played it"
                judged.reviewNote = "the attempt file is not signed, though the session has codes"
            case .broken(let line, let reason):
                // Whose key does it verify under, with its header naming that student as it did when written?
                if let author = author(log, student) {
                    judged.reviewReason = "\(file) is a copy of \(author)'s attempt with the student changed to \(student)"
                    judged.reviewNote = "the attempt file does not verify under your code"
                    return reject(
                        "a copy of \(author)'s attempt: its lines are signed with \(author)'s key, and its header was changed to name \(student)")
                }
                let why = (keysByStudent[student] ?? []).isEmpty
                    ? "\(student) has no code in \(SessionCodes.fileName)" : "line \(line): \(reason)"
                judged.reviewReason = "\(file) does not verify under \(student)'s key (\(why))"
                judged.reviewNote = "the attempt file does not verify under your code"
                return reject(
                    "its lines do not verify under \(student)'s key (\(why)): it was changed after it was written, or not "
                        + "written by Practicum with \(student)'s code; not counted")
            }
        }
        guard let graded = cases[header.caseID] else {
            return reject("the session has no case '\(header.caseID)'")
        }
        guard header.caseHash == graded.fingerprint else {
            return reject("it was played on another version of '\(header.caseID)' (\(header.caseHash.prefix(19))…, the session's is \(graded.fingerprint.prefix(19))…)")
        }
        guard header.mode == session.mode else {
            return reject("it was played in \(header.mode) mode; the session is \(session.mode)")
        }
        // One replay checks that every step was on offer where it was taken and scores the path (its numbers
        // alone: only the attempt that counts is shown in full, see `SessionGrader.inFull`). The order of the choices
        // shown does not change what was on offer, so the check needs no seed.
        let scored: (report: ScoreReport, final: CaseState)
        let choices = log.choices
        switch graded.scorer.scoreChecking(choices, undone: log.undone(in: graded.scenario), detail: detail) {
        case .failure(let notOffered):
            return reject("step \(notOffered.step): '\(notOffered.choice)' was not on offer at that point of the case")
        case .success(let result):
            scored = result
        }
        guard case .ended = graded.engine.status(of: scored.final) else {
            judged.verdict = .incomplete(steps: choices.count, lastActivity: log.lastActivity)
            return judged
        }
        let report = scored.report
        let finished = log.lastActivity
        let late = due.map { due in Timestamp.seconds(finished).map { $0 > due } ?? false } ?? false
        judged.verdict = .graded(report: report, path: choices, finished: finished, late: late)
        return judged
    }

    /// The roster student other than `student` whose key signed every line of the attempt as it was before its
    /// header's student was changed; nil when there is none.
    private func author(of log: AttemptLog, besides student: String) -> String? {
        guard log.isSigned else { return nil }
        for (other, otherKeys) in keys where other != student && !otherKeys.isEmpty {
            var original = log
            original.header.student = other
            if original.signature(keys: otherKeys) == .verified { return other }
        }
        return nil
    }

    /// A graded attempt with its report in full, words and all (judging leaves them out, for speed), from the
    /// log it was judged with; unchanged when it has none (`kept`). Grading reads the file again instead
    /// (`SessionGrader.inFull`), since the gradebook keeps no logs.
    public func withReasons(_ judged: Judged) -> Judged {
        guard case .graded(_, let path, let finished, let late) = judged.verdict, let log = judged.log,
            let graded = cases[log.header.caseID]
        else { return judged }
        // The same replay that judged it, now with the words (the order the choices were shown in changes
        // nothing a report says).
        guard case .success(let scored) = graded.scorer.scoreChecking(path, undone: log.undone(in: graded.scenario), reasons: true)
        else { return judged }
        var full = judged
        full.verdict = .graded(report: scored.report, path: path, finished: finished, late: late)
        return full
    }

    // MARK: The attempt that counts

    /// What grading keeps of a judged attempt once its statements are written (and, for the one that counts,
    /// its debrief): its file, ids, provenance, stamp and verdict; of the verdict's report, its numbers, caps and
    /// review flag, and the words `GradeNotes` reads (the debrief's review and cap reasons, or the gatekeeping
    /// events that say them when it has none); no items, competency evidence, undone steps, log or path. A
    /// class of long attempts then costs a few numbers and notes an attempt, whatever its steps.
    public static func kept(_ judged: Judged) -> Judged {
        var kept = judged
        kept.log = nil
        if case .graded(var report, _, let finished, let late) = judged.verdict {
            report.items = []
            report.competencies = []
            report.undone = []
            let notes = report.debrief
            let readsReview = notes?.review.isEmpty ?? true, readsCap = notes?.cap == nil
            report.gatekeeping = report.gatekeeping.filter { event in
                !event.summary.isEmpty
                    && ((readsReview && event.review) || (readsCap && event.cap.map { $0 <= report.level } == true))
            }
            report.debrief = notes.map { notes in
                var slim = DebriefContent()
                slim.review = notes.review
                slim.cap = notes.cap
                return slim
            }
            kept.verdict = .graded(report: report, path: [], finished: finished, late: late)
        }
        return kept
    }

    /// Of a student's graded attempts (in the order they were started), the one the session's policy counts.
    public static func counted(_ attempts: [Judged], policy: Session.Policy) -> Judged? {
        let graded = attempts.filter { if case .graded = $0.verdict { return true } else { return false } }
        switch policy {
        case .first: return graded.first
        case .last: return graded.last
        case .best:
            return graded.enumerated().max { left, right in
                let a = overall(left.element), b = overall(right.element)
                return a != b ? a < b : left.offset > right.offset  // ties: the earlier one
            }?.element
        }
    }

    static func overall(_ judged: Judged) -> Int {
        if case .graded(let report, _, _, _) = judged.verdict { return report.overall }
        return -1
    }
}
