import Foundation

/// The data in Content/: lifecycle phases, ethics principles, intervention kinds,
/// ending outcomes, practice levels and the interface strings, loaded at run time
/// so that the checker, the player and Content/ never drift apart.
public struct ContentLibrary: Sendable {
    /// The lifecycle phases in their canonical order.
    public var phases: [Phase]
    /// The ethics principles.
    public var principles: [Principle]
    /// The kinds of intervention.
    public var interventions: [Entry]
    /// The ending outcomes.
    public var outcomes: [Entry]
    /// The practice levels (micro, mezzo, macro).
    public var levels: [Entry]
    /// The interface languages with a case library (`en`, `id`).
    public var languages: [Entry]
    /// The accreditation competencies phases and scoring dimensions give evidence for (CSWE EPAS 2022).
    public var competencies: [Entry]
    /// Interface strings, by language code, then by key.
    public var strings: [String: [String: String]]
    /// The folder this library was read from, when it was read from one.
    public var directory: URL?

    /// A named item of Content/: an id with names and descriptions per language.
    public struct Entry: Hashable, Sendable, Codable {
        public var id: String
        public var names: [String: String]
        public var descriptions: [String: String]
        public init(id: String, names: [String: String], descriptions: [String: String] = [:]) {
            self.id = id
            self.names = names
            self.descriptions = descriptions
        }

        private enum CodingKeys: String, CodingKey { case id, names, descriptions }

        /// Decodes `{"id", "names", "descriptions"?}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            names = try container.decode([String: String].self, forKey: .names)
            descriptions = try container.decodeIfPresent([String: String].self, forKey: .descriptions) ?? [:]
        }

        /// The name in a language, falling back to English, then to the id.
        public func name(in language: String) -> String {
            names[language] ?? names["en"] ?? id
        }

        /// The description in a language, falling back to English.
        public func description(in language: String) -> String {
            descriptions[language] ?? descriptions["en"] ?? ""
        }
    }

    /// A lifecycle phase.
    public struct Phase: Hashable, Sendable, Codable {
        public var id: String
        /// Position in the cycle, from 1.
        public var order: Int
        /// Whether the phase may be skipped at no cost (monitoring).
        public var optional: Bool
        /// Other spellings the format accepts (the Indonesian names).
        public var aliases: [String]
        /// An action in this phase is premature unless one of these phases came earlier on the path.
        public var requiresEarlier: [String]
        public var names: [String: String]
        public var descriptions: [String: String]
        /// The id (in `competencies`) of the accreditation competency this phase gives evidence for, if any.
        public var competency: String?

        /// The name in a language, falling back to English, then to the id.
        public func name(in language: String) -> String {
            names[language] ?? names["en"] ?? id
        }
    }

    /// An ethics principle and the code-of-ethics standards it rests on.
    public struct Principle: Hashable, Sendable, Codable {
        public var id: String
        public var names: [String: String]
        public var descriptions: [String: String]
        /// Standards, e.g. `NASW 1.07 Privacy and Confidentiality`.
        public var standards: [Standard]

        /// One code-of-ethics reference.
        public struct Standard: Hashable, Sendable, Codable {
            /// `NASW`, `IFSW/IASSW`, `IPSPI`.
            public var code: String
            /// The article or principle, or a note that it is not yet sourced.
            public var reference: String
            /// The case language the standard applies to (Indonesian law in Indonesian cases); nil for all.
            public var language: String?

            /// Whether the standard applies to a case in this language.
            public func applies(to caseLanguage: String) -> Bool {
                language == nil || language == caseLanguage
            }
        }

        /// The name in a language, falling back to English, then to the id.
        public func name(in language: String) -> String {
            names[language] ?? names["en"] ?? id
        }
    }

    /// Creates a library from its parts (tests build small ones this way).
    public init(
        phases: [Phase], principles: [Principle], interventions: [Entry], outcomes: [Entry],
        levels: [Entry], languages: [Entry], competencies: [Entry] = [], strings: [String: [String: String]] = [:],
        directory: URL? = nil
    ) {
        self.phases = phases.sorted { $0.order < $1.order }
        self.principles = principles
        self.interventions = interventions
        self.outcomes = outcomes
        self.levels = levels
        self.languages = languages
        self.competencies = competencies
        self.strings = strings
        self.directory = directory
    }

    /// The phase with this id or alias, if any.
    public func phase(named name: String) -> Phase? {
        phases.first { $0.id == name || $0.aliases.contains(name) }
    }

    /// The competency with this id, if any.
    public func competency(named id: String) -> Entry? {
        competencies.first { $0.id == id }
    }

    /// The principle with this id, if any.
    public func principle(named id: String) -> Principle? {
        principles.first { $0.id == id }
    }

    /// Every phase id and alias, as a checker suggests them.
    public var phaseSpellings: [String] {
        phases.flatMap { [$0.id] + $0.aliases }
    }

    /// An interface string for `key` in `language`, with `{name}` placeholders filled in.
    ///
    /// Falls back to English, then to the key itself, so a missing translation shows
    /// up as a visible key rather than a crash.
    public func string(_ key: String, language: String = "en", _ arguments: [String: String] = [:]) -> String {
        let template = strings[language]?[key] ?? strings["en"]?[key] ?? key
        return arguments.isEmpty ? template : Self.fill(template, with: arguments)
    }

    /// A template with each `{name}` that `arguments` names replaced by its value, in one pass: a value
    /// is never read again as a template, and a `{name}` with no argument stays as it is.
    static func fill(_ template: String, with arguments: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"),
                let close = bytes[(index + 1)...].prefix(64).firstIndex(of: UInt8(ascii: "}")),
                let value = arguments[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)]
            {
                result += value.utf8
                index = close + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
