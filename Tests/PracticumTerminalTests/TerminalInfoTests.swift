import PracticumTerminal
import Testing

private func terminal(
    _ environment: [String: String], tty: Bool = true, columns: Int? = nil
) -> TerminalInfo {
    TerminalInfo(environment: environment, isTTY: { _ in tty }, windowColumns: { columns })
}

@Suite struct TerminalInfoTests {
    @Test(
        arguments: [
            ([:], true, true),
            (["TERM": "xterm-256color"], true, true),
            (["TERM": "dumb"], true, false),
            ([:], false, false),
            (["TERM": "xterm"], false, false),
        ] as [([String: String], Bool, Bool)])
    func treatsDumbTerminalsAsNone(environment: [String: String], tty: Bool, expected: Bool) {
        #expect(terminal(environment, tty: tty).isTerminal(1) == expected)
    }

    @Test func asksAboutTheGivenDescriptor() {
        let info = TerminalInfo(environment: [:], isTTY: { $0 == 2 }, windowColumns: { nil })
        #expect(info.isTerminal(2))
        #expect(!info.isTerminal(1))
        #expect(info.colorEnabled(for: 2))
        #expect(!info.colorEnabled(for: 1))
    }

    @Test(
        arguments: [
            (["COLUMNS": "120"], 100, 120),
            (["COLUMNS": " 132 "], nil, 132),
            (["COLUMNS": "0"], 100, 100),
            (["COLUMNS": "-5"], 100, 100),
            (["COLUMNS": "wide"], 100, 100),
            (["COLUMNS": ""], 100, 100),
            ([:], 100, 100),
            ([:], 0, 80),
            ([:], -3, 80),
            ([:], nil, 80),
            (["COLUMNS": "abc"], nil, 80),
        ] as [([String: String], Int?, Int)])
    func prefersColumnsThenTheWindowThenEighty(environment: [String: String], window: Int?, expected: Int) {
        #expect(terminal(environment, columns: window).width == expected)
    }

    @Test(
        arguments: [
            ([:], true, true),
            (["NO_COLOR": ""], true, false),
            (["NO_COLOR": "1"], true, false),
            (["NO_COLOR": "0"], true, false),
            (["TERM": "dumb"], true, false),
            ([:], false, false),
        ] as [([String: String], Bool, Bool)])
    func enablesColourOnlyOnARealTerminalWithoutNoColor(
        environment: [String: String], tty: Bool, expected: Bool
    ) {
        #expect(terminal(environment, tty: tty).colorEnabled(for: 1) == expected)
    }

    @Test func queriesTheSystemWithoutCrashing() {
        if let columns = TerminalInfo.systemWindowColumns() {
            #expect(columns > 0)
        }
        #expect(TerminalInfo(environment: [:]).width > 0)
        #expect(TerminalInfo(environment: ["COLUMNS": "77"]).width == 77)
    }
}
