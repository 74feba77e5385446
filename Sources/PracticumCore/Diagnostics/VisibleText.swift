/// Text from a case or a file, made safe to show to a person on a terminal, in HTML, in Markdown or in a CSV
/// cell: every character `HiddenCharacters` covers is shown as a visible symbol instead of acting, so no
/// escape sequence can rename a window, clear the screen or hide text, and no direction control or
/// zero-width character can reorder or hide what a person reads.
///
/// C0 controls (except the newline) become their Unicode control pictures (`ESC` shows as `␛`), a tab
/// becomes a space, DEL becomes `␡` and C1 controls (U+0080-U+009F) become `�`. Direction controls,
/// invisible characters and the line and paragraph separators become their code in angle brackets
/// (`<U+202E>`), except a variation selector or zero-width joiner inside an emoji
/// (`HiddenCharacters.keptOnDisplay`). Everything else is kept.
public enum VisibleText {
    /// The text with its hidden characters made visible; `keepNewlines: false` shows a newline as `␤`.
    public static func make(_ text: String, keepNewlines: Bool = true) -> String {
        guard HiddenCharacters.occur(in: text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var visible = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch HiddenCharacters.kind(of: scalar) {
            case nil:
                visible.append(scalar)
            case .control:
                switch scalar.value {
                case 0x0A where keepNewlines: visible.append(scalar)
                case 0x0A: visible.append("\u{2424}")
                case 0x09: visible.append(" ")
                case 0x00..<0x20: visible.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                case 0x7F: visible.append("\u{2421}")
                default: visible.append("\u{FFFD}")
                }
            case .bidi, .invisible, .lineSeparator:
                if HiddenCharacters.keptOnDisplay(scalars, at: index) {
                    visible.append(scalar)
                } else {
                    visible.append(contentsOf: ("<" + HiddenCharacters.code(scalar) + ">").unicodeScalars)
                }
            }
        }
        return String(visible)
    }
}
