import Foundation
import PracticumCore

/// Reads a `CASE.test` file: blocks separated by blank lines, one `key: value` a line, `#` and `//` lines
/// ignored. Every problem is reported at its line and column, and a block with a problem is left out; the
/// other blocks are still read. docs/case-tests.md describes the format.
public enum CaseTestParser {
    /// Every key a block may have. `debrief` may be given any number of times, the others once.
    public static let keys = [
        "name", "choices", "ending", "outcome", "level", "at-most", "review", "score", "debrief", "lang", "note",
    ]
    /// The keys that say what the path must lead to; a test needs at least one.
    static let expectationKeys = ["ending", "outcome", "level", "at-most", "review", "score", "debrief"]

    /// One `key: value` line of a block.
    struct Field {
        var key: String
        var value: String
        var line: Int
        /// The column where the value starts.
        var valueColumn: Int
    }

    /// Parses the text of a test file.
    public static func parse(_ text: String) -> CaseTestFile {
        var tests: [CaseTest] = []
        var problems: [CaseTestProblem] = []
        var namesSeen: [String: Int] = [:]
        for block in blocks(of: text, problems: &problems) {
            var blockProblems: [CaseTestProblem] = []
            // A line that is not `key: value` was reported where it was read; its test is not run either.
            guard let test = read(block.fields, problems: &blockProblems), !block.hasUnreadableLine else {
                problems += blockProblems
                continue
            }
            if let first = namesSeen[test.name] {
                problems.append(
                    CaseTestProblem(
                        line: test.line, message: "a test named '\(test.name)' is already at line \(first)",
                        hint: "give each test of a file its own name"))
                continue
            }
            namesSeen[test.name] = test.line
            tests.append(test)
        }
        return CaseTestFile(tests: tests, problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    /// The `key: value` lines of one block, and whether a line of it was not `key: value` (a problem already
    /// reported, which keeps the block's test from running).
    struct Block {
        var fields: [Field] = []
        var hasUnreadableLine = false
    }

    /// The file's blocks of fields; comment lines are skipped, blank lines end a block.
    static func blocks(of text: String, problems: inout [CaseTestProblem]) -> [Block] {
        var blocks: [Block] = []
        var current = Block()
        var lineNumber = 0
        // A byte-order mark some editors write is not part of the first key.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.fields.isEmpty { blocks.append(current) }
                current = Block()
                continue
            }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(
                    CaseTestProblem(
                        line: lineNumber, message: "expected 'key: value', found '\(VisibleText.make(trimmed, keepNewlines: false))'",
                        hint: "keys: " + keys.joined(separator: ", ") + "; a comment line starts with # or //"))
                current.hasUnreadableLine = true
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let afterColon = line[line.index(after: colon)...]
            let leading = afterColon.prefix { $0 == " " || $0 == "\t" }.count
            let value = afterColon.trimmingCharacters(in: .whitespaces)
            let valueColumn = line[..<colon].count + 2 + leading
            current.fields.append(Field(key: key, value: value, line: lineNumber, valueColumn: valueColumn))
        }
        if !current.fields.isEmpty { blocks.append(current) }
        return blocks
    }

    /// One test from its block; nil (with problems) when the block has any problem.
    static func read(_ block: [Field], problems: inout [CaseTestProblem]) -> CaseTest? {
        var seen: [String: Field] = [:]
        var debrief: [CaseTest.DebriefLine] = []
        for field in block {
            guard keys.contains(field.key) else {
                let suggestion = Suggestion.closest(to: field.key, in: keys)
                problems.append(
                    CaseTestProblem(
                        line: field.line, message: "unknown key '\(VisibleText.make(field.key, keepNewlines: false))'",
                        hint: suggestion.map { "did you mean '\($0)'?" } ?? "keys: " + keys.joined(separator: ", ")))
                continue
            }
            guard !field.value.isEmpty else {
                problems.append(CaseTestProblem(line: field.line, column: field.valueColumn, message: "'\(field.key):' has no value"))
                continue
            }
            if field.key == "debrief" {
                debrief.append(CaseTest.DebriefLine(text: field.value, line: field.line))
                continue
            }
            if let first = seen[field.key] {
                problems.append(
                    CaseTestProblem(
                        line: field.line, message: "'\(field.key):' is given twice in one test (first at line \(first.line))",
                        hint: "only debrief: may be repeated; a blank line starts the next test"))
                continue
            }
            seen[field.key] = field
        }
        let start = block[0].line
        let name = seen["name"]?.value
        if name == nil {
            problems.append(
                CaseTestProblem(
                    line: start, message: "this test has no name: line",
                    hint: "each test starts with 'name: ...'; a blank line separates tests"))
        }
        let label = name.map { "the test '\($0)'" } ?? "this test"
        let nameLine = seen["name"]?.line ?? start
        if seen["choices"] == nil {
            problems.append(
                CaseTestProblem(
                    line: nameLine, message: "\(label) has no choices: line",
                    hint: "for example 'choices: 1,3,2' (numbers as 'practicum play --choices' counts them) or ids such as 'intake#2'"))
        }
        if seen["level"] != nil, let atMost = seen["at-most"] {
            problems.append(CaseTestProblem(line: atMost.line, message: "\(label) gives both level: and at-most:; give one"))
        }
        let unknownKeys = block.contains { !keys.contains($0.key) }
        if !unknownKeys && !expectationKeys.contains(where: { seen[$0] != nil }) && debrief.isEmpty {
            problems.append(
                CaseTestProblem(
                    line: nameLine, message: "\(label) expects nothing",
                    hint: "add at least one of: " + expectationKeys.map { $0 + ":" }.joined(separator: ", ")))
        }
        let choices = seen["choices"].flatMap { steps($0, problems: &problems) }
        var test = CaseTest(name: name ?? "", line: start, choices: choices ?? [], debrief: debrief)
        test.ending = seen["ending"]?.value
        test.outcome = seen["outcome"]?.value
        test.note = seen["note"]?.value
        test.language = seen["lang"]?.value
        test.keyLines = seen.mapValues(\.line)
        if let field = seen["level"] ?? seen["at-most"] {
            if let level = Level.allCases.first(where: { $0.rawValue.lowercased() == field.value.lowercased() }) {
                test.level = field.key == "level" ? .exactly(level) : .atMost(level)
            } else {
                problems.append(
                    CaseTestProblem(
                        line: field.line, column: field.valueColumn,
                        message: "unknown level '\(VisibleText.make(field.value, keepNewlines: false))'",
                        hint: Suggestion.closest(to: field.value, in: Level.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                            ?? "use one of: " + Level.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if let field = seen["review"] {
            switch field.value {
            case "true": test.review = true
            case "false": test.review = false
            default:
                problems.append(
                    CaseTestProblem(
                        line: field.line, column: field.valueColumn,
                        message: "review: takes true or false, got '\(VisibleText.make(field.value, keepNewlines: false))'"))
            }
        }
        if let field = seen["score"] {
            if let range = scoreRange(field.value) {
                test.score = range
            } else {
                problems.append(
                    CaseTestProblem(
                        line: field.line, column: field.valueColumn,
                        message: "score: takes a whole number from 0 to 100 or a range such as 60-79, got '\(VisibleText.make(field.value, keepNewlines: false))'"))
            }
        }
        return problems.isEmpty && name != nil && choices != nil ? test : nil
    }

    /// The path of a `choices:` line; nil (with a problem at the item) when an item is neither a number from
    /// 1 nor a choice id.
    static func steps(_ field: Field, problems: inout [CaseTestProblem]) -> [CaseTest.Step]? {
        var steps: [CaseTest.Step] = []
        var column = field.valueColumn
        for (index, raw) in field.value.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let item = raw.trimmingCharacters(in: .whitespaces)
            let itemColumn = column + raw.prefix { $0 == " " }.count
            column += raw.count + 1
            if let number = Int(item), number >= 1, item.allSatisfy({ $0.isASCII && $0.isNumber }) {
                steps.append(.number(number))
            } else if let id = choiceID(item) {
                steps.append(.id(id))
            } else {
                problems.append(
                    CaseTestProblem(
                        line: field.line, column: itemColumn,
                        message: "choices: '\(VisibleText.make(item, keepNewlines: false))' (item \(index + 1)) is not a choice number or a choice id",
                        hint: "write numbers from 1 or ids such as intake#2, separated by commas"))
                return nil
            }
        }
        return steps
    }

    /// `scene#n`: the n-th choice (from 1) written in the scene.
    static func choiceID(_ text: String) -> ChoiceID? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let scene = String(text[..<hash])
        let digits = text[text.index(after: hash)...]
        guard !scene.isEmpty, !scene.contains(where: \.isWhitespace), !digits.isEmpty,
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number >= 1
        else { return nil }
        return ChoiceID(scene: scene, index: number - 1)
    }

    /// `N` or `N-M`, each from 0 to 100, N <= M.
    static func scoreRange(_ text: String) -> ClosedRange<Int>? {
        func number(_ part: Substring) -> Int? {
            let part = part.trimmingCharacters(in: .whitespaces)
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part),
                value <= 100
            else { return nil }
            return value
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return number(parts[0]).map { $0...$0 }
        case 2:
            guard let low = number(parts[0]), let high = number(parts[1]), low <= high else { return nil }
            return low...high
        default: return nil
        }
    }
}
