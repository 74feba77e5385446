import Foundation
import PracticumClassroom
import PracticumApp
import PracticumTerminal
import Testing

/// Runs `practicum` in-process with scripted input and captured output.
struct AppRun {
    var exitCode: Int32
    var output: String
    var errors: String
    /// How many scorers the run built (each explores its case once).
    var scorerBuilds = 0
}

enum AppTestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh folder for saved games, so tests never touch the real ones nor each other's.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("practicum-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The folder of cases the command-line tests play: stable fixtures, not the bundled library.
    static let library = root.appendingPathComponent("Tests/PracticumAppTests/Fixtures/Library")

    static func run(
        _ arguments: [String], input: [String] = [], state: URL? = nil, terminalInput: Bool = false,
        environment extra: [String: String] = [:], workingDirectory: URL? = nil, seed: UInt64 = 4242
    ) -> AppRun {
        let output = CapturedOutput()
        let errors = CapturedOutput()
        var environment = ["XDG_STATE_HOME": (state ?? temporaryDirectory()).path, "COLUMNS": "80", "HOME": "/nonexistent"]
        environment.merge(extra) { $1 }
        let terminal = TerminalInfo(environment: environment, isTTY: { _ in false }, windowColumns: { nil })
        var context = AppContext(
            output: output, errors: errors, input: ScriptedInput(lines: input), environment: environment,
            terminal: terminal, workingDirectory: workingDirectory ?? root, executable: nil,
            inputIsTerminal: terminalInput)
        context.drawSeed = { seed }
        let code = Practicum.run(arguments, context: &context)
        return AppRun(exitCode: code, output: output.text, errors: errors.text, scorerBuilds: context.scorers.builds)
    }

    /// The `practicum` executable beside the test bundle (the test target depends on it, so it is built), for
    /// the tests that run it as a child process; a test that cannot find it fails saying where it looked.
    static func requireExecutable(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("practicum")
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path), "no practicum at \(executable.path)",
            sourceLocation: sourceLocation)
        return executable
    }

    /// A session of one student (s1, Ana) on the fixture case `okafor-referral`, made in a fresh folder, for the
    /// tests that play it with the real executable: the folder, the environment those children run with, and
    /// the student's first attempt file.
    static func childSession(mode: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> (work: URL, environment: [String: String], attemptFile: URL)
    {
        let work = temporaryDirectory()
        try "id,name\ns1,Ana\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let environment = [
            "PRACTICUM_SCENARIOS": library.path,
            "PRACTICUM_CONTENT": root.appendingPathComponent("Content").path,
            "XDG_STATE_HOME": work.path, "HOME": work.path, "COLUMNS": "80", "NO_COLOR": "1",
        ]
        let made = run(
            ["session", "new", "--scenario", "okafor-referral", "--roster", "roster.csv", "--out", "s"]
                + (mode.map { ["--mode", $0] } ?? []),
            environment: environment, workingDirectory: work)
        try #require(made.exitCode == 0, "\(made.errors)", sourceLocation: sourceLocation)
        return (work, environment, work.appendingPathComponent("s/attempts/s1--okafor-referral--1.jsonl"))
    }

    /// A case file written with `text` in a fresh folder, for the tests that check or play a case of their own.
    static func caseFile(_ text: String, named name: String) throws -> URL {
        let file = temporaryDirectory().appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs `practicum` in a working folder of its own, against the fixture library and the real Content/:
    /// how the classroom tests play a session, grade and review it.
    static func inFolder(_ arguments: [String], in work: URL, input: [String] = []) -> AppRun {
        run(
            arguments, input: input,
            environment: [
                "PRACTICUM_SCENARIOS": library.path,
                "PRACTICUM_CONTENT": root.appendingPathComponent("Content").path,
            ], workingDirectory: work)
    }

    /// Runs `practicum` against the fixture library (`PRACTICUM_SCENARIOS`).
    static func fixture(
        _ arguments: [String], input: [String] = [], state: URL? = nil, terminalInput: Bool = false, seed: UInt64 = 4242
    ) -> AppRun {
        run(
            arguments, input: input, state: state, terminalInput: terminalInput,
            environment: ["PRACTICUM_SCENARIOS": library.path], seed: seed)
    }

    /// The attempt files under a state folder that read, oldest first.
    static func attempts(in state: URL) -> [(url: URL, log: AttemptLog)] {
        AttemptStore(directory: state.appendingPathComponent("practicum/attempts")).entries().compactMap { entry in
            guard case .success(let reading) = entry.reading else { return nil }
            return (entry.url, reading.log)
        }
    }

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
