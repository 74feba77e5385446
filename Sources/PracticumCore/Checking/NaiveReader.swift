/// How a lazy student reads an option without reading the case: the professional words it uses, the
/// warning words it avoids, the words of authority it shies from, and the words it echoes from the scene.
///
/// The word lists model how students talk when they guess, not good practice: "support", "explore",
/// "safety", "together" sound right whatever the situation; "just", "only", "promise" sound wrong. A case
/// whose strongest options carry more of the first and fewer of the second can be played well without
/// reading it, which the checker's `vocabulary-tell` warning and `simulate`'s naive policies show.
///
/// A list entry is a lowercase word or phrase matched on word boundaries; an entry ending in `*` matches
/// every word that begins with it ("support*" matches "supportive").
public struct NaiveReader: Sendable {
    /// The words for one language.
    public struct Lexicon: Sendable {
        /// Professional vocabulary a student reaches for to sound right.
        public var vocabulary: [String]
        /// Words a student learns to avoid because they often mark a poor option.
        public var warning: [String]
        /// Words of authority and reporting that a timid student avoids.
        public var authority: [String]
        /// Common words never counted as echoing the scene.
        public var ignored: Set<String>
    }

    /// The lexicon used for a case's language (the English one for a language without its own).
    public let lexicon: Lexicon

    /// A reader for a case's language (`en` or `id`).
    public init(language: String) {
        lexicon = language == "id" ? Self.indonesian : Self.english
    }

    /// What the reader notices in one option's text.
    public struct Reading: Equatable, Sendable {
        /// How many professional words and phrases it uses (each occurrence counts).
        public var vocabulary: Int
        /// How many warning words it uses.
        public var warnings: Int
        /// How many words of authority it uses.
        public var authority: Int
        /// Whether it asks a question.
        public var isQuestion: Bool

        /// A reading; by default one that notices nothing.
        public init(vocabulary: Int = 0, warnings: Int = 0, authority: Int = 0, isQuestion: Bool = false) {
            self.vocabulary = vocabulary
            self.warnings = warnings
            self.authority = authority
            self.isQuestion = isQuestion
        }
    }

    /// Reads an option's text.
    public func read(_ text: String) -> Reading {
        let words = Self.words(of: text)
        return Reading(
            vocabulary: Self.count(lexicon.vocabulary, in: words),
            warnings: Self.count(lexicon.warning, in: words),
            authority: Self.count(lexicon.authority, in: words),
            isQuestion: text.contains("?"))
    }

    /// The distinct content words of a text (four letters or more, common words left out): what a student
    /// who echoes the client's words compares.
    public func contentWords(of text: String) -> Set<String> {
        Set(Self.words(of: text).lazy.filter { $0.count >= 4 }.map(String.init).filter { !lexicon.ignored.contains($0) })
    }

    /// How many distinct content words of the option also appear in the scene's text.
    public func echoes(_ option: String, of scene: [String]) -> Int {
        contentWords(of: option).intersection(contentWords(of: scene.joined(separator: " "))).count
    }

    /// The lowercase words of a text: runs of letters and digits, with inner apostrophes and hyphens kept.
    static func words(of text: String) -> [Substring] {
        let lower = text.lowercased()
        var words: [Substring] = []
        var start: String.Index?
        var index = lower.startIndex
        while index < lower.endIndex {
            let character = lower[index]
            let next = lower.index(after: index)
            let joins = (character == "'" || character == "’" || character == "-") && start != nil && next < lower.endIndex
                && (lower[next].isLetter || lower[next].isNumber)
            if character.isLetter || character.isNumber || joins {
                if start == nil { start = index }
            } else if let begun = start {
                words.append(lower[begun..<index])
                start = nil
            }
            index = next
        }
        if let begun = start { words.append(lower[begun...]) }
        return words
    }

    /// Occurrences of the entries in a list of words: a phrase counts where its words follow each other.
    static func count(_ entries: [String], in words: [Substring]) -> Int {
        var total = 0
        for entry in entries {
            let parts = entry.split(separator: " ")
            guard let last = parts.last, !parts.isEmpty, words.count >= parts.count else { continue }
            for start in 0...(words.count - parts.count) {
                var matches = true
                for (offset, part) in parts.enumerated() {
                    let word = words[start + offset]
                    let isPrefix = offset == parts.count - 1 && last.hasSuffix("*")
                    if isPrefix ? !word.hasPrefix(part.dropLast()) : word != part {
                        matches = false
                        break
                    }
                }
                if matches { total += 1 }
            }
        }
        return total
    }
}

extension NaiveReader {
    /// How English-speaking students sound when they guess.
    static let english = Lexicon(
        vocabulary: [
            "support*", "explor*", "safe", "safety", "together", "strength*", "goal*", "plan", "planning",
            "consent", "confidential*", "rights", "choice*", "respect*", "empower*", "resource*",
            "need", "needs", "concern*", "wellbeing", "well-being", "collaborat*", "listen*", "validat*",
            "reflect*", "acknowledg*", "autonomy", "self-determination", "trauma*", "holistic", "advocat*",
            "assess*", "option*", "priorit*", "boundar*", "coping", "cope", "feel", "feels", "feeling*",
            "understand*", "client-centred", "client-centered", "informed", "comfortable", "wish*",
            "own words", "in your own", "what matters", "at your pace", "non-judgment*", "space",
            "dignity", "hear", "heard", "help", "helping", "together with",
        ],
        warning: [
            "just", "only", "simply", "promise*", "quick", "quickly", "don't worry", "do not worry",
            "obviously", "must", "have to", "calm down", "no need", "right away", "immediately", "sign",
            "standard", "routine", "let's move on", "anyway",
        ],
        authority: [
            "police", "report*", "court*", "cps", "child protective", "protective services", "authorit*",
            "law", "legal*", "mandat*", "landlord", "officer*", "investigat*", "notify", "warrant",
        ],
        ignored: [
            "that", "this", "with", "what", "have", "your", "about", "from", "they", "will", "would",
            "there", "their", "been", "were", "when", "then", "than", "them", "into", "just", "like",
            "some", "more", "much", "very", "also", "because", "could", "should", "here", "says", "said",
            "does", "done", "doing", "being", "which", "while", "where", "after", "before", "over", "only",
        ])

    /// How Indonesian-speaking students sound when they guess.
    static let indonesian = Lexicon(
        vocabulary: [
            "perasaan", "merasa*", "dukung*", "dukungan", "bersama", "aman", "keamanan", "kekuatan",
            "tujuan", "rencana*", "persetujuan", "setuju", "rahasia*", "kerahasiaan", "hak", "pilihan",
            "menghargai", "dihargai", "hormat*", "menghormati", "kebutuhan", "sumber daya", "kesejahteraan",
            "mendengar*", "dengarkan", "memahami", "paham*", "pahami", "menjelaskan", "jelaskan", "asesmen",
            "klien", "layanan", "pendamping*", "mendampingi", "nyaman", "keputusan", "harapan",
            "kekhawatiran", "khawatir*", "bantu", "membantu", "bantuan", "pulih*", "pemulihan",
            "martabat", "kesediaan", "bersedia", "penting bagi", "kata-kata sendiri", "menurut anda",
            "menurut ibu", "menurut bapak", "menurutmu", "cerita*", "terbuka",
        ],
        warning: [
            "hanya", "cuma", "saja", "aja", "janji*", "berjanji", "langsung", "segera", "tenang saja",
            "jangan khawatir", "harus", "pasti", "tanda tangan", "tandatangani", "formalitas", "biasa",
            "sudahlah", "pokoknya",
        ],
        authority: [
            "polisi", "lapor*", "melapor*", "laporan", "pengadilan", "hukum", "dinas", "uptd", "ppa",
            "aparat", "kepolisian", "polres", "polsek", "pidana", "sanksi", "resmi",
        ],
        ignored: [
            "yang", "dengan", "untuk", "tidak", "saya", "kamu", "anda", "akan", "sudah", "bisa", "juga",
            "dari", "atau", "kalau", "jika", "karena", "tapi", "tetapi", "pada", "dalam", "sama", "lagi",
            "masih", "belum", "ada", "itu", "ini", "apa", "mau", "ingin", "kita", "kami", "mereka", "dia",
            "beliau", "seperti", "begitu", "bahwa", "agar", "supaya", "hanya", "saja", "nanti", "sini",
            "situ", "sana", "lalu", "kemudian", "setelah", "sebelum", "boleh", "dulu", "sedang", "punya",
        ])
}
