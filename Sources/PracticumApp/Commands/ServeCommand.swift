import Foundation
import PracticumClassroom
import PracticumCore
import PracticumHTTP
import PracticumScoring
import PracticumTerminal
import PracticumWeb

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `practicum serve SESSION | --library`: the class plays in a browser. This command only wires the pieces:
/// it reads and checks the session (or the library), makes the web app (PracticumWeb) and the HTTP server
/// (PracticumHTTP), prints the addresses to hand out and serves until Ctrl-C or SIGTERM.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve a session (or the library) to browsers: students play on their phones and laptops."
    static let usage = """
        serve SESSION [--host H] [--port P] [--secure-cookies] [--behind-proxy] [--lang en|id]
               practicum serve --library [--host H] [--port P] [--secure-cookies] [--behind-proxy] [--lang en|id]
        """
    static let discussion = """
        'serve SESSION' serves a session folder made by 'session new': students open the address printed, sign \
        in with their roster id and the code from 'practicum session codes SESSION', and play; every choice is \
        written to the session's attempts/ folder (the same files 'grade' reads) before the page moves on. The \
        instructor's page is at /instructor, opened with the token printed at start (a new one each time). \
        'serve --library' offers every bundled case for practice without signing in; nothing is written. \
        The server listens on 127.0.0.1 (this machine only) unless --host says otherwise: --host 0.0.0.0 for the \
        class network. Behind a TLS reverse proxy, use --secure-cookies and --behind-proxy (see docs/serve.md). \
        Stop with Ctrl-C: every confirmed choice is already on the disk.
        """
    static let options: [OptionSpec] = [
        .flag("library", help: "Serve the bundled library for practice, without a session or sign-in."),
        .option("host", valueName: "address", help: "The address to listen on (default 127.0.0.1; 0.0.0.0 for every network)."),
        .option("port", valueName: "n", help: "The port (default 8080; 0 picks a free one)."),
        .flag("secure-cookies", help: "Mark cookies Secure: use when students reach the server over https."),
        .flag("behind-proxy", help: "Trust the last X-Forwarded-For address (only behind a reverse proxy that sets it)."),
        .option("lang", valueName: "en|id", help: "The pages' language when a browser asks for neither (default en)."),
        CommonOptions.content,
        CommonOptions.scenarios,
    ]

    static let defaultPort: UInt16 = 8080

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        let library = arguments.flag("library")
        guard arguments.positionals.count <= 1 else {
            throw .usage("serve takes one session folder", hint: "usage: practicum \(usage)")
        }
        let folderPath = arguments.positionals.first
        guard library != (folderPath != nil) else {
            throw .usage(
                library ? "--library serves the library, not a session: leave out the folder"
                    : "name the session folder to serve, or use --library",
                hint: "usage: practicum \(usage)")
        }
        let host = arguments.value("host") ?? "127.0.0.1"
        let port = try parsePort(arguments.value("port"))
        let content = try context.loadContent(explicit: arguments.value("content"))
        let rubric = try context.loadRubric(content)
        let language = try parseLanguage(arguments.value("lang"), content: content)
        let secureCookies = arguments.flag("secure-cookies")

        var configuration: WebApp.Configuration
        var title = ""
        if let folderPath {
            configuration = try sessionConfiguration(
                folderPath, content: content, rubric: rubric, secureCookies: secureCookies, language: language,
                context: context, title: &title)
        } else {
            let directory: URL
            do {
                directory = try context.locator.scenariosDirectory(explicit: arguments.value("scenarios"))
            } catch {
                throw CommandError(error.description)
            }
            let loader = ScenarioLoader(content: content)
            let cases = CaseLibrary.load(from: directory, loader: loader).entries.compactMap {
                loader.load(path: $0.path).scenario
            }
            guard !cases.isEmpty else {
                throw CommandError("no case in \(directory.path) loads", hint: "run 'practicum list' to see what is wrong")
            }
            configuration = WebApp.Configuration(
                libraryCases: cases, content: content, rubric: rubric, secureCookies: secureCookies,
                defaultLanguage: language)
            title = "the library (\(cases.count) case\(cases.count == 1 ? "" : "s"), practice only)"
        }
        configuration.trustForwardedFor = arguments.flag("behind-proxy")

        let app = WebApp(configuration)
        let limits = HTTPLimits()
        raiseOpenFileLimit(toAtLeast: limits.maxConnections + 64)
        let server = HTTPServer(host: host, port: port, limits: limits, handler: app.handler)
        // SIGINT and SIGTERM are blocked before the server's threads exist (they inherit the mask) and taken by
        // one thread with sigwait, so a signal sent at any moment from here on stops the server: one that comes
        // early waits, pending, until the thread asks. A closed standard output must not kill the server.
        signal(SIGPIPE, SIG_IGN)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &stopSignals, &previousMask)
        let bound: UInt16
        do {
            bound = try server.start()
        } catch let failure as HTTPSocketError {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            throw CommandError(
                "cannot listen on \(host) port \(port): \(failure.message)",
                hint: failure.code == EADDRINUSE ? "another program uses that port; try --port \(port == 0 ? 8081 : port + 1)" : nil)
        } catch {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            throw CommandError("cannot listen on \(host) port \(port): \(error)")
        }

        stopOnSignals(stopSignals, server: server)
        context.output.writeLine("practicum serve: \(title)")
        let addresses = urls(host: host, port: bound)
        context.output.writeLine(addresses.count == 1 ? "Students open:" : "Students open one of:")
        for address in addresses { context.output.writeLine("  \(address)") }
        if let token = configuration.instructorToken {
            context.output.writeLine("Instructor: \(addresses[0])instructor")
            context.output.writeLine("  token: \(token)   (keep it to yourself; a new one each time serve starts)")
        }
        if ["127.0.0.1", "::1", "localhost"].contains(host) {
            context.output.writeLine("Only this machine can connect; use --host 0.0.0.0 for the class network.")
        }
        context.output.writeLine(
            library
                ? "Stop with Ctrl-C. Practice plays are kept in memory only and end when the server stops."
                : "Stop with Ctrl-C: every confirmed choice is already on the disk.")

        server.wait()
        context.output.writeLine("practicum serve: stopped.")
        return ExitCode.success
    }

    /// The configuration for a session folder: its manifest, roster and codes, and every case copy checked.
    private static func sessionConfiguration(
        _ folderPath: String, content: ContentLibrary, rubric: Rubric, secureCookies: Bool, language: String,
        context: AppContext, title: inout String
    ) throws(CommandError) -> WebApp.Configuration {
        let (session, folder) = try context.session(at: folderPath)
        guard let roster = try context.roster(of: folder) else {
            throw CommandError(
                "session '\(session.id)' has no \(Session.rosterName): serve needs the instructor's session folder",
                hint: "a copy handed to students cannot be served")
        }
        let codes: SessionCodes?
        do {
            codes = try SessionCodes.read(folder: folder)
        } catch {
            throw CommandError(VisibleText.make(error.message, keepNewlines: false))
        }
        guard let codes, !codes.isEmpty else {
            throw CommandError(
                "session '\(session.id)' has no sign-in codes yet",
                hint: "make them first: practicum session codes \(PlayCommand.shellWord(folderPath)), and hand each student theirs")
        }
        let missing = roster.students.filter { codes.signingKey(student: $0.id) == nil }.map(\.id)
        if !missing.isEmpty {
            context.errors.writeLine(
                "warning: \(missing.count) student(s) on the roster have no code and cannot sign in: "
                    + missing.prefix(10).map { VisibleText.make($0, keepNewlines: false) }.joined(separator: ", ")
                    + (missing.count > 10 ? ", ..." : "")
                    + " (practicum session codes \(PlayCommand.shellWord(folderPath)) --student ID)")
        }
        var cases: [Scenario] = []
        for sessionCase in session.cases {
            cases.append(try context.verifiedCopy(of: sessionCase, in: folder, session: session, content: content))
        }
        // Codes are looked up at each sign-in and each attempt opened, and the file is read again whenever it has
        // changed, so a code replaced with 'session codes --student' while the server runs works at once.
        let codesFile = SessionCodesFile(folder: folder)
        var configuration = WebApp.Configuration(
            sessionFolder: folder, session: session, roster: roster, cases: cases, content: content, rubric: rubric,
            verifyCode: { student, code in
                ((try? codesFile.current()) ?? nil)?.verify(student: student, code: code) ?? false
            }, secureCookies: secureCookies, defaultLanguage: language)
        configuration.signingKey = { student in ((try? codesFile.current()) ?? nil)?.signingKey(student: student) }
        configuration.instructorToken = WebApp.newInstructorToken()
        title =
            "session '\(VisibleText.make(session.id, keepNewlines: false))' (\(cases.count) case\(cases.count == 1 ? "" : "s"), "
            + "\(roster.students.count) student\(roster.students.count == 1 ? "" : "s"))"
        return configuration
    }

    /// A port: digits only, 0-65535 (0: any free port).
    static func parsePort(_ text: String?) throws(CommandError) -> UInt16 {
        guard let text else { return defaultPort }
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = UInt16(text) else {
            throw .usage("--port must be a whole number from 0 to 65535, not '\(VisibleText.make(text, keepNewlines: false))'")
        }
        return port
    }

    private static func parseLanguage(_ text: String?, content: ContentLibrary) throws(CommandError) -> String {
        guard let text else { return "en" }
        guard text == "en" || text == "id" else {
            throw .usage("unknown page language '\(VisibleText.make(text, keepNewlines: false))'; use en or id")
        }
        return text
    }

    /// The addresses to hand out: the one listened on, or for 0.0.0.0 / :: this machine's own addresses on
    /// its networks (loopback last).
    static func urls(host: String, port: UInt16) -> [String] {
        func url(_ address: String) -> String {
            address.contains(":") ? "http://[\(address)]:\(port)/" : "http://\(address):\(port)/"
        }
        guard host == "0.0.0.0" || host == "::" else { return [url(host)] }
        var found: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        if getifaddrs(&list) == 0, let first = list {
            var cursor: UnsafeMutablePointer<ifaddrs>? = first
            while let entry = cursor {
                defer { cursor = entry.pointee.ifa_next }
                guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
                var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                let length = socklen_t(MemoryLayout<sockaddr_in>.size)
                if getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                    let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if !name.hasPrefix("127."), !found.contains(name) { found.append(name) }
                }
            }
            freeifaddrs(first)
        }
        return found.map(url) + [url("127.0.0.1")]
    }

    /// Stops the server when one of `signals` (blocked in every thread of the server) arrives: a thread of its
    /// own waits for them with sigwait. Blocking rather than handling also covers a parent that started the
    /// server with them blocked (some test runners and service managers do).
    private static func stopOnSignals(_ signals: sigset_t, server: HTTPServer) {
        let waiter = Thread {
            var set = signals
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            server.stop()
        }
        waiter.name = "practicum serve: signals"
        waiter.start()
    }

    /// Raises the soft limit on open files towards `wanted` (within the hard limit), so that the server's cap
    /// on connections, not the process's descriptors, is what a full class meets.
    private static func raiseOpenFileLimit(toAtLeast wanted: Int) {
        var limit = rlimit()
        guard getrlimit(resourceLimitOpenFiles, &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        _ = setrlimit(resourceLimitOpenFiles, &limit)
    }

    #if canImport(Glibc)
        private static let resourceLimitOpenFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resourceLimitOpenFiles = RLIMIT_NOFILE
    #endif
}
