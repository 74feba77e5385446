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

/// The width of a lone Latin scalar is read without Unicode's tables: the same width the tables give.
@Suite struct LatinWidthTests {
    /// The width as the tables give it (the rule `displayWidth(of:)` applies to any other character).
    static func byTables(_ scalar: Unicode.Scalar) -> Int {
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    @Test func everyLatinScalarHasTheWidthTheTablesGive() {
        for value in UInt32(0xA0)..<0x300 {
            let scalar = Unicode.Scalar(value)!
            #expect(displayWidth(of: Character(scalar)) == Self.byTables(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
