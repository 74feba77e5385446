import Foundation
import PracticumClassroom
import PracticumCore
import PracticumTerminal

/// `practicum session new|codes|release`: set up a classroom session folder, make its students' sign-in codes,
/// and release its debriefs.
enum SessionCommand: Command {
    static let name = "session"
    static let summary = "Set up a classroom session (session new), make its sign-in codes (session codes DIR), or release its debriefs (session release DIR)."
    static let usage = """
        session new --scenario CASE... --roster CSV --out DIR [--mode graded|practice] [--attempts N] \
        [--policy best|last|first] [--feedback immediate|debrief|released] [--pass-mark N] [--due TIME] [--id ID] \
        [--home-page URL]
               practicum session codes DIR [--student ID] [--csv] [--replace]
               practicum session release DIR
        """
    static let discussion = """
        'session new' makes the folder DIR with session.json (each case by id, with the SHA-256 of its exact \
        source and its fingerprint), cases/ (the session's own copy of each case, so later edits to the library \
        never change what the session grades), roster.csv (a copy of the roster: a CSV file whose first row names \
        the columns, with at least 'id', usually 'name' and 'email'), attempts/ and results/. DIR must not exist \
        yet, or be empty. Students then play with 'practicum play --session DIR --student ID', and 'practicum grade \
        DIR' grades the class. With --feedback released, students see no debrief until 'session release DIR'. \
        'session codes DIR' prints a sign-in code for each roster student (shown only then; codes.json keeps a salted \
        hash of each, readable by you alone: never hand it out). From then on play asks each student for their code \
        and signs their attempt lines with a key made from it, and grading tells whose key signed each file. \
        '--student ID' makes a new code for one student who lost theirs (the old one no longer signs in, and what it \
        signed still counts); '--replace' makes new codes for everyone in the same way.
        """
    static let options: [OptionSpec] = [
        .option("scenario", valueName: "case", repeatable: true, help: "A case of the session: a library id or a file."),
        .option("roster", valueName: "csv", help: "The class list: CSV with a header row naming 'id' (and 'name', 'email')."),
        .option("out", valueName: "dir", help: "The session folder to make."),
        .option("mode", valueName: "graded|practice", help: "graded (default): no undo; practice: undo allowed."),
        .option("attempts", valueName: "n", help: "Attempts allowed per student and case (default 1)."),
        .option("policy", valueName: "best|last|first", help: "Which attempt counts when there are several (default best)."),
        .option("feedback", valueName: "when", help: "immediate, debrief (default in graded mode) or released."),
        .option("pass-mark", valueName: "n", help: "The overall score, 0-100, that passes (default 60)."),
        .option("due", valueName: "time", help: "When attempts are due: 2026-12-01T17:00+07:00, or a date (the end of that day, UTC)."),
        .option("id", valueName: "id", help: "The session's id (default: the folder's name)."),
        .option("home-page", valueName: "url", help: "The home page for students' xAPI accounts (default https://practicum.local/)."),
        .option("student", valueName: "id", help: "session codes: a new code for this student only."),
        .flag("csv", help: "session codes: print the codes as CSV (id, name, email, code) for a mail merge."),
        .flag("replace", help: "session codes: new codes for every student although codes exist (the old ones stop signing in)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    /// The options each action reads. Any other is refused rather than ignored: `session new --student s1
    /// --csv` must not look as if it made codes.
    static let optionsOfAction: [String: Set<String>] = [
        "new": [
            "scenario", "roster", "out", "mode", "attempts", "policy", "feedback", "pass-mark", "due", "id", "home-page",
            CommonOptions.content.name, CommonOptions.scenarios.name,
        ],
        "codes": ["student", "csv", "replace"],
        "release": [],
    ]

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        if let action = arguments.positionals.first, let allowed = optionsOfAction[action] {
            let foreign = arguments.flags.union(arguments.optionValues.keys).subtracting(allowed).sorted()
            if !foreign.isEmpty {
                let listed = foreign.map { "--" + VisibleText.make($0, keepNewlines: false) }.joined(separator: ", ")
                throw .usage(
                    "session \(action) does not take \(listed)"
                        + (allowed.isEmpty ? "" : "; it takes " + allowed.sorted().map { "--" + $0 }.joined(separator: ", ")),
                    hint: "see 'practicum session --help' for what each action takes")
            }
        }
        switch arguments.positionals.first {
        case "new":
            guard arguments.positionals.count == 1 else {
                throw .usage("session new takes options only", hint: "usage: practicum \(usage)")
            }
            return try makeSession(arguments, context: &context)
        case "release":
            guard arguments.positionals.count == 2 else {
                throw .usage("name the session folder to release", hint: "usage: practicum session release DIR")
            }
            return try release(arguments.positionals[1], context: &context)
        case "codes":
            guard arguments.positionals.count == 2 else {
                throw .usage("name the session folder to make codes for", hint: "usage: practicum session codes DIR [--student ID] [--csv] [--replace]")
            }
            return try makeCodes(arguments.positionals[1], arguments: arguments, context: &context)
        case let other?:
            throw .usage("unknown session action '\(VisibleText.make(other, keepNewlines: false))'; use 'new', 'codes' or 'release'")
        case nil:
            throw .usage("say what to do: 'session new', 'session codes DIR' or 'session release DIR'", hint: "usage: practicum \(usage)")
        }
    }

    // MARK: session new

    static func makeSession(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard let out = arguments.value("out"), !out.isEmpty else {
            throw .usage("give the session folder to make with --out DIR")
        }
        guard let rosterPath = arguments.value("roster"), !rosterPath.isEmpty else {
            throw .usage("give the class list with --roster CSV", hint: "a CSV file whose first row is 'id,name,email'")
        }
        let named = arguments.values("scenario")
        guard !named.isEmpty else { throw .usage("give at least one case with --scenario CASE") }
        let mode = arguments.value("mode") ?? "graded"
        guard mode == "graded" || mode == "practice" else {
            throw .usage("unknown mode '\(VisibleText.make(mode, keepNewlines: false))'; use 'graded' or 'practice'")
        }
        let attempts = try number(arguments.value("attempts"), option: "attempts", range: 1...100, default: 1)
        let passMark = try number(arguments.value("pass-mark"), option: "pass-mark", range: 0...100, default: 60)
        let policy = try choice(arguments.value("policy"), option: "policy", default: Session.Policy.best)
        let feedback = try choice(
            arguments.value("feedback"), option: "feedback", default: mode == "graded" ? Session.Feedback.debrief : .immediate)
        let due = try arguments.value("due").map { text throws(CommandError) in try parseDue(text) }
        let homePage = arguments.value("home-page") ?? "https://practicum.local/"
        guard let home = URL(string: homePage), ["http", "https"].contains(home.scheme ?? ""), home.host != nil else {
            throw .usage("--home-page takes an http or https address, got '\(VisibleText.make(homePage, keepNewlines: false))'")
        }

        let folder = context.url(forPath: out)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && (!isFolder.boolValue || !existing.isEmpty) {
            throw CommandError(
                "'\(out)' already exists and is not an empty folder; a session is never made over anything",
                hint: "choose a new folder with --out")
        }
        let id = arguments.value("id") ?? folder.lastPathComponent
        guard Roster.isAcceptable(id: id) else {
            throw .usage("the session id '\(VisibleText.make(id, keepNewlines: false))' is not usable; use letters, digits, '.', '_', '-'")
        }

        // The roster.
        let rosterURL = context.url(forPath: rosterPath)
        guard let rosterData = FileManager.default.contents(atPath: rosterURL.path) else {
            throw CommandError("cannot read the roster '\(rosterPath)'")
        }
        let roster: Roster
        do {
            roster = try Roster(csv: rosterData, forNewSession: true)
        } catch {
            throw CommandError("\(rosterPath): \(VisibleText.make(error.message, keepNewlines: false))")
        }
        guard !roster.students.isEmpty else { throw CommandError("\(rosterPath): the roster has no students") }

        // The cases, each checked, and its exact source kept.
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        var cases: [(Session.Case, Data)] = []
        for name in named {
            let path = try PlayCommand.resolve(name, loader: loader, scenarios: arguments.value("scenarios"), context: context)
            guard let source = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read '\(path)'") }
            let loaded = loader.load(path: path)
            guard let scenario = loaded.scenario else {
                context.report(loaded.diagnostics, source: loaded.source, file: path, omitted: loaded.omitted.total)
                throw CommandError("'\(path)' has errors; a session takes only cases that load", hint: "run 'practicum check \(path)'")
            }
            guard !cases.contains(where: { $0.0.id == scenario.id }) else {
                throw CommandError("the case '\(scenario.id)' is given twice")
            }
            let file = "\(Session.casesFolder)/\(scenario.id).\(path.hasSuffix(".json") ? "json" : "scenario")"
            cases.append((Session.Case(id: scenario.id, file: file, sha256: Session.sha256(source), fingerprint: scenario.fingerprint), source))
        }
        var session = Session(
            id: id, created: AttemptLog.timestamp(), mode: mode, attempts: attempts, policy: policy, feedback: feedback,
            passMark: passMark, due: due, homePage: homePage, cases: cases.map(\.0))
        session.studentKeys = roster.students.map { session.studentKey($0.id) }

        // The folder: everything else first, session.json last, so a folder without one is not a session.
        do {
            for sub in [Session.casesFolder, Session.attemptsFolder, Session.resultsFolder] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            try AtomicFile.write(rosterData, to: folder.appendingPathComponent(Session.rosterName))
            for (item, source) in cases { try AtomicFile.write(source, to: folder.appendingPathComponent(item.file)) }
        } catch {
            throw CommandError("cannot make the session folder '\(out)': \(error.localizedDescription)")
        }
        do {
            try session.write(folder: folder)
        } catch {
            throw CommandError(error.message)
        }
        let feedbackWords: String
        switch feedback {
        case .immediate: feedbackWords = "feedback after each choice"
        case .debrief: feedbackWords = "the debrief at the end of each attempt"
        case .released: feedbackWords = "debriefs held until 'session release'"
        }
        context.output.writeLine(
            "Session '\(id)' in \(out): \(cases.count) case\(cases.count == 1 ? "" : "s") (\(cases.map(\.0.id).joined(separator: ", "))), "
                + "\(roster.students.count) student\(roster.students.count == 1 ? "" : "s"), \(mode), "
                + "\(attempts) attempt\(attempts == 1 ? "" : "s") each (\(policy.rawValue) counts), \(feedbackWords), "
                + "pass mark \(passMark)\(due.map { ", due \($0)" } ?? "").")
        let folderWord = PlayCommand.shellWord(out)
        context.output.writeLine("Make sign-in codes:   \(context.commandName) session codes \(folderWord)")
        context.output.writeLine("Serve it to browsers: \(context.commandName) serve \(folderWord)")
        context.output.writeLine("Or at a terminal:     \(context.commandName) play --session \(folderWord) --student ID --code CODE")
        context.output.writeLine("Grade the class with: \(context.commandName) grade \(folderWord)")
        return ExitCode.success
    }

    // MARK: session codes

    static func makeCodes(_ path: String, arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        var (session, folder) = try context.session(at: path)
        guard let roster = try context.roster(of: folder) else {
            throw CommandError(
                "'\(path)' has no \(Session.rosterName): codes are made in your own session folder, not in a copy handed to students")
        }
        let existing: SessionCodes?
        do {
            existing = try SessionCodes.read(folder: folder)
        } catch {
            throw CommandError(VisibleText.make(error.message, keepNewlines: false))
        }
        var codes = existing ?? SessionCodes(session: session.id)
        let students: [Roster.Student]
        if let id = arguments.value("student") {
            guard arguments.flag("replace") == false else {
                throw .usage("--student and --replace do not go together: --student already replaces that student's code")
            }
            guard let student = roster.student(id: id) else {
                throw CommandError(
                    "'\(VisibleText.make(id, keepNewlines: false))' is not on the roster of session '\(session.id)'",
                    hint: "nothing was changed")
            }
            students = [student]
        } else {
            if existing.map({ !$0.isEmpty }) ?? false, !arguments.flag("replace") {
                throw CommandError(
                    "session '\(session.id)' has codes already (\(SessionCodes.fileName)); they are shown only when made",
                    hint: "for a student who lost theirs: --student ID; new codes for everyone: --replace (nothing was changed)")
            }
            students = roster.students
        }
        let created = AttemptLog.timestamp()
        let made = students.map { student in (student, codes.add(student: student.id, created: created)) }
        do {
            try codes.write(folder: folder)
            if !session.hasCodes {
                session.codes = true
                try session.write(folder: folder)
            }
        } catch {
            throw CommandError(VisibleText.make(error.message, keepNewlines: false))
        }

        if arguments.flag("csv") {
            var writer = CSVWriter()
            writer.append(texts: ["id", "name", "email", "code"])
            for (student, code) in made { writer.append(texts: [student.id, student.name, student.email, code]) }
            context.output.write(writer.text)
        } else {
            let idWidth = max(2, made.map { displayWidth(of: VisibleText.make($0.0.id, keepNewlines: false)) }.max() ?? 0)
            let nameWidth = max(4, made.map { displayWidth(of: VisibleText.make($0.0.name, keepNewlines: false)) }.max() ?? 0)
            func row(_ id: String, _ name: String, _ code: String) -> String {
                let id = VisibleText.make(id, keepNewlines: false)
                let name = VisibleText.make(name, keepNewlines: false)
                return id + String(repeating: " ", count: idWidth - displayWidth(of: id) + 2) + name
                    + String(repeating: " ", count: nameWidth - displayWidth(of: name) + 2) + code
            }
            context.output.writeLine(row("id", "name", "code"))
            for (student, code) in made { context.output.writeLine(row(student.id, student.name, code)) }
        }
        context.errors.writeLine(
            "\(made.count) code\(made.count == 1 ? "" : "s") for session '\(session.id)', shown only now: hand each student "
                + "theirs. \(SessionCodes.fileName) keeps only their hashes; keep it to yourself, like \(Session.rosterName).")
        return ExitCode.success
    }

    // MARK: session release

    static func release(_ path: String, context: inout AppContext) throws(CommandError) -> Int32 {
        var (session, folder) = try context.session(at: path)
        let release: Session.Release
        do {
            release = try session.release(folder: folder)
        } catch {
            throw CommandError(error.message)
        }
        switch release {
        case .nothingHeld:
            context.output.writeLine("Session '\(session.id)' shows feedback \(session.feedback == .immediate ? "after each choice" : "at the end of each attempt"): there is nothing to release.")
            return ExitCode.success
        case .alreadyReleased:
            context.output.writeLine("Session '\(session.id)': the debriefs are already released.")
            return ExitCode.success
        case .released:
            break
        }
        context.output.writeLine(
            "Session '\(session.id)': debriefs released. Students see theirs with '\(context.commandName) play --session \(PlayCommand.shellWord(path)) --student ID'.")
        return ExitCode.success
    }

    // MARK: Values

    static func number(_ text: String?, option: String, range: ClosedRange<Int>, default value: Int) throws(CommandError) -> Int {
        try WholeNumberOption.parse(text, option: option, range: range) ?? value
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String?, option: String, default value: T) throws(CommandError) -> T
    where T.RawValue == String {
        guard let text else { return value }
        guard let found = T(rawValue: text) else {
            throw .usage(
                "--\(option) is one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got '\(VisibleText.make(text, keepNewlines: false))'")
        }
        return found
    }

    /// An ISO 8601 time (with its offset, or Z), or a date meaning the end of that day in UTC; as ISO 8601 in UTC.
    /// Read strictly (`Timestamp`): an impossible date, time or offset is refused, naming the part that is wrong.
    static func parseDue(_ text: String) throws(CommandError) -> String {
        switch Timestamp.read(text, allowingDateAlone: true) {
        case .success(let reading):
            let seconds = reading.isDateAlone ? reading.seconds + 86_399 : reading.seconds.rounded(.down)
            return AttemptLog.timestamp(Date(timeIntervalSince1970: seconds))
        case .failure(let problem):
            throw .usage(
                "--due '\(VisibleText.make(text, keepNewlines: false))' is not a time: \(problem.message)",
                hint: "--due takes a time such as 2026-12-01T17:00+07:00 or 2026-12-01T10:00:00Z, or a date (2026-12-01, the end of that day in UTC)")
        }
    }
}
