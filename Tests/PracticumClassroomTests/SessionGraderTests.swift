import Foundation
import PracticumCore
import PracticumScoring
import Testing

@testable import PracticumClassroom

/// The grading core called directly, as any front end calls it: a session folder built in a temporary folder,
/// opened, graded, and the result value and the files in `results/` read back.
@Suite("Grading a session through the classroom core")
struct SessionGraderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let content: ContentLibrary = {
        do {
            return try ContentLoader.load(from: root.appendingPathComponent("Content"))
        } catch {
            fatalError("tests need Content/: \(error)")
        }
    }()
    static let rubric: Rubric = {
        do {
            return try Rubric.load(from: root.appendingPathComponent("Content"))
        } catch {
            fatalError("tests need Content/'s rubric: \(error)")
        }
    }()
    /// One cache for the suite, so the case is explored once however many tests grade it.
    static let scorers = ScorerCache()
    static let caseID = "okafor-referral"
    static let caseSource = root.appendingPathComponent("Tests/PracticumAppTests/Fixtures/Library/\(caseID).scenario")
    /// The case's best path, and a path that stops short.
    static let best = "meet#2,hub#1,hub#2,hub#3,hub#4,plan#2,crisis#1,act#1,follow#1,review#2,close#1"
    static let short = "meet#1,hub#1"
    /// A path to the partial ending past every lapse the case offers, and one to the ending in harm.
    static let poor = "meet#3,hub#4,plan#1,crisis#1,act#2,follow#2,review#1,close#2"
    static let harm = "meet#3,hub#4,plan#3,crisis#2"

    /// A fresh session folder (one case, roster s1-s3, graded mode) and its case's fingerprint.
    static func makeSession(attempts: Int = 1, due: String? = nil, mode: String = "graded") throws -> (folder: URL, fingerprint: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("session-grader-\(UUID().uuidString)")
        for sub in [Session.casesFolder, Session.attemptsFolder] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let source = try Data(contentsOf: caseSource)
        let file = "\(Session.casesFolder)/\(caseID).scenario"
        try source.write(to: folder.appendingPathComponent(file))
        let scenario = try #require(ScenarioLoader(content: content).load(path: folder.appendingPathComponent(file).path).scenario)
        let session = Session(
            id: "week3", created: "2026-11-20T08:00:00Z", mode: mode, attempts: attempts, policy: .best, feedback: .debrief,
            passMark: 60, due: due, homePage: "https://lms.example/",
            cases: [.init(id: caseID, file: file, sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
        try session.write(folder: folder)
        try "id,name,email\ns1,Ana,ana@x.id\ns2,Budi,budi@x.id\ns3,Citra,citra@x.id\n"
            .write(to: folder.appendingPathComponent(Session.rosterName), atomically: true, encoding: .utf8)
        return (folder, scenario.fingerprint)
    }

    /// The session opened as a front end opens it: Content/'s loader and rubric, scorers from the suite's cache.
    static func open(_ folder: URL) throws -> SessionGrader {
        let loader = ScenarioLoader(content: content)
        return try SessionGrader(
            folder: folder, scenario: { loader.load(path: $0.path).scenario },
            scorer: { scorers.scorer(scenario: $0, rubric: rubric, content: content, language: $0.header.language) })
    }

    /// An attempt's text: the header, then one step a minute from 09:01 (or at the times given), the first with
    /// the reflection given.
    static func attempt(
        id: String = UUID().uuidString.lowercased(), student: String, path: String, fingerprint: String, times: [String]? = nil,
        reflection: String? = nil
    ) -> String {
        let header = AttemptLog.Header(
            id: id, caseID: caseID, caseHash: fingerprint, seed: 7, mode: "graded", student: student, session: "week3",
            started: "2026-11-27T09:00:00Z")
        let choices = path.split(separator: ",").map { AttemptLog.choiceID(String($0))! }
        let entries = choices.enumerated().map { index, choice in
            AttemptLog.Entry.step(
                step: index + 1, choice: choice, at: times?[index] ?? String(format: "2026-11-27T09:%02d:00Z", index + 1),
                reflection: index == 0 ? reflection : nil)
        }
        return AttemptLog(header: header, entries: entries).text
    }

    static func hand(_ text: String, as name: String, in folder: URL) throws {
        try text.write(to: folder.appendingPathComponent("\(Session.attemptsFolder)/\(name)"), atomically: true, encoding: .utf8)
    }

    static func gradebook(_ folder: URL) throws -> [[String]] {
        try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook.csv"))).map(\.fields)
    }

    // MARK: The pipeline

    @Test func gradingReturnsTheClassAndWritesEveryResult() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.hand(Self.attempt(student: "s1", path: Self.best, fingerprint: fingerprint), as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        try Self.hand(Self.attempt(student: "s2", path: Self.short, fingerprint: fingerprint), as: "s2--\(Self.caseID)--1.jsonl", in: folder)
        try Self.hand(Self.attempt(student: "mallory", path: Self.best, fingerprint: fingerprint), as: "m.jsonl", in: folder)

        let grader = try Self.open(folder)
        #expect(grader.attemptNames() == ["m.jsonl", "s1--\(Self.caseID)--1.jsonl", "s2--\(Self.caseID)--1.jsonl"])
        let outcome = try grader.grade(.init(moodle: true))

        #expect(outcome.counts == ["graded": 1, "incomplete": 1, "missing": 1])
        #expect(outcome.files.map(\.verdict) == ["rejected", "graded", "incomplete"])
        #expect(outcome.problems.map(\.file) == ["m.jsonl"])
        #expect(outcome.problems.first?.rejection == "its student 'mallory' is not on the roster")
        #expect(outcome.book.unattributed.map(\.file) == ["m.jsonl"])
        let s1 = try #require(outcome.book.entries.first { $0.student.id == "s1" })
        #expect(s1.status == "graded" && s1.report?.overall == 100)
        // The gradebook keeps the numbers (and the words of a review or a cap); every point went into the debrief.
        #expect(s1.report?.items.isEmpty == true && s1.report?.debrief != nil && s1.counted?.log == nil)
        // Three attempts in statements: s1's full set ends in `passed`; s2's stops after its answers.
        #expect(outcome.statementCount == (1 + 11 + 2) + (1 + 2))
        #expect(outcome.debriefCount == 3)
        let results = folder.appendingPathComponent("results")
        #expect(outcome.written.map(\.lastPathComponent)
            == ["statements.json", "gradebook.csv", "gradebook-moodle.csv", "report.html", "grading.log"])
        for url in outcome.written { #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent)") }
        for student in ["s1", "s2", "s3"] {
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("debriefs/\(student)--\(Self.caseID).md").path))
        }
        let debrief = try String(contentsOf: results.appendingPathComponent("debriefs/s1--\(Self.caseID).md"), encoding: .utf8)
        #expect(debrief.contains("## Every point, step by step") && debrief.contains("### Step 11: "), "the words of every point")
        let log = try String(contentsOf: results.appendingPathComponent("grading.log"), encoding: .utf8)
        #expect(log == outcome.log)
        #expect(log.contains("s1--\(Self.caseID)--1.jsonl: graded, s1 at \(Self.caseID): 100 Exemplary, finished 2026-11-27T09:11:00Z"))
        #expect(log.contains("s2--\(Self.caseID)--1.jsonl: incomplete, s2 at \(Self.caseID): 2 choices, last at 2026-11-27T09:02:00Z"))
        let rows = try Self.gradebook(folder)
        #expect(rows.count == 4 && rows[1][4] == "graded" && rows[2][4] == "incomplete" && rows[3][4] == "missing")
    }

    /// More files than one batch: the verdicts still come one per file, in the order the files are read, with
    /// each file's own student (a batch boundary must neither drop, repeat nor reorder a verdict).
    @Test func moreFilesThanABatchAreJudgedOnceEachInFileOrder() throws {
        let (folder, fingerprint) = try Self.makeSession(attempts: 100)
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = 2 * SessionGrader.batchSize + 3
        let students = ["s1", "s2", "s3"]
        for index in 1...count {
            let student = students[index % 3]
            try Self.hand(
                Self.attempt(student: student, path: index % 2 == 0 ? Self.best : Self.short, fingerprint: fingerprint),
                as: "\(student)--\(Self.caseID)--\(index).jsonl", in: folder)
        }
        let grader = try Self.open(folder)
        let names = grader.attemptNames()
        #expect(names.count == count)
        let judged = Array(grader.judgedAttempts())
        #expect(judged.map(\.file) == names)
        #expect(judged.map(\.student) == names.map { String($0.prefix(2)) })
        #expect(judged.map(\.verdict.name) == names.map { name in
            let index = Int(name.split(separator: "-").last!.dropLast(6))!
            return index % 2 == 0 ? "graded" : "incomplete"
        })
    }

    /// Grading keeps a few numbers of each attempt and shows the counted ones in full a batch at a time; what it
    /// writes is what the whole class held in full at once gives (the way it was graded before): the gradebook,
    /// every debrief and the class report, byte for byte, on a class with more entries than a batch, second
    /// attempts, reflections, breaches, an ending in harm and a student with no attempt.
    @Test func resultsAreThoseOfTheWholeClassHeldInFull() throws {
        let (folder, fingerprint) = try Self.makeSession(attempts: 2)
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = (1...(2 * SessionGrader.batchSize + 1)).map { "s\($0)" }
        try ("id,name,email\n" + students.map { "\($0),Student \($0),\($0)@x.id\n" }.joined() + "late,Late,l@x.id\n")
            .write(to: folder.appendingPathComponent(Session.rosterName), atomically: true, encoding: .utf8)
        let paths = [Self.best, Self.poor, Self.harm, Self.short]
        for (number, student) in students.enumerated() {
            for attempt in 1...(number % 3 == 0 ? 2 : 1) {
                let text = Self.attempt(
                    student: student, path: paths[(number + attempt) % paths.count], fingerprint: fingerprint,
                    reflection: number % 2 == 0 ? "I wait for her \(number)." : nil)
                try Self.hand(text, as: "\(student)--\(Self.caseID)--\(attempt).jsonl", in: folder)
            }
        }
        let grader = try Self.open(folder)
        let outcome = try grader.grade()
        #expect(outcome.book.entries.allSatisfy { $0.counted?.log == nil && $0.report?.items.isEmpty != false })

        var whole = Gradebook(session: grader.session, roster: grader.roster)
        for judged in grader.judgedAttempts() { whole.add(judged) }
        whole.completeCounted { grader.grader.withReasons($0) }
        let results = folder.appendingPathComponent("results")
        #expect(try String(contentsOf: results.appendingPathComponent("gradebook.csv"), encoding: .utf8) == whole.csv())
        let scenario = try #require(grader.cases[Self.caseID]?.scenario)
        var reflections = 0
        for entry in whole.entries {
            let debrief = try String(
                contentsOf: results.appendingPathComponent("debriefs/\(entry.student.id)--\(Self.caseID).md"), encoding: .utf8)
            #expect(debrief == StudentDebrief.markdown(entry: entry, scenario: scenario, passMark: 60), "\(entry.student.id)")
            if debrief.contains("I wait for her") { reflections += 1 }
        }
        #expect(reflections > 0 && outcome.counts["graded", default: 0] + outcome.counts["needs review", default: 0] > 3)
        let report = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        let generated = try #require(report.firstMatch(of: /· graded ([^<]*)<\/p>/)).1
        #expect(report == ClassReport.html(book: whole, cases: [Self.caseID: scenario], generated: String(generated)))
        #expect(report.contains("I wait for her"))
        // The common breaches counted from the reports in full, apart from the tally that counts them for the page.
        let reports = whole.entries.compactMap(\.report)
        let dignity = reports.filter { report in
            report.items.contains { item in
                if item.points < 0, item.dimension == .ethics, case .principle("dignity") = item.basis { return true } else { return false }
            }
        }
        #expect(!dignity.isEmpty && report.contains("<li>dignity <span class=\"muted\">(\(dignity.count) of \(reports.count))</span></li>"))
    }

    /// A counted attempt's file that changes after it was judged and before its debrief is written (a student
    /// playing on, a file copied over) keeps the verdict it was counted with, without its words, and is marked
    /// for review with why; it is never shown in full from other bytes than those counted.
    @Test func aFileChangedWhileTheClassIsGradedKeepsItsVerdictAndIsReviewed() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "s1--\(Self.caseID)--1.jsonl"
        try Self.hand(Self.attempt(id: "a1", student: "s1", path: Self.best, fingerprint: fingerprint), as: name, in: folder)
        let grader = try Self.open(folder)
        var book = Gradebook(session: grader.session, roster: grader.roster)
        for judged in grader.judgedAttempts() { book.add(Grader.kept(judged)) }
        let counted = try #require(book.entries[0].counted)
        #expect(counted.stamp != nil && grader.inFull(counted) != nil, "the same file is shown in full")
        // The same bytes written again are another file (another stamp): its words are not taken as the counted
        // file's, even when the score would be the same. Nor another path of the same length and score.
        let text = Self.attempt(id: "a1", student: "s1", path: Self.best, fingerprint: fingerprint)
        try Self.hand(text, as: name, in: folder)
        #expect(grader.inFull(counted) == nil)
        try Self.hand(Self.attempt(id: "a1", student: "s1", path: Self.poor, fingerprint: fingerprint), as: name, in: folder)
        #expect(grader.inFull(counted) == nil)
        let debriefs = folder.appendingPathComponent("results/debriefs")
        try FileManager.default.createDirectory(at: debriefs, withIntermediateDirectories: true)
        var tally = ClassReport.Tally()
        let files = AtomicFile.Batch()
        try grader.complete(&book, debriefs: debriefs, into: files, tally: &tally)
        try files.commit()
        let entry = book.entries[0]
        #expect(entry.status == "needs review" && entry.report?.overall == 100)
        #expect(entry.handInReasons == ["\(name) changed while the class was being graded: grade again"])
        let debrief = try String(contentsOf: debriefs.appendingPathComponent("s1--\(Self.caseID).md"), encoding: .utf8)
        #expect(debrief.contains("**Overall:** 100") && !debrief.contains("### Step"))
        #expect(debrief.contains("before the grade stands: the attempt file changed while the class was being graded."))
        #expect(!debrief.contains("same attempt id") && !debrief.contains("## Gatekeeping"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: debriefs.path).count == 3, "no temporary file is left")
    }

    /// A grading stopped before it put its files in place leaves hidden `.partial` files; the next grading
    /// removes those older than any grading takes, and leaves a fresh one (another grading's, at work) and
    /// every other file alone.
    @Test func temporaryFilesLeftByAStoppedGradingAreSweptOnceOld() throws {
        let (folder, _) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let debriefs = folder.appendingPathComponent("results/debriefs")
        try FileManager.default.createDirectory(at: debriefs, withIntermediateDirectories: true)
        let old = [debriefs.appendingPathComponent(".s1--c.md.A1.partial"), folder.appendingPathComponent("results/.statements.json.B2.partial")]
        let kept = [debriefs.appendingPathComponent(".s2--c.md.C3.partial"), debriefs.appendingPathComponent("notes.partial"),
            debriefs.appendingPathComponent(".hidden")]
        for url in old + kept { try Data("x".utf8).write(to: url) }
        let longAgo = Date().addingTimeInterval(-SessionGrader.leftoverAge - 60)
        for url in old + [kept[1], kept[2]] {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: url.path)
        }
        _ = try Self.open(folder).grade()
        for url in old { #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent)") }
        for url in kept { #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent)") }
    }

    @Test func openingRefusesAFolderWithoutItsRosterOrWithAChangedCase() throws {
        let (folder, _) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roster = folder.appendingPathComponent(Session.rosterName)
        let saved = try Data(contentsOf: roster)
        try FileManager.default.removeItem(at: roster)
        #expect {
            try Self.open(folder)
        } throws: { error in
            if case .noRoster = error as? SessionGrader.OpeningProblem { return true }
            return false
        }
        try saved.write(to: roster)
        let copy = folder.appendingPathComponent("cases/\(Self.caseID).scenario")
        try (String(contentsOf: copy, encoding: .utf8) + "\n// edited\n").write(to: copy, atomically: true, encoding: .utf8)
        #expect {
            try Self.open(folder)
        } throws: { error in
            if case .caseChanged(let id, _) = error as? SessionGrader.OpeningProblem { return id == Self.caseID }
            return false
        }
        #expect {
            try SessionGrader(folder: folder.appendingPathComponent("nowhere"), scenario: { _ in nil }, scorer: { _ in fatalError() })
        } throws: { error in
            if case .session = error as? SessionGrader.OpeningProblem { return true }
            return false
        }
    }

    /// Issue 17: `"format":0` in session.json is not "newer"; it is a format no Practicum wrote.
    @Test func aSessionOfFormatZeroOrBelowIsOneNoPracticumWrote() throws {
        let (folder, _) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = folder.appendingPathComponent(Session.manifestName)
        let text = try String(contentsOf: manifest, encoding: .utf8)
        for (format, words) in [("0", "format 0 is not one Practicum ever wrote"), ("-2", "format -2 is not one Practicum ever wrote"),
            ("2", "a newer Practicum wrote it")] {
            try text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : \(format)")
                .write(to: manifest, atomically: true, encoding: .utf8)
            #expect {
                try Session.read(folder: folder)
            } throws: { error in
                (error as? Session.Problem)?.message.contains(words) == true
            }
        }
    }

    /// A hand-edited session.json whose due time is not a time is refused (a due time that does not read would
    /// make every attempt on time).
    @Test func aSessionWhoseDueTimeIsNotATimeIsRefused() throws {
        let (folder, _) = try Self.makeSession(due: "2026-02-30T10:00:00Z")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try Session.read(folder: folder)
        } throws: { error in
            (error as? Session.Problem)?.message.contains("the due time '2026-02-30T10:00:00Z' is not a time: the day is 30, but February 2026 has 28 days") == true
        }
    }

    /// Issue 17: grading followed `attempts/` when it was a symbolic link to a folder elsewhere. Opening the
    /// session now refuses it; a link inside `attempts/` is rejected without being followed.
    @Test func symbolicLinksAreNeverFollowedIntoAttempts() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let outside = elsewhere.appendingPathComponent("s1--\(Self.caseID)--1.jsonl")
        try Self.attempt(student: "s1", path: Self.best, fingerprint: fingerprint).write(to: outside, atomically: true, encoding: .utf8)

        // A link inside attempts/: rejected, not read.
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("\(Session.attemptsFolder)/s1--\(Self.caseID)--1.jsonl"), withDestinationURL: outside)
        let outcome = try Self.open(folder).grade()
        #expect(outcome.files.map(\.verdict) == ["rejected"])
        #expect(outcome.files.first?.rejection == "a symbolic link, not a file; grading reads only files in attempts/")

        // attempts/ itself a link to the folder elsewhere: the session is refused.
        let attempts = folder.appendingPathComponent(Session.attemptsFolder)
        try FileManager.default.removeItem(at: attempts)
        try FileManager.default.createSymbolicLink(at: attempts, withDestinationURL: elsewhere)
        #expect {
            try Self.open(folder)
        } throws: { error in
            if case .attemptsIsALink(let target) = error as? SessionGrader.OpeningProblem { return target == elsewhere.path }
            return false
        }
    }

    /// Issue 17: a 64 MiB attempt of legal moves amplified into a gigabyte of memory and output. Near the real
    /// cap, a practice attempt of 9,999 legal lines (a choice taken and taken back 4,994 times, then the best
    /// path) grades with results of a few megabytes at most; at 10,001 lines the file is refused with the cap.
    /// (The exact boundary, 10,000 against 10,001, is `AttemptLogTests`'.)
    @Test func anAttemptPastTheStepCapIsRefusedAndTheResultsStaySmall() throws {
        let (folder, fingerprint) = try Self.makeSession(mode: "practice")
        defer { try? FileManager.default.removeItem(at: folder) }
        func attempt(student: String, takenBack: Int) -> String {
            let header = AttemptLog.Header(
                id: UUID().uuidString.lowercased(), caseID: Self.caseID, caseHash: fingerprint, seed: 7, mode: "practice",
                student: student, session: "week3", started: "2026-11-27T09:00:00Z")
            var entries: [AttemptLog.Entry] = []
            for _ in 0..<takenBack {
                entries.append(.step(step: 1, choice: AttemptLog.choiceID("meet#1")!, at: "2026-11-27T09:01:00Z", reflection: nil))
                entries.append(.undo(step: 1, at: "2026-11-27T09:01:00Z"))
            }
            entries += Self.best.split(separator: ",").enumerated().map {
                .step(step: $0 + 1, choice: AttemptLog.choiceID(String($1))!, at: "2026-11-27T09:02:00Z", reflection: nil)
            }
            return AttemptLog(header: header, entries: entries).text
        }
        let nearCap = attempt(student: "s1", takenBack: 4_994)
        let pastCap = attempt(student: "s2", takenBack: 4_995)
        #expect(nearCap.split(separator: "\n").count == 1 + 9_999)
        #expect(pastCap.split(separator: "\n").count == 1 + 10_001)
        try Self.hand(nearCap, as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        try Self.hand(pastCap, as: "s2--\(Self.caseID)--1.jsonl", in: folder)

        let outcome = try Self.open(folder).grade()
        #expect(outcome.files.map(\.verdict) == ["graded", "rejected"])
        #expect(outcome.files[1].rejection?.contains("line 10002: the attempt is longer than an attempt can be: at most 10000 steps") == true)
        let results = folder.appendingPathComponent("results")
        for name in ["statements.json", "report.html", "gradebook.csv", "debriefs/s1--\(Self.caseID).md"] {
            let size = try FileManager.default.attributesOfItem(atPath: results.appendingPathComponent(name).path)[.size] as? Int ?? .max
            #expect(size < 2_000_000, "\(name) is \(size) bytes")
        }
    }

    // MARK: Times

    @Test func aTimeThatDoesNotParseIsRefusedNamingTheFileAndLineNeverTakenAsOnTime() throws {
        let (folder, fingerprint) = try Self.makeSession(due: "2026-11-27T09:05:00Z")
        defer { try? FileManager.default.removeItem(at: folder) }
        let minutes = (1...11).map { String(format: "2026-11-27T09:%02d:00Z", $0) }
        // s1 finishes after the due time; s2's last step has a time no parser reads; s3 writes its times with an
        // offset, which ISO 8601 allows: 16:0n+07:00 is 09:0n in UTC, before the due time.
        try Self.hand(Self.attempt(student: "s1", path: Self.best, fingerprint: fingerprint), as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        var garbled = minutes
        garbled[10] = "27/11/2026 09:11"
        try Self.hand(
            Self.attempt(student: "s2", path: Self.best, fingerprint: fingerprint, times: garbled), as: "s2--\(Self.caseID)--1.jsonl",
            in: folder)
        let offset = (1...11).map { "2026-11-27T16:0\($0 % 5):00+07:00" }
        try Self.hand(
            Self.attempt(student: "s3", path: Self.best, fingerprint: fingerprint, times: offset), as: "s3--\(Self.caseID)--1.jsonl",
            in: folder)

        let outcome = try Self.open(folder).grade()
        #expect(outcome.files.map(\.verdict) == ["graded", "rejected", "graded"])
        let reason = try #require(outcome.files[1].rejection)
        #expect(reason == "the file cannot be read: line 12: \"at\" is '27/11/2026 09:11', not a time as attempt files write them (ISO 8601, like 2026-11-27T09:01:10Z): the year should be 4 digits, found '/' at character 3 (write YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DDThh:mm+hh:mm)")
        #expect(outcome.log.contains("s2--\(Self.caseID)--1.jsonl: rejected, s2: the file cannot be read: line 12: \"at\" is '27/11/2026 09:11'"))
        let rows = try Self.gradebook(folder)
        let late = try #require(rows[0].firstIndex(of: "late"))
        #expect(rows[1][4] == "graded" && rows[1][late] == "yes")
        #expect(rows[2][4] == "rejected" && rows[2].last?.contains("line 12") == true)
        #expect(rows[3][4] == "graded" && rows[3][late] == "no")
        // A header whose start is not a time is refused on line 1.
        let header = Self.attempt(student: "s1", path: "meet#1", fingerprint: fingerprint)
            .replacingOccurrences(of: "\"started\":\"2026-11-27T09:00:00Z\"", with: "\"started\":\"soon\"")
        #expect {
            try AttemptLog.read(Data(header.utf8))
        } throws: { error in
            (error as? AttemptLog.Problem)?.line == 1 && (error as? AttemptLog.Problem)?.message.contains("\"started\" is 'soon'") == true
        }
    }

    /// Issue 17: a time with anything after it (`2026-11-27T09:01:00Z=1+2<script>`) or none at all (`=1+2<script>`)
    /// refuses the file, and an attempt made in memory with such a time gets statements without a `timestamp`.
    @Test func onlyARealTimeReachesAnXAPITimestamp() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        var times = (1...11).map { String(format: "2026-11-27T09:%02d:00Z", $0) }
        times[0] = "2026-11-27T09:01:00Z=1+2<script>"
        try Self.hand(
            Self.attempt(student: "s1", path: Self.best, fingerprint: fingerprint, times: times), as: "s1--\(Self.caseID)--1.jsonl",
            in: folder)
        times[0] = "=1+2<script>"
        try Self.hand(
            Self.attempt(student: "s2", path: Self.best, fingerprint: fingerprint, times: times), as: "s2--\(Self.caseID)--1.jsonl",
            in: folder)
        let grader = try Self.open(folder)
        let outcome = try grader.grade()
        #expect(outcome.files.map(\.verdict) == ["rejected", "rejected"])
        #expect(outcome.files[0].rejection?.contains("line 2: \"at\" is '2026-11-27T09:01:00Z=1+2<script>', not a time") == true)
        #expect(outcome.files[0].rejection?.contains("something follows the time at character 21") == true)
        #expect(outcome.files[1].rejection?.contains("line 2: \"at\" is '=1+2<script>', not a time") == true)
        let statements = try String(contentsOf: folder.appendingPathComponent("results/statements.json"), encoding: .utf8)
        #expect(!statements.contains("<script>"))

        // An attempt built in memory is not read, so the statement writer checks each time itself.
        let good = Self.attempt(student: "s3", path: Self.short, fingerprint: fingerprint)
        let judged = grader.grader.judge(Data(good.utf8), file: "s3.jsonl")
        var log = try #require(judged.log)
        log.entries[0] = .step(step: 1, choice: AttemptLog.choiceID("meet#1")!, at: "=1+2<script>", reflection: nil)
        var described = XAPIStatements.Described()
        let made = XAPIStatements.statements(
            for: judged, attempt: log, session: grader.session, roster: grader.roster,
            scenario: grader.cases[Self.caseID]?.scenario, passMark: 60, described: &described)
        #expect(made.count == 3, "attempted and two answers")
        #expect(made.allSatisfy { !$0.contains("<script>") })
        #expect(!made[1].contains("\"timestamp\""), "the answer whose time is not one has no timestamp")
        #expect(made[0].contains("\"timestamp\":\"2026-11-27T09:00:00Z\"") && made[2].contains("\"timestamp\":\"2026-11-27T09:02:00Z\""))
    }

    // MARK: One attempt id in two files

    @Test func aCopyHandedInAsAnotherStudentsIsReviewedWithTheOriginalEvenWhenItSortsFirst() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = Self.attempt(id: "shared-id", student: "s1", path: Self.best, fingerprint: fingerprint)
        try Self.hand(original, as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        // s2's copy: only the student changed, named so that grading reads it first.
        let copy = original.replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s2\"")
        #expect(copy != original)
        try Self.hand(copy, as: "0-s2.jsonl", in: folder)

        let outcome = try Self.open(folder).grade(.init(moodle: true))
        #expect(outcome.files.map(\.file) == ["0-s2.jsonl", "s1--\(Self.caseID)--1.jsonl"])
        #expect(outcome.files.map(\.verdict) == ["graded", "graded"], "neither file is believed over the other, nor rejected")
        #expect(outcome.counts["needs review"] == 2 && outcome.counts["graded"] == nil)
        let s1 = try #require(outcome.book.entries.first { $0.student.id == "s1" })
        let s2 = try #require(outcome.book.entries.first { $0.student.id == "s2" })
        #expect(s1.handInReasons == ["s1--\(Self.caseID)--1.jsonl shares its attempt id with 0-s2.jsonl"])
        #expect(s2.handInReasons == ["0-s2.jsonl shares its attempt id with s1--\(Self.caseID)--1.jsonl"])
        #expect(!s1.passed(passMark: 60) && !s2.passed(passMark: 60), "no attempt that needs review passes")

        let rows = try Self.gradebook(folder)
        let passed = try #require(rows[0].firstIndex(of: "passed"))
        #expect(rows[1][4] == "needs review" && rows[1][5] == "100" && rows[1][passed] == "no")
        #expect(rows[1].last == "needs review: s1--\(Self.caseID)--1.jsonl shares its attempt id with 0-s2.jsonl (an instructor must review this attempt before the grade stands)")
        #expect(rows[2][4] == "needs review" && rows[2].last?.contains("0-s2.jsonl shares its attempt id with s1--") == true)
        let report = try String(contentsOf: folder.appendingPathComponent("results/report.html"), encoding: .utf8)
        let review = try #require(report.components(separatedBy: "Attempts that need your review").dropFirst().first)
        #expect(review.contains("s1--\(Self.caseID)--1.jsonl shares its attempt id with 0-s2.jsonl"))
        #expect(review.contains("0-s2.jsonl shares its attempt id with s1--\(Self.caseID)--1.jsonl"))
        // No grade goes to the LMS for either until the instructor has looked.
        let moodle = try CSVReader.records(Data(contentsOf: folder.appendingPathComponent("results/gradebook-moodle.csv"))).map(\.fields)
        #expect(moodle[1][3].isEmpty && moodle[2][3].isEmpty, "\(moodle)")
        // The debrief handed back says why without naming the other student's file.
        let debrief = try String(contentsOf: folder.appendingPathComponent("results/debriefs/s1--\(Self.caseID).md"), encoding: .utf8)
        #expect(debrief.contains("another file handed in has the same attempt id") && !debrief.contains("0-s2.jsonl"))
    }

    @Test func theSameAttemptHandedInTwiceByOneStudentIsOneAttemptAndReviewed() throws {
        let (folder, fingerprint) = try Self.makeSession(attempts: 1)
        defer { try? FileManager.default.removeItem(at: folder) }
        let attempt = Self.attempt(id: "once", student: "s1", path: Self.best, fingerprint: fingerprint)
        try Self.hand(attempt, as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        try Self.hand(attempt, as: "s1--\(Self.caseID)--1 (1).jsonl", in: folder)
        let outcome = try Self.open(folder).grade()
        #expect(outcome.files.map(\.verdict) == ["graded", "graded"], "the repeat is not beyond the one attempt allowed")
        let s1 = try #require(outcome.book.entries.first { $0.student.id == "s1" })
        #expect(s1.status == "needs review" && s1.graded == 2)
        #expect(s1.handInReasons.count == 1 && s1.handInReasons[0].contains("shares its attempt id with"))
        // A third file of the student's, another attempt, is beyond the one allowed.
        try Self.hand(Self.attempt(student: "s1", path: Self.short, fingerprint: fingerprint), as: "s1--\(Self.caseID)--2.jsonl", in: folder)
        let again = try Self.open(folder).grade()
        #expect(again.files.last?.rejection == "beyond the 1 attempt allowed")
    }

    // MARK: Where a record comes from

    @Test func everyAttemptFromAFileIsMarkedSelfReportedInTheGradebookAndTheReport() throws {
        let (folder, fingerprint) = try Self.makeSession()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.hand(Self.attempt(student: "s1", path: Self.best, fingerprint: fingerprint), as: "s1--\(Self.caseID)--1.jsonl", in: folder)
        try Self.hand(Self.attempt(student: "s2", path: Self.short, fingerprint: fingerprint), as: "s2--\(Self.caseID)--1.jsonl", in: folder)
        let outcome = try Self.open(folder).grade()
        #expect(outcome.book.entries.map(\.provenance) == [.selfReported, .selfReported, nil])
        let rows = try Self.gradebook(folder)
        let record = try #require(rows[0].firstIndex(of: "record"))
        #expect(rows[0][record - 1] == "late" && rows[0][record + 1] == "note")
        #expect(rows.dropFirst().map { $0[record] } == ["self-reported", "self-reported", ""], "no record for a student with no attempt")
        let report = try String(contentsOf: folder.appendingPathComponent("results/report.html"), encoding: .utf8)
        let students = try #require(report.components(separatedBy: "<h2>Students</h2>").dropFirst().first)
        #expect(students.contains("<th>record</th>"))
        #expect(students.components(separatedBy: "<span class=\"self-reported\">self-reported</span>").count == 3)
        #expect(report.contains("nothing in a file proves who played it, or when"))
    }
}
