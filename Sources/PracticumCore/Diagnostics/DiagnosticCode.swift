/// The stable code of every diagnostic the checker reports.
///
/// Codes never change meaning once released; docs/diagnostics.md lists each one
/// (a test keeps the two in step).
public enum DiagnosticCode: String, CaseIterable, Hashable, Sendable, Codable {
    // Files.
    case unreadableFile = "unreadable-file"
    case malformedJSON = "malformed-json"
    // Lexical and structural errors.
    case tabIndentation = "tab-indentation"
    case malformedLine = "malformed-line"
    case textAfterChoice = "text-after-choice"
    case invalidName = "invalid-name"
    case invalidNumber = "invalid-number"
    case invalidValue = "invalid-value"
    case invalidCondition = "invalid-condition"
    case invalidUpdate = "invalid-update"
    // Header errors.
    case unknownHeaderKey = "unknown-header-key"
    case duplicateHeaderKey = "duplicate-header-key"
    case missingHeaderKey = "missing-header-key"
    case unknownLanguage = "unknown-language"
    case unknownLevel = "unknown-level"
    case unknownDimension = "unknown-dimension"
    // Definitions.
    case duplicateFinding = "duplicate-finding"
    case duplicateVariable = "duplicate-variable"
    case duplicateScene = "duplicate-scene"
    case noScenes = "no-scenes"
    // References.
    case unknownScene = "unknown-scene"
    case unknownPhase = "unknown-phase"
    case unknownPrinciple = "unknown-principle"
    case unknownIntervention = "unknown-intervention"
    case unknownFinding = "unknown-finding"
    case unknownOutcome = "unknown-outcome"
    case unknownVariable = "unknown-variable"
    case unknownSeverity = "unknown-severity"
    case unknownFindingKind = "unknown-finding-kind"
    case unknownExpectation = "unknown-expectation"
    case typeMismatch = "type-mismatch"
    // Choices and scenes.
    case unknownAttribute = "unknown-attribute"
    case duplicateAttribute = "duplicate-attribute"
    case missingAttribute = "missing-attribute"
    case qualityOutOfRange = "quality-out-of-range"
    case noWayOut = "no-way-out"
    case endingWithChoices = "ending-with-choices"
    case choicesAndContinue = "choices-and-continue"
    // Expectations and findings (format v1.1).
    case duplicateExpectation = "duplicate-expectation"
    case conflictingBasis = "conflicting-basis"
    case unrevealableRisk = "unrevealable-risk"
    case unmeetableExpectation = "unmeetable-expectation"
    case conflictingExpectations = "conflicting-expectations"
    // Situations and safety (format v1.3).
    case misplacedSafeWhen = "misplaced-safe-when"
    // Warnings.
    case unusedVariable = "unused-variable"
    case unrevealedFinding = "unrevealed-finding"
    case goalNeverRevealed = "goal-never-revealed"
    case unreachableScene = "unreachable-scene"
    case noGoalsMetEnding = "no-goals-met-ending"
    case impossibleChoice = "impossible-choice"
    case unreachableEnding = "unreachable-ending"
    case softLock = "soft-lock"
    case explorationLimit = "exploration-limit"
    case answerTell = "answer-tell"
    case vacuousExpectation = "vacuous-expectation"
    case reflectNeverAsked = "reflect-never-asked"
    case unstatedSituation = "unstated-situation"
    case situationNeverArises = "situation-never-arises"
    case riskNeverSafe = "risk-never-safe"
    case unaddressableFinding = "unaddressable-finding"
    case vocabularyTell = "vocabulary-tell"
    case gameable = "gameable"
    case scoringLimit = "scoring-limit"
    // Format v1.4.
    case missingContentWarning = "missing-content-warning"
    case oneSidedDilemma = "one-sided-dilemma"
    // Text that hides or reorders what it says.
    case invisibleCharacter = "invisible-character"

    /// Whether diagnostics with this code stop the case from loading.
    public var severity: Diagnostic.Severity {
        switch self {
        case .unusedVariable, .unrevealedFinding, .goalNeverRevealed, .unreachableScene, .noGoalsMetEnding,
            .impossibleChoice, .unreachableEnding, .softLock, .explorationLimit, .answerTell, .vacuousExpectation,
            .reflectNeverAsked, .unstatedSituation, .situationNeverArises, .riskNeverSafe, .unaddressableFinding,
            .vocabularyTell, .gameable, .scoringLimit, .missingContentWarning, .oneSidedDilemma, .invisibleCharacter:
            return .warning
        default:
            return .error
        }
    }
}
