import PracticumTerminal
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("Selamat pagi", 12),
        ("e\u{301}", 1),  // e + combining acute: one column
        ("\u{301}", 0),  // a lone combining mark
        ("\u{200B}", 0),  // zero-width space
        ("\u{1B}", 0),  // a control character
        ("日本", 4),
        ("한국어", 6),
        ("カタカナ", 8),
        ("ＡＢ", 4),  // fullwidth Latin
        ("😀", 2),
        ("👍🏽", 2),  // emoji with skin tone modifier
        ("👨‍👩‍👧", 2),  // a ZWJ family sequence
        ("🇮🇩", 2),  // a flag
        ("❤️", 2),  // text symbol with emoji presentation selector
        ("❤", 1),  // the same symbol as text
        ("a日b", 4),
        ("tab\there", 7),  // a control character inside ASCII text takes no column
        ("\u{7F}x", 1),  // nor does DEL
    ])
    func countsTerminalColumns(text: String, columns: Int) {
        #expect(displayWidth(of: text) == columns)
    }

    @Test func measuresSubstringsAndCharacters() {
        let text = "ibu 日本"
        #expect(displayWidth(of: text.dropFirst(4)) == 4)
        #expect(displayWidth(of: Character("日")) == 2)
        #expect(displayWidth(of: Character("i")) == 1)
        #expect(displayWidth(of: Character("\t")) == 0)
        #expect(displayWidth(of: Character("\r\n")) == 0)
    }
}
