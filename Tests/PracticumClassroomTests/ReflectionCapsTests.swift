import Foundation
import PracticumCore
import Testing

@testable import PracticumClassroom

/// The caps on reflection text (issue 17): an attempt that carries a long reflection at every step is read
/// with every step kept and its reflections cut, so the outputs made from it stay small.
@Suite struct ReflectionCapsTests {
    /// An attempt of `steps` steps round a loop, each with a reflection of `length` characters.
    static func amplification(steps: Int, length: Int) throws -> AttemptLog {
        let header = AttemptLog.Header(
            id: "i", caseID: "loop", caseHash: "h", seed: nil, mode: "graded", started: "2026-11-27T09:00:00Z")
        let text = String(repeating: "é", count: length)
        let entries = (1...steps).map {
            AttemptLog.Entry.step(step: $0, choice: AttemptLog.choiceID("hub#1")!, at: "2026-11-27T09:01:00Z", reflection: text)
        }
        return try AttemptLog.read(Data(AttemptLog(header: header, entries: entries).text.utf8)).log
    }

    @Test func anAmplificationAttemptKeepsEveryStepAndAtMostTheCapsOfText() throws {
        let log = try Self.amplification(steps: 300, length: 6_400)
        let standing = log.standing
        #expect(standing.count == 300)
        #expect(log.choices.count == 300)
        let reflections = standing.compactMap(\.reflection)
        #expect(reflections.count == 300)
        let marker = max(ReflectionCaps.marker(cut: 6_400).count, ReflectionCaps.spentMarker.count)
        for reflection in reflections { #expect(reflection.count <= ReflectionCaps.perReflection + marker) }
        let kept = reflections.reduce(0) { $0 + $1.filter { $0 == "é" }.count }
        #expect(kept == ReflectionCaps.perAttempt)
        // Every reflection cut says so, and what was cut adds up to what was written.
        #expect(reflections[0] == String(repeating: "é", count: 4_000) + "… [cut: 2400 more characters]")
        #expect(reflections[9] == String(repeating: "é", count: 4_000) + "… [cut: 2400 more characters]")
        #expect(reflections[10] == ReflectionCaps.spentMarker)
        // The file's entries keep the text as written.
        if case .step(_, _, _, let written) = log.entries[299] { #expect(written?.count == 6_400) }
        // All of it together stays far below what the file held (300 x 6,400 characters).
        #expect(reflections.reduce(0) { $0 + $1.utf8.count } < 200_000)
    }

    @Test func shortReflectionsAreKeptAsWritten() {
        #expect(ReflectionCaps.apply(to: ["a", nil, "bc", ""]) == ["a", nil, "bc", ""])
        // What is left of the total is what the next reflection may keep.
        let long = String(repeating: "x", count: 3_999)
        let capped = ReflectionCaps.apply(to: Array(repeating: long, count: 11) + ["abc"])
        #expect(capped[10] == String(repeating: "x", count: 10) + "… [cut: 3989 more characters]")
        #expect(capped[11] == ReflectionCaps.spentMarker)
        #expect(ReflectionCaps.cut("abcdef", to: 6) == "abcdef")
        #expect(ReflectionCaps.cut("abcdef", to: 5) == "abcde… [cut: 1 more character]")
    }
}
