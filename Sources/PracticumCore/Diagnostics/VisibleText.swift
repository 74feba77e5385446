/// Text from a case or a file, made safe to write to a terminal: every control character is shown as a
/// visible symbol instead of acting, so no escape sequence in a case can rename a window, clear the
/// screen or hide text.
///
/// C0 controls (except the newline) become their Unicode control pictures (`ESC` shows as `␛`), a tab
/// becomes a space, DEL becomes `␡` and C1 controls (U+0080-U+009F) become `�`. Everything else is kept.
public enum VisibleText {
    /// The text with its control characters made visible; `keepNewlines: false` shows a newline as `␤`.
    public static func make(_ text: String, keepNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: scalars.append(scalar)
            case 0x0A: scalars.append("\u{2424}")
            case 0x09: scalars.append(" ")
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: scalars.append("\u{2421}")
            case 0x80..<0xA0: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
