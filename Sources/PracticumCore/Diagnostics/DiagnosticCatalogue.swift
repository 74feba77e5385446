/// What the catalogue says about each diagnostic code: the one source that `practicum explain` prints and
/// docs/diagnostics.md is tested against (`DiagnosticCatalogueTests`: every code's row there holds its
/// explanation, example and fix word for word, in the table of its severity).
public struct DiagnosticCatalogueEntry: Hashable, Sendable {
    public var code: DiagnosticCode
    /// A few words for the list of codes.
    public var title: String
    /// What the diagnostic means, as the catalogue's table says it (Markdown code spans in backticks).
    public var explanation: String
    /// A small piece of a case that triggers it.
    public var example: String
    /// What to do about it.
    public var fix: String

    /// Whether the diagnostic stops a case from loading, unless a project turns a warning up.
    public var severity: Diagnostic.Severity { code.severity }
}

extension DiagnosticCode {
    typealias Entry = DiagnosticCatalogueEntry

    /// The catalogue's entry for this code.
    public var catalogueEntry: DiagnosticCatalogueEntry {
        // Each code has its entry in the file of its severity (the catalogue's test checks both are there).
        errorEntry ?? warningEntry
            ?? Entry(code: self, title: rawValue, explanation: "", example: "", fix: "")
    }

    /// The entry of a code that is an error; nil for a warning.
    var errorEntry: DiagnosticCatalogueEntry? {
        switch self {
        case .unreadableFile:
            return Entry(
                code: self, title: "the file cannot be read",
                explanation: "the file does not exist, is a folder, is not UTF-8 text, or is past the caps on a case file (32 MiB, 1,000,000 lines)",
                example: "`practicum check missing.scenario`",
                fix: "Check the path, and save the file as UTF-8 text.")
        case .malformedJSON:
            return Entry(
                code: self, title: "not a case in JSON form",
                explanation: "a `.json` case is not valid JSON, or does not have the shape of a case; the message names the place as a JSON pointer (`#/scenes/0/choices/1/quality`) with line and column. Also: a key repeated in one object, nesting deeper than 100 arrays and objects, a fraction where a whole number belongs (\"expected a whole number, found 1.5\"), a weights `dimension` that is not one word",
                example: "`{\"header\": 3}`",
                fix: "Fix the JSON at the place the message names (its pointer, line and column).")
        case .tabIndentation:
            return Entry(
                code: self, title: "a tab in the indentation",
                explanation: "a tab in the indentation; indent with spaces",
                example: "a choice attribute indented with a tab",
                fix: "Indent with spaces; most editors can turn tabs into spaces.")
        case .malformedLine:
            return Entry(
                code: self, title: "a line that fits nothing where it stands",
                explanation: "a line that fits no construct where it stands (the message says what was expected), or a text line with more than 1000 `{name}` placeholders (a limit that keeps checking a file within memory)",
                example: "`finding : no id`",
                fix: "Rewrite the line as the message says it expected, or move it to where it belongs; split a line of more than 1000 placeholders.")
        case .textAfterChoice:
            return Entry(
                code: self, title: "scene text after the scene's choices",
                explanation: "an unindented text line after a scene's first choice (or after its `->`)",
                example: "scene text below `* Go` and its attributes",
                fix: "Move the text above the first choice, or indent it under the choice it belongs to.")
        case .invalidName:
            return Entry(
                code: self, title: "a name with characters a name cannot have",
                explanation: "a scene name, finding id, variable name or case id with characters other than lowercase letters, digits and `-`",
                example: "`== Intake`",
                fix: "Use lowercase letters, digits and '-' only, for example 'intake'.")
        case .invalidNumber:
            return Entry(
                code: self, title: "a number that is not a plain whole number in range",
                explanation: "a number that is not a plain whole number where one is needed (`quality`, `minutes`, `weights`, `set: x + N`), or one out of range: a weight runs from 0 to 1000, `minutes` from 1 to 1000, a variable's whole number from -9223372036854775808 to 9223372036854775807 (in `var`, `set: x = N`, `x + N`, `x - N`; a JSON `\"add\"` from -9223372036854775807); a sign (`+3`) is refused where a plain number is meant",
                example: "`quality: high`, `weights: practice 9223372036854775807`, `var x = 9223372036854775808`",
                fix: "Write a plain whole number within the range the message gives, without a sign where none belongs.")
        case .invalidValue:
            return Entry(
                code: self, title: "a value that is not a whole number or true/false",
                explanation: "a variable's value that is neither a whole number nor `true`/`false`, or an empty required header value",
                example: "`var trust = maybe`",
                fix: "Give the variable a whole number or 'true'/'false', and fill in every required header value.")
        case .invalidCondition:
            return Entry(
                code: self, title: "a condition that does not parse",
                explanation: "a condition that does not parse, or that nests more than 32 levels of parentheses and `not`, or joins more than 100 parts with `and`/`or` (limits that keep every later step safe from a stack overflow), or compares with a number outside -9223372036854775808 to 9223372036854775807",
                example: "`requires: t = 2` (write `==`)",
                fix: "Write the condition with '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'not' and parentheses, within the limits.")
        case .invalidUpdate:
            return Entry(
                code: self, title: "a set: update that is not NAME + N, NAME - N or NAME = VALUE",
                explanation: "a `set:` update that is not `NAME + N`, `NAME - N` or `NAME = VALUE`",
                example: "`set: t * 2`",
                fix: "Write the update as 'NAME + N', 'NAME - N' or 'NAME = VALUE'.")
        case .unknownHeaderKey:
            return Entry(
                code: self, title: "a header key the format does not know",
                explanation: "a header key the format does not know; suggests the closest",
                example: "`levle: micro`",
                fix: "Correct the spelling (the hint names the closest key) or remove the line.")
        case .duplicateHeaderKey:
            return Entry(
                code: self, title: "the same header key twice",
                explanation: "the same header key twice",
                example: "two `title:` lines",
                fix: "Keep one of the two lines.")
        case .missingHeaderKey:
            return Entry(
                code: self, title: "a required header key is missing",
                explanation: "one of `title`, `id`, `language`, `level` is missing",
                example: "a header without `level:`",
                fix: "Add the missing 'title:', 'id:', 'language:' or 'level:' line.")
        case .unknownLanguage:
            return Entry(
                code: self, title: "a language Content/ does not know",
                explanation: "a language not in `Content/languages.json`",
                example: "`language: fr`",
                fix: "Use a language from Content/languages.json, such as 'en' or 'id'.")
        case .unknownLevel:
            return Entry(
                code: self, title: "a level Content/ does not know",
                explanation: "a level not in `Content/levels.json`",
                example: "`level: mega`",
                fix: "Use a level from Content/levels.json, such as 'micro'.")
        case .unknownDimension:
            return Entry(
                code: self, title: "a weight for no scoring dimension",
                explanation: "a `weights:` entry naming no scoring dimension",
                example: "`weights: ethic 30`",
                fix: "Name one of practice, lifecycle, ethics, planning or outcome.")
        case .duplicateFinding:
            return Entry(
                code: self, title: "the same finding declared twice",
                explanation: "the same finding id twice",
                example: "two `finding f:` lines",
                fix: "Remove or rename one of the two findings.")
        case .duplicateVariable:
            return Entry(
                code: self, title: "the same variable declared twice",
                explanation: "the same variable twice",
                example: "two `var t` lines",
                fix: "Remove or rename one of the two 'var' lines.")
        case .duplicateScene:
            return Entry(
                code: self, title: "the same scene name twice",
                explanation: "the same scene name twice",
                example: "two `== a` lines",
                fix: "Rename one of the two scenes and update the '->' lines that lead to it.")
        case .noScenes:
            return Entry(
                code: self, title: "a case without scenes",
                explanation: "the file has a header and no scene",
                example: "a file with no `==` line",
                fix: "Add at least one scene with a '== name' line.")
        case .unknownScene:
            return Entry(
                code: self, title: "a reference to a scene that does not exist",
                explanation: "`->`, `start:` or `visited(...)` names a scene that does not exist",
                example: "`-> ned`",
                fix: "Correct the name (the hint names the closest scene) or add the scene.")
        case .unknownPhase:
            return Entry(
                code: self, title: "a phase that does not exist",
                explanation: "a phase that is neither a phase id nor an Indonesian alias",
                example: "`phase: asessment`",
                fix: "Use a phase id from Content/phases.json or one of its Indonesian aliases.")
        case .unknownPrinciple:
            return Entry(
                code: self, title: "an ethics principle Content/ does not know",
                explanation: "an ethics principle not in `Content/principles.json`",
                example: "`upholds: privacy`",
                fix: "Use a principle from Content/principles.json.")
        case .unknownIntervention:
            return Entry(
                code: self, title: "an intervention kind Content/ does not know",
                explanation: "an intervention kind not in `Content/interventions.json`",
                example: "`intervention: therapy`",
                fix: "Use an intervention from Content/interventions.json.")
        case .unknownFinding:
            return Entry(
                code: self, title: "a reference to a finding that is not declared",
                explanation: "`reveals`, `addresses` or `revealed(...)` names no declared finding",
                example: "`reveals: ghost`",
                fix: "Correct the id or declare the finding with a 'finding' line.")
        case .unknownOutcome:
            return Entry(
                code: self, title: "an ending outcome Content/ does not know",
                explanation: "an ending outcome not in `Content/outcomes.json`",
                example: "`[ending: success]`",
                fix: "Use an outcome from Content/outcomes.json, such as 'goals-met' or 'partial'.")
        case .unknownVariable:
            return Entry(
                code: self, title: "a reference to a variable that is not declared",
                explanation: "a condition, update or `{name}` in text names no declared variable",
                example: "`{trsut}`",
                fix: "Correct the name or declare it with a 'var' line.")
        case .unknownSeverity:
            return Entry(
                code: self, title: "a breach without a known severity",
                explanation: "a breach with no severity, or one other than minor, major, critical",
                example: "`violates: dignity (huge)`",
                fix: "Write the severity in parentheses: (minor), (major) or (critical).")
        case .typeMismatch:
            return Entry(
                code: self, title: "a whole number used as true/false, or the other way round",
                explanation: "an integer used as a boolean or the other way round",
                example: "`set: trust = true` where `trust` is an integer",
                fix: "Compare or set the variable with a value of its own type.")
        case .unknownAttribute:
            return Entry(
                code: self, title: "a choice attribute the format does not know",
                explanation: "a choice attribute the format does not know; suggests the closest",
                example: "`qualty: 1`",
                fix: "Correct the spelling (the hint names the closest attribute) or remove the line.")
        case .duplicateAttribute:
            return Entry(
                code: self, title: "the same attribute twice on one choice",
                explanation: "the same attribute twice on one choice",
                example: "two `phase:` lines",
                fix: "Keep one of the two lines, or join their values.")
        case .missingAttribute:
            return Entry(
                code: self, title: "a choice without phase, quality or ->",
                explanation: "a choice without `phase`, `quality` or `->`",
                example: "a choice with no `quality:`",
                fix: "Add the missing 'phase:', 'quality:' or '->' line under the choice.")
        case .qualityOutOfRange:
            return Entry(
                code: self, title: "a quality outside -2..+2",
                explanation: "`quality` outside -2..+2",
                example: "`quality: +3`",
                fix: "Use a quality from -2 to +2.")
        case .noWayOut:
            return Entry(
                code: self, title: "a scene with no way out that is not an ending",
                explanation: "a scene that is not an ending and has neither choices nor `->`",
                example: "a scene with text only",
                fix: "Add choices or a '->' line, or mark the scene as an ending.")
        case .endingWithChoices:
            return Entry(
                code: self, title: "an ending that has choices or a ->",
                explanation: "an ending that has choices or a `->`",
                example: "`[ending: goals-met]` followed by `-> a`",
                fix: "Remove the choices and the '->' from the ending, or make it an ordinary scene.")
        case .choicesAndContinue:
            return Entry(
                code: self, title: "a scene with choices and a scene-level ->",
                explanation: "a scene with choices and also a scene-level `->`",
                example: "`-> end` after a scene's choices",
                fix: "Keep either the choices or the '->' line.")
        case .unknownFindingKind:
            return Entry(
                code: self, title: "a finding of a kind that does not exist",
                explanation: "a finding marked with a kind other than `[risk]`, `[strength]` or `[need]`",
                example: "`finding f [danger]: ...`",
                fix: "Mark the finding as [risk], [strength] or [need], or leave the kind out.")
        case .duplicateExpectation:
            return Entry(
                code: self, title: "two expectations with the same name",
                explanation: "two `expect` lines with the same name",
                example: "two `expect asked-directly` lines",
                fix: "Rename one of the two 'expect' lines.")
        case .unknownExpectation:
            return Entry(
                code: self, title: "an objective shown by an expectation that does not exist",
                explanation: "an objective's `[shown by: ...]` names no expectation of the case",
                example: "`[shown by: askd]`",
                fix: "Correct the name in '[shown by: ...]' or add the expectation.")
        case .conflictingBasis:
            return Entry(
                code: self, title: "an expectation resting on both a principle and a phase",
                explanation: "an expectation gives both `principle:` and `phase:`; it may rest on one",
                example: "`principle: competence` and `phase: assessment` under one `expect`",
                fix: "Keep either 'principle:' or 'phase:' under the expectation.")
        case .unrevealableRisk:
            return Entry(
                code: self, title: "a risk no choice (or no play) reveals",
                explanation: "a `[risk]` finding that no choice reveals (and, in `check`'s exploration, one that no play reveals)",
                example: "`finding danger [risk]: ...` never in `reveals:`",
                fix: "Add 'reveals:' for the risk to a choice a student can take.")
        case .unmeetableExpectation:
            return Entry(
                code: self, title: "an expectation no play can meet",
                explanation: "(exploration) no play that reaches an ending meets the expectation, so the best path cannot meet it",
                example: "`expect e (major): called` where nothing sets `called`",
                fix: "Make the condition reachable, or change the expectation.")
        case .conflictingExpectations:
            return Entry(
                code: self, title: "expectations no single ending meets together",
                explanation: "(exploration) each expectation can be met, but no single ending meets them all, so no attempt can meet every one",
                example: "`expect a: x` and `expect b: not x`",
                fix: "Change the expectations so one path can meet them all.")
        case .misplacedSafeWhen:
            return Entry(
                code: self, title: "a safe when: under a finding that is not a risk",
                explanation: "a `safe when:` line under a finding that is not a `[risk]` (format v1.3): only a risk is open until it is safe",
                example: "`finding rent: ...` followed by `  safe when: paid`",
                fix: "Mark the finding as [risk], or remove the 'safe when:' line.")
        default:
            return nil
        }
    }
}
