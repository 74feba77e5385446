import PracticumTerminal

/// "Did you mean ...?" for the parser and the checker: the one rule of `closestMatch(to:in:)`
/// (PracticumTerminal), which also serves options, commands and case ids.
public enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be a likely typo (case ignored; at most a
    /// third of its length plus one edits away, and never more than half of it); the first written among
    /// equally close ones.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        closestMatch(to: word, in: candidates)
    }
}
