/// A word wrapper for terminal text, measuring in display columns.
///
/// Wrap plain text, then style it: escape sequences would be counted as visible columns.
public enum TextWrapper {
    /// The columns given to the text when `width` leaves no room beside the indent.
    public static let fallbackTextWidth = 20

    /// Breaks `text` into lines no wider than `width` columns, indentation included.
    ///
    /// - Words are separated by spaces or tabs; runs of them collapse to one space, and lines
    ///   never start or end with one.
    /// - Each newline in `text` forces a line break; an empty line stays empty (no indent).
    ///   A trailing newline adds no line, so empty text gives no lines.
    /// - A word wider than the line is broken wherever the line is full.
    /// - The first line starts with `firstIndent` (`indent` if nil), the others with `indent`.
    /// - When `width` is not wider than the indent (zero and negative widths included),
    ///   the text gets ``fallbackTextWidth`` columns beside the indent instead.
    public static func wrap(_ text: String, width: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        let firstIndent = firstIndent ?? indent
        let widestIndent = max(displayWidth(of: indent), displayWidth(of: firstIndent))
        let width = width > widestIndent ? width : widestIndent + fallbackTextWidth
        if let line = fitsAsIs(text, width: width - displayWidth(of: firstIndent)) { return [firstIndent + line] }

        // The lines and words are walked where they lie, never split into arrays: a 32 MB line of one-letter
        // words made an array of 16 million substrings (800 MB) before a single line was filled.
        var builder = LineBuilder(width: width, indent: indent, firstIndent: firstIndent)
        var paragraphStart = text.startIndex
        while paragraphStart < text.endIndex {
            let paragraphEnd = text[paragraphStart...].firstIndex(where: \.isNewline) ?? text.endIndex
            var sawWord = false
            var wordStart: String.Index?
            var index = paragraphStart
            while index < paragraphEnd {
                let character = text[index]
                if character == " " || character == "\t" {
                    if let start = wordStart {
                        builder.add(text[start..<index])
                        sawWord = true
                        wordStart = nil
                    }
                } else if wordStart == nil {
                    wordStart = index
                }
                index = text.index(after: index)
            }
            if let start = wordStart {
                builder.add(text[start..<paragraphEnd])
                sawWord = true
            }
            if !sawWord { builder.addBlankLine() }
            builder.finishLine()
            // A trailing newline adds no line.
            paragraphStart = paragraphEnd < text.endIndex ? text.index(after: paragraphEnd) : text.endIndex
        }
        return builder.lines
    }
}

/// The text itself when wrapping would not change it: printable ASCII, one line, words one space
/// apart, and no wider than `width`. Most short scene lines are; they skip the word-by-word fill.
private func fitsAsIs(_ text: String, width: Int) -> String? {
    let bytes = text.utf8
    guard !bytes.isEmpty, bytes.count <= width, bytes.first != 0x20, bytes.last != 0x20 else { return nil }
    var previous: UInt8 = 0
    for byte in bytes {
        guard byte >= 0x20 && byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return nil }
        previous = byte
    }
    return text
}

/// Fills lines word by word.
struct LineBuilder {
    let width: Int
    let indent: String
    let firstIndent: String
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    var hasWords = false

    init(width: Int, indent: String, firstIndent: String) {
        self.width = width
        self.indent = indent
        self.firstIndent = firstIndent
        startLine()
    }

    mutating func add(_ word: Substring) {
        let wordWidth = displayWidth(of: word)
        if hasWords && currentWidth + 1 + wordWidth <= width {
            current += " " + word
            currentWidth += 1 + wordWidth
            return
        }
        if hasWords { finishLine() }
        if currentWidth + wordWidth <= width {
            append(word, width: wordWidth)
        } else {
            breakHard(word)
        }
    }

    /// Places a word too long for any line, a piece per line; the last piece may share its line.
    private mutating func breakHard(_ word: Substring) {
        for character in word {
            let characterWidth = displayWidth(of: character)
            // A line always takes at least one character, so a very narrow line still progresses.
            if hasWords && currentWidth + characterWidth > width { finishLine() }
            append(String(character), width: characterWidth)
        }
    }

    private mutating func append(_ piece: some StringProtocol, width pieceWidth: Int) {
        current += piece
        currentWidth += pieceWidth
        hasWords = true
    }

    mutating func addBlankLine() {
        lines.append("")
        startLine()
    }

    mutating func finishLine() {
        guard hasWords else { return }
        lines.append(current)
        startLine()
    }

    private mutating func startLine() {
        current = lines.isEmpty ? firstIndent : indent
        currentWidth = displayWidth(of: current)
        hasWords = false
    }
}
