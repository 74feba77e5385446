import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// `practicum test [FILE...]`: run the case tests kept beside cases (`CASE.test`) and report like a test runner.
enum TestCommand: Command {
    static let name = "test"
    static let summary = "Run the case tests kept beside the cases (CASE.test) and report which pass."
    static let usage = "test [FILE.test|FILE.scenario|DIR|CASE-ID...] [--lang en|id] [--json]"
    static let discussion = """
        A case's tests are kept in CASE.test beside CASE.scenario: each names a path through the case (choice \
        numbers as 'play --choices' counts them, or choice ids) and what it must lead to: the ending, the outcome, \
        the level, the review flag, a score range, lines the debrief must say (docs/case-tests.md). With no FILE, \
        every .test file of the library runs (the library 'play' and 'list' use). A FILE.scenario or CASE-ID runs \
        the .test beside that case; a DIR runs every .test in it. One line per test (pass or FAIL, with what was \
        expected and what the path got), then 'N passed, N failed'. Exit 0 when every test passes, 1 when any \
        fails (or a case does not load, or there is no test to run), 65 when a test file has problems (reported \
        as 'file:line:column: error: ...'; the tests with problems are not run), 64 for a wrong command line.
        """
    static let options: [OptionSpec] = [
        .option("lang", valueName: "en|id", help: "Read debrief: lines in this interface language (default: each case's own)."),
        CommonOptions.json, CommonOptions.content, CommonOptions.scenarios,
    ]

    /// The exit code of a run where a test file has problems (EX_DATAERR).
    static let malformedExitCode: Int32 = 65

    /// What `--json` prints.
    struct Report: Encodable {
        struct File: Encodable {
            var path: String
            /// The case's id, when the case beside the file loads.
            var caseID: String?
            /// Why none of the file's tests could be played (a missing or broken case, an unreadable file).
            var error: String?
            var problems: [Problem]
            var tests: [CaseTestRunner.Result]

            enum CodingKeys: String, CodingKey { case path, caseID = "case", error, problems, tests }
        }

        struct Problem: Encodable {
            var line: Int
            var column: Int
            var message: String
            var hint: String?
        }

        var files: [File]
        var passed: Int
        var failed: Int
        var problems: Int
    }

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        if let empty = arguments.positionals.firstIndex(of: "") {
            throw .usage("file \(empty + 1) is an empty name", hint: "usage: practicum \(usage)")
        }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        if let language = arguments.value("lang"), content.strings[language] == nil {
            throw .usage("unknown interface language '\(language)'; use one of: " + content.strings.keys.sorted().joined(separator: ", "))
        }
        let files = try testFiles(arguments, loader: loader, context: context)
        let json = arguments.flag("json")
        var report = Report(files: [], passed: 0, failed: 0, problems: 0)
        for file in files {
            let result = try runFile(file, loader: loader, content: content, language: arguments.value("lang"), context: context)
            report.passed += result.tests.filter(\.passed).count
            report.failed += result.tests.filter { !$0.passed }.count
            report.problems += result.problems.count
            if !json { show(result, context: context) }
            report.files.append(result)
        }
        let troubled = report.files.contains { $0.error != nil }
        if json {
            context.output.write(JSONOutput.string(report))
        } else {
            var summary = "\(report.passed) passed, \(report.failed) failed"
            if report.problems > 0 {
                summary += "; \(report.problems) problem\(report.problems == 1 ? "" : "s") in test files (those tests were not run)"
            }
            let notRun = report.files.filter { $0.error != nil }.count
            if notRun > 0 { summary += "; \(notRun) file\(notRun == 1 ? "" : "s") could not be run" }
            let good = report.failed == 0 && report.problems == 0 && !troubled && report.passed > 0
            context.output.writeLine("\n" + (good ? Style.green : Style.red.union(.bold)).apply(summary, enabled: context.colorOutput))
        }
        if report.problems > 0 { return malformedExitCode }
        if report.passed + report.failed == 0 && !troubled {
            context.errors.writeLine("error: no test was run: the files named hold no test")
            return ExitCode.failure
        }
        return report.failed > 0 || troubled ? ExitCode.failure : ExitCode.success
    }

    /// A test file to run, with the path as it is shown.
    struct TestFile {
        var url: URL
        var shown: String
    }

    /// The test files the arguments name, or every one of the library.
    static func testFiles(_ arguments: ScannedArguments, loader: ScenarioLoader, context: AppContext) throws(CommandError) -> [TestFile] {
        guard !arguments.positionals.isEmpty else {
            let directory: URL
            do {
                directory = try context.locator.scenariosDirectory(explicit: arguments.value("scenarios"))
            } catch {
                throw CommandError(error.description)
            }
            let found = testFiles(in: directory, shownAs: shown(directory, context: context))
            guard !found.isEmpty else {
                throw CommandError(
                    "no case tests in the library (\(directory.path))",
                    hint: "a case's tests go in CASE.test beside CASE.scenario; see docs/case-tests.md")
            }
            return found
        }
        var files: [TestFile] = []
        for named in arguments.positionals {
            let url = context.url(forPath: named)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let found = testFiles(in: url, shownAs: named)
                    guard !found.isEmpty else { throw CommandError("no .test files in the folder '\(named)'") }
                    files += found
                } else if named.hasSuffix(".test") {
                    files.append(TestFile(url: url, shown: named))
                } else if named.hasSuffix(".scenario") || named.hasSuffix(".json") {
                    files.append(try beside(url, shown: named))
                } else {
                    throw .usage("'\(named)' is not a .test, .scenario or .json file", hint: "usage: practicum \(usage)")
                }
            } else if named.contains("/") || named.contains(".") {
                throw CommandError("no such file: '\(named)'")
            } else {
                let path = try PlayCommand.resolveLibraryID(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
                let url = URL(fileURLWithPath: path)
                files.append(try beside(url, shown: shown(url, context: context)))
            }
        }
        return files
    }

    /// Every `.test` file of a folder, in name order (not in subfolders).
    static func testFiles(in directory: URL, shownAs shownDirectory: String) -> [TestFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let prefix = shownDirectory.hasSuffix("/") ? shownDirectory : shownDirectory + "/"
        return names.filter { $0.hasSuffix(".test") }.sorted().map {
            TestFile(url: directory.appendingPathComponent($0), shown: prefix + $0)
        }
    }

    /// The `.test` file beside a case file.
    static func beside(_ caseURL: URL, shown: String) throws(CommandError) -> TestFile {
        let url = caseURL.deletingPathExtension().appendingPathExtension("test")
        let shownTest = (shown as NSString).deletingPathExtension + ".test"
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandError(
                "'\(shown)' has no tests: there is no \(shownTest)",
                hint: "write the case's tests in \(shownTest); see docs/case-tests.md")
        }
        return TestFile(url: url, shown: shownTest)
    }

    /// A path relative to the working directory when it is inside it, otherwise the full path.
    static func shown(_ url: URL, context: AppContext) -> String {
        let base = context.workingDirectory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// Reads, checks and plays one test file.
    static func runFile(
        _ file: TestFile, loader: ScenarioLoader, content: ContentLibrary, language: String?, context: AppContext
    ) throws(CommandError) -> Report.File {
        var result = Report.File(path: file.shown, problems: [], tests: [])
        guard let data = FileManager.default.contents(atPath: file.url.path), let text = String(validating: data, as: UTF8.self) else {
            result.error = "cannot read '\(file.shown)' as UTF-8 text"
            return result
        }
        let parsed = CaseTestParser.parse(text)
        var problems = parsed.problems
        try play(parsed.tests, of: file, into: &result, problems: &problems, loader: loader, content: content, language: language, context: context)
        result.problems = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }.map {
            Report.Problem(line: $0.line, column: $0.column, message: $0.message, hint: $0.hint)
        }
        if !problems.isEmpty { render(problems, file: file, source: text, context: context) }
        return result
    }

    /// Loads the case beside the file and plays each test that fits it; a test that does not fit (an ending
    /// the case lacks, ...) adds its problems instead.
    static func play(
        _ tests: [CaseTest], of file: TestFile, into result: inout Report.File, problems: inout [CaseTestProblem],
        loader: ScenarioLoader, content: ContentLibrary, language: String?, context: AppContext
    ) throws(CommandError) {
        let base = file.url.deletingPathExtension()
        /// Says why none of the file's tests could be played, counting them.
        func cannotRun(_ reason: String) {
            result.error = tests.isEmpty ? reason : "\(tests.count) test\(tests.count == 1 ? "" : "s") not run: " + reason
        }
        guard let caseURL = ["scenario", "json"].map({ base.appendingPathExtension($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) })
        else {
            cannotRun("no case beside it: expected \(base.lastPathComponent).scenario or \(base.lastPathComponent).json in the same folder")
            return
        }
        let loaded = loader.load(path: caseURL.path)
        guard let scenario = loaded.scenario else {
            let errors = loaded.diagnostics.filter(\.isError).count
            let shownCase = (file.shown as NSString).deletingPathExtension + "." + caseURL.pathExtension
            cannotRun("the case \(shownCase) has \(errors) error\(errors == 1 ? "" : "s"); run 'practicum check \(shownCase)'")
            return
        }
        result.caseID = scenario.id
        let defaultLanguage = language ?? (content.strings[scenario.header.language] != nil ? scenario.header.language : "en")
        let scorers = context
        let runner = CaseTestRunner(
            scenario: scenario, content: content,
            scorer: { (language: String) throws(CommandError) -> Scorer in
                try scorers.scorer(for: scenario, content: content, language: language)
            },
            defaultLanguage: defaultLanguage)
        for test in tests {
            let found = runner.problems(in: test)
            guard found.isEmpty else {
                problems += found
                continue
            }
            result.tests.append(try runner.run(test))
        }
    }

    /// One file's results on standard output: a line per test, what failed under it.
    static func show(_ file: Report.File, context: AppContext) {
        let colored = context.colorOutput
        var text = Style.bold.apply(VisibleText.make(file.path, keepNewlines: false), enabled: colored) + "\n"
        if let error = file.error {
            text += "  " + Style.red.union(.bold).apply("FAIL", enabled: colored) + "  " + VisibleText.make(error, keepNewlines: false) + "\n"
        }
        for test in file.tests {
            let mark = test.passed ? Style.green.apply("pass", enabled: colored) : Style.red.union(.bold).apply("FAIL", enabled: colored)
            text += "  \(mark)  \(VisibleText.make(test.name, keepNewlines: false))"
            text += test.passed ? "\n" : "  (\(VisibleText.make(file.path, keepNewlines: false)):\(test.line))\n"
            for failure in test.failures {
                let lines = failure.split(separator: "\n", omittingEmptySubsequences: false)
                text += lines.map { "        " + VisibleText.make(String($0), keepNewlines: false) }.joined(separator: "\n") + "\n"
            }
        }
        context.output.write(text)
    }

    /// A test file's problems on standard error, like `check`'s diagnostics: place, message, the line, a caret.
    static func render(_ problems: [CaseTestProblem], file: TestFile, source: String, context: AppContext) {
        let colored = context.colorErrors
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var text = ""
        for problem in problems.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            let place = VisibleText.make("\(file.shown):\(problem.line):\(problem.column):", keepNewlines: false)
            text += Style.bold.apply(place, enabled: colored) + " " + Style.red.union(.bold).apply("error:", enabled: colored)
            text += " " + VisibleText.make(problem.message, keepNewlines: false) + "\n"
            if problem.line <= lines.count {
                let number = String(problem.line)
                let gutter = String(repeating: " ", count: number.count)
                let quoted = VisibleText.make(String(lines[problem.line - 1].prefix(200)), keepNewlines: false)
                text += " \(number) | \(quoted)\n"
                text += " \(gutter) | " + String(repeating: " ", count: max(0, problem.column - 1)) + "^\n"
            }
            if let hint = problem.hint { text += "  hint: " + VisibleText.make(hint, keepNewlines: false) + "\n" }
        }
        context.errors.write(text)
    }
}
