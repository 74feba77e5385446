/// How much reflection text one attempt carries into what is made from it (the debrief, the class report,
/// statements.json, `serve`'s pages).
///
/// Every reflection is copied into each of those outputs, so without a bound an attempt at the file caps
/// (10,000 steps, each line up to 64 KiB) made a report of hundreds of megabytes. The caps apply where an
/// attempt is read (`AttemptLog.standing`) and where play takes a reflection (`SessionPlayer.choose`); the
/// file itself is kept as it was written. Text past a cap is cut with a visible marker saying how much was
/// cut; the steps themselves are never touched, so a student's graded path stays whole.
public enum ReflectionCaps {
    /// The longest reflection kept, in characters: the same as `serve`'s reflection box.
    public static let perReflection = 4_000
    /// The reflection text one attempt may carry in all, in characters (ten reflections at the full length).
    public static let perAttempt = 40_000

    /// The marker put where text was cut: `… [cut: 1234 more characters]`.
    public static func marker(cut: Int) -> String {
        "… [cut: \(cut) more character\(cut == 1 ? "" : "s")]"
    }

    /// What is left of a reflection once the attempt's reflections have used up `perAttempt`.
    public static let spentMarker = "… [cut: this attempt's reflections passed \(perAttempt) characters]"

    /// `text` cut to `limit` characters, with the marker when anything was cut.
    public static func cut(_ text: String, to limit: Int) -> String {
        cutCounting(text, to: limit).text
    }

    /// `cut`, with how many characters were kept. Text of no more bytes than `limit` is never counted, and only
    /// text that is cut is counted to its end, so a reflection costs at most `limit` steps beyond its bytes.
    static func cutCounting(_ text: String, to limit: Int) -> (text: String, kept: Int) {
        if text.utf8.count <= limit { return (text, text.count) }
        let kept = text.prefix(limit)
        if kept.endIndex == text.endIndex { return (text, kept.count) }
        return (String(kept) + marker(cut: text[kept.endIndex...].count), limit)
    }

    /// The reflections of one attempt, in order, each cut to `perReflection` characters and all of them
    /// together to `perAttempt`: once the total is spent, a later reflection keeps only `spentMarker`.
    public static func apply(to reflections: [String?]) -> [String?] {
        var left = perAttempt
        return reflections.map { reflection in
            guard let reflection, !reflection.isEmpty else { return reflection }
            guard left > 0 else { return spentMarker }
            let (text, kept) = cutCounting(reflection, to: min(perReflection, left))
            left -= kept
            return text
        }
    }
}
