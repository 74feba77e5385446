import Foundation
import PracticumClassroom
import Testing

/// The same student's session attempt played from two windows at once: the real executable twice. The second
/// is refused with a clear message and exit 1 while the first plays; the first's file stays whole and goes on.
@Suite("Two windows, one attempt")
struct TwoWindowsTests {
    var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("practicum")
    }

    @Test func aSecondPlayWhileTheFirstIsOpenIsRefusedAndTheFirstGoesOn() throws {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "no practicum at \(executable.path)")
        let work = AppTestSupport.temporaryDirectory()
        try "id,name\ns1,Ana\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let environment = [
            "PRACTICUM_SCENARIOS": AppTestSupport.library.path,
            "PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path,
            "XDG_STATE_HOME": work.path, "HOME": work.path, "COLUMNS": "80", "NO_COLOR": "1",
        ]
        let made = AppTestSupport.run(
            ["session", "new", "--scenario", "okafor-referral", "--roster", "roster.csv", "--out", "s"],
            environment: environment, workingDirectory: work)
        try #require(made.exitCode == 0, "\(made.errors)")
        let attemptFile = work.appendingPathComponent("s/attempts/s1--okafor-referral--1.jsonl")

        // The first window: one choice confirmed (the next prompt has appeared), then it waits for the student.
        let first = Process()
        first.executableURL = executable
        first.arguments = ["play", "--session", "s", "--student", "s1"]
        first.currentDirectoryURL = work
        first.environment = environment
        let input = Pipe()
        let output = Pipe()
        first.standardInput = input
        first.standardOutput = output
        first.standardError = FileHandle.nullDevice
        try first.run()
        var shown = Data()
        func prompts() -> Int { String(decoding: shown, as: UTF8.self).components(separatedBy: "quit) > ").count - 1 }
        func readUntil(prompts wanted: Int) {
            while prompts() < wanted {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                shown += chunk
            }
        }
        readUntil(prompts: 1)
        input.fileHandleForWriting.write(Data("2\n".utf8))
        readUntil(prompts: 2)
        try #require(prompts() == 2, "the first window did not reach its second prompt")
        let before = try Data(contentsOf: attemptFile)

        // The second window, scripted, while the first is open: refused, nothing written.
        let second = AppTestSupport.run(
            ["play", "--session", "s", "--student", "s1", "--choices", "hub#1,hub#2"], environment: environment,
            workingDirectory: work)
        #expect(second.exitCode == 1)
        #expect(second.errors.contains("this attempt is open in another window (pid \(first.processIdentifier) on "), "\(second.errors)")
        #expect(!second.output.contains("Progress saved"))
        #expect(try Data(contentsOf: attemptFile) == before)

        // The first goes on, then leaves (end of input): saved.
        input.fileHandleForWriting.write(Data("1\n".utf8))
        readUntil(prompts: 3)
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let reading = try AttemptLog.read(Data(contentsOf: attemptFile))
        #expect(reading.log.choices.map(\.description) == ["meet#2", "hub#1"])

        // Now the second window may go on with it.
        let later = AppTestSupport.run(
            ["play", "--session", "s", "--student", "s1", "--choices", "hub#2"], environment: environment,
            workingDirectory: work)
        #expect(later.exitCode == 0, "\(later.errors)")
        #expect(later.output.contains("Resuming after 2 choices."))
        #expect(try AttemptLog.read(Data(contentsOf: attemptFile)).log.choices.count == 3)
    }
}
