import Foundation
import PracticumClassroom
import PracticumCore
import Testing

/// Issue 17, item 3: no byte a case, a roster or an attempt supplies can reorder, hide or inject text in any
/// output. A case and a roster carry every direction control, zero-width characters, a byte-order mark, ESC,
/// BEL and a C1 control in each piece of text; every command, every file `grade` writes and every JSON
/// output is searched for them raw.
@Suite("Hidden characters: no direction control, invisible or control character reaches any output raw")
struct HiddenCharacterTests {
    /// U+202E (right-to-left override), the four isolates, U+202C (pop), a zero-width space, a byte-order
    /// mark, ESC, BEL and the C1 control CSI.
    static let hidden = "\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{202C}\u{200B}\u{FEFF}\u{1B}\u{07}\u{9B}"
    static let raw: [Unicode.Scalar] = hidden.unicodeScalars.map { $0 }
    /// How the terminal, HTML-free text and CSV show it.
    static let shown = "<U+202E><U+2066><U+2067><U+2068><U+2069><U+202C><U+200B><U+FEFF>␛␇\u{FFFD}"
    /// How JSON escapes it.
    static let escaped = "\\u202e\\u2066\\u2067\\u2068\\u2069\\u202c\\u200b\\ufeff\\u001b\\u0007\\u009b"

    static let caseText = """
        title: Evil \(hidden) title
        id: evil
        language: en
        level: micro
        client: Someone \(hidden)
        objectives:
          - Learn \(hidden) [shown by: asked]

        finding f [risk]: A risk \(hidden) red
        var asked = false

        expect asked (major): asked
          because: Ask \(hidden) blink.

        == a
        Hello \(hidden) there
        * Go \(hidden) on
          phase: engagement
          quality: 1
          feedback: Fine \(hidden).
          -> b
        * Ask \(hidden)
          phase: assessment
          quality: 2
          reveals: f
          set: asked = true
          -> b
        == b [ending: goals-met]
        bye \(hidden)
        """

    /// A working folder with the case in lib/ and a roster whose names carry the characters.
    static let work: URL = {
        let work = AppTestSupport.temporaryDirectory()
        let library = work.appendingPathComponent("lib")
        try? FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try? caseText.write(to: library.appendingPathComponent("evil.scenario"), atomically: true, encoding: .utf8)
        let roster = "id,name,email\ns1,Ana \(hidden) Budi,a@x.id\ns2,\"=1\(hidden)\",b@x.id\n"
        try? roster.write(to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        return work
    }()

    static func run(_ arguments: [String], input: [String] = []) -> AppRun {
        AppTestSupport.run(
            arguments, input: input, state: work.appendingPathComponent("state"),
            environment: [
                "PRACTICUM_SCENARIOS": work.appendingPathComponent("lib").path,
                "PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path,
            ], workingDirectory: work)
    }

    /// The raw characters of `hidden` that `text` holds.
    static func leaks(_ text: String) -> [String] {
        Set(text.unicodeScalars.filter { raw.contains($0) }).map { HiddenCharacters.code($0) }.sorted()
    }

    @Test(arguments: [
        ["play", "evil", "--choices", "1", "--details"],
        ["play", "evil", "--choices", "2", "--json"],
        ["list"],
        ["list", "--json"],
        ["check", "lib/evil.scenario"],
        ["check", "lib/evil.scenario", "--json"],
        ["simulate", "evil", "--runs", "5"],
        ["simulate", "evil", "--runs", "5", "--json"],
        ["export", "lib/evil.scenario"],
    ])
    func noCommandWritesThemRaw(arguments: [String]) {
        let run = Self.run(arguments)
        #expect(run.exitCode == 0, "\(arguments): \(run.errors)")
        #expect(Self.leaks(run.output).isEmpty && Self.leaks(run.errors).isEmpty, "\(arguments): \(Self.leaks(run.output))")
        let json = arguments.contains("--json") || arguments.first == "export"
        // check finds nothing wrong with the case, and simulate's JSON holds no case text.
        if arguments.first != "check" && arguments != ["simulate", "evil", "--runs", "5", "--json"] {
            #expect(run.output.contains(json ? Self.escaped : Self.shown), "\(arguments)")
        }
    }

    @Test func theJSONFormExportedReadsBackToTheSameCase() throws {
        let exported = Self.run(["export", "lib/evil.scenario"])
        let file = Self.work.appendingPathComponent("evil-\(UUID().uuidString).json")
        try exported.output.write(to: file, atomically: true, encoding: .utf8)
        let loader = ScenarioLoader(content: try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content")))
        let original = try #require(loader.load(path: Self.work.appendingPathComponent("lib/evil.scenario").path).scenario)
        let back = try #require(loader.load(path: file.path).scenario)
        #expect(back.header.title == original.header.title && back.header.title.contains(Self.hidden))
        #expect(back.fingerprint == original.fingerprint, "the escapes lose nothing")
    }

    @Test func aSessionGradedAndReplayedShowsThemEverywhere() throws {
        let out = "week-\(UUID().uuidString.prefix(8))"
        #expect(Self.run(["session", "new", "--scenario", "evil", "--roster", "roster.csv", "--out", out]).exitCode == 0)
        for (student, choice) in [("s1", "1"), ("s2", "2")] {
            let played = Self.run(["play", "--session", out, "--student", student, "--choices", choice])
            #expect(played.exitCode == 0, "\(played.errors)")
            #expect(Self.leaks(played.output + played.errors).isEmpty)
        }
        let graded = Self.run(["grade", out, "--lms", "canvas", "--lms", "moodle"])
        #expect(graded.exitCode == 0, "\(graded.errors)")
        #expect(Self.leaks(graded.output + graded.errors).isEmpty, "the grade table")
        #expect(graded.output.contains("Ana \(Self.shown) Budi (s1)"), "\(graded.output)")
        let results = Self.work.appendingPathComponent("\(out)/results")
        let files = ["gradebook.csv", "gradebook-canvas.csv", "gradebook-moodle.csv", "report.html", "statements.json", "grading.log",
            "debriefs/s1--evil.md", "debriefs/s2--evil.md"]
        for name in files {
            let text = try String(contentsOf: results.appendingPathComponent(name), encoding: .utf8)
            #expect(Self.leaks(text).isEmpty, "\(name): \(Self.leaks(text))")
        }
        let gradebook = try CSVReader.records(Data(contentsOf: results.appendingPathComponent("gradebook.csv"))).map(\.fields)
        #expect(gradebook[1][1] == "Ana \(Self.shown) Budi" && gradebook[2][1] == "'=1\(Self.shown)", "\(gradebook)")
        let report = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Ana &lt;U+202E&gt;&lt;U+2066&gt;"))
        let statements = try String(contentsOf: results.appendingPathComponent("statements.json"), encoding: .utf8)
        #expect(statements.contains("Ana " + Self.escaped + " Budi"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(statements.utf8)) as? [[String: Any]])
        #expect(decoded.contains { (($0["actor"] as? [String: Any])?["name"] as? String) == "Ana \(Self.hidden) Budi" }, "escapes lose nothing")

        for arguments in [["attempts", out], ["attempts", out, "--json"], ["replay", "\(out)/attempts/s1--evil--1.jsonl", "--details"]] {
            let run = Self.run(arguments)
            #expect(run.exitCode == 0, "\(arguments): \(run.errors)")
            #expect(Self.leaks(run.output + run.errors).isEmpty, "\(arguments)")
        }
        // The instructor's review, with a comment that carries them too: the ratings file shows them.
        let ratings = "ratings-\(out).csv"
        let reviewed = Self.run(["review", out, "--all", "--ratings", ratings], input: ["competent", "fine \u{202E}\u{1B} work", "q"])
        #expect(Self.leaks(reviewed.output + reviewed.errors).isEmpty, "review")
        let saved = try String(contentsOf: Self.work.appendingPathComponent(ratings), encoding: .utf8)
        #expect(saved.contains("fine <U+202E>␛ work") && Self.leaks(saved).isEmpty, "\(saved)")
    }
}
