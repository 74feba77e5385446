import Foundation
import PracticumClassroom
import PracticumCore
import Testing
@testable import PracticumApp

/// `practicum session codes` and terminal play in a session with codes: codes printed once and kept hashed,
/// refusals, a wrong code refused before anything is written, and a right one signing every line.
@Suite("Session codes at the terminal")
struct SessionCodesCommandTests {
    let base = SessionTests()

    /// Rows of the codes table (after its heading), as id, name and code.
    func table(_ output: String) -> [[String]] {
        output.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            return [parts.first ?? "", parts.dropFirst().dropLast().joined(separator: " "), parts.last ?? ""]
        }
    }

    @Test func codesArePrintedOnceWithIdsAndNamesKeptHashedAndNotMadeTwice() throws {
        let (work, folder) = try base.makeSession()
        let made = base.run(["session", "codes", "week3"], in: work)
        #expect(made.exitCode == 0, "\(made.errors)")
        #expect(made.output.hasPrefix("id"))
        let rows = table(made.output)
        #expect(rows.map(\.[0]) == ["s1", "s2", "s3"])
        #expect(rows[0][1] == "Okafor, Ana")
        let codes = rows.map(\.[2])
        #expect(Set(codes).count == 3)
        #expect(codes.allSatisfy { $0.count == 11 && $0.split(separator: "-").count == 2 })
        #expect(made.errors.contains("shown only now") && made.errors.contains("keep it to yourself"))
        let file = try String(contentsOf: folder.appendingPathComponent("codes.json"), encoding: .utf8)
        #expect(codes.allSatisfy { !file.contains($0) && !file.contains($0.replacingOccurrences(of: "-", with: "")) })
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("codes.json").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try Session.read(folder: folder).hasCodes)
        let stored = try #require(try SessionCodes.read(folder: folder))
        for (row, code) in zip(rows, codes) { #expect(stored.verify(student: row[0], code: code)) }

        // Not again without --replace; nothing changed.
        let again = base.run(["session", "codes", "week3"], in: work)
        #expect(again.exitCode == 1 && again.errors.contains("has codes already") && again.errors.contains("--replace"))
        #expect(try SessionCodes.read(folder: folder) == stored)

        // One student who lost theirs: a new code; the old one no longer signs in, its key is kept.
        let lost = base.run(["session", "codes", "week3", "--student", "s2", "--csv"], in: work)
        #expect(lost.exitCode == 0, "\(lost.errors)")
        let csv = try CSVReader.records(Data(lost.output.utf8)).map(\.fields)
        #expect(csv.count == 2 && csv[0] == ["id", "name", "email", "code"] && csv[1][0] == "s2")
        #expect(csv[1][1] == "'=1+1", "a name that looks like a formula is neutralised for the spreadsheet")
        let renewed = try #require(try SessionCodes.read(folder: folder))
        #expect(renewed.verify(student: "s2", code: csv[1][3]) && !renewed.verify(student: "s2", code: codes[1]))
        #expect(renewed.keys(student: "s2").count == 2)
        #expect(renewed.verify(student: "s1", code: codes[0]))

        // Everyone anew.
        let replaced = base.run(["session", "codes", "week3", "--replace"], in: work)
        #expect(replaced.exitCode == 0 && table(replaced.output).count == 3)
        #expect(try SessionCodes.read(folder: folder)?.keys(student: "s1").count == 2)

        let stranger = base.run(["session", "codes", "week3", "--student", "s9"], in: work)
        #expect(stranger.exitCode == 1 && stranger.errors.contains("'s9' is not on the roster"))
        let both = base.run(["session", "codes", "week3", "--student", "s1", "--replace"], in: work)
        #expect(both.exitCode != 0 && both.errors.contains("do not go together"))
    }

    /// An option of another action is refused, naming it and what the action takes, and nothing is made:
    /// `session new --student s1 --csv` once made a session without codes, silently.
    @Test func eachActionRefusesTheOptionsOfAnother() throws {
        let work = AppTestSupport.temporaryDirectory()
        try "id,name\ns1,Ana\n".write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let new = base.run(
            ["session", "new", "--scenario", base.caseID, "--roster", "roster.csv", "--out", "w", "--student", "s1", "--csv"], in: work)
        #expect(new.exitCode == 64 && new.errors.contains("session new does not take --csv, --student; it takes --attempts"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("w").path))
        let (sessionWork, folder) = try base.makeSession()
        let codes = base.run(["session", "codes", "week3", "--mode", "practice"], in: sessionWork)
        #expect(codes.exitCode == 64 && codes.errors.contains("session codes does not take --mode; it takes --csv, --replace, --student"))
        #expect(try SessionCodes.read(folder: folder) == nil)
        let release = base.run(["session", "release", "week3", "--replace"], in: sessionWork)
        #expect(release.exitCode == 64 && release.errors.contains("session release does not take --replace"))
        #expect(base.run(["session", "codes", "week3", "--student", "s1"], in: sessionWork).exitCode == 0)
    }

    @Test func aCopyWithoutTheRosterCannotMakeCodes() throws {
        let (work, folder) = try base.makeSession()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("roster.csv"))
        let made = base.run(["session", "codes", "week3"], in: work)
        #expect(made.exitCode == 1 && made.errors.contains("has no roster.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("codes.json").path))
    }

    @Test func playAsksForTheCodeRefusesAWrongOneAndSignsWithTheRightOne() throws {
        let (work, folder) = try base.makeSession()
        let made = base.run(["session", "codes", "week3"], in: work)
        let codes = Dictionary(uniqueKeysWithValues: table(made.output).map { ($0[0], $0[2]) })
        let s1 = try #require(codes["s1"])

        // A wrong code (s2's), given or typed: refused, exit 1, nothing written.
        let wrong = base.run(["play", "--session", "week3", "--student", "s1", "--code", codes["s2"]!, "--choices", base.best], in: work)
        #expect(wrong.exitCode == 1 && wrong.errors.contains("that is not the code of 's1' in session 'week3'"))
        let typedWrong = base.run(["play", "--session", "week3", "--student", "s1", "--choices", base.best], in: work, input: ["AAAAA-BBBBB"])
        #expect(typedWrong.exitCode == 1 && typedWrong.output.contains("Your code for session 'week3'"))
        let none = base.run(["play", "--session", "week3", "--student", "s1", "--choices", base.best], in: work)
        #expect(none.exitCode == 1 && none.errors.contains("asks for your code, and none was given"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("attempts").path).filter { !$0.hasPrefix(".") }.isEmpty)

        // The right code, typed in lower case with a space: every line signed.
        let typed = s1.lowercased().replacingOccurrences(of: "-", with: " ")
        let played = base.run(["play", "--session", "week3", "--student", "s1", "--choices", base.best], in: work, input: [typed])
        #expect(played.exitCode == 0, "\(played.errors)")
        let log = try AttemptLog.read(Data(base.attempt(folder, "s1--\(base.caseID)--1.jsonl").utf8)).log
        #expect(log.lineMACs.count == 12 && log.lineMACs.allSatisfy { $0 != nil })
        #expect(log.signature(keys: [AttemptKey(code: s1, session: "week3", student: "s1")]) == .verified)

        // In a copy without codes.json the code is taken unchecked, and signs (grading tells).
        let copy = work.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: folder, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("codes.json"))
        let unchecked = base.run(["play", "--session", "copy", "--student", "s2", "--code", "WRONG-CODE2", "--choices", base.best], in: work)
        #expect(unchecked.exitCode == 0, "\(unchecked.errors)")
        try FileManager.default.copyItem(
            at: copy.appendingPathComponent("attempts/s2--\(base.caseID)--1.jsonl"),
            to: folder.appendingPathComponent("attempts/s2--\(base.caseID)--1.jsonl"))

        // Grading the instructor's folder: s1 signed and graded, s2's file does not verify and is not counted.
        let graded = base.run(["grade", "week3"], in: work)
        #expect(graded.exitCode == 0, "\(graded.errors)")
        let rows = try base.gradebook(folder)
        let record = try #require(rows[0].firstIndex(of: "record"))
        #expect(rows[1][0] == "s1" && rows[1][4] == "graded" && rows[1][record] == "signed")
        #expect(rows[2][0] == "s2" && rows[2][4] == "rejected" && rows[2].last?.contains("do not verify under s2's key") == true)
    }
}
