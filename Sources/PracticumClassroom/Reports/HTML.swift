import PracticumCore

/// Text made safe inside HTML, both as element content and inside a quoted attribute, with its hidden
/// characters made visible first (`VisibleText`). The one HTML escaper: the class report and the web pages
/// (`Markup`) both use it.
public enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as references, after `VisibleText.make` (`ESC` shows as `␛`, a tab as a
    /// space, U+202E as `<U+202E>`).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in VisibleText.make(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
