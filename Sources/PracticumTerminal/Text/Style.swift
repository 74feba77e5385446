/// A combination of ANSI text attributes and a foreground colour, such as `[.bold, .green]`.
///
/// Give at most one colour; if several are given the terminal shows the last one.
public struct Style: OptionSet, Hashable, Sendable {
    /// The bits of the set, in SGR-code order.
    public let rawValue: UInt16

    /// Creates a style from its raw bits.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Bold or bright text (SGR 1).
    public static let bold = Style(rawValue: 1 << 0)
    /// Dim text (SGR 2).
    public static let dim = Style(rawValue: 1 << 1)
    /// Italic text (SGR 3); not every terminal shows it.
    public static let italic = Style(rawValue: 1 << 2)
    /// Underlined text (SGR 4).
    public static let underline = Style(rawValue: 1 << 3)
    /// Red foreground (SGR 31).
    public static let red = Style(rawValue: 1 << 4)
    /// Green foreground (SGR 32).
    public static let green = Style(rawValue: 1 << 5)
    /// Yellow foreground (SGR 33).
    public static let yellow = Style(rawValue: 1 << 6)
    /// Blue foreground (SGR 34).
    public static let blue = Style(rawValue: 1 << 7)
    /// Magenta foreground (SGR 35).
    public static let magenta = Style(rawValue: 1 << 8)
    /// Cyan foreground (SGR 36).
    public static let cyan = Style(rawValue: 1 << 9)

    private static let codes: [(Style, Int)] = [
        (.bold, 1), (.dim, 2), (.italic, 3), (.underline, 4),
        (.red, 31), (.green, 32), (.yellow, 33), (.blue, 34), (.magenta, 35), (.cyan, 36),
    ]

    /// The SGR parameters of this style, in a fixed order.
    public var sgrCodes: [Int] {
        Self.codes.filter { contains($0.0) }.map { $0.1 }
    }

    /// `text` wrapped in this style's escape sequence and a reset, or `text` unchanged when
    /// `enabled` is false, the style is empty, or the text is empty.
    ///
    /// The reset ends every attribute, so styles do not nest: apply them to separate pieces.
    public func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, !isEmpty, !text.isEmpty else { return text }
        let parameters = sgrCodes.map(String.init).joined(separator: ";")
        return "\u{1B}[\(parameters)m\(text)\u{1B}[0m"
    }
}
