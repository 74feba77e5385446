/// The Levenshtein distance between strings, counted in characters (grapheme clusters), and the one rule
/// for "did you mean": every suggestion Practicum makes (an option, a command, a case id, a scenario header
/// key or attribute, a name in a case) goes through `closestMatch(to:in:)`.
public enum EditDistance {
    /// The fewest single-character insertions, deletions and substitutions that turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let source = Array(a)
        let target = Array(b)
        return within(source, target, bound: max(source.count, target.count))!
    }

    /// The distance of two character sequences if it is at most `bound`, else nil; stops as soon as every
    /// entry of a row exceeds the bound, so a far candidate costs little.
    static func within(_ a: [Character], _ b: [Character], bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                smallest = min(smallest, current[j])
            }
            if smallest > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    /// The largest distance at which a word of `length` characters is still taken for a typo.
    ///
    /// A third of the word plus one, so a swapped pair of letters in a word of four or more is
    /// forgiven, but never more than half the word, so a short word is not "corrected" into an
    /// unrelated one.
    public static func typoTolerance(forLength length: Int) -> Int {
        min(length / 3 + 1, length / 2)
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
///
/// Case is ignored. Among equally close candidates the first in `candidates` wins.
/// See ``EditDistance/typoTolerance(forLength:)`` for how close is close enough. Candidates whose length
/// alone puts them too far away are skipped, and each distance is worked out only as far as it could still
/// win, so a long list costs little per candidate.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    let tolerance = EditDistance.typoTolerance(forLength: target.count)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let bound = min(tolerance, (best?.distance ?? .max) - 1)
        guard bound >= 0 else { break }
        // A character takes at least one UTF-8 byte, so a candidate with too few bytes has too few characters.
        if candidate.utf8.count < target.count - bound { continue }
        if let distance = EditDistance.within(target, Array(candidate.lowercased()), bound: bound) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
