import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP

#if canImport(Glibc)
    import Glibc
#endif

// The `serve` section: a class of simulated students playing one case at once against the real `practicum serve`,
// then `grade` on the folder and a terminal replay of a sample, as issue 15 asks.

/// The process id of the server the load test started, killed at exit on every path (`fail` exits too).
nonisolated(unsafe) var runningServer: pid_t = 0

/// Kills the load test's server, if one is running; registered with `atexit`.
func killRunningServer() {
    if runningServer > 0 {
        kill(runningServer, SIGKILL)
        var status: Int32 = 0
        waitpid(runningServer, &status, 0)
        runningServer = 0
    }
}

/// What the load test measures and checks.
struct ServeLoadReport {
    var students = 0
    var choices: [Double] = []
    var firstPages: [Double] = []
    var failures: [String] = []
    /// Resident memory of the server (kB): when it was listening, once every student had started, at the end
    /// of play, and its high-water mark.
    var startKB = 0
    var everyoneInKB = 0
    var endKB = 0
    var peakKB = 0
    var gradeSeconds = 0.0
    var playSeconds = 0.0
    var replayed = 0
}

/// A session folder for the load test: one case, a roster of `students`, graded mode, one attempt each, and codes
/// made through `SessionCodes` (returned by student id).
func makeServeSession(in folder: URL, caseFile: URL, scenario: Scenario, students: Int) throws -> [String: String] {
    let fm = FileManager.default
    try? fm.removeItem(at: folder)
    for sub in [Session.casesFolder, Session.attemptsFolder, Session.resultsFolder] {
        try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    let ids = (0..<students).map { String(format: "s%03d", $0) }
    var roster = "id,name,email\n"
    for id in ids { roster += "\(id),Student \(id),\(id)@kampus.ac.id\n" }
    try roster.write(to: folder.appendingPathComponent(Session.rosterName), atomically: true, encoding: .utf8)
    let source = try Data(contentsOf: caseFile)
    try source.write(to: folder.appendingPathComponent("cases/\(scenario.id).scenario"))
    var session = Session(
        id: "bench-serve", created: AttemptLog.timestamp(), mode: "graded", attempts: 1, policy: .best, feedback: .debrief,
        passMark: 60, due: nil, homePage: "https://practicum.local/",
        cases: [Session.Case(id: scenario.id, file: "cases/\(scenario.id).scenario", sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
    session.studentKeys = ids.map { session.studentKey($0) }
    session.codes = true
    var codes = SessionCodes(session: session.id)
    var made: [String: String] = [:]
    for id in ids { made[id] = codes.add(student: id) }
    try codes.write(folder: folder)
    try session.write(folder: folder)
    return made
}

/// `practicum serve` started as a child (standard output read until it says where it listens, standard error
/// into a file), whose memory is read from /proc.
struct ServerChild {
    let pid: pid_t
    let port: UInt16
    let printed: String
    /// The read end of the server's standard output, kept open until it exits (it prints a last line when it
    /// stops, and a closed pipe would kill it with SIGPIPE instead).
    let output: Int32

    /// Starts `practicum serve FOLDER --port 0` and waits (at most `timeout` seconds) for its address.
    static func start(_ practicum: String, folder: URL, environment: [String: String], errors: URL, timeout: Double = 30) throws -> ServerChild {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw BenchError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let words: [String] = [practicum, "serve", folder.path, "--port", "0"]
        let argv = words.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, practicum, &actions, nil, argv, envp) == 0 else {
            close(output[0])
            close(output[1])
            throw BenchError("cannot start \(practicum)")
        }
        runningServer = pid
        close(output[1])
        var printed: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        while !String(decoding: printed, as: UTF8.self).contains("Stop with Ctrl-C") {
            let now = monotonicNanoseconds()
            guard now < deadline else {
                close(output[0])
                throw BenchError("serve printed no address within \(Int(timeout)) s")
            }
            var poller = pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(1000, (deadline - now) / 1_000_000))) >= 0 else { throw BenchError("poll failed") }
            guard poller.revents != 0 else { continue }
            let count = read(output[0], &buffer, buffer.count)
            guard count > 0 else {
                close(output[0])
                throw BenchError("serve stopped before listening: \(String(decoding: printed, as: UTF8.self))")
            }
            printed += buffer[0..<count]
        }
        let text = String(decoding: printed, as: UTF8.self)
        guard let match = text.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), let port = UInt16(match.1) else {
            close(output[0])
            throw BenchError("no address in serve's output: \(text)")
        }
        return ServerChild(pid: pid, port: port, printed: text, output: output[0])
    }

    /// A field of /proc/PID/status in kB (`VmRSS`, `VmHWM`); 0 once the process is gone.
    func memoryKB(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        }
        return 0
    }

    /// Sends SIGINT and waits up to `timeout` seconds for a clean exit (SIGKILL after); the exit status, or nil
    /// when it had to be killed.
    func interrupt(timeout: Double = 20) -> Int32? {
        defer { close(output) }
        kill(pid, SIGINT)
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        var status: Int32 = 0
        while monotonicNanoseconds() < deadline {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid {
                runningServer = 0
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            usleep(20_000)
        }
        killRunningServer()
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Samples a process's resident memory every `interval` seconds on a thread of its own, until stopped.
final class MemorySampler: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [(at: UInt64, kB: Int)] = []
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    init(server: ServerChild, interval: Double = 0.2) {
        let thread = Thread { [self] in
            while !isStopped {
                let kB = server.memoryKB("VmRSS")
                lock.withLock { samples.append((monotonicNanoseconds(), kB)) }
                usleep(UInt32(interval * 1e6))
            }
            done.signal()
        }
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// The latest sample (kB).
    var latest: Int { lock.withLock { samples.last?.kB ?? 0 } }
    var count: Int { lock.withLock { samples.count } }

    /// Stops sampling (waits for the thread, at most a second) and returns every sample.
    func stop() -> [(at: UInt64, kB: Int)] {
        lock.withLock { stopped = true }
        _ = done.wait(timeout: .now() + 1)
        return lock.withLock { samples }
    }
}

/// One simulated student: a browser on one keep-alive connection (cookies, the latest CSRF token), which signs
/// in, starts the case and plays it to an ending with choices drawn from its own seed, timing each choice.
final class SimulatedStudent: @unchecked Sendable {
    let id: String
    let code: String
    let caseID: String
    let client: LoopbackClient
    var random: SplitMix64
    /// Seconds to wait before signing in, and between choices (drawn per choice).
    let arrival: Double
    let thinkMilliseconds: Int

    var cookies: [String: String] = [:]
    var csrf = ""
    var connection: LoopbackClient.Connection?
    /// Seconds per choice (the POST and the GET it redirects to), and for the first page.
    var choiceSeconds: [Double] = []
    var firstPageSeconds: Double?
    /// The choice ids posted and confirmed, in order.
    var posted: [String] = []
    var failure: String?

    init(id: String, code: String, caseID: String, port: UInt16, seed: UInt64, arrival: Double, thinkMilliseconds: Int) {
        self.id = id
        self.code = code
        self.caseID = caseID
        client = LoopbackClient(port: port, timeout: 30)
        random = SplitMix64(seed: seed)
        self.arrival = arrival
        self.thinkMilliseconds = thinkMilliseconds
    }

    /// Plays; `started` is called once the case is open. Errors end up in `failure`.
    func run(started: () -> Void) {
        defer { connection?.close() }
        do {
            usleep(UInt32(arrival * 1e6))
            try firstPage()
            try signIn()
            var page = try startCase()
            started()
            var steps = 0
            while steps < 200 {
                steps += 1
                if thinkMilliseconds > 0 {
                    let low = UInt64(thinkMilliseconds / 3), span = UInt64(thinkMilliseconds * 4 / 3)
                    usleep(UInt32((low + random.next() % max(1, span)) * 1000))
                }
                guard let next = try choose(on: page) else { return }
                page = next
            }
            failure = "\(id): no ending within 200 choices"
        } catch {
            failure = "\(id): \(error)"
        }
    }

    /// A fresh connection's GET / and the sign-in page it leads to, timed from the connect; the connection is
    /// then kept for the rest of the play.
    private func firstPage() throws {
        let began = monotonicNanoseconds()
        let fresh = try client.connect()
        connection = fresh
        let root = try send("GET", "/")
        var page = root
        if root.status == 303, let location = root.header("location") { page = try send("GET", location) }
        firstPageSeconds = Double(monotonicNanoseconds() - began) / 1e9
        guard page.status == 200, page.text.contains("name=\"code\"") else {
            throw BenchError("the first page is \(page.status), not the sign-in form")
        }
    }

    private func signIn() throws {
        let response = try send("POST", "/signin", form: [("id", id), ("code", code)])
        guard response.status == 303, response.header("location") == "/cases" else {
            throw BenchError("sign-in answered \(response.status) \(response.header("location") ?? "")")
        }
        let cases = try send("GET", "/cases")
        guard cases.status == 200 else { throw BenchError("/cases answered \(cases.status)") }
    }

    private func startCase() throws -> LoopbackClient.Response {
        let base = "/cases/\(caseID)"
        let front = try send("GET", base)
        guard front.status == 200 else { throw BenchError("\(base) answered \(front.status)") }
        let started = try send("POST", base + "/start", form: [])
        guard started.status == 303, started.header("location") == base + "/play" else {
            throw BenchError("start answered \(started.status) \(started.header("location") ?? "")")
        }
        let play = try send("GET", base + "/play")
        guard play.status == 200 else { throw BenchError("the play page answered \(play.status)") }
        return play
    }

    /// Posts a choice drawn from the page's form and follows the redirect; the next play page, or nil at the
    /// debrief.
    private func choose(on page: LoopbackClient.Response) throws -> LoopbackClient.Response? {
        let text = page.text
        guard let step = Self.values(of: "step", in: text).first.flatMap(Int.init) else {
            throw BenchError("a play page without a step: \(text.prefix(300))")
        }
        let offered = Self.values(of: "choice", in: text)
        guard !offered.isEmpty else { throw BenchError("a play page without choices at step \(step)") }
        let chosen = offered[Int(random.next() % UInt64(offered.count))]
        var fields = [("step", String(step)), ("choice", chosen)]
        if text.contains("<textarea") { fields.append(("reflection", "I would check what the client wants first, then agree the next step with her.")) }
        let began = monotonicNanoseconds()
        let answer = try send("POST", "/cases/\(caseID)/choose", form: fields)
        guard answer.status == 303, let location = answer.header("location") else {
            throw BenchError("a choice answered \(answer.status)")
        }
        let next = try send("GET", location)
        choiceSeconds.append(Double(monotonicNanoseconds() - began) / 1e9)
        guard next.status == 200 else { throw BenchError("\(location) answered \(next.status)") }
        if location.hasSuffix("/debrief") {
            posted.append(chosen)
            return nil
        }
        let nextStep = Self.values(of: "step", in: next.text).first.flatMap(Int.init) ?? -1
        guard nextStep > step else { throw BenchError("choice \(chosen) at step \(step) was not taken (the page is at \(nextStep))") }
        posted.append(chosen)
        return next
    }

    private func send(_ method: String, _ path: String, form: [(String, String)]? = nil) throws -> LoopbackClient.Response {
        guard let connection else { throw BenchError("no connection") }
        var headers: [(name: String, value: String)] = []
        if !cookies.isEmpty {
            headers.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        var body: [UInt8] = []
        if let form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(FormEncoding.encode(([("csrf", csrf)] + form).map { (name: $0.0, value: $0.1) }).utf8)
        }
        let response = try connection.send(method: method, path: path, headers: headers, body: body)
        for (name, value) in response.headers where name == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let cookieName = String(pair[0])
            if value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = pair.count > 1 ? String(pair[1]) : "" }
        }
        if let token = Self.values(of: "csrf", in: response.text).first { csrf = token }
        return response
    }

    /// The `value` of every input or button with this `name`, unescaped.
    static func values(of name: String, in text: String) -> [String] {
        let marker = "name=\"\(name)\" value=\""
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.append(unescape(String(rest[..<end])))
            rest = rest[end...]
        }
        return found
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}

/// The value at `fraction` (0-1) of sorted values, nearest rank.
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count - 1, max(0, rank - 1))]
}
