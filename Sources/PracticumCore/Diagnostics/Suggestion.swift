/// "Did you mean ...?": the closest known word by edit distance.
public enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be a likely typo (at most a third of
    /// its length, plus one, edits away); the first written among equally close ones.
    ///
    /// Candidates whose length alone puts them too far away are skipped, and each distance is worked out
    /// only as far as it could still win, so a long list costs little per candidate.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.unicodeScalars)
        let limit = max(1, word.count / 3) + 1
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let bound = min(limit, (best?.distance ?? Int.max) - 1)
            guard bound >= 0 else { break }
            // A scalar takes one to four UTF-8 bytes, so the byte count bounds the scalar count both ways.
            let bytes = candidate.utf8.count
            if bytes < target.count - bound || (bytes + 3) / 4 > target.count + bound { continue }
            if let distance = boundedDistance(target, Array(candidate.unicodeScalars), bound: bound) {
                best = (candidate, distance)
            }
        }
        return best?.word
    }

    /// The Levenshtein distance between two strings, counted in characters.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The edit distance of two scalar sequences if it is at most `bound`, else nil; stops as soon as every
    /// entry of a row exceeds the bound.
    static func boundedDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                smallest = Swift.min(smallest, current[j])
            }
            if smallest > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
