@testable import PracticumTerminal
import Testing

@Suite struct TextWrapperTests {
    @Test func fillsLinesWordByWord() {
        let lines = TextWrapper.wrap("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test func fitsAWordThatEndsExactlyAtTheWidth() {
        #expect(TextWrapper.wrap("abcd efghi", width: 10) == ["abcd efghi"])
        #expect(TextWrapper.wrap("abcd efghij", width: 10) == ["abcd", "efghij"])
    }

    @Test(arguments: [
        ("  a   b  ", ["a b"]),
        ("a\tb", ["a b"]),
        ("   ", [""]),
    ])
    func collapsesRunsOfSpaces(text: String, expected: [String]) {
        #expect(TextWrapper.wrap(text, width: 10) == expected)
    }

    @Test(arguments: [
        ("abcdefghijkl", ["abcde", "fghij", "kl"]),
        ("ab abcdefgh cd", ["ab", "abcde", "fgh", "cd"]),
        ("abcdefg hi", ["abcde", "fg hi"]),
    ])
    func breaksLongWordsHard(text: String, expected: [String]) {
        #expect(TextWrapper.wrap(text, width: 5) == expected)
    }

    /// Short plain lines take a quicker way; it must give what the word-by-word fill gives.
    @Test func shortLinesComeOutAsTheFillWouldMakeThem() {
        #expect(TextWrapper.wrap("one two", width: 10, firstIndent: "- ") == ["- one two"])
        #expect(TextWrapper.wrap("one two ab", width: 11, firstIndent: "- ") == ["- one two", "ab"])
        #expect(TextWrapper.wrap("one  two", width: 10) == ["one two"])
        #expect(TextWrapper.wrap(" one", width: 10) == ["one"])
        #expect(TextWrapper.wrap("one\ttwo", width: 10) == ["one two"])
        // Random lines of letters and spaces, some fitting, some not: the same as a fill one word at a time.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 1...14, using: &generator)).map { _ in "ab  ".randomElement(using: &generator)! })
            let width = Int.random(in: 3...12, using: &generator)
            let words = text.split(separator: " ")
            var expected: [String] = []
            var line = ""
            for word in words {
                var word = Substring(word)
                while !word.isEmpty {
                    if !line.isEmpty && line.count + 1 + word.count <= width {
                        line += " " + word
                        word = ""
                    } else if line.isEmpty && word.count <= width {
                        line = String(word)
                        word = ""
                    } else if !line.isEmpty {
                        expected.append(line)
                        line = ""
                    } else {
                        expected.append(String(word.prefix(width)))
                        word = word.dropFirst(width)
                    }
                }
            }
            expected.append(line)
            #expect(TextWrapper.wrap(text, width: width) == expected, "\(text.debugDescription) at \(width)")
        }
    }

    @Test func indentsEveryLine() {
        let lines = TextWrapper.wrap("one two three four", width: 10, indent: "  ")
        #expect(lines == ["  one two", "  three", "  four"])
    }

    @Test func hangsTheFirstLine() {
        let lines = TextWrapper.wrap("alpha beta gamma delta", width: 12, indent: "    ", firstIndent: "- ")
        #expect(lines == ["- alpha beta", "    gamma", "    delta"])
    }

    @Test(arguments: [
        ("a\nb\n\nc", ["a", "b", "", "c"]),
        ("a\n", ["a"]),
        ("a\n\n", ["a", ""]),
        ("\n", [""]),
        ("", []),
        ("a\r\nb", ["a", "b"]),
        ("one two three\nfour", ["one two", "three", "four"]),
    ])
    func breaksAtNewlines(text: String, expected: [String]) {
        #expect(TextWrapper.wrap(text, width: 8) == expected)
    }

    @Test func leavesBlankLinesUnindented() {
        let lines = TextWrapper.wrap("a\n\nb", width: 10, indent: "  ", firstIndent: "* ")
        #expect(lines == ["* a", "", "  b"])
    }

    @Test(arguments: [0, -5, Int.min])
    func fallsBackWhenTheWidthIsNotPositive(width: Int) {
        let lines = TextWrapper.wrap("aaaa bbbb cccc dddd eeee", width: width)
        #expect(lines == ["aaaa bbbb cccc dddd", "eeee"])
    }

    @Test func fallsBackWhenTheIndentFillsTheWidth() {
        let lines = TextWrapper.wrap("aaaa bbbb cccc dddd eeee", width: 4, indent: "    ")
        #expect(lines == ["    aaaa bbbb cccc dddd", "    eeee"])
    }

    @Test func wrapsIndonesianText() {
        let text = "Pekerja sosial mendengarkan keluhan Ibu Siti dengan penuh perhatian sebelum menawarkan bantuan."
        let lines = TextWrapper.wrap(text, width: 30)
        #expect(
            lines == [
                "Pekerja sosial mendengarkan",
                "keluhan Ibu Siti dengan penuh",
                "perhatian sebelum menawarkan",
                "bantuan.",
            ])
        #expect(lines.joined(separator: " ") == text)
    }

    @Test func countsCombiningAccentsAsNoColumns() {
        let decomposed = "cafe\u{301} cafe\u{301}"  // 11 scalars, 9 columns
        #expect(TextWrapper.wrap(decomposed, width: 9) == [decomposed])
        #expect(TextWrapper.wrap("Anaïs Régine", width: 12) == ["Anaïs Régine"])
    }

    @Test(arguments: [
        (6, ["日本語", "のテキ", "スト"]),
        (5, ["日本", "語の", "テキ", "スト"]),
        (1, ["日", "本", "語", "の", "テ", "キ", "ス", "ト"]),  // too narrow, but progresses
    ])
    func countsWideCharactersAsTwoColumns(width: Int, expected: [String]) {
        #expect(TextWrapper.wrap("日本語のテキスト", width: width) == expected)
    }

    @Test func countsEmojiAsTwoColumns() {
        #expect(TextWrapper.wrap("👍🏽 ok 😀", width: 5) == ["👍🏽 ok", "😀"])
    }

    @Test(arguments: [8, 13, 21, 40])
    func neverExceedsTheWidth(width: Int) {
        let text = "Klien mengatakan: «Saya tidak tahu harus mulai dari mana.» 日本語 😀 supercalifragilistic"
        for line in TextWrapper.wrap(text, width: width, indent: "  ") {
            #expect(displayWidth(of: line) <= width)
            #expect(!line.hasSuffix(" "))
        }
    }
}

/// The wrapper walks lines and words where they lie instead of splitting the text into arrays (a 32 MB line
/// of one-letter words took 800 MB): the lines it gives are those of the splitting it replaced, on random
/// text of words, spaces, tabs, newlines (`\r\n` too), wide and combining characters, at every width.
@Suite struct TextWrapperWalkTests {
    /// The wrapping as it was: the text split into paragraphs, each into words, filled by the same builder.
    static func reference(_ text: String, width: Int, indent: String, firstIndent: String) -> [String] {
        let widest = max(displayWidth(of: indent), displayWidth(of: firstIndent))
        let width = width > widest ? width : widest + TextWrapper.fallbackTextWidth
        var paragraphs = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
        if paragraphs.last?.isEmpty == true { paragraphs.removeLast() }
        var builder = LineBuilder(width: width, indent: indent, firstIndent: firstIndent)
        for paragraph in paragraphs {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty { builder.addBlankLine() }
            for word in words { builder.add(word) }
            builder.finishLine()
        }
        return builder.lines
    }

    @Test func theWalkGivesTheLinesTheSplittingGave() {
        let pieces = ["a", "word", "longerwordthanaline", "界", "e\u{301}", " ", "  ", "\t", "\n", "\r\n", "\n\n", "-", "x"]
        var state: UInt64 = 17
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let text = (0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined()
            let width = next(24)
            let (indent, firstIndent) = [("", ""), ("  ", "- "), ("    ", "")][next(3)]
            #expect(
                TextWrapper.wrap(text, width: width, indent: indent, firstIndent: firstIndent)
                    == Self.reference(text, width: width, indent: indent, firstIndent: firstIndent), "\(text.debugDescription) \(width)")
        }
    }
}
