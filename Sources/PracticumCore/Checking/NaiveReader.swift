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
        public let vocabulary: WordList
        /// Words a student learns to avoid because they often mark a poor option.
        public let warning: WordList
        /// Words of authority and reporting that a timid student avoids.
        public let authority: WordList
        /// Common words never counted as echoing the scene.
        public let ignored: Set<String>

        init(vocabulary: [String], warning: [String], authority: [String], ignored: Set<String>) {
            self.vocabulary = WordList(vocabulary)
            self.warning = WordList(warning)
            self.authority = WordList(authority)
            self.ignored = ignored
        }
    }

    /// A list of words and phrases, kept so that counting them in a text looks each word up once: whole
    /// words in a set, prefixes by their first four letters, phrases by their first word.
    public struct WordList: Sendable {
        /// The entries as written.
        public let entries: [String]
        private var words: Set<ArraySlice<UInt8>> = []
        private var prefixes: [UInt32: [ArraySlice<UInt8>]] = [:]
        private var phrases: [ArraySlice<UInt8>: [[ArraySlice<UInt8>]]] = [:]

        init(_ entries: [String]) {
            self.entries = entries
            for entry in entries {
                let parts = entry.split(separator: " ").map { ArraySlice(Array($0.utf8)) }
                if parts.count > 1 {
                    phrases[parts[0], default: []].append(parts)
                } else if let word = parts.first, word.last == UInt8(ascii: "*") {
                    let stem = word.dropLast()
                    prefixes[Words.key(stem), default: []].append(stem)
                } else if let word = parts.first {
                    words.insert(word)
                }
            }
        }

        /// Occurrences of the entries in a text's words: a phrase counts where its words follow each other
        /// (only its last word may be a prefix), and each entry that matches at a place counts once.
        func count(in text: Words) -> Int {
            var total = 0
            for index in text.ranges.indices {
                let word = text.word(index)
                if words.contains(word) { total += 1 }
                if word.count >= 4, let stems = prefixes[Words.key(word)] {
                    total += stems.count { word.starts(with: $0) }
                }
                if let starting = phrases[word] {
                    for parts in starting where index + parts.count <= text.ranges.count {
                        var matches = true
                        for offset in 1..<parts.count {
                            let part = parts[offset]
                            let candidate = text.word(index + offset)
                            let isPrefix = offset == parts.count - 1 && part.last == UInt8(ascii: "*")
                            if isPrefix ? !candidate.starts(with: part.dropLast()) : candidate != part {
                                matches = false
                                break
                            }
                        }
                        if matches { total += 1 }
                    }
                }
            }
            return total
        }
    }

    /// A text's words, lowercase, as ranges of its UTF-8 bytes: runs of letters and digits, with inner
    /// apostrophes and hyphens kept. ASCII letters are lowercased; other characters are kept as written
    /// (the typographic apostrophe becomes "'"), which is all English and Indonesian need.
    struct Words {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []

        init(_ text: String) {
            bytes.reserveCapacity(text.utf8.count)
            var utf8 = Array(text.utf8)[...]
            while let byte = utf8.popFirst() {
                if byte == 0xE2, utf8.starts(with: [0x80, 0x99]) {
                    utf8 = utf8.dropFirst(2)
                    bytes.append(UInt8(ascii: "'"))
                } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    bytes.append(byte + 32)
                } else {
                    bytes.append(byte)
                }
            }
            var start: Int?
            for index in bytes.indices {
                let byte = bytes[index]
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let joins = (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) && start != nil && Self.isWordByte(next)
                if Self.isWordByte(byte) || joins {
                    if start == nil { start = index }
                } else if let begun = start {
                    ranges.append(begun..<index)
                    start = nil
                }
            }
            if let begun = start { ranges.append(begun..<bytes.count) }
        }

        /// The word at a position.
        func word(_ index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

        /// Each word, as a string.
        var strings: [String] { ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }

        static func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte >= 0x80
        }

        /// The first four bytes of a word (fewer for a shorter one), packed: the key prefixes are found by.
        static func key(_ word: ArraySlice<UInt8>) -> UInt32 {
            word.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
        }
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
        let words = Words(text)
        return Reading(
            vocabulary: lexicon.vocabulary.count(in: words),
            warnings: lexicon.warning.count(in: words),
            authority: lexicon.authority.count(in: words),
            isQuestion: text.utf8.contains(UInt8(ascii: "?")))
    }

    /// The distinct content words of a text (four letters or more, common words left out): what a student
    /// who echoes the client's words compares.
    public func contentWords(of text: String) -> Set<String> {
        Set(Words(text).strings.filter { $0.utf8.count >= 4 && !lexicon.ignored.contains($0) })
    }

    /// How many distinct content words of the option also appear in the scene's text.
    public func echoes(_ option: String, of scene: [String]) -> Int {
        contentWords(of: option).intersection(contentWords(of: scene.joined(separator: " "))).count
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
