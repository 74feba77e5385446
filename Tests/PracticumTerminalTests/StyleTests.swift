import PracticumTerminal
import Testing

@Suite struct StyleTests {
    @Test(arguments: [
        (Style.bold, 1), (.dim, 2), (.italic, 3), (.underline, 4),
        (.red, 31), (.green, 32), (.yellow, 33), (.blue, 34), (.magenta, 35), (.cyan, 36),
    ])
    func wrapsTextInItsCodeAndAReset(style: Style, code: Int) {
        #expect(style.apply("hi", enabled: true) == "\u{1B}[\(code)mhi\u{1B}[0m")
        #expect(style.sgrCodes == [code])
    }

    @Test func composesAttributesAndColour() {
        let style: Style = [.bold, .green]
        #expect(style.apply("ok", enabled: true) == "\u{1B}[1;32mok\u{1B}[0m")
        #expect(Style([.green, .bold]) == style)
        #expect(style.union(.underline).sgrCodes == [1, 4, 32])
    }

    @Test(arguments: [Style.bold, [.bold, .red], .cyan, []])
    func emitsNothingWhenDisabled(style: Style) {
        #expect(style.apply("plain", enabled: false) == "plain")
    }

    @Test func leavesEmptyStylesAndEmptyTextAlone() {
        #expect(Style().apply("x", enabled: true) == "x")
        #expect(Style.bold.apply("", enabled: true) == "")
    }

    @Test func followsTheTerminalsColourDecision() {
        let terminal = TerminalInfo(environment: ["NO_COLOR": ""], isTTY: { _ in true }, windowColumns: { nil })
        #expect(Style.red.apply("error", enabled: terminal.colorEnabled(for: 2)) == "error")
    }
}
