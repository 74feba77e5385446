import Foundation
import PracticumCore
import Testing
@testable import PracticumClassroom

@Suite("CSV: reading and writing as RFC 4180 says, and as spreadsheets write it")
struct CSVTests {
    func fields(_ text: String) throws -> [[String]] {
        try CSVReader.records(text).map(\.fields)
    }

    @Test func plainRecordsWithLFOrCRLFOrCR() throws {
        #expect(try fields("id,name\n1,Ana\n") == [["id", "name"], ["1", "Ana"]])
        #expect(try fields("id,name\r\n1,Ana\r\n") == [["id", "name"], ["1", "Ana"]])
        #expect(try fields("id,name\r1,Ana") == [["id", "name"], ["1", "Ana"]])
        #expect(try fields("a,b") == [["a", "b"]])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "id,name,note\r\n1,\"Okafor, Marcus\",\"said \"\"no\"\"\"\r\n2,\"two\r\nlines\",x\r\n"
        let records = try CSVReader.records(text)
        #expect(records.map(\.fields) == [
            ["id", "name", "note"], ["1", "Okafor, Marcus", "said \"no\""], ["2", "two\r\nlines", "x"],
        ])
        // A record's line is where it starts, counting the line break inside a quoted field.
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(try CSVReader.records("a\n\"b\nc\"\nd\n").map(\.line) == [1, 2, 4])
    }

    @Test func emptyFieldsAreKeptAndBlankLinesSkipped() throws {
        #expect(try fields("a,,c\n,\n\n\nd,") == [["a", "", "c"], ["", ""], ["d", ""]])
        #expect(try fields("\"a\",") == [["a", ""]])
        #expect(try fields("") == [])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("id,name\n1,Bu Sri\n".utf8)
        #expect(try CSVReader.records(data).map(\.fields) == [["id", "name"], ["1", "Bu Sri"]])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsKept() throws {
        #expect(try fields("1,O\"Brien\n") == [["1", "O\"Brien"]])
    }

    @Test(arguments: [
        ("a,\"b\nc", 1, 3, "never closed"),
        ("a\n\"b\"x,c", 2, 4, "after a closing quote"),
        ("ñ,\"ok\" ,c", 1, 7, "after a closing quote"),
    ])
    func problemsHaveTheirLineAndColumn(text: String, line: Int, column: Int, words: String) {
        #expect {
            try CSVReader.records(text)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == line && error.column == column && error.message.contains(words)
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(throws: CSVError.self) { try CSVReader.records(Data([0x61, 0xFF, 0x0A])) }
    }

    @Test func writtenCellsAreQuotedWhenTheyMustBe() {
        var writer = CSVWriter()
        writer.append([.text("Okafor, Marcus"), .text("said \"no\""), .text("two\nlines"), .number(87), .empty, .text(" x")])
        #expect(writer.text == "\"Okafor, Marcus\",\"said \"\"no\"\"\",\"two\nlines\",87,,\" x\"\r\n")
    }

    @Test(arguments: ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
    func formulaCellsAreNeutralised(text: String) throws {
        let cell = CSVWriter.render(.text(text))
        let read = try #require(try CSVReader.records(cell + "\r\n").first?.fields.first)
        #expect(read == "'" + VisibleText.make(text), "a tab shows as a space, a carriage return as ␍")
    }

    /// Issue 17: a text cell never carries a raw control character, direction control or invisible
    /// character (roster names reached gradebook.csv with ESC and BEL); each shows as `VisibleText` shows it.
    @Test func hiddenCharactersInACellAreShown() throws {
        let cell = CSVWriter.render(.text("Ana \u{1B}[31m\u{07}\u{9B}\u{202E}1\u{2066}\u{200B}\u{FEFF}"))
        #expect(cell == "Ana ␛[31m␇\u{FFFD}<U+202E>1<U+2066><U+200B><U+FEFF>")
        #expect(CSVWriter.render(.text("\u{202E}=1+1")) == "<U+202E>=1+1", "a hidden first character cannot hide a formula")
        #expect(CSVWriter.render(.text("two\nlines")) == "\"two\nlines\"", "a line break in a quoted cell is CSV's own")
    }

    /// Found by fuzzing: a quote followed by a combining mark is one `Character` in Swift, and was written
    /// undoubled, so the file did not read back.
    @Test func aQuoteBeforeACombiningMarkIsStillDoubled() throws {
        let field = "vnid\"\u{059E}\"\u{1A}eclosed"
        var writer = CSVWriter()
        writer.append(texts: ["r c'los2", field, "name2\""])
        #expect(try CSVReader.records(writer.text).map(\.fields) == [["r c'los2", CSVWriter.cellText(field), "name2\""]])
        let fuzzed = Data(#"r c'los2,vnid""#.utf8) + Data([0xD6, 0x9E]) + Data("\"\u{1A}eclosed,name2\"".utf8)
        let read = try CSVReader.records(fuzzed).map(\.fields)
        var again = CSVWriter()
        for row in read { again.append(texts: row) }
        #expect(try CSVReader.records(again.text).map(\.fields) == read.map { $0.map(CSVWriter.cellText) })
        #expect(StudentDebrief.escaped("<\u{0301}script>") == "&lt;\u{0301}script&gt;")
    }

    @Test func numbersAreNotNeutralised() {
        #expect(CSVWriter.render(.number(-3)) == "-3")
        #expect(CSVWriter.render(.text("Ana-Maria")) == "Ana-Maria")
    }

    /// Whatever is written reads back as the same fields (after neutralising and showing hidden characters).
    @Test func writingThenReadingGivesTheSameFields() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab ,\"\n\r\t=é日😀'")
        for _ in 0..<500 {
            let row = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            var writer = CSVWriter()
            writer.append(texts: row)
            writer.append(texts: ["end"])
            let read = try CSVReader.records(writer.text).map(\.fields)
            let expected = row.map(CSVWriter.cellText)
            // A row of one empty field reads as a blank line, which is skipped.
            if expected == [""] {
                #expect(read == [["end"]])
            } else {
                #expect(read == [expected, ["end"]], "\(row)")
            }
        }
    }
}

@Suite("Roster")
struct RosterTests {
    @Test func readsIdNameAndEmailInAnyOrderAndKeepsOtherColumns() throws {
        let csv = "\u{FEFF}Email, ID ,Name,Section\r\nana@x.id,s1,\"Ana, B.\",A\r\nbudi@x.id,s2,Budi,B\r\n"
        let roster = try Roster(csv: Data(csv.utf8))
        #expect(roster.students.map(\.id) == ["s1", "s2"])
        #expect(roster.students[0].name == "Ana, B.")
        #expect(roster.students[0].email == "ana@x.id")
        #expect(roster.students[1].columns["Section"] == "B")
        #expect(roster.student(id: "s2")?.name == "Budi")
        #expect(roster.student(id: "s3") == nil)
    }

    @Test(arguments: [
        ("name,email\nAna,a@x\n", "no 'id' column"),
        ("id,name\n,Ana\n", "line 2: a student with no id"),
        ("id,name\ns1,Ana\ns1,Budi\n", "line 3: the id 's1' is already on line 2"),
        ("id,name\n../etc,Ana\n", "not usable"),
        ("id,name\ns/1,Ana\n", "not usable"),
        ("", "the roster is empty"),
        ("id,name\n\"s1,Ana\n", "never closed"),
        ("id,name,id\ns1,Ana,s2\n", "line 1: the column 'id' is named twice (columns 1 and 3)"),
        ("ID,name, id \ns1,Ana,s2\n", "line 1: the column ' id ' is named twice (columns 1 and 3)"),
        ("id,Name,email,NAME\ns1,Ana,a@x,Budi\n", "line 1: the column 'NAME' is named twice (columns 2 and 4)"),
    ])
    func problemsSayWhatAndWhere(csv: String, words: String) {
        #expect {
            try Roster(csv: Data(csv.utf8))
        } throws: { error in
            (error as? Roster.Problem)?.message.contains(words) == true
        }
    }

    /// Issue 17: a header `id,name,id` used the first id silently; now any column named twice is refused, while
    /// the empty names a spreadsheet leaves after the last column still read.
    @Test func emptyColumnNamesMayRepeat() throws {
        let roster = try Roster(csv: Data("id,name,,\ns1,Ana,,\n".utf8))
        #expect(roster.students.map(\.id) == ["s1"])
    }

    /// Issue 17: ids that a spreadsheet would take for a formula (the LMS files would then carry `'-5`, which no
    /// LMS matches), and ids that differ only in case (`S1`, `s1`: one file name on a file system that ignores
    /// case), are refused by a new session, with the lines; a session made before keeps reading them.
    @Test(arguments: [
        ("id,name\n-5,Ana\n", "line 2: the id '-5' starts with '-', which a spreadsheet reads as the start of a formula"),
        ("id,name\ns1,Ana\n@SUM,Budi\n", "line 3: the id '@SUM' starts with '@'"),
        ("id,name\nS1,Ana\ns2,Budi\ns1,Citra\n", "line 4: the id 's1' differs only in case from 'S1' on line 2"),
    ])
    func aNewSessionRefusesIdsAnLMSOrAFileSystemCouldNotTellApart(csv: String, words: String) throws {
        #expect {
            try Roster(csv: Data(csv.utf8), forNewSession: true)
        } throws: { error in
            (error as? Roster.Problem)?.message.contains(words) == true
        }
        #expect(try Roster(csv: Data(csv.utf8)).students.count == csv.split(separator: "\n").count - 1)
    }

    /// `=1` and `+1` were never ids (only letters, digits, `.`, `_`, `-` and `@` are).
    @Test func idsWithOtherFormulaPrefixesWereNeverAccepted() {
        for id in ["=1", "+1"] {
            #expect(!Roster.isAcceptable(id: id))
        }
    }
}
