/// The Levenshtein distance between strings, counted in characters (grapheme clusters).
public enum EditDistance {
    /// The fewest single-character insertions, deletions and substitutions that turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let source = Array(a)
        let target = Array(b)
        if source.isEmpty { return target.count }
        if target.isEmpty { return source.count }
        var previous = Array(0...target.count)
        var current = Array(repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
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
/// See ``EditDistance/typoTolerance(forLength:)`` for how close is close enough.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let tolerance = EditDistance.typoTolerance(forLength: lowered.count)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = EditDistance.between(lowered, candidate.lowercased())
        if distance <= tolerance, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
