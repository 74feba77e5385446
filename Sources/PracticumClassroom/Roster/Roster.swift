import Foundation
import PracticumCore

/// The students of a class, from a CSV file with a header row: `id`, and usually `name` and `email`.
///
/// Column names are matched without regard to case or surrounding spaces, in any order; other columns are
/// kept as they are, so a roster exported from an LMS can be used unchanged. Every student needs an id,
/// and no id may appear twice.
public struct Roster: Equatable, Sendable {
    /// One student.
    public struct Student: Equatable, Sendable {
        /// The id the student plays under (`--student ID`), as written in the roster.
        public var id: String
        public var name: String
        public var email: String
        /// Every column of the student's row, by the header's names as written.
        public var columns: [String: String]
    }

    /// The students, in the roster's order.
    public var students: [Student] {
        didSet { positions = Self.positions(of: students) }
    }
    /// Where each student id is in `students` (ids are unique): grading looks students up by id for every
    /// attempt.
    private var positions: [String: Int] = [:]

    private static func positions(of students: [Student]) -> [String: Int] {
        Dictionary(students.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
    /// The header row as written.
    public var header: [String]

    /// What is wrong with a roster.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The longest id accepted: ids name attempt files, so they stay short and printable.
    public static let maximumIDLength = 64

    /// Reads a roster from CSV data. A column named twice is refused (which one would be meant?). With
    /// `forNewSession`, what only a new session can still refuse is refused too (a session made earlier keeps
    /// grading): an id that starts with `-` or `@` (see `formulaPrefixes`) and two ids that differ only in case.
    public init(csv data: Data, forNewSession: Bool = false) throws(Problem) {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(data)
        } catch {
            throw Problem(message: "the roster is not readable CSV: \(error)")
        }
        guard let head = records.first else { throw Problem(message: "the roster is empty: it needs a header row 'id,name,email'") }
        header = head.fields
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columnOf: [String: Int] = [:]
        for (position, name) in names.enumerated() where !name.isEmpty {
            if let first = columnOf[name] {
                throw Problem(
                    message: "line \(head.line): the column '\(Self.visible(head.fields[position]))' is named twice (columns "
                        + "\(first + 1) and \(position + 1)); column names are matched without regard to case, and each must "
                        + "be named once")
            }
            columnOf[name] = position
        }
        guard let idColumn = names.firstIndex(of: "id") else {
            throw Problem(
                message: "the roster's first row has no 'id' column (it has: \(head.fields.joined(separator: ", "))); "
                    + "the first row names the columns, e.g. 'id,name,email'")
        }
        let nameColumn = names.firstIndex(of: "name")
        let emailColumn = names.firstIndex(of: "email")
        var seen: [String: Int] = [:]
        var seenFolded: [String: (id: String, line: Int)] = [:]
        var students: [Student] = []
        for record in records.dropFirst() {
            func field(_ column: Int?) -> String {
                guard let column, column < record.fields.count else { return "" }
                return record.fields[column].trimmingCharacters(in: .whitespaces)
            }
            let id = field(idColumn)
            guard !id.isEmpty else { throw Problem(message: "line \(record.line): a student with no id") }
            guard Self.isAcceptable(id: id) else {
                throw Problem(
                    message: "line \(record.line): the id '\(Self.visible(id))' is not usable; an id is at most "
                        + "\(Self.maximumIDLength) letters, digits, '.', '_', '-' or '@'")
            }
            if let first = seen[id] {
                throw Problem(message: "line \(record.line): the id '\(id)' is already on line \(first)")
            }
            seen[id] = record.line
            if forNewSession {
                if let prefix = id.unicodeScalars.first, Self.formulaPrefixes.unicodeScalars.contains(prefix) {
                    throw Problem(
                        message: "line \(record.line): the id '\(id)' starts with '\(prefix)', which a spreadsheet reads as the "
                            + "start of a formula; the LMS files must carry an id unchanged for the LMS to match it, so a new "
                            + "session refuses such ids (use the student number the LMS knows)")
                }
                let folded = id.lowercased()
                if let other = seenFolded[folded] {
                    throw Problem(
                        message: "line \(record.line): the id '\(id)' differs only in case from '\(other.id)' on line \(other.line); "
                            + "attempt files are named by id, and a file system that ignores case would take them for one")
                }
                seenFolded[folded] = (id, record.line)
            }
            var columns: [String: String] = [:]
            for (position, name) in head.fields.enumerated() where position < record.fields.count {
                columns[name] = record.fields[position]
            }
            students.append(Student(id: id, name: field(nameColumn), email: field(emailColumn), columns: columns))
        }
        self.students = students
        positions = Self.positions(of: students)
    }

    /// The student with this id, if the roster has one.
    public func student(id: String) -> Student? {
        guard let position = positions[id], students.indices.contains(position), students[position].id == id else {
            return nil
        }
        return students[position]
    }

    /// The first characters of an id that a new session refuses: a spreadsheet takes a cell that starts with
    /// one of them as a formula, so `CSVWriter` would neutralise it with a `'`, and an LMS would then not
    /// match the student. (`=`, `+`, a tab and a carriage return cannot be in an id at all.)
    public static let formulaPrefixes = "-@"

    /// Whether an id can name a student (and so an attempt file): short, and only letters, digits and
    /// `.`, `_`, `-`, `@`, not starting with `.`.
    public static func isAcceptable(id: String) -> Bool {
        guard !id.isEmpty, id.count <= maximumIDLength, !id.hasPrefix(".") else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_@".unicodeScalars.contains(scalar))
                && scalar.value >= 0x20
        }
    }

    private static func visible(_ text: String) -> String {
        VisibleText.make(String(String.UnicodeScalarView(text.unicodeScalars.prefix(80))), keepNewlines: false)
    }
}
