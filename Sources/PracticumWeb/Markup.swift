import PracticumClassroom
import PracticumCore

/// HTML text whose every interpolated `String` is escaped: pages are built only from `Markup` values, so a
/// case's, roster's or student's text can never become markup. Literal parts are written as they are;
/// another `Markup` value is inserted as it is (it was escaped when it was made).
///
/// ```swift
/// let name = "<script>"
/// let line: Markup = "<p>\(name)</p>"   // <p>&lt;script&gt;</p>
/// ```
public struct Markup: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The HTML as it is sent.
    public private(set) var html: String

    /// Markup from HTML that is already safe (a literal of this module, or escaped text).
    init(trusted html: String) { self.html = html }

    public init(stringLiteral value: String) { html = value }

    public init(stringInterpolation: StringInterpolation) { html = stringInterpolation.html }

    public var description: String { html }

    /// Builds markup: literals as written, strings escaped, markup as it is.
    public struct StringInterpolation: StringInterpolationProtocol {
        var html = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            html.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { html += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { html += Markup.escaped(text) }
        public mutating func appendInterpolation(_ number: Int) { html += String(number) }
        /// Markup: as it is.
        public mutating func appendInterpolation(_ markup: Markup) { html += markup.html }
        /// Pieces of markup, one after another.
        public mutating func appendInterpolation(_ pieces: [Markup]) {
            for piece in pieces { html += piece.html }
        }
        /// Optional markup: nothing when nil.
        public mutating func appendInterpolation(_ markup: Markup?) { html += markup?.html ?? "" }
    }

    /// Pieces joined into one.
    public static func joined(_ pieces: [Markup], separator: Markup = "") -> Markup {
        Markup(trusted: pieces.map(\.html).joined(separator: separator.html))
    }

    /// Text made safe inside HTML, as element content and inside a quoted attribute alike: `&`, `<`, `>`,
    /// `"` and `'` become references, and hidden characters are made visible first (`VisibleText`: `ESC`
    /// shows as `␛`, a tab as a space, U+202E as `<U+202E>`).
    /// The one escaping function of the web pages; the class report's `HTML.escaped`, so the two cannot differ.
    public static func escaped(_ text: String) -> String {
        HTML.escaped(text)
    }
}
