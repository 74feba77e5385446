import PracticumTerminal

/// Shows long text a screenful at a time when a person is reading at a terminal: Enter for more, anything
/// else (or the end of input) stops. On a pipe, or when nobody can answer, it writes the text whole.
struct Pager {
    /// Lines per page: a 24-line terminal less the prompt line and a line of context.
    static let pageLines = 22

    /// The "Enter for more, q to stop" line, already in the reader's language and style.
    var prompt: String

    /// Writes `text`, pausing after each page when `interactive`.
    func show(_ text: String, interactive: Bool, context: inout AppContext) {
        guard interactive else {
            context.output.write(text.hasSuffix("\n") ? text : text + "\n")
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < lines.count {
            let end = min(lines.count, start + Self.pageLines)
            context.output.write(lines[start..<end].joined(separator: "\n") + "\n")
            start = end
            // A trailing empty line is not worth a page of its own.
            guard start < lines.count, !(start == lines.count - 1 && lines[start].isEmpty) else { break }
            context.output.write(prompt + " ")
            guard let more = context.input.readLine(), more.trimmingCharacters(in: .whitespaces).isEmpty else {
                context.output.write("\n")
                return
            }
        }
    }
}
