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
    }

    /// Terms by their first word (every term whose first word is whole), and the one-word stems.
    static let (byFirstWord, stems): ([String: [Term]], [Term]) = {
        var byFirstWord: [String: [Term]] = [:]
        var stems: [Term] = []
        for (topic, entry) in topics.enumerated() {
            for spelling in entry.terms {
                let prefix = spelling.hasSuffix("*")
                let words = (prefix ? String(spelling.dropLast()) : spelling).split(separator: " ").map(String.init)
                let term = Term(topic: topic, words: words, prefix: prefix, spelling: words.joined(separator: " "))
                if prefix && words.count == 1 { stems.append(term) } else { byFirstWord[words[0], default: []].append(term) }
            }
        }
        return (byFirstWord, stems)
    }()

    public init() {}

    /// The topics the text touches, each once, with the first words that named it.
    public func matches(in texts: [String]) -> [Match] {
        var found: [Int: String] = [:]
        for text in texts where found.count < Self.topics.count {
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
