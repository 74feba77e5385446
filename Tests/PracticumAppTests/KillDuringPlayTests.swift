import Foundation
import PracticumClassroom
import PracticumEngine
import Testing

/// The real executable, killed with SIGKILL at random moments of a session play and started again, many
/// times: every choice whose next scene had appeared (confirmed to the student) must be in the attempt
/// file, the file must always read, and the attempt must end with exactly the choices confirmed.
///
/// The moments are drawn from a fixed seed (SplitMix64), so a failure can be run again with the same
/// decisions: every expectation names the seed, and `PRACTICUM_KILL_SEED=N swift test --filter
/// KillDuringPlay` draws from another. (Whether a choice sent just before a kill reached the disk still
/// depends on the scheduler; the test accepts both, as a student would see either.)
@Suite("Killed mid-play: nothing confirmed is lost", .serialized)
struct KillDuringPlayTests {
    /// The fixture case's best path as a pipe numbers the choices (written order).
    let path = ["2", "1", "1", "1", "1", "2", "1", "1", "1", "2", "1"]

    /// The seed the kill moments are drawn from when `PRACTICUM_KILL_SEED` does not give one.
    static let defaultSeed: UInt64 = 20_261_203

    var seed: UInt64 {
        ProcessInfo.processInfo.environment["PRACTICUM_KILL_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
    }


    @Test func killingAtRandomMomentsLosesNoConfirmedChoice() throws {
        let executable = try AppTestSupport.requireExecutable()
        let (work, environment, attemptFile) = try AppTestSupport.childSession(mode: "practice")

        let seed = self.seed
        let again = "seed \(seed); run again with PRACTICUM_KILL_SEED=\(seed)"
        var generator = SplitMix64(seed: seed)
        var confirmed = 0
        var runs = 0
        var killedAtAPrompt = 0
        var killedRightAfterSending = 0
        while confirmed < path.count && runs < 40 {
            runs += 1
            let process = Process()
            process.executableURL = executable
            process.arguments = ["play", "--session", "s", "--student", "s1"]
            process.currentDirectoryURL = work
            process.environment = environment
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Answer prompts until a random moment, then SIGKILL: sometimes right after a choice is sent. Drawn with
            // the generator's own bounded draw, whose sequence no standard-library change can alter.
            let stopAfter = 1 + Int(generator.next(below: 4))
            let killRightAfterSending = generator.next(below: 2) == 1
            var prompts = 0
            var buffer = Data()
            let deadline = Date().addingTimeInterval(30)
            var killed = false
            while Date() < deadline && process.isRunning {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                let text = String(decoding: buffer, as: UTF8.self)
                let seen = text.components(separatedBy: "quit) > ").count - 1
                guard seen > prompts else { continue }
                // A new prompt: the choice sent before it is confirmed.
                if prompts > 0 { confirmed += 1 }
                prompts = seen
                if confirmed >= path.count { break }
                if prompts > stopAfter {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                    killedAtAPrompt += 1
                    break
                }
                input.fileHandleForWriting.write(Data((path[confirmed] + "\n").utf8))
                if killRightAfterSending && prompts == stopAfter {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                    killedRightAfterSending += 1
                    break
                }
            }
            if !killed && process.isRunning { try? input.fileHandleForWriting.close() }
            process.waitUntilExit()
            // However it stopped, the file reads, and holds at least every confirmed choice, in order.
            if confirmed > 0 {
                let data = try #require(try? Data(contentsOf: attemptFile), "run \(runs): no attempt file; \(again)")
                let reading = try #require(try? AttemptLog.read(data), "run \(runs): the attempt file does not read; \(again)")
                let recorded = reading.log.choices.count
                #expect(recorded >= confirmed, "run \(runs): \(recorded) recorded, \(confirmed) confirmed; \(again)")
                // A choice sent but not yet confirmed may or may not be on the disk; either way it counts now.
                confirmed = max(confirmed, recorded)
            }
        }
        #expect(confirmed == path.count, "the attempt finished in \(runs) runs; \(again)")
        let final = try AttemptLog.read(try Data(contentsOf: attemptFile))
        #expect(final.log.choices.count == path.count, "\(again)")
        #expect(runs > 3, "it was killed along the way; \(again)")
        // Both kinds of moment were tried: at a prompt, and right after a choice was sent.
        #expect(
            killedAtAPrompt > 0 && killedRightAfterSending > 0,
            "\(killedAtAPrompt) kills at a prompt, \(killedRightAfterSending) right after sending; \(again)")
        // And it grades as the best path.
        let graded = AppTestSupport.run(["grade", "s"], environment: environment, workingDirectory: work)
        #expect(graded.exitCode == 0 && graded.output.contains("1 graded"), "\(graded.output); \(again)")
    }
}
