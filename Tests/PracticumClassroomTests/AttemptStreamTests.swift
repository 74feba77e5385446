import Foundation
import PracticumCore
import PracticumEngine
import Testing
@testable import PracticumClassroom

/// The streamed reader (`AttemptLog.read(file:)`) against the whole-file reader (`AttemptLog.read(bytes:)`): for
/// any bytes, cut into pieces anywhere, the same reading or the same problem, word for word.
@Suite("Attempt files read as a stream: the whole-file reader's result, a chunk at a time")
struct AttemptStreamTests {
    typealias Outcome = Result<AttemptLog.Reading, AttemptLog.Problem>

    static let key = AttemptKey(code: "ABCDE-FGHJK", session: "week3", student: "s1")
    static let otherKey = AttemptKey(code: "KLMNP-QRSTV", session: "week3", student: "s2")

    static func whole(_ bytes: [UInt8], maximumEntries: Int = AttemptLog.maximumEntries) -> Outcome {
        do {
            return .success(try AttemptLog.read(bytes: bytes, maximumEntries: maximumEntries))
        } catch {
            return .failure(error)
        }
    }

    /// The bytes fed in pieces cut at `cuts` (positions, in order).
    static func streamed(
        _ bytes: [UInt8], cuts: [Int] = [], reflections: AttemptLog.ReflectionKeeping = .asWritten,
        chains: (AttemptLog.Header) -> [AttemptLog.ChainToCheck] = { _ in [] }, maximumEntries: Int = AttemptLog.maximumEntries
    ) -> Outcome {
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [bytes.count] where cut >= start && cut <= bytes.count {
            pieces.append(Array(bytes[start..<cut]))
            start = cut
        }
        do {
            return .success(try AttemptLog.read(pieces: pieces, reflections: reflections, chains: chains, maximumEntries: maximumEntries))
        } catch {
            return .failure(error)
        }
    }

    /// Writes the bytes to a file of their own and reads it with the streamed reader, `chunkSize` bytes at a time.
    static func fromFile(
        _ bytes: [UInt8], chunkSize: Int, maximumFileSize: Int = AttemptStore.maximumFileSize
    ) throws -> Result<AttemptLog.Reading, AttemptLog.FileProblem> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            return .success(try AttemptLog.read(file: url.path, maximumFileSize: maximumFileSize, chunkSize: chunkSize))
        } catch {
            return .failure(error)
        }
    }

    static var sampleBytes: [UInt8] { Array(AttemptLogTests.sample.text.utf8) }

    static func lines(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    /// Anything but a regular file in a file's place is unreadable at once: a FIFO would block the open (and a
    /// `review` or `grade` with it) until someone wrote to it. A file read whole has a stamp; written again
    /// with the same bytes, another.
    @Test func aFIFOIsRefusedWithoutWaitingAndAFileHasAStamp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("s1--case--1.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: AttemptLog.FileProblem.unreadable) { try AttemptLog.read(file: fifo) }
        #expect(throws: AttemptLog.FileProblem.unreadable) { try AttemptLog.read(file: folder.path) }
        let file = folder.appendingPathComponent("a.jsonl")
        let text = AttemptLog(header: AttemptLog.Header(
            id: "a", caseID: "c", caseHash: "h", seed: 1, mode: "practice", student: nil, session: nil,
            started: "2026-11-27T09:00:00Z"), entries: []).text
        try text.write(to: file, atomically: true, encoding: .utf8)
        let first = try AttemptLog.read(file: file.path)
        let second = try AttemptLog.read(file: file.path)
        #expect(first.stamp != nil && second.stamp == first.stamp)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let again = try AttemptLog.read(file: file.path)
        #expect(again == first && again.stamp != nil && again.stamp != first.stamp)
    }

    @Test func everyCutOfAFileGivesTheWholeFileReading() throws {
        let bytes = Self.sampleBytes
        let expected = Self.whole(bytes)
        #expect((try? expected.get()) != nil)
        for cut in 0...bytes.count {
            #expect(Self.streamed(bytes, cuts: [cut]) == expected, "cut at \(cut)")
        }
        for cuts in [[1, 2, 3], [10, 11, 200, 201], Array(stride(from: 0, to: bytes.count, by: 3))] {
            #expect(Self.streamed(bytes, cuts: cuts) == expected)
        }
    }

    @Test func aFileReadInSmallChunksSplittingItsLinesReadsAsAWhole() throws {
        let bytes = Self.sampleBytes
        for chunkSize in [1, 2, 7, 64, 4_096, AttemptLog.readChunkSize] {
            #expect(try Self.fromFile(bytes, chunkSize: chunkSize) == Self.whole(bytes).mapError { .attempt($0) })
        }
    }

    @Test func aLineOverTheLimitMidFileIsRefusedWithTheSameMessage() throws {
        let long = "{\"at\":\"2026-11-27T09:02:00Z\",\"choice\":\"s#1\",\"reflection\":\"" + String(repeating: "x", count: 70_000)
            + "\",\"step\":2,\"type\":\"step\"}"
        let text = AttemptLog.line(for: AttemptLogTests.header) + "\n"
            + AttemptLog.line(for: AttemptLogTests.step(1, "rujukan#3")) + "\n" + long + "\n"
            + AttemptLog.line(for: AttemptLogTests.step(3, "rujukan#1")) + "\n"
        let bytes = Array(text.utf8)
        let expected = Self.whole(bytes)
        #expect(expected == .failure(AttemptLog.Problem(line: 3, message: "the line is longer than 65536 bytes")))
        for cuts in [[], [100], [200, 30_000, 65_000, 70_100], Array(stride(from: 0, to: bytes.count, by: 4_096))] {
            #expect(Self.streamed(bytes, cuts: cuts) == expected)
        }
        // A header over the limit, and a line exactly at the limit (read, and refused for what it holds).
        let longHeader = Array((String(repeating: " ", count: 70_000) + "\n").utf8)
        #expect(Self.streamed(longHeader, cuts: [65_536, 65_537]) == Self.whole(longHeader))
        let atLimit = Self.lines([AttemptLog.line(for: AttemptLogTests.header), String(repeating: "y", count: 65_536), ""])
        #expect(Self.streamed(atLimit, cuts: [300, 65_600]) == Self.whole(atLimit))
    }

    @Test func aFileLargerThanTheCapStopsTheReadingThere() throws {
        let bytes = Self.sampleBytes
        #expect(try Self.fromFile(bytes, chunkSize: 16, maximumFileSize: bytes.count - 1) == .failure(.tooLarge))
        #expect(try Self.fromFile(bytes, chunkSize: 16, maximumFileSize: bytes.count) == Self.whole(bytes).mapError { .attempt($0) })
        // A file that grows while it is read: its size when looked at no longer matters, only the bytes read.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grows-\(UUID().uuidString).jsonl")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x41, count: 1_000))
        try handle.close()
        #expect(throws: AttemptLog.FileProblem.tooLarge) {
            try AttemptLog.read(file: url.path, maximumFileSize: bytes.count + 999, chunkSize: 100)
        }
        #expect(throws: AttemptLog.FileProblem.unreadable) { try AttemptLog.read(file: url.path + ".missing") }
    }

    @Test func aFinalLineWithoutItsLineBreakIsDroppedAsBefore() throws {
        let bytes = Self.sampleBytes
        for cut in 1..<40 {
            let torn = Array(bytes.dropLast(cut))
            let expected = Self.whole(torn)
            #expect((try? expected.get())?.droppedTornLine == true)
            #expect(Self.streamed(torn, cuts: [torn.count - 5]) == expected)
            #expect(try Self.fromFile(torn, chunkSize: 13) == expected.mapError { .attempt($0) })
        }
        // Zero bytes a power cut left, as the last line, with or without a torn line after them, or two such lines.
        for tail: [UInt8] in [[0, 0, 0, 0x0A], [0, 0x0A, 0x7B], [0, 0x0A, 0, 0x0A], Array(repeating: 0, count: 70_000) + [0x0A]] {
            let expected = Self.whole(bytes + tail)
            #expect(Self.streamed(bytes + tail, cuts: [bytes.count, bytes.count + 1]) == expected)
        }
        // A zero line that is not the last is read, and refused as the whole-file reader refuses it.
        let middle = Self.lines([AttemptLog.line(for: AttemptLogTests.header), "\u{0}\u{0}", AttemptLog.line(for: AttemptLogTests.step(1, "a#1")), ""])
        #expect((try? Self.whole(middle).get()) == nil)
        #expect(Self.streamed(middle, cuts: [5]) == Self.whole(middle))
    }

    @Test func carriageReturnsEmptyFilesAndCutLinesGiveTheOldAnswers() throws {
        let crlf = Array(AttemptLogTests.sample.text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(Self.streamed(crlf, cuts: [50, 51]) == Self.whole(crlf))
        for bytes: [UInt8] in [[], [0x0A], [0], [0, 0, 0x0A], [0x7B], Array("\n\n".utf8), Array("{}\n".utf8)] {
            #expect(Self.streamed(bytes, cuts: [1]) == Self.whole(bytes), "\(bytes)")
            #expect(try Self.fromFile(bytes, chunkSize: 1) == Self.whole(bytes).mapError { .attempt($0) })
        }
        #expect(Self.streamed([]) == .failure(AttemptLog.Problem(line: 0, message: "the file is empty")))
        #expect(Self.streamed([0x7B]) == .failure(AttemptLog.Problem(line: 0, message: "the file holds only a line cut short")))
    }

    /// Too many lines win over a problem in an earlier line, as in the whole-file reader, which counts the lines
    /// before it reads any.
    @Test func tooManyLinesAreRefusedFirstAndTheReadingStopsThere() throws {
        var lines = [AttemptLog.line(for: AttemptLogTests.header), "not json"]
        for step in 2...6 { lines.append(AttemptLog.line(for: AttemptLogTests.step(step, "a#1"))) }
        let bytes = Self.lines(lines + [""])
        let expected = Self.whole(bytes, maximumEntries: 3)
        #expect(expected == .failure(AttemptLog.Problem(
            line: 5,
            message: "the attempt is longer than an attempt can be: at most 3 steps and undos follow the header (no case is "
                + "played that long); the file is not read further")))
        #expect(Self.streamed(bytes, cuts: [7, 100], maximumEntries: 3) == expected)
        // At the limit, the line's own problem.
        let four = Self.lines(Array(lines.prefix(4)) + [""])
        #expect(Self.streamed(four, maximumEntries: 3) == Self.whole(four, maximumEntries: 3))
        #expect((try? Self.whole(four, maximumEntries: 3).get()) == nil)
    }

    /// Random files and random damage to real ones, cut into random pieces: the same reading or the same problem.
    @Test func randomAndDamagedFilesReadTheSameWhole() throws {
        var generator = SplitMix64(seed: 17)
        let signed = Array(AttemptLogTests.sample.signedText(key: Self.key).utf8)
        let sources = [Self.sampleBytes, signed]
        var compared = 0
        var readable = 0
        for round in 0..<3_000 {
            var bytes = sources[round % 2]
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let at = Int.random(in: 0...bytes.count, using: &generator)
                switch Int.random(in: 0..<7, using: &generator) {
                case 0 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.insert(0x0A, at: at)
                case 2: bytes.insert(0, at: at)
                case 3 where at < bytes.count: bytes.remove(at: at)
                case 4: bytes = Array(bytes[..<at])
                case 5:
                    // A line repeated.
                    let text = String(decoding: bytes, as: UTF8.self)
                    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if parts.count > 2 {
                        let index = Int.random(in: 1..<(parts.count - 1), using: &generator)
                        parts.insert(parts[index], at: index)
                    }
                    bytes = Array(parts.joined(separator: "\n").utf8)
                default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: at)
                }
            }
            let cuts = (0..<Int.random(in: 0...5, using: &generator)).map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted()
            let limit = Int.random(in: 2...8, using: &generator)
            let expected = Self.whole(bytes, maximumEntries: limit)
            #expect(Self.streamed(bytes, cuts: cuts, maximumEntries: limit) == expected)
            compared += 1
            if (try? expected.get()) != nil { readable += 1 }
        }
        // Both kinds are compared: files that read, and files refused.
        #expect(compared == 3_000 && readable > 300 && readable < 2_700, "\(readable) read")
    }

    @Test func cappedReflectionsAreWhatStandingShowsAndNoMore() throws {
        var header = AttemptLogTests.header
        header.mode = "practice"
        var entries: [AttemptLog.Entry] = []
        var step = 0
        var generator = SplitMix64(seed: 5)
        for index in 0..<150 {
            if step > 0, Int.random(in: 0..<4, using: &generator) == 0 {
                entries.append(.undo(step: step, at: "2026-11-27T09:10:00Z"))
                step -= 1
                continue
            }
            step += 1
            let length = [0, 3, 900, 3_999, 4_000, 4_001, 6_400][index % 7]
            let reflection = index % 5 == 4 ? nil : String(repeating: "é", count: length)
            entries.append(.step(step: step, choice: ChoiceID(scene: "s", index: 0), at: "2026-11-27T09:10:00Z", reflection: reflection))
        }
        let log = AttemptLog(header: header, entries: entries)
        let bytes = Array(log.text.utf8)
        let whole = try AttemptLog.read(bytes: bytes)
        let capped = try Self.streamed(bytes, cuts: [1_000, 50_000], reflections: .capped).get()
        #expect(capped.log.reflectionsAreCapped && capped.log.lineMACs.isEmpty)
        #expect(capped.log.standing.map(\.reflection) == whole.log.standing.map(\.reflection))
        #expect(capped.log.standing.map(\.choice) == whole.log.standing.map(\.choice))
        #expect(capped.log.choices == whole.log.choices && capped.log.undone(in: nil) == whole.log.undone(in: nil))
        #expect(capped.log.lastActivity == whole.log.lastActivity && capped.log.header == whole.log.header)
        #expect(capped.wholeLength == whole.wholeLength)
        // What the capped log keeps of its reflections is within the caps: the standing ones as shown, a marker once
        // they are spent (one string, shared), and nothing for a step taken back.
        var kept = 0
        for entry in capped.log.entries {
            if case .step(_, _, _, let reflection?) = entry, reflection != ReflectionCaps.spentMarker { kept += reflection.count }
        }
        let writtenTotal = entries.reduce(0) { total, entry in
            if case .step(_, _, _, let reflection?) = entry { return total + reflection.count }
            return total
        }
        #expect(writtenTotal > 100_000)
        #expect(kept <= ReflectionCaps.perAttempt + 20 * ReflectionCaps.marker(cut: 9_999).count)
        #expect(capped.log.standing.contains { $0.reflection == ReflectionCaps.spentMarker })
        // A capped log cannot be checked afterwards: it never passes for verified.
        var signedCapped = capped.log
        signedCapped.lineMACs = [String(repeating: "0", count: 64)]
        #expect(signedCapped.signature(keys: [Self.key]) != .verified)
    }

    @Test func chainsCheckedAsTheLinesGoByAgreeWithTheWholeLog() throws {
        let signedText = AttemptLogTests.sample.signedText(key: Self.key)
        var variants = [signedText, AttemptLogTests.sample.text]
        // A changed line, a line left out, and the student changed in the header.
        variants.append(signedText.replacingOccurrences(of: "rujukan#3", with: "rujukan#2"))
        var lines = signedText.split(separator: "\n").map(String.init)
        lines.remove(at: 2)
        variants.append(lines.joined(separator: "\n") + "\n")
        variants.append(signedText.replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s2\""))
        for text in variants {
            let bytes = Array(text.utf8)
            guard let whole = try? AttemptLog.read(bytes: bytes) else { continue }
            let streamed = try Self.streamed(bytes, cuts: [20, 400], reflections: .capped) { header in
                [
                    AttemptLog.ChainToCheck(header: header, keys: [Self.key]),
                    AttemptLog.ChainToCheck(header: header, keys: [Self.otherKey, Self.key]),
                    AttemptLog.ChainToCheck(header: header, keys: [Self.otherKey]),
                ]
            }.get()
            #expect(streamed.signatures == [
                whole.log.signature(keys: [Self.key]), whole.log.signature(keys: [Self.otherKey, Self.key]),
                whole.log.signature(keys: [Self.otherKey]),
            ])
        }
        // The header read with another student named: a copy whose header was changed verifies as the original.
        let copied = Array(variants[4].utf8)
        let original = try Self.streamed(copied, reflections: .capped) { header in
            var first = header
            first.student = "s1"
            return [AttemptLog.ChainToCheck(header: first, keys: [Self.key])]
        }.get()
        #expect(original.signatures == [.verified])
    }
}
