/// The `invisible-character` warning: characters that change the order text is shown in (bidirectional
/// controls) or that show as nothing at all, anywhere in a case's text. Either can make a line look
/// harmless to the author, a reviewer or a student while it says something else ("Trojan Source").
///
/// A byte-order mark at the very start of the file is not text and is not reported.
public enum InvisibleCharacters {
    /// The most occurrences reported one by one in a file; the one after them also says how many follow.
    public static let reportedPerFile = 20

    /// The name of each character reported, by code point.
    public static let names: [UInt32: String] = [
        0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
        0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
        0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
        0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
        0x2060: "WORD JOINER",
        0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
        0x2069: "POP DIRECTIONAL ISOLATE",
        0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
    ]

    /// Whether a code point is one the check reports.
    public static func isReported(_ value: UInt32) -> Bool {
        names[value] != nil
    }

    /// Where one was found.
    public struct Occurrence: Hashable, Sendable {
        /// 1-based line and column (the column counts Unicode scalars, as every diagnostic does).
        public var line: Int
        public var column: Int
        public var codePoint: UInt32
    }

    /// Every occurrence in the text, in order, up to `limit` of them, and how many there are in all.
    /// Scans the UTF-8 bytes once: every reported character starts with the byte 0xE2 or 0xEF.
    public static func find(in text: String, limit: Int) -> (found: [Occurrence], total: Int) {
        var found: [Occurrence] = []
        var total = 0
        var text = text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var line = 1
            var lineStart = 0
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            if index == 3 { lineStart = 3 }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    lineStart = index + 1
                } else if (byte == 0xE2 || byte == 0xEF) && index + 2 < bytes.count {
                    let value =
                        (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                    if isReported(value) {
                        total += 1
                        if found.count < limit {
                            var column = 1
                            for position in lineStart..<index where bytes[position] & 0xC0 != 0x80 { column += 1 }
                            found.append(Occurrence(line: line, column: column, codePoint: value))
                        }
                    }
                    index += 3
                    continue
                }
                index += 1
            }
        }
        return (found, total)
    }

    /// Adds a warning for each of the first `reportedPerFile` occurrences in a case's text, and one more for
    /// the next that says how many follow it.
    public static func check(_ text: String, file: String, into collector: inout DiagnosticCollector) {
        let (found, total) = find(in: text, limit: reportedPerFile + 1)
        for (position, occurrence) in found.enumerated() {
            let code = "U+" + String(occurrence.codePoint, radix: 16, uppercase: true)
            let name = names[occurrence.codePoint] ?? "?"
            let effect =
                (0x202A...0x202E).contains(occurrence.codePoint) || (0x2066...0x2069).contains(occurrence.codePoint)
                ? "which changes the order the text after it is shown in" : "which shows as nothing"
            var message = "the text holds \(code) (\(name)), \(effect)"
            if position == reportedPerFile {
                let more = total - reportedPerFile - 1
                if more > 0 { message += "; and \(more) more \(more == 1 ? "such character follows" : "such characters follow") in this file" }
            }
            collector.append(
                Diagnostic(
                    .invisibleCharacter, message,
                    at: SourceLocation(file: file, line: occurrence.line, column: occurrence.column),
                    hint: "delete it, or write what was meant (a space, a hyphen)"))
        }
    }
}
