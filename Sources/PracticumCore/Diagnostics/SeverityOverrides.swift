import Foundation

/// A project's changes to the severity of warnings, read from a `practicum-check.conf` file:
///
///     # Our cases must read every variable they declare.
///     unused-variable = error
///     answer-tell = off
///
/// One `CODE = error|warning|off` a line; `#` starts a comment; blank lines are ignored. Only a code that
/// is a warning by itself may be changed: an error always stays an error.
public struct SeverityOverrides: Hashable, Sendable {
    /// What a project makes of a warning.
    public enum Level: String, Hashable, Sendable, CaseIterable {
        /// Reported as an error: `check` fails (the case still loads for `play`).
        case error
        /// Reported as a warning, as it would be without the file.
        case warning
        /// Not reported, and not counted.
        case off
    }

    /// A line of the file that could not be used.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public var description: String { "line \(line): \(message)" }
    }

    /// The name `check` looks for in the folder of each case.
    public static let fileName = "practicum-check.conf"

    /// The level of each code the file names.
    public private(set) var levels: [DiagnosticCode: Level] = [:]

    /// No changes.
    public init() {}

    /// The given changes; codes that are errors by themselves are left out.
    public init(_ levels: [DiagnosticCode: Level]) {
        self.levels = levels.filter { $0.key.severity == .warning }
    }

    /// The level a project gives this code, if it names it.
    public subscript(code: DiagnosticCode) -> Level? {
        levels[code]
    }

    /// Whether the file changes nothing.
    public var isEmpty: Bool { levels.isEmpty }

    /// The severity a diagnostic with this code is reported with (nil: not reported).
    public func severity(of code: DiagnosticCode) -> Diagnostic.Severity? {
        switch levels[code] {
        case .off?: return nil
        case .error?: return .error
        case .warning?: return .warning
        case nil: return code.severity
        }
    }

    /// Reads the text of a `practicum-check.conf` file; every line that cannot be used is a problem, named
    /// by its line number.
    public static func parse(_ text: String) -> Result<SeverityOverrides, ParseFailure> {
        var overrides = SeverityOverrides()
        var problems: [Problem] = []
        var firstLine: [DiagnosticCode: Int] = [:]
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = (rawLine.firstIndex(of: "#").map { rawLine[..<$0] } ?? rawLine[...])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                problems.append(Problem(line: number, message: "expected 'CODE = error', 'CODE = warning' or 'CODE = off'"))
                continue
            }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            guard let code = DiagnosticCode(rawValue: name) else {
                let hint = Suggestion.closest(to: name, in: codes).map { " (did you mean '\($0)'?)" } ?? ""
                problems.append(Problem(line: number, message: "'\(VisibleText.make(name, keepNewlines: false))' is not a diagnostic code\(hint)"))
                continue
            }
            guard code.severity == .warning else {
                problems.append(
                    Problem(line: number, message: "'\(name)' is an error, and an error cannot be changed: only warnings can"))
                continue
            }
            guard let level = Level(rawValue: value) else {
                problems.append(
                    Problem(
                        line: number,
                        message: "'\(VisibleText.make(value, keepNewlines: false))' is not a level: write error, warning or off"))
                continue
            }
            if let first = firstLine[code] {
                problems.append(Problem(line: number, message: "'\(name)' is already set on line \(first)"))
                continue
            }
            firstLine[code] = number
            overrides.levels[code] = level
        }
        return problems.isEmpty ? .success(overrides) : .failure(ParseFailure(problems: problems))
    }

    /// Why a file could not be read: each line's problem.
    public struct ParseFailure: Error, Hashable, Sendable {
        public var problems: [Problem]
    }
}
