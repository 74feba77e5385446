import Foundation
import PracticumTerminal
import Testing
@testable import PracticumApp

/// `practicum attempts` as text: within the width, names whole where they fit, nothing cut mid-word.
@Suite("attempts: a list that fits the terminal")
struct AttemptsListTests {
    static let longID = "community-garden-eviction-hearing-with-the-housing-cooperative"

    static let rows: [AttemptsCommand.Row] = [
        .init(
            name: "\(longID)--practice--20261203-215322", file: "/x", scenario: longID, mode: "practice", choices: 12,
            started: "2026-12-03T21:50:00Z", lastActivity: "2026-12-03T21:53:22Z", status: "finished", ending: "goals-met"),
        .init(
            name: "rent-arrears-intake--graded--20261203-215322", file: "/y", scenario: "rent-arrears-intake", mode: "graded",
            choices: 1, started: "2026-12-03T21:50:00Z", lastActivity: "2026-12-03T21:53:22Z", status: "changed"),
        .init(
            name: "broken--practice--20261203-215322", file: "/z", status: "unreadable",
            problem: "line 1: the first line is not an attempt header (\"type\": \"attempt\"), so nothing after it is read"),
    ]

    /// The words of a text: what wrapping may move between lines but never cut.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).filter { $0 != "·" }
    }

    @Test(arguments: [80, 60, 40, 24])
    func everyLineFitsAndNoWordIsCut(width: Int) {
        let text = AttemptsCommand.render(Self.rows, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(displayWidth(of: line) <= width, "\(displayWidth(of: line)) columns at width \(width): '\(line)'")
            #expect(!line.hasSuffix(" "), "trailing space: '\(line)'")
        }
        // Every word of every status is on one line, whole.
        let shown = Set(lines.flatMap { Self.words(String($0)) })
        for row in Self.rows {
            for word in Self.words(AttemptsCommand.statusText(row)) {
                #expect(shown.contains(word), "'\(word)' is cut at width \(width):\n\(text)")
            }
        }
        // A name reads back whole from its lines (broken only after a hyphen when it is wider than the line).
        for row in Self.rows {
            let nameLines = lines.drop { !row.name.hasPrefix($0) }.prefix { !$0.hasPrefix(" ") }
            #expect(nameLines.joined() == row.name, "at width \(width):\n\(text)")
            #expect(nameLines.dropLast().allSatisfy { $0.hasSuffix("-") })
        }
    }

    @Test func atEightyColumnsTheFieldsAreAlignedAndANameThatFitsIsOneLine() {
        let text = AttemptsCommand.render(Self.rows, width: 80)
        #expect(text == """
            community-garden-eviction-hearing-with-the-housing-cooperative--practice--
            20261203-215322
              practice  12 choices  2026-12-03 21:53  finished: goals-met
            rent-arrears-intake--graded--20261203-215322
              graded    1 choice    2026-12-03 21:53  played on another version of the case
            broken--practice--20261203-215322
              cannot be read: line 1: the first line is not an attempt header ("type":
                "attempt"), so nothing after it is read

            """)
    }

    /// The command itself, at the width COLUMNS gives.
    @Test func theCommandWrapsToTheTerminal() throws {
        let state = AppTestSupport.temporaryDirectory()
        let played = AppTestSupport.fixture(["play", "okafor-referral", "--mode", "graded"], input: ["2", "quit"], state: state)
        #expect(played.exitCode == 0, "\(played.errors)")
        for columns in ["80", "40"] {
            let listed = AppTestSupport.run(
                ["attempts"], state: state,
                environment: ["PRACTICUM_SCENARIOS": AppTestSupport.library.path, "COLUMNS": columns])
            #expect(listed.exitCode == 0)
            #expect(listed.output.contains("okafor-referral--graded--"))
            #expect(listed.output.contains("unfinished"))
            for line in listed.output.split(separator: "\n") {
                #expect(displayWidth(of: line) <= Int(columns)!, "'\(line)'")
            }
        }
    }
}
