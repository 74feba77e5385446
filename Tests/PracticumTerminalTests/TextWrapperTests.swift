import PracticumTerminal
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
