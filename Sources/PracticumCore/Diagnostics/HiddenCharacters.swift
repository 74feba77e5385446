/// The one policy for characters that act, reorder or hide instead of showing: which scalars they are, and
/// how each kind of output treats them. A case, a roster or an attempt can hold any of them; none reaches a
/// person or a program raw.
///
/// - `control`: C0 controls (U+0000-U+001F), DEL and the C1 controls (U+0080-U+009F). On a terminal they
///   move the cursor, clear the screen, rename the window or hide text.
/// - `bidi`: the explicit direction controls, U+202A-U+202E (embeddings, overrides, pop), U+2066-U+2069
///   (isolates), U+200E and U+200F (the marks) and U+061C (the Arabic letter mark). They reorder what is
///   displayed after them, so a line can show in an order other than the one it is stored in ("Trojan
///   Source").
/// - `invisible`: characters that take no space and draw nothing: the zero-width space, non-joiner and
///   joiner (U+200B-U+200D), the word joiner and invisible operators (U+2060-U+2064, U+206A-U+206F),
///   the byte-order mark U+FEFF, the soft hyphen U+00AD, the tag characters (U+E0000-U+E007F), the
///   variation selectors, the Hangul fillers, the interlinear annotation controls U+FFF9-U+FFFB and every
///   other default-ignorable code point Unicode names. Two names that differ only by one of them look the
///   same.
/// - `lineSeparator`: U+2028 and U+2029, which JavaScript takes as line ends.
///
/// Each output uses the policy in its own way: the terminal, HTML, Markdown and CSV show every such scalar
/// visibly (`VisibleText`): a control as its control picture, anything else as its code, `<U+202E>`. JSON
/// escapes them as `\u202e` (`JSONText`), which loses nothing. Two display exceptions keep emoji whole:
/// a variation selector right after a visible character that is not ASCII (or after a keycap's digit,
/// `#` or `*`), and a zero-width joiner between two emoji, are kept as they are; JSON escapes them anyway.
public enum HiddenCharacters {
    /// What a hidden character does.
    public enum Kind: Equatable, Sendable {
        case control
        case bidi
        case invisible
        case lineSeparator
    }

    /// The kind of a scalar the policy covers, or nil for a scalar that shows as itself.
    @inline(__always)
    public static func kind(of scalar: Unicode.Scalar) -> Kind? {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? .control : nil }
        if value < 0xA0 { return .control }
        if value < 0xAD || (0xAE..<0x34F).contains(value) { return nil }
        return rareKind(value, scalar)
    }

    private static func rareKind(_ value: UInt32, _ scalar: Unicode.Scalar) -> Kind? {
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .bidi
        case 0x2028, 0x2029: return .lineSeparator
        case 0xFFF9...0xFFFB: return .invisible
        default: return scalar.properties.isDefaultIgnorableCodePoint ? .invisible : nil
        }
    }

    /// Whether any scalar of the text is one the policy covers.
    public static func occur(in text: String) -> Bool {
        // Printable ASCII is most text: one pass over the bytes.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        if printable == true { return false }
        return text.unicodeScalars.contains { kind(of: $0) != nil }
    }

    /// The scalar's code as Unicode writes it: `U+202E`, `U+E0041`.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether a display keeps the scalar at `index` as it is although the policy covers it: a variation
    /// selector that styles the visible non-ASCII character before it (or a keycap's digit, `#` or `*`), or
    /// a zero-width joiner between two emoji. Such a scalar changes how one picture is drawn and hides no
    /// text.
    public static func keptOnDisplay(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let scalar = scalars[index]
        guard index > 0 else { return false }
        let before = scalars[index - 1]
        if isVariationSelector(scalar) {
            if before.value >= 0x80 && kind(of: before) == nil { return true }
            // A keycap: 1 U+FE0F U+20E3.
            return "0123456789#*".unicodeScalars.contains(before) && index + 1 < scalars.count && scalars[index + 1].value == 0x20E3
        }
        if scalar.value == 0x200D, index + 1 < scalars.count {
            let after = scalars[index + 1]
            // An emoji, or an emoji's presentation selector kept itself.
            let emojiBefore = (before.value >= 0x80 && before.properties.isEmoji && kind(of: before) == nil)
                || (before.value == 0xFE0F && keptOnDisplay(scalars, at: index - 1))
            return emojiBefore && after.value >= 0x80 && after.properties.isEmoji && kind(of: after) == nil
        }
        return false
    }

    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x180B...0x180D, 0x180F: return true
        default: return false
        }
    }
}
