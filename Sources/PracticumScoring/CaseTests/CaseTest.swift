import PracticumCore
import PracticumEngine

/// One instructor-written test of a case: a path through it and what that path must lead to. Read from a
/// `CASE.test` file beside the case by `CaseTestParser`; `practicum test` plays and checks it.
public struct CaseTest: Sendable, Equatable {
    /// One step of the path: a choice's number among those on offer (in written order, as `play --choices`
    /// counts them), or a choice's id (`scene#n`, the n-th choice written in the scene), which survives
    /// choices being reordered or added elsewhere in the scene. The one `PathChoice` of every written path.
    public typealias Step = PathChoice

    /// What the level must be.
    public enum LevelExpectation: Sendable, Equatable, CustomStringConvertible {
        /// This level and no other (`level:`).
        case exactly(Level)
        /// This level or a lower one (`at-most:`).
        case atMost(Level)

        /// Whether `level` meets the expectation.
        public func accepts(_ level: Level) -> Bool {
            switch self {
            case .exactly(let expected): return level == expected
            case .atMost(let highest): return level <= highest
            }
        }

        public var description: String {
            switch self {
            case .exactly(let level): return level.rawValue
            case .atMost(let level): return "at most \(level.rawValue)"
            }
        }
    }

    /// A line the debrief must contain, with the line of the test file it was written on.
    public struct DebriefLine: Sendable, Equatable {
        public var text: String
        public var line: Int

        public init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// The test's name, unique within its file.
    public var name: String
    /// The line of the file where the test's block starts.
    public var line: Int
    public var choices: [Step]
    /// The ending scene's name.
    public var ending: String?
    /// The ending's outcome id (`goals-met`, `partial`, ...).
    public var outcome: String?
    public var level: LevelExpectation?
    /// Whether the attempt must be flagged for an instructor's review.
    public var review: Bool?
    /// The range the overall score (0-100) must fall in; one number is a range of one.
    public var score: ClosedRange<Int>?
    /// Lines that must appear in the debrief, in `language`.
    public var debrief: [DebriefLine]
    /// The interface language the debrief is written in for `debrief:` lines; nil: the case's own (or the
    /// runner's `--lang`).
    public var language: String?
    /// The instructor's reason for the expectations, for people; never checked.
    public var note: String?
    /// The line each key (other than `debrief`) was written on, for problems found against the case.
    public var keyLines: [String: Int] = [:]

    public init(
        name: String, line: Int, choices: [Step], ending: String? = nil, outcome: String? = nil,
        level: LevelExpectation? = nil, review: Bool? = nil, score: ClosedRange<Int>? = nil, debrief: [DebriefLine] = [],
        language: String? = nil, note: String? = nil
    ) {
        self.name = name
        self.line = line
        self.choices = choices
        self.ending = ending
        self.outcome = outcome
        self.level = level
        self.review = review
        self.score = score
        self.debrief = debrief
        self.language = language
        self.note = note
    }
}

/// A problem in a test file that stops a test from being read, at its line and column (1-based).
public struct CaseTestProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    /// What to write instead, when there is something useful to say.
    public var hint: String?

    public init(line: Int, column: Int = 1, message: String, hint: String? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A test file as read: the tests that parsed and the problems of those that did not.
public struct CaseTestFile: Sendable, Equatable {
    public var tests: [CaseTest]
    public var problems: [CaseTestProblem]

    public init(tests: [CaseTest], problems: [CaseTestProblem]) {
        self.tests = tests
        self.problems = problems
    }
}
