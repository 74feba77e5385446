import PracticumCore
import PracticumTerminal

/// What play says on Ctrl-C: a sentence, laid out when it is said, for the terminal's width at that moment.
///
/// It is rendered by the interrupt handler, on a Dispatch worker thread, so it holds only values and reads
/// no stream: the width comes from `COLUMNS` or the window-size query, as everywhere else.
public struct InterruptNotice: Sendable {
    /// The message, unwrapped.
    public let text: String
    /// Where the width is read from when the notice is rendered.
    let terminal: TerminalInfo

    init(_ text: String, terminal: TerminalInfo) {
        self.text = text
        self.terminal = terminal
    }

    /// The notice for the terminal's width now (at most 80 columns): a line of its own, wrapped at word
    /// boundaries, ending with a newline.
    public func rendered() -> String {
        rendered(width: min(80, max(20, terminal.width)))
    }

    /// The notice wrapped to `width` columns.
    public func rendered(width: Int) -> String {
        "\n" + TextWrapper.wrap(VisibleText.make(text), width: width).joined(separator: "\n") + "\n"
    }
}
