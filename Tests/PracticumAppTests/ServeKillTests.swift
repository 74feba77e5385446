import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import Testing

/// `practicum serve` killed with SIGKILL mid-class and started again: every choice the server confirmed (a 303
/// received) is in the attempt file exactly once, the student signs in again and goes on from the step after it,
/// and `grade` accepts the finished attempts; a choice whose POST was in flight at the kill is either on the disk
/// and shown, or neither.
@Suite("serve killed mid-class: nothing confirmed is lost", .serialized)
struct ServeKillTests {
    /// A session of three students on the fixture case, with codes made by `session codes`: the folder, the
    /// environment, and each student's code.
    func classSession() throws -> (work: URL, environment: [String: String], codes: [String: String]) {
        let work = AppTestSupport.temporaryDirectory()
        try "id,name\ns1,Ana\ns2,Budi\ns3,Citra\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let environment = [
            "PRACTICUM_SCENARIOS": AppTestSupport.library.path,
            "PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path,
            "XDG_STATE_HOME": work.path, "HOME": work.path, "COLUMNS": "80", "NO_COLOR": "1",
        ]
        let made = AppTestSupport.run(
            ["session", "new", "--scenario", "okafor-referral", "--roster", "roster.csv", "--out", "s", "--mode", "graded"],
            environment: environment, workingDirectory: work)
        try #require(made.exitCode == 0, "\(made.errors)")
        let codes = AppTestSupport.run(["session", "codes", "s", "--csv"], environment: environment, workingDirectory: work)
        try #require(codes.exitCode == 0, "\(codes.errors)")
        var byStudent: [String: String] = [:]
        for record in try CSVReader.records(codes.output).dropFirst() where record.fields.count == 4 {
            byStudent[record.fields[0]] = record.fields[3]
        }
        try #require(byStudent.count == 3, "\(codes.output)")
        return (work, environment, byStudent)
    }

    /// The session's copy of the case, to work out which choices a step offers.
    func scenario(in work: URL) throws -> Scenario {
        let content = try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content"))
        return try #require(ScenarioLoader(content: content).load(path: work.appendingPathComponent("s/cases/okafor-referral.scenario").path).scenario)
    }

    /// The choices on offer after `choices`, in the attempt's own order, as the play page should show them.
    func offered(_ scenario: Scenario, seed: UInt64?, after choices: [String]) throws -> [String] {
        let engine = Engine(scenario: scenario, order: seed.map { .shuffled(seed: $0) } ?? .written)
        let ids = choices.compactMap { text -> ChoiceID? in
            guard let hash = text.lastIndex(of: "#"), let number = Int(text[text.index(after: hash)...]) else { return nil }
            return ChoiceID(scene: String(text[..<hash]), index: number - 1)
        }
        let state = engine.autoContinue(try engine.replay(ids)).state
        return engine.availableChoices(in: state).map(\.id.description)
    }

    func attempt(_ work: URL, _ student: String) -> AttemptLog.Reading? {
        let file = work.appendingPathComponent("s/attempts/\(student)--okafor-referral--1.jsonl")
        return (try? Data(contentsOf: file)).flatMap { try? AttemptLog.read($0) }
    }

    @Test func aKilledServerLosesNoConfirmedChoiceAndTheClassFinishesAfterARestart() throws {
        let executable = try AppTestSupport.requireExecutable()
        let (work, environment, codes) = try classSession()
        let scenario = try scenario(in: work)
        var server = try ServeChild(executable: executable, work: work, environment: environment)
        defer { server.sigkill() }

        // Two students sign in and make some choices each; the kill comes right after the last 303.
        let ana = WebStudent(id: "s1", code: codes["s1"]!, port: server.port)
        let budi = WebStudent(id: "s2", code: codes["s2"]!, port: server.port)
        var confirmed: [String: [String]] = ["s1": [], "s2": []]
        for student in [ana, budi] {
            try student.signIn()
            var page = try student.start()
            let count = student.id == "s1" ? 3 : 2
            for index in 0..<count {
                // s2's last 303 is not followed: the server is killed the moment it arrives.
                let (choice, next) = try student.choose(on: page, followRedirect: student.id == "s1" || index < count - 1)
                confirmed[student.id, default: []].append(choice)
                if let next { page = next }
            }
        }
        server.sigkill()

        // Every confirmed choice is on the disk, once, in order; nothing else is.
        for student in ["s1", "s2"] {
            let reading = try #require(attempt(work, student), "\(student)'s attempt file does not read")
            #expect(reading.log.choices.map(\.description) == confirmed[student], "\(student)")
        }

        // Restarted on a new port: each student signs in again and is at the step after their last confirmed choice.
        server = try ServeChild(executable: executable, work: work, environment: environment)
        for student in [ana, budi] {
            student.reconnect(port: server.port)
            try student.signIn()
            let front = try student.get("/cases/okafor-referral")
            #expect(front.text.contains("In progress"), "\(student.id): \(front.text)")
            var page = try student.start()
            let done = confirmed[student.id]!
            #expect(WebStudent.values(of: "step", in: page.text) == [String(done.count)], "\(student.id)")
            let seed = attempt(work, student.id)?.log.header.seed
            #expect(WebStudent.values(of: "choice", in: page.text) == (try offered(scenario, seed: seed, after: done)), "\(student.id)")
            // And plays on to the ending.
            for _ in 0..<60 {
                let (choice, next) = try student.choose(on: page, followRedirect: true)
                confirmed[student.id, default: []].append(choice)
                guard let next else { break }
                page = next
            }
        }
        server.terminate()

        for student in ["s1", "s2"] {
            let reading = try #require(attempt(work, student))
            #expect(reading.log.choices.map(\.description) == confirmed[student], "\(student): every confirmed choice exactly once")
            let engine = Engine(scenario: scenario, order: reading.log.header.seed.map { .shuffled(seed: $0) } ?? .written)
            let end = engine.autoContinue(try engine.replay(reading.log.choices)).state
            guard case .ended = engine.status(of: end) else {
                Issue.record("\(student)'s attempt did not reach an ending")
                continue
            }
        }
        let graded = AppTestSupport.run(["grade", "s"], environment: environment, workingDirectory: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        let book = try CSVReader.records(try Data(contentsOf: work.appendingPathComponent("s/results/gradebook.csv")))
        let head = book[0].fields
        let status = try #require(head.firstIndex(of: "status"))
        for row in book.dropFirst() where ["s1", "s2"].contains(row.fields[0]) {
            #expect(["graded", "needs review"].contains(row.fields[status]), "\(row.fields)")
        }
        #expect(!graded.output.contains("rejected") && !graded.output.contains("incomplete"), "\(graded.output)")
    }

    /// A SIGKILL while a choice's POST is on its way, a few times at slightly different moments: after the
    /// restart the choice is either in the file and the page is past it, or in neither; the file always reads.
    @Test func aChoiceInFlightAtTheKillIsEitherSavedAndShownOrNeither() throws {
        let executable = try AppTestSupport.requireExecutable()
        let (work, environment, codes) = try classSession()
        let scenario = try scenario(in: work)
        var server = try ServeChild(executable: executable, work: work, environment: environment)
        defer { server.sigkill() }
        let citra = WebStudent(id: "s3", code: codes["s3"]!, port: server.port)
        try citra.signIn()
        var page = try citra.start()
        var taken: [String] = []
        var outcomes: [Bool] = []
        for delay in [0, 300, 1_000, 3_000] {  // microseconds between the request and the kill
            let onOffer = WebStudent.values(of: "choice", in: page.text)
            let step = try #require(WebStudent.values(of: "step", in: page.text).first)
            let choice = try #require(onOffer.first)
            let connection = try citra.client.connect()
            try connection.write(citra.request("POST", "/cases/okafor-referral/choose", form: [("step", step), ("choice", choice)]))
            if delay > 0 { usleep(UInt32(delay)) }
            server.sigkill()
            connection.close()

            // The file is made with the first choice: before that, a choice not saved leaves no file.
            let file = work.appendingPathComponent("s/attempts/s3--okafor-referral--1.jsonl")
            let reading = attempt(work, "s3")
            #expect(reading != nil || (taken.isEmpty && !FileManager.default.fileExists(atPath: file.path)), "the attempt file does not read after a kill: \((try? String(contentsOf: file, encoding: .utf8)).debugDescription)")
            let recorded = reading?.log.choices.map(\.description) ?? []
            let saved = recorded == taken + [choice]
            #expect(saved || recorded == taken, "recorded \(recorded), confirmed \(taken), in flight \(choice)")
            if saved { taken.append(choice) }
            outcomes.append(saved)

            server = try ServeChild(executable: executable, work: work, environment: environment)
            citra.reconnect(port: server.port)
            try citra.signIn()
            page = try citra.start()
            #expect(WebStudent.values(of: "step", in: page.text) == [String(taken.count)])
            // The choices after the last saved one, in the attempt's order (before the first choice there is no file
            // yet, and the new attempt draws a new order: then the same choices in any order).
            let shown = WebStudent.values(of: "choice", in: page.text)
            if let seed = attempt(work, "s3")?.log.header.seed {
                #expect(shown == (try offered(scenario, seed: seed, after: taken)))
            } else {
                let expected = try offered(scenario, seed: nil, after: taken).sorted()
                #expect(taken.isEmpty && shown.sorted() == expected)
            }
        }
        server.terminate()
        // Not asserted: which outcome each moment gave depends on the scheduler; both are right.
        print("in-flight kills: \(outcomes.map { $0 ? "saved" : "not saved" }.joined(separator: ", "))")
    }
}

/// `practicum serve s --port 0` as a child process: started, its port read from what it prints (within 30 s,
/// else killed), killed with SIGKILL or stopped with SIGTERM.
struct ServeChild {
    let process: Process
    let port: UInt16

    init(executable: URL, work: URL, environment: [String: String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "s", "--port", "0"]
        process.currentDirectoryURL = work
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A watchdog: if the address has not appeared in 30 s the server is killed, which closes the pipe.
        let started = process
        let ready = ReadyFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) {
            if !ready.isSet && started.isRunning { kill(started.processIdentifier, SIGKILL) }
        }
        var shown = ""
        while !shown.contains("Stop with Ctrl-C") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            shown += String(decoding: chunk, as: UTF8.self)
        }
        ready.set()
        guard let match = shown.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), let port = UInt16(match.1) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw ServeDidNotStart(printed: shown)
        }
        self.port = port
    }

    /// SIGKILL, and waits for it to be gone.
    func sigkill() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// SIGTERM, up to 20 s to stop, then SIGKILL.
    func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date() + 20
        while process.isRunning && Date() < deadline { usleep(20_000) }
        sigkill()
    }
}

struct ServeDidNotStart: Error {
    var printed: String
}

final class ReadyFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// A browser over LoopbackClient, a connection per request: its cookies and the latest CSRF token.
final class WebStudent {
    let id: String
    let code: String
    var client: LoopbackClient
    var cookies: [String: String] = [:]
    var csrf = ""

    init(id: String, code: String, port: UInt16) {
        self.id = id
        self.code = code
        client = LoopbackClient(port: port, timeout: 10)
    }

    /// A new server: its sign-ins are new, so the old cookies mean nothing.
    func reconnect(port: UInt16) {
        client = LoopbackClient(port: port, timeout: 10)
        cookies = [:]
        csrf = ""
    }

    func request(_ method: String, _ path: String, form: [(String, String)]? = nil) -> [UInt8] {
        var headers: [(name: String, value: String)] = []
        if !cookies.isEmpty {
            headers.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        var body: [UInt8] = []
        if let form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(FormEncoding.encode(([("csrf", csrf)] + form).map { (name: $0.0, value: $0.1) }).utf8)
        }
        return LoopbackClient.request(method: method, path: path, headers: headers, body: body, keepAlive: false)
    }

    func send(_ method: String, _ path: String, form: [(String, String)]? = nil) throws -> LoopbackClient.Response {
        let connection = try client.connect()
        defer { connection.close() }
        try connection.write(request(method, path, form: form))
        let response = try connection.readResponse()
        for (name, value) in response.headers where name == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if value.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : "" }
        }
        if let token = Self.values(of: "csrf", in: response.text).first { csrf = token }
        return response
    }

    func get(_ path: String) throws -> LoopbackClient.Response { try send("GET", path) }

    func signIn() throws {
        _ = try get("/signin")
        let response = try send("POST", "/signin", form: [("id", id), ("code", code)])
        try #require(response.status == 303 && response.header("location") == "/cases", "\(id): sign-in answered \(response.status)")
        _ = try get("/cases")
    }

    /// Opens (or goes on with) the case and returns the play page.
    func start() throws -> LoopbackClient.Response {
        _ = try get("/cases/okafor-referral")
        let started = try send("POST", "/cases/okafor-referral/start", form: [])
        try #require(started.status == 303 && started.header("location") == "/cases/okafor-referral/play", "\(id): start answered \(started.status)")
        let page = try get("/cases/okafor-referral/play")
        try #require(page.status == 200)
        return page
    }

    /// Posts the first choice on offer; returns it (confirmed: a 303 came) and, when asked to follow the
    /// redirect, the next play page (nil at the debrief, or when not followed).
    func choose(on page: LoopbackClient.Response, followRedirect: Bool) throws -> (String, LoopbackClient.Response?) {
        let step = try #require(Self.values(of: "step", in: page.text).first, "\(id): no step on \(page.text)")
        let choice = try #require(Self.values(of: "choice", in: page.text).first)
        var form = [("step", step), ("choice", choice)]
        if page.text.contains("<textarea") { form.append(("reflection", "She needs to lead this; I follow her priorities.")) }
        let answer = try send("POST", "/cases/okafor-referral/choose", form: form)
        let location = try #require(answer.header("location"))
        try #require(answer.status == 303, "\(id): a choice answered \(answer.status)")
        guard followRedirect, !location.hasSuffix("/debrief") else { return (choice, nil) }
        let next = try get(location)
        try #require(next.status == 200)
        try #require(Self.values(of: "step", in: next.text) == [String(Int(step)! + 1)], "\(id): the choice was not taken")
        return (choice, next)
    }

    /// The `value` of every field or button named `name` on a page (the values Practicum writes need no unescaping).
    static func values(of name: String, in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "name=\"\(name)\" value=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return found
    }
}
