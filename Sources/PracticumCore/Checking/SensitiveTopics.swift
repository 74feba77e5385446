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

    /// The one-word stems, in the order the lists give them.
    static let stems = terms.filter(\.isStem)

    /// The terms as bytes, by the first byte of their first word: for each byte, the terms whose first word
    /// is whole, then the one-word stems, each in the order the lists give them.
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
    /// Each text is read as its lowercased UTF-8 bytes, with no string made per word, and its words are
    /// matched a window at a time, so that a text of millions of words (a 32 MB line) holds a window of them
    /// and not all (it took 415 MB and, for text beyond ASCII, 14 s). Every term is ASCII, so a word is
    /// compared byte for byte; text beyond ASCII finds its words by Unicode's letters and digits.
    public func matches(in texts: [String]) -> [Match] {
        var found: [Int: String] = [:]
        var scan = WordScan()
        for text in texts where found.count < Self.topics.count {
            scan.read(text, found: &found)
        }
        return Self.topics.indices.compactMap { topic in
            found[topic].map { Match(topic: Self.topics[topic].topic, words: $0) }
        }
    }

    /// The most words a term or an exception spans: a word is matched once the words this far on either side
    /// of it are in the window.
    static let reach = max(terms.map(\.words.count).max() ?? 1, exceptionBytes.map(\.count).max() ?? 1)

    /// One text's words found and matched a window at a time; its buffers are kept from one text to the next.
    struct WordScan {
        /// The text lowercased, as UTF-8 bytes.
        var lowered: [UInt8] = []
        /// Words of `lowered` not yet dropped: at most `window` plus `reach` on each side.
        var words: [Range<Int>] = []
        /// The first word of `words` not yet matched.
        var next = 0
        /// How many words are matched at a time.
        static let window = 4_096

        mutating func read(_ text: String, found: inout [Int: String]) {
            lowered.removeAll(keepingCapacity: true)
            words.removeAll(keepingCapacity: true)
            next = 0
            let isASCII = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
                lowered.reserveCapacity(bytes.count)
                var start = 0
                for (index, byte) in bytes.enumerated() {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    lowered.append(lower)
                    if !((lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2D) {
                        word(start..<index, found: &found)
                        start = index + 1
                    }
                }
                word(start..<bytes.count, found: &found)
                return true
            } == true
            if !isASCII {
                // Letters and digits as Unicode has them, and '-'; every other scalar ends a word.
                let lower = text.lowercased()
                lowered.append(contentsOf: lower.utf8)
                var offset = 0
                var start = 0
                for scalar in lower.unicodeScalars {
                    let width = UTF8.width(scalar)
                    let value = scalar.value
                    let inWord = value < 0x80
                        ? (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x2D
                            || (value >= 0x41 && value <= 0x5A)
                        : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    if !inWord {
                        word(start..<offset, found: &found)
                        start = offset + width
                    }
                    offset += width
                }
                word(start..<offset, found: &found)
            }
            SensitiveTopics.matchBytes(lowered, words, trying: next..<words.count, found: &found)
        }

        /// Adds a stretch of word characters as a word (without its leading and trailing hyphens), and matches
        /// the words before it once the window is full, keeping `reach` words on each side of the next.
        private mutating func word(_ range: Range<Int>, found: inout [Int: String]) {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, lowered[lower] == 0x2D { lower += 1 }
            while upper > lower, lowered[upper - 1] == 0x2D { upper -= 1 }
            guard lower < upper else { return }
            words.append(lower..<upper)
            let reach = SensitiveTopics.reach
            guard words.count >= next + Self.window + reach else { return }
            SensitiveTopics.matchBytes(lowered, words, trying: next..<words.count - reach, found: &found)
            words.removeFirst(words.count - 2 * reach)
            next = reach
        }
    }

    /// Records in `found` the first term of each topic starting at each word of `trying`, in order: at each
    /// word, the terms whose first word is whole, then the one-word stems.
    static func matchBytes(_ text: [UInt8], _ words: [Range<Int>], trying: Range<Int>, found: inout [Int: String]) {
        text.withUnsafeBufferPointer { text in
            func word(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[words[index]]) }
            func starts(_ word: UnsafeBufferPointer<UInt8>, with part: [UInt8]) -> Bool {
                word.count >= part.count && part.indices.allSatisfy { word[$0] == part[$0] }
            }
            for index in trying {
                let first = word(index)
                // Every term is ASCII: a word that begins past ASCII names none.
                guard first[0] < 0x80 else { continue }
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
}
