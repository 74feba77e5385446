/// Finds words in a case's text that name a topic a student should be warned about before starting:
/// suicide, self-harm, abuse and violence, in English and Indonesian. The checker warns
/// (`missing-content-warning`) when a case without a `content-warning:` header uses one.
///
/// The lists are short and deliberate: words that name the harm itself, not every word near it, so a case
/// about rent arrears or a flood is not asked to warn. A stem ending in `*` matches any word it begins
/// ("suicid*": suicide, suicidal); a phrase matches whole words in a row.
public struct SensitiveTopics: Sendable {
    /// One match: the topic and the words that named it.
    public struct Match: Equatable, Sendable {
        public var topic: String
        public var words: String
    }

    /// Topic, then the stems and phrases that name it, in both languages.
    static let topics: [(topic: String, terms: [String])] = [
        (
            "suicide",
            [
                "suicid*", "kill myself", "kill himself", "kill herself", "kill themself", "kill themselves",
                "killing myself", "killing himself", "killing herself", "killing themself", "end my life",
                "end his life", "end her life", "end their life", "bunuh diri", "mengakhiri hidup",
                "ingin mati",
            ]
        ),
        (
            "self-harm",
            [
                "self-harm*", "self harm*", "self-injur*", "cutting myself", "cutting herself", "cutting himself",
                "cutting themself", "overdos*", "menyakiti diri", "melukai diri", "overdosis",
            ]
        ),
        (
            "abuse",
            [
                "abus*", "molest*", "rape", "raped", "rapes", "raping", "sexual assault*", "neglected child*",
                "pelecehan", "dilecehkan", "perkosa*", "diperkosa*", "pemerkosa*", "pencabulan", "dicabuli",
                "penelantaran", "ditelantarkan", "eksploitasi seksual",
            ]
        ),
        (
            "violence",
            [
                "violen*", "assault*", "beaten", "beating her", "beating him", "beat her", "beat him", "slap*",
                "punched", "kekerasan", "kdrt", "dipukul*", "memukul*", "penganiaya*", "dianiaya", "menganiaya",
                "ditampar", "menampar",
            ]
        ),
    ]

    /// Phrases that contain a listed word but name no harm to a person ("substance abuse" is a dated name
    /// for a disorder; a case about drinking is not a case about abuse).
    static let exceptions = ["substance abuse", "alcohol abuse", "drug abuse", "abuse of process"]

    /// A term, compiled once: its words, and whether the last is a stem.
    struct Term {
        var topic: Int
        var words: [String]
        var prefix: Bool
        var spelling: String

        /// A one-word stem: found at any word it begins; any other term starts at a whole word.
        var isStem: Bool { prefix && words.count == 1 }
    }

    /// Every term, in the order the lists give them.
    static let terms: [Term] = topics.enumerated().flatMap { topic, entry in
        entry.terms.map { spelling in
            let prefix = spelling.hasSuffix("*")
            let words = (prefix ? String(spelling.dropLast()) : spelling).split(separator: " ").map(String.init)
            return Term(topic: topic, words: words, prefix: prefix, spelling: words.joined(separator: " "))
        }
    }

    /// Terms by their first word (every term whose first word is whole), and the one-word stems.
    static let (byFirstWord, stems): ([String: [Term]], [Term]) = {
        var byFirstWord: [String: [Term]] = [:]
        var stems: [Term] = []
        for term in terms {
            if term.isStem { stems.append(term) } else { byFirstWord[term.words[0], default: []].append(term) }
        }
        return (byFirstWord, stems)
    }()

    /// The same terms for text that is all ASCII, as bytes, by the first byte of their first word: for each
    /// byte, the terms whose first word is whole, in the order `byFirstWord` holds them, then the one-word
    /// stems in theirs, so that a word's candidates come in the same order as by name.
    static let byFirstByte: [[ByteTerm]] = {
        var buckets = Array(repeating: [ByteTerm](), count: 128)
        for term in terms.filter({ !$0.isStem }) + stems {
            let words = term.words.map { Array($0.utf8) }
            buckets[Int(words[0][0])].append(ByteTerm(term: term, words: words))
        }
        return buckets
    }()

    /// A term's words as bytes (every term and exception is ASCII).
    struct ByteTerm {
        var term: Term
        var words: [[UInt8]]
    }

    static let exceptionBytes = exceptions.map { $0.split(separator: " ").map { Array($0.utf8) } }

    public init() {}

    /// The topics the text touches, each once, with the first words that named it.
    ///
    /// Text that is all ASCII (nearly every case's) is read as bytes, with no string made per word: the
    /// same words, compared the same way, as `words(of:)` and `matches(_:in:at:)` find for it, at a
    /// fraction of the cost (a case's text can be 30 MB). Other text goes the way of Unicode.
    public func matches(in texts: [String]) -> [Match] {
        matches(in: texts, readingASCIIAsBytes: true)
    }

    /// `matches(in:)`, with the byte path for ASCII text or without it (the tests compare the two).
    func matches(in texts: [String], readingASCIIAsBytes: Bool) -> [Match] {
        var found: [Int: String] = [:]
        var lowered: [UInt8] = []
        var words: [Range<Int>] = []
        for text in texts where found.count < Self.topics.count {
            let readAsBytes = readingASCIIAsBytes && text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
                Self.words(ofASCII: bytes, lowered: &lowered, words: &words)
                return true
            } == true
            if readAsBytes {
                Self.matchBytes(lowered, words, found: &found)
                continue
            }
            let words = Self.words(of: text)
            for index in words.indices {
                let word = words[index]
                var candidates = Self.byFirstWord[word] ?? []
                for stem in Self.stems where word.hasPrefix(stem.words[0]) { candidates.append(stem) }
                for term in candidates where found[term.topic] == nil && Self.matches(term, in: words, at: index) {
                    found[term.topic] = term.spelling
                }
            }
        }
        return Self.topics.indices.compactMap { topic in
            found[topic].map { Match(topic: Self.topics[topic].topic, words: $0) }
        }
    }

    /// The words of ASCII text as ranges of `lowered` (the text lowercased): letters, digits and inner
    /// hyphens, as `words(of:)` finds them.
    static func words(ofASCII bytes: UnsafeBufferPointer<UInt8>, lowered: inout [UInt8], words: inout [Range<Int>]) {
        lowered.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        lowered.reserveCapacity(bytes.count)
        var start = 0
        func finish(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, lowered[lower] == 0x2D { lower += 1 }
            while upper > lower, lowered[upper - 1] == 0x2D { upper -= 1 }
            if lower < upper { words.append(lower..<upper) }
        }
        for (index, byte) in bytes.enumerated() {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            lowered.append(lower)
            let inWord = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2D
            if !inWord {
                finish(index)
                start = index + 1
            }
        }
        finish(bytes.count)
    }

    /// Records in `found` the first term of each topic at each word of ASCII text, in the order the
    /// Unicode path tries them.
    static func matchBytes(_ text: [UInt8], _ words: [Range<Int>], found: inout [Int: String]) {
        text.withUnsafeBufferPointer { text in
            func word(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[words[index]]) }
            func starts(_ word: UnsafeBufferPointer<UInt8>, with part: [UInt8]) -> Bool {
                word.count >= part.count && part.indices.allSatisfy { word[$0] == part[$0] }
            }
            for index in words.indices {
                let first = word(index)
                for candidate in byFirstByte[Int(first[0])] where found[candidate.term.topic] == nil {
                    let term = candidate.term
                    guard index + term.words.count <= words.count else { continue }
                    var matched = true
                    for (offset, part) in candidate.words.enumerated() {
                        let word = word(index + offset)
                        let isLast = offset == term.words.count - 1
                        if isLast && term.prefix ? !starts(word, with: part) : !(word.count == part.count && starts(word, with: part)) {
                            matched = false
                            break
                        }
                    }
                    guard matched else { continue }
                    let end = index + term.words.count
                    let excepted = exceptionBytes.contains { exception in
                        let begin = end - exception.count
                        guard begin >= 0 else { return false }
                        return zip(begin..<end, exception).allSatisfy { starts(word($0), with: $1) }
                    }
                    if !excepted { found[term.topic] = term.spelling }
                }
            }
        }
    }

    /// The text's words, lowercased; letters, digits and inner hyphens kept, everything else a break.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            while current.last == "-" { current.removeLast() }
            while current.first == "-" { current.removeFirst() }
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar == "-" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    /// Whether `term` starts at `start` in `words`, and is not part of an exception ("substance abuse").
    static func matches(_ term: Term, in words: [String], at start: Int) -> Bool {
        guard start + term.words.count <= words.count else { return false }
        for (offset, part) in term.words.enumerated() {
            let word = words[start + offset]
            let isLast = offset == term.words.count - 1
            if isLast && term.prefix ? !word.hasPrefix(part) : word != part { return false }
        }
        let end = start + term.words.count
        return !exceptions.contains { exception in
            // The exception ends at the matched term ("substance abuse" ends at "abuse").
            let exceptionWords = exception.split(separator: " ")
            let begin = end - exceptionWords.count
            guard begin >= 0 else { return false }
            return zip(words[begin..<end], exceptionWords).allSatisfy { $0 == $1 || $0.hasPrefix($1) }
        }
    }
}
