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

    public init() {}

    /// The topics the text touches, each once, with the first words that named it.
    public func matches(in texts: [String]) -> [Match] {
        var found: [Match] = []
        var seen: Set<String> = []
        for text in texts {
            let words = Self.words(of: text)
            for (topic, terms) in Self.topics where !seen.contains(topic) {
                if let term = terms.first(where: { Self.contains(words, term: $0) }) {
                    seen.insert(topic)
                    found.append(Match(topic: topic, words: term.hasSuffix("*") ? String(term.dropLast()) : term))
                }
            }
            if seen.count == Self.topics.count { break }
        }
        return Self.topics.compactMap { entry in found.first { $0.topic == entry.topic } }
    }

    /// The text's words, lowercased; letters, digits and inner hyphens kept, everything else a break.
    static func words(of text: String) -> [Substring] {
        let lowered = text.lowercased()
        return lowered.split { !($0.isLetter || $0.isNumber || $0 == "-") }
            .map { $0.trimmingCharacters(in: ["-"]) }
            .filter { !$0.isEmpty }
            .map { Substring($0) }
    }

    /// Whether the words hold the term (a stem or a phrase) anywhere not covered by an exception.
    static func contains(_ words: [Substring], term: String) -> Bool {
        let parts = term.split(separator: " ")
        guard let last = parts.last, words.count >= parts.count else { return false }
        let prefix = last.hasSuffix("*")
        let lastStem = prefix ? last.dropLast() : last
        for start in 0...(words.count - parts.count) {
            var matched = true
            for (offset, part) in parts.enumerated() {
                let word = words[start + offset]
                let isLast = offset == parts.count - 1
                if isLast ? (prefix ? !word.hasPrefix(lastStem) : word != lastStem) : word != part {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            let excepted = exceptions.contains { exception in
                let exceptionWords = exception.split(separator: " ")
                // The exception ends at the matched word ("substance abuse" ends at "abuse").
                let end = start + parts.count
                let begin = end - exceptionWords.count
                guard begin >= 0 else { return false }
                return zip(words[begin..<end], exceptionWords).allSatisfy { $0 == $1 || $0.hasPrefix($1) }
            }
            if !excepted { return true }
        }
        return false
    }
}
