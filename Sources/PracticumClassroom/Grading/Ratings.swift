import Foundation
import PracticumCore
import PracticumScoring

/// An instructor's own rating of each student's attempt, read from CSV (`id,level,comment`, and `case`
/// when the session has several), to set beside the model's level: how far the two agree is what tells a
/// programme whether to trust the model.
public struct Ratings: Sendable {
    /// One rating.
    public struct Rating: Equatable, Sendable {
        public var student: String
        public var caseID: String
        public var level: Level
        public var comment: String

        /// A rating of one student's attempt at one case.
        public init(student: String, caseID: String, level: Level, comment: String) {
            self.student = student
            self.caseID = caseID
            self.level = level
            self.comment = comment
        }
    }

    /// The ratings, by student and case.
    public private(set) var ratings: [String: Rating] = [:]

    /// What is wrong with a ratings file, with its line.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    static func key(_ student: String, _ caseID: String) -> String { student + "\u{0}" + caseID }

    /// No ratings yet.
    public init() {}

    /// Reads ratings for a session; every row must name a student on the roster, a case of the session
    /// (or the session has one), and a level.
    public init(csv data: Data, session: Session, roster: Roster) throws(Problem) {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(data)
        } catch {
            throw Problem(message: "the ratings are not readable CSV: \(error)")
        }
        guard let head = records.first else { throw Problem(message: "the ratings file is empty: it needs a header row 'id,level,comment'") }
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for (position, name) in names.enumerated() where !name.isEmpty {
            if let first = names[..<position].firstIndex(of: name) {
                throw Problem(
                    message: "line \(head.line): the column '\(Self.visible(head.fields[position]))' is named twice (columns "
                        + "\(first + 1) and \(position + 1)); column names are matched without regard to case, and each must be "
                        + "named once")
            }
        }
        guard let idColumn = names.firstIndex(of: "id"), let levelColumn = names.firstIndex(of: "level") else {
            throw Problem(message: "the ratings' first row needs 'id' and 'level' columns (and usually 'comment')")
        }
        let commentColumn = names.firstIndex(of: "comment")
        let caseColumn = names.firstIndex(of: "case")
        for record in records.dropFirst() {
            func field(_ column: Int?) -> String {
                guard let column, column < record.fields.count else { return "" }
                return Self.restored(record.fields[column].trimmingCharacters(in: .whitespaces))
            }
            let student = field(idColumn)
            guard roster.student(id: student) != nil else {
                throw Problem(message: "line \(record.line): '\(Self.visible(student))' is not on the session's roster")
            }
            let caseID: String
            if caseColumn != nil, !field(caseColumn).isEmpty {
                caseID = field(caseColumn)
                guard session.case(id: caseID) != nil else {
                    throw Problem(message: "line \(record.line): the session has no case '\(Self.visible(caseID))'")
                }
            } else {
                guard session.cases.count == 1, let only = session.cases.first else {
                    throw Problem(message: "line \(record.line): the session has several cases; say which in a 'case' column")
                }
                caseID = only.id
            }
            let text = field(levelColumn).lowercased()
            guard let level = Self.level(named: text) else {
                throw Problem(
                    message: "line \(record.line): the level '\(Self.visible(text))' is not one of "
                        + Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let key = Self.key(student, caseID)
            guard ratings[key] == nil else {
                throw Problem(message: "line \(record.line): \(student) is rated twice at \(caseID)")
            }
            ratings[key] = Rating(student: student, caseID: caseID, level: level, comment: field(commentColumn))
        }
    }

    /// The rating of a student's attempt at a case.
    public func rating(student: String, caseID: String) -> Rating? {
        ratings[Self.key(student, caseID)]
    }

    /// Adds a rating, or replaces the one already given for that student and case.
    public mutating func set(_ rating: Rating) {
        ratings[Self.key(rating.student, rating.caseID)] = rating
    }

    /// Gives a rating (replacing the one already given for that student and case) and saves every rating at
    /// once, whole, as the ratings file at `url` (see `csv(session:roster:)`). `practicum review` and the
    /// instructor's page of `serve` both save through here. When the file cannot be written the rating is
    /// still set here, and the file keeps the ratings saved before.
    public mutating func save(_ rating: Rating, to url: URL, session: Session, roster: Roster) throws {
        set(rating)
        try AtomicFile.write(Data(csv(session: session, roster: roster).utf8), to: url)
    }

    /// Every level's names, as an instructor may write them: the English name and the Indonesian one
    /// (Content/strings/id.json), lowercased.
    public static let levelNames: [(name: String, level: Level)] = [
        ("emerging", .emerging), ("developing", .developing), ("competent", .competent), ("exemplary", .exemplary),
        ("mulai berkembang", .emerging), ("sedang berkembang", .developing), ("kompeten", .competent), ("teladan", .exemplary),
    ]

    /// The level a whole name stands for, in English or Indonesian, whatever its case and spacing.
    public static func level(named text: String) -> Level? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return levelNames.first { $0.name == words }?.level
    }

    /// The ratings as a ratings file: `id,level,comment` (with `case` after `id` when the session has several
    /// cases), a row per rating in roster order, then case order, so the file reads back as it was. Text is
    /// neutralised for spreadsheets as in the gradebook; reading it back takes the neutralising `'` off.
    public func csv(session: Session, roster: Roster) -> String {
        var writer = CSVWriter()
        let several = session.cases.count > 1
        writer.append(texts: several ? ["id", "case", "level", "comment"] : ["id", "level", "comment"])
        for student in roster.students {
            for item in session.cases {
                guard let rating = rating(student: student.id, caseID: item.id) else { continue }
                writer.append(texts: [rating.student] + (several ? [rating.caseID] : []) + [rating.level.rawValue, rating.comment])
            }
        }
        return writer.text
    }

    /// A field as a message quotes it: its first 64 characters, hidden characters shown (`VisibleText`).
    static func visible(_ text: String) -> String {
        VisibleText.make(String(text.prefix(64)), keepNewlines: false)
    }

    /// A field as it was before `CSVWriter` neutralised it: the leading `'` taken off a text that starts with a
    /// formula character after it.
    static func restored(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first,
            "=+-@\t\r".unicodeScalars.contains(second)
        else { return field }
        return String(field.dropFirst())
    }

    /// How far the instructor's levels and the model's agree, over the attempts both rated.
    public struct Agreement: Equatable, Sendable {
        public var pairs: Int
        /// The share of pairs with the same level.
        public var exact: Double
        /// The share of pairs at most one level apart.
        public var withinOne: Double
        /// Cohen's kappa: agreement beyond what chance would give (1 perfect, 0 chance).
        public var kappa: Double?
    }

    /// The agreement between the ratings and the model's levels in the gradebook.
    public func agreement(with book: Gradebook) -> Agreement {
        let levels = Level.allCases
        var pairs: [(Int, Int)] = []
        for entry in book.entries {
            guard let report = entry.report, let rating = rating(student: entry.student.id, caseID: entry.caseID) else { continue }
            pairs.append((levels.firstIndex(of: rating.level)!, levels.firstIndex(of: report.level)!))
        }
        return Self.agreement(pairs, levels: levels.count)
    }

    /// Agreement over pairs of level positions (instructor, model), of `levels` levels.
    static func agreement(_ pairs: [(Int, Int)], levels: Int) -> Agreement {
        guard !pairs.isEmpty else { return Agreement(pairs: 0, exact: 0, withinOne: 0, kappa: nil) }
        let count = Double(pairs.count)
        let exact = Double(pairs.filter { $0.0 == $0.1 }.count) / count
        let withinOne = Double(pairs.filter { abs($0.0 - $0.1) <= 1 }.count) / count
        var chance = 0.0
        for level in 0..<levels {
            let instructor = Double(pairs.filter { $0.0 == level }.count) / count
            let model = Double(pairs.filter { $0.1 == level }.count) / count
            chance += instructor * model
        }
        let kappa: Double? = chance < 1 ? (exact - chance) / (1 - chance) : nil
        return Agreement(pairs: pairs.count, exact: exact, withinOne: withinOne, kappa: kappa)
    }
}
