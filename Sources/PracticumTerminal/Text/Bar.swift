/// A drawer of horizontal progress bars such as `████████░░░░` or `########----`.
public struct BarRenderer: Hashable, Sendable {
    /// The characters a bar is drawn with.
    public enum Glyphs: Hashable, Sendable {
        /// Block elements, `█` filled and `░` empty.
        case blocks
        /// Plain ASCII, `#` filled and `-` empty, for terminals without Unicode.
        case ascii
    }

    /// The characters this renderer draws with.
    public var glyphs: Glyphs

    /// Creates a renderer drawing with `glyphs`.
    public init(glyphs: Glyphs = .blocks) {
        self.glyphs = glyphs
    }

    /// A bar `width` columns wide, filled to `fraction`, rounded to the nearest whole column.
    ///
    /// The fraction is clamped to 0...1 and NaN counts as 0; a width of zero or less gives "".
    public func bar(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded())
        let (full, empty): (Character, Character) = glyphs == .blocks ? ("█", "░") : ("#", "-")
        return String(repeating: full, count: filled) + String(repeating: empty, count: width - filled)
    }
}
