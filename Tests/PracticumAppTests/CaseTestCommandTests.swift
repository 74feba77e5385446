import Foundation
import PracticumCore
import PracticumScoring
import Testing

/// `practicum test`: the case tests kept beside cases (CASE.test), on the bundled library and on a fixture case
/// with test files written here, good and bad.
@Suite("practicum test: case tests beside the cases")
struct CaseTestCommandTests {
    /// The sound path through the fixture case `okafor-referral`, by choice id.
    static let soundPath = "meet#2, hub#3, hub#1, hub#2, hub#4, plan#2, crisis#1, act#1, follow#1, review#2, close#1"

    /// A fresh folder holding the fixture case and `okafor-referral.test` with `tests`.
    static func folder(tests: String) throws -> URL {
        let folder = AppTestSupport.temporaryDirectory()
        try FileManager.default.copyItem(
            at: AppTestSupport.library.appendingPathComponent("okafor-referral.scenario"),
            to: folder.appendingPathComponent("okafor-referral.scenario"))
        try tests.write(to: folder.appendingPathComponent("okafor-referral.test"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs `practicum test` in `folder` on its test file.
    static func run(_ folder: URL, _ extra: [String] = []) -> AppRun {
        inFolder(["test", "okafor-referral.test"] + extra, folder)
    }

    /// Runs `practicum` in `folder`, with the real Content/.
    static func inFolder(_ arguments: [String], _ folder: URL) -> AppRun {
        AppTestSupport.run(
            arguments, environment: ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path],
            workingDirectory: folder)
    }

    /// What the sound path scores, from `play --json`: the overall, the level and the ending.
    static func soundResult() throws -> (overall: Int, level: String, ending: String, outcome: String) {
        let play = AppTestSupport.fixture(["play", "okafor-referral", "--choices", soundPath.replacingOccurrences(of: " ", with: ""), "--json"])
        let result = try #require(AppTestSupport.json(play.output), "\(play.errors)")
        let score = try #require(result["score"] as? [String: Any])
        let ending = try #require(result["ending"] as? [String: Any])
        return (
            try #require(score["overall"] as? Int), try #require(score["level"] as? String),
            try #require(ending["scene"] as? String), try #require(ending["outcome"] as? String)
        )
    }

    // MARK: The bundled library

    /// Every bundled case has its test file, every test in it passes, and the run counts exactly the tests the
    /// files hold (read with the same parser): what CI relies on.
    @Test func everyBundledCaseTestPasses() throws {
        let folder = AppTestSupport.root.appendingPathComponent("Scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let cases = names.filter { $0.hasSuffix(".scenario") }
        let testFiles = names.filter { $0.hasSuffix(".test") }
        #expect(Set(testFiles) == Set(cases.map { $0.replacingOccurrences(of: ".scenario", with: ".test") }))
        var written = 0
        for file in testFiles {
            let parsed = CaseTestParser.parse(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
            #expect(parsed.problems.isEmpty, "\(file): \(parsed.problems)")
            written += parsed.tests.count
        }
        #expect(written >= 10 * cases.count)
        let run = AppTestSupport.run(["test"])
        #expect(run.exitCode == 0, "\(run.output)\n\(run.errors)")
        #expect(run.output.hasSuffix("\n\(written) passed, 0 failed\n"), "\(run.output.suffix(300))")
        #expect(!run.output.contains("FAIL"))
        #expect(run.output.contains("Scenarios/rent-arrears-intake.test\n  pass  best\n"))
    }

    /// The plans that checked ending, outcome and exact score are kept: the best paths score 100 and end well.
    @Test func theBestPathsOfTheStarterCasesKeepTheirEndingAndScore() throws {
        let run = AppTestSupport.run(["test", "rent-arrears-intake", "Scenarios/keluarga-dimas.scenario", "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let report = try #require(AppTestSupport.json(run.output))
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.map { $0["case"] as? String } == ["rent-arrears-intake", "keluarga-dimas"])
        for file in files {
            let tests = try #require(file["tests"] as? [[String: Any]])
            let best = try #require(tests.first { $0["name"] as? String == "best" })
            let got = try #require(best["got"] as? [String: Any])
            #expect(got["overall"] as? Int == 100 && got["level"] as? String == "Exemplary")
            #expect(got["outcome"] as? String == "goals-met")
            #expect(best["passed"] as? Bool == true)
        }
        #expect(report["failed"] as? Int == 0 && report["problems"] as? Int == 0)
    }

    /// What the starter cases' plans used to check of `play` itself: a tested path played with `--json` gives
    /// every part of the result, and the text transcript reaches the same score line.
    @Test(arguments: ["rent-arrears-intake", "keluarga-dimas"])
    func aTestedPathPlaysToTheSameResultThroughPlay(_ caseID: String) throws {
        let text = try String(contentsOf: AppTestSupport.root.appendingPathComponent("Scenarios/\(caseID).test"), encoding: .utf8)
        let best = try #require(CaseTestParser.parse(text).tests.first { $0.name == "best" })
        let choices = best.choices.map(\.description).joined(separator: ",")
        let run = AppTestSupport.run(["play", caseID, "--choices", choices, "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let result = try #require(AppTestSupport.json(run.output))
        let ending = result["ending"] as? [String: Any]
        #expect(ending?["scene"] as? String == best.ending)
        #expect(ending?["outcome"] as? String == best.outcome)
        let score = try #require(result["score"] as? [String: Any])
        #expect((score["overall"] as? Int).map { best.score?.contains($0) == true } == true)
        #expect(score["level"] as? String == "Exemplary" && best.level == .exactly(.exemplary))
        #expect(score["needsReview"] as? Bool == best.review)
        let dimensions = try #require(score["dimensions"] as? [String: Int])
        #expect(Set(dimensions.keys) == ["practice", "lifecycle", "ethics", "planning", "outcome"])
        let items = try #require(score["items"] as? [[String: Any]])
        for item in items {
            for key in ["dimension", "points", "reason"] { #expect(item[key] != nil, "an item lacks \(key)") }
        }
        let transcript = AppTestSupport.run(["play", caseID, "--choices", choices, "--lang", "en"])
        #expect(transcript.output.contains("Overall \(score["overall"] as? Int ?? -1)/100 · Exemplary"))
    }

    // MARK: Pass and fail

    @Test func aTestThatHoldsPassesByNumbersAndByIds() throws {
        let sound = try Self.soundResult()
        let folder = try Self.folder(
            tests: """
                # Written by hand: the sound path both ways.
                name: sound-by-id
                choices: \(Self.soundPath)
                ending: \(sound.ending)
                outcome: \(sound.outcome)
                level: \(sound.level)
                review: false
                score: \(sound.overall)

                // The same path by number, with a range and a ceiling.
                name: sound-by-number
                choices: 2,3,1,1,1,2,1,1,1,2,1
                at-most: Exemplary
                score: \(max(0, sound.overall - 5))-100
                debrief: Overall \(sound.overall)/100 · \(sound.level)
                """)
        let run = Self.run(folder)
        #expect(run.exitCode == 0, "\(run.output)\n\(run.errors)")
        #expect(run.output == "okafor-referral.test\n  pass  sound-by-id\n  pass  sound-by-number\n\n2 passed, 0 failed\n")
    }

    @Test func aDeliberatelyWrongPlanFailsSayingWhatWasExpectedAndWhatCame() throws {
        let sound = try Self.soundResult()
        let wrongLevel = sound.level == "Emerging" ? "Exemplary" : "Emerging"
        let folder = try Self.folder(
            tests: """
                name: wrong
                choices: \(Self.soundPath)
                ending: nowhere-near
                level: \(wrongLevel)
                review: true
                score: 0-10
                debrief: A sentence no debrief says.
                debrief: Overall \(sound.overall)/100

                name: right
                choices: \(Self.soundPath)
                level: \(sound.level)
                """)
        // An ending the case does not have is a problem of the file, not a failure: it is fixed first.
        let withBadEnding = Self.run(folder)
        #expect(withBadEnding.exitCode == 65)
        #expect(withBadEnding.errors.contains("okafor-referral.test:3:1: error: the case has no ending scene 'nowhere-near'"))
        #expect(withBadEnding.output.hasSuffix("1 passed, 0 failed; 1 problem in test files (those tests were not run)\n"))

        let text = try String(contentsOf: folder.appendingPathComponent("okafor-referral.test"), encoding: .utf8)
        try text.replacingOccurrences(of: "ending: nowhere-near", with: "ending: \(sound.ending)")
            .write(to: folder.appendingPathComponent("okafor-referral.test"), atomically: true, encoding: .utf8)
        let run = Self.run(folder)
        #expect(run.exitCode == 1)
        #expect(run.output.contains("  FAIL  wrong  (okafor-referral.test:1)\n"))
        #expect(run.output.contains("        level: expected \(wrongLevel), got \(sound.level) (overall \(sound.overall)/100)"))
        #expect(run.output.contains("        review: expected true, got false\n"))
        #expect(run.output.contains("        score: expected 0-10, got \(sound.overall) (\(sound.level))\n"))
        #expect(run.output.contains("        debrief (line 7): no line of the debrief (in en) says \"A sentence no debrief says.\"\n"))
        #expect(!run.output.contains("line 8"), "the line the debrief does say is not reported")
        #expect(!run.output.contains("ending:"), "the ending was right")
        #expect(run.output.contains("  pass  right\n"))
        #expect(run.output.hasSuffix("\n1 passed, 1 failed\n"))
    }

    @Test func aPathThatIsNotValidNamesTheStepAndWhatWasOnOffer() throws {
        let folder = try Self.folder(
            tests: """
                name: too-far
                choices: 2,9
                level: Emerging

                name: not-here
                choices: meet#2, plan#1
                level: Emerging

                name: stops-early
                choices: 2
                level: Emerging

                name: past-the-end
                choices: \(Self.soundPath), 1
                level: Emerging
                """)
        let run = Self.run(folder)
        #expect(run.exitCode == 1)
        #expect(run.output.contains("        path: step 2 (scene 'hub'): there is no choice 9; 1-"))
        #expect(run.output.contains("        path: step 2 (scene 'hub'): choice plan#1 is not on offer; on offer are:\n          1. Ask how she has been managing on the stairs since the fall. [hub#1]\n"))
        #expect(run.output.contains("        path: the path stops at step 1 in scene 'hub', before any ending"))
        #expect(run.output.contains("        path: the case ended at step 11 (scene '"))
        #expect(run.output.contains("with 1 choice of the path left (from item 12, '1')"))
        #expect(run.output.hasSuffix("\n0 passed, 4 failed\n"))
    }

    // MARK: Malformed files

    @Test func malformedTestsAreReportedAtTheirLineAndColumnAndNotRun() throws {
        let folder = try Self.folder(
            tests: """
                name: typo
                choices: 2,x,3
                levle: Competent

                name: no-path
                level: Competent

                choices: 1
                review: maybe
                score: 90-80

                name: twice
                choices: 1
                level: Competent
                level: Developing

                name: twice
                choices: 1
                level: Superb

                name: nothing-expected
                choices: 1
                just words
                """)
        let run = Self.run(folder)
        #expect(run.exitCode == 65)
        for expected in [
            "okafor-referral.test:2:12: error: choices: 'x' (item 2) is not a choice number or a choice id",
            "okafor-referral.test:3:1: error: unknown key 'levle'", "hint: did you mean 'level'?",
            "okafor-referral.test:5:1: error: the test 'no-path' has no choices: line",
            "okafor-referral.test:8:1: error: this test has no name: line",
            "okafor-referral.test:9:9: error: review: takes true or false, got 'maybe'",
            "okafor-referral.test:10:8: error: score: takes a whole number from 0 to 100 or a range such as 60-79, got '90-80'",
            "okafor-referral.test:15:1: error: 'level:' is given twice in one test (first at line 14)",
            "okafor-referral.test:19:8: error: unknown level 'Superb'",
            "okafor-referral.test:23:1: error: expected 'key: value', found 'just words'",
            "okafor-referral.test:21:1: error: the test 'nothing-expected' expects nothing",
        ] {
            #expect(run.errors.contains(expected), "missing: \(expected)\n\(run.errors)")
        }
        // The offending line is quoted with a caret under the place.
        #expect(run.errors.contains(" 2 | choices: 2,x,3\n   |            ^\n"))
        #expect(run.output.hasSuffix("0 passed, 0 failed; 10 problems in test files (those tests were not run)\n"))
    }

    @Test func aDuplicateNameIsAProblemAtTheSecondTest() throws {
        let text = "name: a\nchoices: 1\nlevel: Emerging\n\nname: a\nchoices: 2\nlevel: Emerging\n"
        let parsed = CaseTestParser.parse(text)
        #expect(parsed.tests.map(\.name) == ["a"])
        #expect(parsed.problems.map(\.description) == ["5:1: a test named 'a' is already at line 1"])
        // Windows line ends and a byte-order mark read like any other file.
        let windows = CaseTestParser.parse("\u{FEFF}name: c\r\nchoices: 1, walk-in#2\r\nscore: 60-79\r\n")
        #expect(windows.problems.isEmpty, "\(windows.problems)")
        #expect(windows.tests.first?.choices == [.number(1), .id(ChoiceID(scene: "walk-in", index: 1))])
        #expect(windows.tests.first?.score == 60...79)
        let typo = CaseTestParser.parse("name: b\nchoices: 1\nlevel: Exemplry\n")
        #expect(typo.problems.map(\.hint) == ["did you mean 'Exemplary'?"])
    }

    /// A line that is not `key: value` (here a `note:` written over two lines) is a problem of its test, so that
    /// test is not run, as for any other problem; the tests around it still run.
    @Test func aTestWithALineThatIsNotAKeyIsNotRun() throws {
        let text = "name: a\nchoices: 1\nlevel: Emerging\n\nname: b\nnote: a reason\n  written on two lines\nchoices: 2\nlevel: Emerging\n"
        let parsed = CaseTestParser.parse(text)
        #expect(parsed.tests.map(\.name) == ["a"])
        #expect(parsed.problems.map(\.description) == ["7:1: expected 'key: value', found 'written on two lines'"])
        let folder = try Self.folder(tests: text)
        let run = Self.run(folder)
        #expect(run.exitCode == 65)
        let lines = run.output.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasSuffix("  a") || $0.contains("  a  (") }, "\(run.output)")
        #expect(!lines.contains { $0.hasSuffix("  b") || $0.contains("  b  (") }, "\(run.output)")
        #expect(run.output.hasSuffix("1 problem in test files (those tests were not run)\n"), "\(run.output)")
    }

    // MARK: Arguments and exit codes

    @Test func filesThatAreMissingOrOfTheWrongKindAreRefused() throws {
        let folder = try Self.folder(tests: "name: a\nchoices: 2\nlevel: Emerging\n")
        let missing = Self.inFolder(["test", "nothere.test"], folder)
        #expect(missing.exitCode == 1 && missing.errors.contains("no such file: 'nothere.test'"))
        try "x".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let wrongKind = Self.inFolder(["test", "notes.txt"], folder)
        #expect(wrongKind.exitCode == 64 && wrongKind.errors.contains("'notes.txt' is not a .test, .scenario or .json file"))
        let unknownLanguage = Self.run(folder, ["--lang", "fr"])
        #expect(unknownLanguage.exitCode == 64)
        // A case without tests beside it says where they go.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("okafor-referral.test"))
        let untested = Self.inFolder(["test", "okafor-referral.scenario"], folder)
        #expect(untested.exitCode == 1 && untested.errors.contains("'okafor-referral.scenario' has no tests: there is no okafor-referral.test"))
        let emptyFolder = Self.inFolder(["test", "."], folder)
        #expect(emptyFolder.exitCode == 1 && emptyFolder.errors.contains("no .test files in the folder '.'"))
    }

    /// `check Scenarios/*` names the test files too: they are passed over with a note, not read as cases.
    @Test func checkPassesOverTestFiles() {
        let run = AppTestSupport.run(
            ["check", "Scenarios/rent-arrears-intake.test", "Scenarios/rent-arrears-intake.scenario", "--no-explore"])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.errors.contains("note: Scenarios/rent-arrears-intake.test holds case tests, not a case: skipped"))
        #expect(!run.output.contains("rent-arrears-intake.test"))
        #expect(run.output.contains("Scenarios/rent-arrears-intake.scenario"))
    }

    @Test func aTestFileWithoutItsCaseFailsSayingSo() throws {
        let folder = AppTestSupport.temporaryDirectory()
        try "name: a\nchoices: 1\nlevel: Emerging\n".write(to: folder.appendingPathComponent("lost.test"), atomically: true, encoding: .utf8)
        let run = Self.inFolder(["test", "."], folder)
        #expect(run.exitCode == 1)
        #expect(run.output.contains("./lost.test\n  FAIL  1 test not run: no case beside it: expected lost.scenario or lost.json in the same folder\n"))
        #expect(run.output.hasSuffix("\n0 passed, 0 failed; 1 file could not be run\n"))
        // A case with errors: its tests are not run, and check is named.
        try "title: Lost\n".write(to: folder.appendingPathComponent("lost.scenario"), atomically: true, encoding: .utf8)
        let broken = Self.inFolder(["test", "lost.test"], folder)
        #expect(broken.exitCode == 1)
        #expect(broken.output.contains("  FAIL  1 test not run: the case lost.scenario has "))
        #expect(broken.output.contains("run 'practicum check lost.scenario'"))
    }

    @Test func aDebriefLineIsReadInTheLanguageAsked() throws {
        let sound = try Self.soundResult()
        let folder = try Self.folder(
            tests: """
                name: english
                choices: \(Self.soundPath)
                debrief: Overall \(sound.overall)/100

                name: indonesian
                choices: \(Self.soundPath)
                lang: id
                debrief: Overall \(sound.overall)/100
                """)
        let run = Self.run(folder)
        // The Indonesian debrief names the score in its own words.
        #expect(run.output.contains("  pass  english\n"))
        #expect(run.output.contains("  FAIL  indonesian"))
        #expect(run.output.contains("no line of the debrief (in id) says"))
        let bahasa = Self.run(folder, ["--lang", "id"])
        #expect(bahasa.output.contains("  FAIL  english"), "--lang id reads every test's debrief: lines in Indonesian")
    }
}
