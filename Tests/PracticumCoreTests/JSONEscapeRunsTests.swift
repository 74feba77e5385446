import Testing
@testable import PracticumCore

/// `JSONText.escapingHidden` copies the text between escapes a run at a time (an export of a large case took
/// seconds appending a scalar at a time); it must write what the scalar-at-a-time loop wrote.
@Suite("JSON: hidden characters escaped between runs of text")
struct JSONEscapeRunsTests {
    /// The loop `escapingHidden` used to be.
    static func reference(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x20, let _ = HiddenCharacters.kind(of: scalar) {
                let units = scalar.value > 0xFFFF
                    ? [0xD800 + ((scalar.value - 0x10000) >> 10), 0xDC00 + ((scalar.value - 0x10000) & 0x3FF)]
                    : [scalar.value]
                for unit in units {
                    let digits = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let pieces = [
        "{\n  \"text\" : \"", "a", "é", "\u{202E}", "\u{200B}", "\u{FEFF}", "\u{7F}", "\u{9B}", "\t", "\n", "👩‍⚕️",
        "\u{E0041}", "\u{FE0F}", "❤", "\\\"", "\"\n}", "\u{2028}", "한",
    ]

    @Test func theRunsWriteWhatTheLoopWrote() {
        var random = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let json = (0..<Int.random(in: 0...40, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }
                .joined()
            #expect(JSONText.escapingHidden(json) == Self.reference(json), "\(json.debugDescription)")
        }
        #expect(JSONText.escapingHidden("{\n\"a\": \"x\u{202E}y\"\n}") == "{\n\"a\": \"x\\u202ey\"\n}")
    }
}
