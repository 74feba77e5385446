import Foundation
import Testing
@testable import PracticumCore

/// A small, seeded random number generator, so every fuzz run is repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Fuzzing the parser")
struct FuzzTests {
    /// Fragments that stress the grammar when spliced in.
    static let fragments = [
        "\t", "==", "== ", "* ", "  ", "    ", "->", "-> ", "[if ", "]", "[", "{", "}", "{trust}", "(", ")",
        "requires: ", "set: ", "quality: ", "phase: ", "violates: ", " (critical)", "//", " // ", "\n", "\r\n",
        ":", "=", "and", "or", "not", "é", "—", "🙂", "\u{FEFF}", "once", "[ending: ", "[crisis]", "-9999999999999999999999",
    ]

    @Test func mutatedLibraryCasesNeverCrash() throws {
        let sources = try RoundTripTests.libraryFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
        try #require(!sources.isEmpty)
        var random = SplitMix64(state: 20_261_123)
        var loaded = 0
        var rejected = 0
        // 150 mutants of each library case: with twelve cases of about a thousand lines, 3,000 mutants made
        // this the longest test of the suite (the fuzz targets in Tests/Fuzz go much further).
        let iterations = 150 * sources.count
        for iteration in 0..<iterations {
            var lines = sources[iteration % sources.count].components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: lines.remove(at: index)
                case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &random)], at: index)
                case 2:
                    var line = Array(lines[index])
                    let position = line.isEmpty ? 0 : Int.random(in: 0...line.count, using: &random)
                    line.insert(contentsOf: Self.fragments.randomElement(using: &random)!, at: position)
                    lines[index] = String(line)
                case 3:
                    var line = Array(lines[index])
                    if !line.isEmpty {
                        let cut = Int.random(in: 0..<line.count, using: &random)
                        line.removeSubrange(cut..<min(line.count, cut + Int.random(in: 1...8, using: &random)))
                    }
                    lines[index] = String(line)
                case 4: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
                default: lines[index] = String(lines[index].shuffled(using: &random))
                }
                if lines.isEmpty { lines = [""] }
            }
            let result = TestSupport.load(lines.joined(separator: "\n"), file: "fuzz-\(iteration).scenario")
            // Either a case or at least one error: never both missing, never a case with errors.
            if let _ = result.scenario {
                #expect(!result.diagnostics.hasErrors)
                loaded += 1
            } else {
                #expect(result.diagnostics.hasErrors)
                rejected += 1
            }
            // Every diagnostic renders (quoting its line) without trapping.
            _ = DiagnosticRenderer(sources: [result.diagnostics.first?.location.file ?? "": lines.joined(separator: "\n")])
                .render(result.diagnostics)
        }
        #expect(loaded + rejected == iterations)
        #expect(rejected > 0)
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(state: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0..<400, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let result = TestSupport.load(text)
            #expect(result.scenario != nil || result.diagnostics.hasErrors)
        }
    }
}
