import Foundation
import PracticumClassroom
import Testing

/// The same student's session attempt played from two windows at once: the real executable twice. The second
/// is refused with a clear message and exit 1 while the first plays; the first's file stays whole and goes on.
@Suite("Two windows, one attempt")
struct TwoWindowsTests {

    @Test func aSecondPlayWhileTheFirstIsOpenIsRefusedAndTheFirstGoesOn() throws {
        let executable = try AppTestSupport.requireExecutable()
        let (work, environment, attemptFile) = try AppTestSupport.childSession()

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
