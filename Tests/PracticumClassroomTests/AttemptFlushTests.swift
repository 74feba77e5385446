import Foundation
import PracticumCore
import Testing
@testable import PracticumClassroom

/// Terminal play writes every line at once but, fed from a pipe, no longer flushes each one to the disk on its
/// own (`flushInterval`); and an attempt file never grows past what can be read back (`isFull`).
@Suite struct AttemptFlushTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flush-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func step(_ number: Int) -> AttemptLog.Entry {
        .step(step: number, choice: AttemptLog.choiceID("hub#\(number % 2 + 1)")!, at: "2026-12-07T09:00:00Z", reflection: nil)
    }

    static func lines(_ url: URL) -> Int {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func withoutAnIntervalEveryLineIsFlushed() throws {
        let url = Self.folder().appendingPathComponent("a.jsonl")
        let writer = try AttemptWriter.create(at: url, header: AttemptLogTests.header)
        for number in 1...3 { try writer.append(Self.step(number)) }
        #expect(writer.flushes == 4)
        #expect(!writer.hasUnflushedLines)
    }

    @Test func linesSoonAfterAFlushWaitForTheNextFlushButAreWrittenAtOnce() throws {
        let url = Self.folder().appendingPathComponent("a.jsonl")
        let writer = try AttemptWriter.create(at: url, header: AttemptLogTests.header)
        var now = DispatchTime.now().uptimeNanoseconds
        writer.clock = { now }
        writer.flushInterval = 0.1
        for number in 1...5 { try writer.append(Self.step(number)) }
        #expect(writer.flushes == 1, "only the header was flushed")
        #expect(writer.hasUnflushedLines)
        // Written all the same: a process killed now loses nothing.
        #expect(Self.lines(url) == 6)
        try writer.flush()
        #expect(writer.flushes == 2 && !writer.hasUnflushedLines)
        try writer.flush()
        #expect(writer.flushes == 2, "nothing left to flush")
        // A line after the interval is flushed on its own again, as a person's always is.
        now += 200_000_000
        try writer.append(Self.step(6))
        #expect(writer.flushes == 3 && !writer.hasUnflushedLines)
    }

    /// The file can hold `AttemptLog.maximumEntries` steps and undos; the recorder writes no more, says why,
    /// and keeps what it has as saved: the file reads back whole.
    @Test func aFullAttemptFileTakesNoMoreAndStillReads() throws {
        let url = Self.folder().appendingPathComponent("a.jsonl")
        let recorder = AttemptRecorder(newAttemptAt: url) { AttemptLogTests.header }
        recorder.flushInterval = 60
        for number in 1...AttemptLog.maximumEntries {
            #expect(recorder.record(Self.step(number)) == nil)
        }
        #expect(recorder.isFull)
        #expect(recorder.record(Self.step(AttemptLog.maximumEntries + 1)) == AttemptRecorder.fullMessage)
        #expect(recorder.record(.undo(step: 1, at: "2026-12-07T09:00:00Z")) == AttemptRecorder.fullMessage)
        #expect(recorder.failure == nil, "nothing was lost")
        #expect(recorder.flush() == nil)
        let reading = try AttemptLog.read(Data(contentsOf: url))
        #expect(reading.log.entries.count == AttemptLog.maximumEntries)

        // Resumed, it is still full.
        let resumed = try AttemptRecorder(resuming: url, reading: reading)
        #expect(resumed.isFull)
        #expect(resumed.record(Self.step(1)) == AttemptRecorder.fullMessage)
        #expect(Self.lines(url) == AttemptLog.maximumEntries + 1)
    }
}
