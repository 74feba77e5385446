import Foundation
import PracticumClassroom
import PracticumHTTP
import Testing

/// `practicum serve`: what it refuses before listening, and the real executable serving and stopping.
@Suite("practicum serve")
struct ServeCommandTests {
    /// A session folder made by `session new` in a fresh folder (student s1), with or without codes.
    func session(codes: Bool) throws -> (work: URL, environment: [String: String]) {
        let (work, environment, _) = try AppTestSupport.childSession()
        if codes {
            let made = AppTestSupport.run(["session", "codes", "s"], environment: environment, workingDirectory: work)
            try #require(made.exitCode == 0, "\(made.errors)")
        }
        return (work, environment)
    }

    @Test func itNeedsExactlyOneOfASessionFolderOrLibrary() {
        let neither = AppTestSupport.run(["serve"])
        #expect(neither.exitCode == 64)
        #expect(neither.errors.contains("name the session folder to serve, or use --library"))
        let both = AppTestSupport.run(["serve", "somewhere", "--library"])
        #expect(both.exitCode == 64)
        #expect(both.errors.contains("--library serves the library, not a session"))
    }

    @Test(arguments: ["99999", "-1", "80a", "", "0x50", "１２３"])
    func aPortThatIsNotANumberFrom0To65535IsRefused(port: String) {
        let run = AppTestSupport.run(["serve", "--library", "--port", port])
        #expect(run.exitCode == 64)
        #expect(run.errors.contains("--port must be a whole number from 0 to 65535"), "\(run.errors)")
    }

    @Test func aSessionWithoutCodesIsRefusedWithTheCommandThatMakesThem() throws {
        let (work, environment) = try session(codes: false)
        let run = AppTestSupport.run(["serve", "s", "--port", "0"], environment: environment, workingDirectory: work)
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("session 's' has no sign-in codes yet"))
        #expect(run.errors.contains("practicum session codes s"))
    }

    @Test func aStudentsCopyWithoutTheRosterOrACaseCopyThatChangedIsRefused() throws {
        let (work, environment) = try session(codes: true)
        let caseFile = work.appendingPathComponent("s/cases/okafor-referral.scenario")
        try (String(contentsOf: caseFile, encoding: .utf8) + "\n# edited\n").write(to: caseFile, atomically: true, encoding: .utf8)
        let changed = AppTestSupport.run(["serve", "s", "--port", "0"], environment: environment, workingDirectory: work)
        #expect(changed.exitCode == 1)
        #expect(changed.errors.contains("is missing or has changed since the session was made"), "\(changed.errors)")

        try FileManager.default.removeItem(at: work.appendingPathComponent("s/roster.csv"))
        let copy = AppTestSupport.run(["serve", "s", "--port", "0"], environment: environment, workingDirectory: work)
        #expect(copy.exitCode == 1)
        #expect(copy.errors.contains("has no roster.csv: serve needs the instructor's session folder"), "\(copy.errors)")
    }

    @Test func aPortInUseIsAClearErrorNamingAnotherPort() throws {
        let (work, environment) = try session(codes: true)
        let occupier = HTTPServer(host: "127.0.0.1", port: 0) { _, _ in HTTPResponse(status: 204) }
        let port = try occupier.start()
        defer { occupier.stop() }
        let run = AppTestSupport.run(["serve", "s", "--port", String(port)], environment: environment, workingDirectory: work)
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("cannot listen on 127.0.0.1 port \(port)"), "\(run.errors)")
        #expect(run.errors.contains("try --port \(port + 1)"))
    }

    /// The real executable: serves a session on a free port, prints the addresses and the instructor's token,
    /// answers the sign-in page, and stops cleanly on SIGTERM.
    @Test func theExecutableServesPrintsWhereAndStopsOnSIGTERM() throws {
        let executable = try AppTestSupport.requireExecutable()
        let (work, environment) = try session(codes: true)
        let server = Process()
        server.executableURL = executable
        server.arguments = ["serve", "s", "--port", "0"]
        server.currentDirectoryURL = work
        server.environment = environment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        // Read up to the last line it prints before serving (bounded by the pipe closing if the server dies).
        var shown = ""
        while !shown.contains("Stop with Ctrl-C") || !shown.hasSuffix("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            shown += String(decoding: chunk, as: UTF8.self)
        }
        #expect(shown.contains("practicum serve: session 's' (1 case, 1 student)"), "\(shown)")
        let portText = try #require(shown.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//)?.1, "\(shown)")
        let port = try #require(UInt16(portText))
        #expect(shown.contains("Instructor: http://127.0.0.1:\(port)/instructor"))
        #expect(shown.contains("Only this machine can connect"))

        let page = try LoopbackClient(port: port).send(path: "/")
        #expect(page.status == 303 || page.status == 200)
        let signIn = try LoopbackClient(port: port).send(path: "/signin")
        #expect(signIn.status == 200)
        #expect(signIn.text.contains("<form"), "\(signIn.text)")

        kill(server.processIdentifier, SIGTERM)
        let deadline = Date() + 20
        while server.isRunning && Date() < deadline { usleep(20_000) }
        try #require(!server.isRunning, "serve did not stop within 20 s of SIGTERM")
        #expect(server.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("practicum serve: stopped."))
    }
}
