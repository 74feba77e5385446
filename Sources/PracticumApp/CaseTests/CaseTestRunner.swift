import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// Plays the tests of one case and compares what each path leads to with what the test expects.
struct CaseTestRunner {
    let scenario: Scenario
    let content: ContentLibrary
    /// The scorer for the case, in an interface language (the debrief's words depend on it).
    let scorer: (_ language: String) throws(CommandError) -> Scorer
    /// The language of the debrief when a test names none: `--lang`, else the case's own.
    let defaultLanguage: String

    /// What a path led to.
    struct Got: Encodable, Equatable {
        var ending: String?
        var outcome: String?
        var overall: Int
        var level: String
        var needsReview: Bool
        var steps: Int
    }

    /// One test's result: passed when `failures` is empty.
    struct Result: Encodable {
        var name: String
        var line: Int
        var failures: [String]
        /// What the path led to; nil when the path could not be played to an ending.
        var got: Got?
        var passed: Bool { failures.isEmpty }

        enum CodingKeys: String, CodingKey { case name, line, failures, got, passed }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(line, forKey: .line)
            try container.encode(failures, forKey: .failures)
            try container.encodeIfPresent(got, forKey: .got)
            try container.encode(passed, forKey: .passed)
        }
    }

    /// What in a test does not fit the case (an ending or outcome it does not have, a choice id naming no
    /// choice, a language Content/ does not have): problems of the test file, found before anything is played.
    func problems(in test: CaseTest) -> [CaseTestProblem] {
        var problems: [CaseTestProblem] = []
        func line(_ key: String) -> Int { test.keyLines[key] ?? test.line }
        let endings = scenario.scenes.filter { $0.ending != nil }
        if let ending = test.ending, !endings.contains(where: { $0.name == ending }) {
            let suggestion = Suggestion.closest(to: ending, in: endings.map(\.name))
            problems.append(
                CaseTestProblem(
                    line: line("ending"), message: "the case has no ending scene '\(VisibleText.make(ending, keepNewlines: false))'",
                    hint: suggestion.map { "did you mean '\($0)'?" } ?? "its endings: " + endings.map(\.name).joined(separator: ", ")))
        }
        let outcomes = Array(Set(endings.compactMap(\.ending))).sorted()
        if let outcome = test.outcome, !outcomes.contains(outcome) {
            problems.append(
                CaseTestProblem(
                    line: line("outcome"),
                    message: "no ending of the case has the outcome '\(VisibleText.make(outcome, keepNewlines: false))'",
                    hint: "its outcomes: " + outcomes.joined(separator: ", ")))
        }
        for case .id(let id) in test.choices
        where scenario.scene(named: id.scene).map({ id.index >= $0.choices.count }) ?? true {
            problems.append(
                CaseTestProblem(
                    line: line("choices"), message: "choices: '\(VisibleText.make(id.description, keepNewlines: false))' names no choice of the case",
                    hint: "an id is a scene's name, #, and the choice's place in that scene as written (from 1)"))
        }
        if let language = test.language, content.strings[language] == nil {
            problems.append(
                CaseTestProblem(
                    line: line("lang"), message: "unknown interface language '\(VisibleText.make(language, keepNewlines: false))'",
                    hint: "use one of: " + content.strings.keys.sorted().joined(separator: ", ")))
        }
        return problems
    }

    /// Plays the test's path and checks every expectation.
    func run(_ test: CaseTest) throws(CommandError) -> Result {
        var result = Result(name: test.name, line: test.line, failures: [])
        let engine = Engine(scenario: scenario, order: .written)
        var state = engine.autoContinue(engine.start().state).state
        for (index, step) in test.choices.enumerated() {
            let offered: [AvailableChoice]
            switch engine.status(of: state) {
            case .choosing(let choices):
                offered = choices
            case .ended(let outcome):
                let left = test.choices.count - index
                result.failures.append(
                    "path: the case ended at step \(index) (scene '\(state.scene)', outcome \(outcome)) with \(left) "
                        + "choice\(left == 1 ? "" : "s") of the path left (from item \(index + 1), '\(step)')")
                return result
            case .stuck, .continuing:
                result.failures.append("path: step \(index + 1): the case is stuck in scene '\(state.scene)' (no choice is on offer)")
                return result
            }
            let pick: AvailableChoice?
            switch step {
            case .number(let number): pick = offered.first { $0.number == number }
            case .id(let id): pick = offered.first { $0.id == id }
            }
            guard let pick else {
                let what: String
                switch step {
                case .number(let number):
                    what = "there is no choice \(number); \(offered.count == 1 ? "only 1 is" : "1-\(offered.count) are") on offer"
                case .id(let id): what = "choice \(id) is not on offer; on offer are"
                }
                let list = offered.map { "  \($0.number). \(VisibleText.make($0.choice.text, keepNewlines: false)) [\($0.id)]" }
                result.failures.append("path: step \(index + 1) (scene '\(state.scene)'): \(what):\n" + list.joined(separator: "\n"))
                return result
            }
            do {
                state = engine.autoContinue(try engine.choose(offered: pick, in: state).state).state
            } catch {
                result.failures.append("path: step \(index + 1) (scene '\(state.scene)'): \(error)")
                return result
            }
        }
        guard case .ended = engine.status(of: state) else {
            let offered = engine.availableChoices(in: state).count
            result.failures.append(
                "path: the path stops at step \(test.choices.count) in scene '\(state.scene)', before any ending "
                    + "(\(offered) choice\(offered == 1 ? " is" : "s are") on offer there)")
            return result
        }
        let language = test.language ?? defaultLanguage
        let scorer = try scorer(language)
        let report = scorer.score(state, undone: [])
        let got = Got(
            ending: state.scene, outcome: report.outcome, overall: report.overall, level: report.level.rawValue,
            needsReview: report.needsReview, steps: state.path.count)
        result.got = got
        result.failures = expectationFailures(test, got: got, report: report)
        if !test.debrief.isEmpty {
            let text = Self.normalised(debriefText(state: state, engine: engine, report: report, scorer: scorer, language: language))
            for line in test.debrief where !text.contains(Self.normalised(line.text)) {
                result.failures.append(
                    "debrief (line \(line.line)): no line of the debrief (in \(language)) says \"\(VisibleText.make(line.text, keepNewlines: false))\"")
            }
        }
        return result
    }

    /// The failures of the expectations on ending, outcome, level, review and score.
    func expectationFailures(_ test: CaseTest, got: Got, report: ScoreReport) -> [String] {
        var failures: [String] = []
        if let ending = test.ending, ending != got.ending {
            failures.append("ending: expected \(ending), got \(got.ending ?? "none")")
        }
        if let outcome = test.outcome, outcome != got.outcome {
            failures.append("outcome: expected \(outcome), got \(got.outcome ?? "none")")
        }
        if let level = test.level, !level.accepts(report.level) {
            var line = "level: expected \(level), got \(report.level.rawValue) (overall \(report.overall)/100)"
            let caps = report.gatekeeping.filter { $0.cap != nil }.map(\.summary)
            if !caps.isEmpty { line += "; capped by: " + caps.joined(separator: "; ") }
            failures.append(line)
        }
        if let review = test.review, review != report.needsReview {
            var line = "review: expected \(review), got \(report.needsReview)"
            let reasons = report.gatekeeping.filter(\.review).map(\.summary)
            if !reasons.isEmpty { line += " (" + reasons.joined(separator: "; ") + ")" }
            failures.append(line)
        }
        if let score = test.score, !score.contains(report.overall) {
            let expected = score.lowerBound == score.upperBound ? "\(score.lowerBound)" : "\(score.lowerBound)-\(score.upperBound)"
            failures.append("score: expected \(expected), got \(report.overall) (\(report.level.rawValue))")
        }
        return failures
    }

    /// The whole debrief as `play --choices ... --details` shows it in practice mode (the first screen and the
    /// details), in `language`, unwrapped and without colour.
    func debriefText(state: CaseState, engine: Engine, report: ScoreReport, scorer: Scorer, language: String) -> String {
        let strings = Strings(content: content, language: language)
        let screen = PlayScreen(strings: strings, width: 2_000, colored: false)
        let debrief = Debrief(strings: strings, screen: screen, content: content)
        let pages = debrief.render(
            state: state, engine: engine, report: report, stronger: scorer.strongerAlternative(for: state.choicesTaken))
        return pages.summary + "\n" + pages.details
    }

    /// The text with every run of white space made one space, so that wrapping never decides a match.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
