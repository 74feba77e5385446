import Foundation
import Testing

/// docs/authoring.md walks an instructor through one case with the real output of each command. This suite
/// takes the case and its test file from the page, runs every command the page shows (a block whose first
/// line is `$ practicum ...`) in a fresh folder holding them, and requires the page's output to be what the
/// command prints, so the page cannot drift from the tools. A line `...` in the page stands for any number of
/// lines. Blocks marked as from an earlier draft (the line before them says so) are not rerun: their files are
/// not on the page.
@Suite("docs/authoring.md: the worked case and every output shown")
struct AuthoringGuideTests {
    static let caseName = "school-absences-tomas"
    static let earlierDraft = "<!-- earlier draft: not rerun by AuthoringGuideTests -->"
    /// What the student types in the page's play (its choices, then Enter at the end of the debrief).
    static let playInput = ["2", "1", "3", ""]

    static func page() throws -> String {
        try String(contentsOf: AppTestSupport.root.appendingPathComponent("docs/authoring.md"), encoding: .utf8)
    }

    /// The body of the first fenced block that opens with "```KIND" (KIND may be empty).
    static func block(_ kind: String, in page: String) throws -> String {
        let opening = try #require(page.range(of: "```\(kind)\n"))
        let closing = try #require(page.range(of: "\n```", range: opening.upperBound..<page.endIndex))
        return String(page[opening.upperBound..<closing.lowerBound])
    }

    /// Every unlabelled block that shows a command: its command line, its output lines and whether it is from an
    /// earlier draft.
    static func commandBlocks(in page: String) -> [(command: [String], output: [String], earlierDraft: Bool)] {
        var found: [(command: [String], output: [String], earlierDraft: Bool)] = []
        let lines = page.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index] == "```", index + 1 < lines.count, lines[index + 1].hasPrefix("$ practicum ") else { continue }
            let command = lines[index + 1].dropFirst("$ practicum ".count).split(separator: " ").map(String.init)
            var output: [String] = []
            var line = index + 2
            while line < lines.count, lines[line] != "```" {
                output.append(lines[line])
                line += 1
            }
            found.append((command, output, index > 0 && lines[index - 1] == earlierDraft))
            index = line
        }
        return found
    }

    /// Whether `actual` is `expected`, where an expected line `...` matches any run of lines (none included).
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return actual.indices.contains { matches(expected.dropFirst(), actual[$0...]) }
                || matches(expected.dropFirst(), [])
        }
        guard let line = actual.first, line == first else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    /// A fresh folder with the page's case, its tests, and `broken.scenario`: the case with the two slips the
    /// page describes.
    static func folder(page: String) throws -> URL {
        let folder = AppTestSupport.temporaryDirectory()
        let scenario = try block("scenario", in: page) + "\n"
        try scenario.write(to: folder.appendingPathComponent("\(caseName).scenario"), atomically: true, encoding: .utf8)
        let tests = try block("", in: page.components(separatedBy: "`\(caseName).test` beside the case:")[1]) + "\n"
        try tests.write(to: folder.appendingPathComponent("\(caseName).test"), atomically: true, encoding: .utf8)
        let slip = try #require(scenario.range(of: "phase: assessment"))
        let broken = scenario.replacingCharacters(in: slip, with: "phase: asessment")
            .replacingOccurrences(of: "-> back-in-class", with: "-> back-in-clas")
        try broken.write(to: folder.appendingPathComponent("broken.scenario"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func everyCommandOnThePagePrintsWhatThePageShows() throws {
        let page = try Self.page()
        let blocks = Self.commandBlocks(in: page)
        let rerun = blocks.filter { !$0.earlierDraft }
        // check, broken check, explain, explore, graph, test, simulate, play, and new.
        #expect(rerun.count == 9, "\(blocks.map(\.command))")
        #expect(blocks.count - rerun.count == 2)
        for block in rerun {
            // `new` writes the case, so it runs in an empty folder; the rest run beside the page's files.
            let folder = block.command.first == "new" ? AppTestSupport.temporaryDirectory() : try Self.folder(page: page)
            let run = AppTestSupport.run(
                block.command, input: block.command.first == "play" ? Self.playInput : [],
                environment: ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path],
                workingDirectory: folder)
            let printed = (run.errors + run.output).components(separatedBy: "\n")
            let trimmed = printed.last == "" ? printed.dropLast() : printed[...]
            #expect(
                Self.matches(block.output[...], trimmed),
                "practicum \(block.command.joined(separator: " ")) printed:\n\(trimmed.joined(separator: "\n"))")
        }
    }

    /// The case on the page is clean, and its tests pass: what the page says of them.
    @Test func theWorkedCaseIsCleanAndItsTestsPass() throws {
        let folder = try Self.folder(page: try Self.page())
        let environment = ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path]
        let check = AppTestSupport.run(["check", "\(Self.caseName).scenario"], environment: environment, workingDirectory: folder)
        #expect(check.exitCode == 0)
        #expect(check.errors.isEmpty, "\(check.errors)")
        let test = AppTestSupport.run(["test", "\(Self.caseName).test"], environment: environment, workingDirectory: folder)
        #expect(test.exitCode == 0, "\(test.output)\(test.errors)")
        let broken = AppTestSupport.run(["check", "broken.scenario"], environment: environment, workingDirectory: folder)
        #expect(broken.exitCode == 1)
    }

    /// The path the page suggests playing with `--details` (opening with a fine): its one concern is at "step 1",
    /// in the singular, in either language.
    @Test func aSingleStepIsWrittenInTheSingular() throws {
        let folder = try Self.folder(page: try Self.page())
        let environment = ["PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path]
        let play = AppTestSupport.run(
            ["play", "\(Self.caseName).scenario", "--choices", "meeting#2,mornings#1,plan#1", "--details"],
            environment: environment, workingDirectory: folder)
        #expect(play.exitCode == 0, "\(play.errors)")
        let text = play.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("concerns at step 1;"), "\(play.output)")
        #expect(text.contains("(steps 2, 3)"))
        #expect(!text.contains("steps 1;"))
    }

    /// The page links the reference pages it leans on, and the README links the page.
    @Test func thePageLinksTheReferencePagesAndTheReadmeLinksIt() throws {
        let page = try Self.page()
        for link in ["(cli.md", "(scenario-format.md)", "(diagnostics.md)", "(case-tests.md)"] {
            #expect(page.contains(link), "no link \(link)")
        }
        #expect(page.contains("](images/authoring/school-absences-tomas-best-path.png)"))
        #expect(FileManager.default.fileExists(
            atPath: AppTestSupport.root.appendingPathComponent("docs/images/authoring/school-absences-tomas-best-path.png").path))
        let readme = try String(contentsOf: AppTestSupport.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("(docs/authoring.md)"))
    }
}
