import Foundation
import PracticumCore
import PracticumTerminal

/// `practicum explain [CODE]`: what a diagnostic code means, an example and what to do, from the catalogue
/// docs/diagnostics.md is tested against; with no code, every code with its title.
enum ExplainCommand: Command {
    static let name = "explain"
    static let summary = "Explain a diagnostic code of 'check': what it means, an example, and what to do."
    static let usage = "explain [CODE]"
    static let discussion = """
        CODE is the word in brackets at the end of a diagnostic, such as unknown-scene (the brackets may be \
        typed too). With no code, every code is listed with its title, errors first. The text is the catalogue \
        docs/diagnostics.md is checked against.
        """
    static let options: [OptionSpec] = []

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count <= 1 else {
            throw .usage("explain takes one code at a time", hint: "for example: practicum explain unknown-scene")
        }
        guard let typed = arguments.positionals.first else {
            context.output.write(list())
            return ExitCode.success
        }
        let word = typed.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).lowercased()
        guard let code = DiagnosticCode(rawValue: word) else {
            let suggestion = Suggestion.closest(to: word, in: DiagnosticCode.allCases.map(\.rawValue))
            throw .usage(
                "no diagnostic code '\(VisibleText.make(typed, keepNewlines: false))'"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                hint: "'practicum explain' lists every code")
        }
        context.output.write(explanation(of: code, width: context.textWidth))
        return ExitCode.success
    }

    /// The full entry of one code, wrapped to the width.
    static func explanation(of code: DiagnosticCode, width: Int) -> String {
        let entry = code.catalogueEntry
        func paragraph(_ label: String, _ text: String) -> String {
            label + "\n" + TextWrapper.wrap(text, width: width, indent: "  ").joined(separator: "\n") + "\n"
        }
        let severity: String
        switch code.severity {
        case .error:
            severity = "error: a case with it does not load (an error cannot be turned down)"
        case .warning:
            severity = "warning: the case still loads; a \(SeverityOverrides.fileName) line '\(code.rawValue) = error' or '= off' changes it"
        }
        return "\(code.rawValue): \(entry.title)\n\n"
            + paragraph("Severity:", severity) + "\n"
            + paragraph("What it means:", entry.explanation) + "\n"
            + paragraph("Example:", entry.example) + "\n"
            + paragraph("What to do:", entry.fix)
    }

    /// Every code with its title, errors then warnings, in the catalogue's order.
    static func list() -> String {
        let width = DiagnosticCode.allCases.map(\.rawValue.count).max() ?? 0
        func rows(_ severity: Diagnostic.Severity) -> String {
            DiagnosticCode.allCases.filter { $0.severity == severity }.map { code in
                "  " + code.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + code.catalogueEntry.title + "\n"
            }.joined()
        }
        return "Errors (a case with one does not load):\n" + rows(.error)
            + "\nWarnings (a \(SeverityOverrides.fileName) may turn them into errors or off):\n" + rows(.warning)
            + "\n'practicum explain CODE' says more about one.\n"
    }
}
