/// Resolves a `ScenarioSyntax` against Content/ into a playable `Scenario`, reporting
/// every error and every warning that needs no exploration of states.
///
/// The result always carries the diagnostics; it carries a scenario only when
/// there is no error.
public struct ScenarioChecker: Sendable {
    public let content: ContentLibrary

    /// The dimensions a `weights:` header line may name.
    public static let dimensions = ["practice", "lifecycle", "ethics", "planning", "outcome"]
    /// The largest weight a case header may give a dimension (the rubric's own limit).
    public static let maximumWeight = 1000
    /// The longest estimated play time a header may give, in minutes.
    public static let maximumMinutes = 1000
    /// The header keys every case must have.
    public static let requiredHeaderKeys = ["title", "id", "language", "level"]

    public init(content: ContentLibrary) {
        self.content = content
    }

    /// Checks a parsed case.
    public func check(_ syntax: ScenarioSyntax) -> CheckResult {
        let (scenario, collector) = check(syntax, collecting: DiagnosticCollector())
        return CheckResult(scenario: scenario, diagnostics: collector.kept)
    }

    /// Checks a parsed case, adding what is wrong to `collector` (which may already hold the parser's
    /// diagnostics); the case comes back only when nothing found is an error by itself.
    public func check(
        _ syntax: ScenarioSyntax, collecting collector: DiagnosticCollector
    ) -> (scenario: Scenario?, diagnostics: DiagnosticCollector) {
        var run = CheckRun(syntax: syntax, content: content, diagnostics: collector)
        let scenario = run.resolve()
        return (run.diagnostics.stopsLoading ? nil : scenario, run.diagnostics)
    }
}

/// What checking a case produced.
public struct CheckResult: Sendable {
    /// The playable case, when there were no errors.
    public var scenario: Scenario?
    /// Every error and warning, in the order found.
    public var diagnostics: [Diagnostic]

    public init(scenario: Scenario?, diagnostics: [Diagnostic]) {
        self.scenario = scenario
        self.diagnostics = diagnostics
    }
}

/// One run of the checker over one case; collects diagnostics as it resolves.
///
/// What the run learns about names (is it a scene, a variable of which type, a finding, read
/// anywhere?) lives in arrays indexed by a name's key (see `key(_:)`), so checking a reference
/// is an array read, not a string hash.
struct CheckRun {
    let syntax: ScenarioSyntax
    let content: ContentLibrary
    var diagnostics: DiagnosticCollector
    /// How many errors the collector held before this run (the parser's).
    let errorsBefore: Int
    /// Whether this run has found an error.
    var foundErrors: Bool { diagnostics.errorsByCode > errorsBefore }
    /// Known names compared against misspelt ones so far, and the most one check may compare.
    var suggestionComparisons = 0
    static let suggestionBudget = 200_000
    /// The spelling of each name, by id (`syntax.names.strings`).
    let names: [String]
    /// For each name, the key of its first canonically-equal spelling; nil when each name is its own key.
    let canonicalKeys: [Int32]?
    /// By key: the index of the first scene with that name, or -1.
    var sceneIndex: [Int32]
    /// By key: the index of the first finding with that id, or -1.
    var findingIndex: [Int32]
    /// By key: the index of the first variable with that name, or -1.
    var variableIndex: [Int32]
    /// By key: whether a condition or placeholder reads the variable.
    var variableRead: [Bool]
    /// Content lookups by name id, each made once: the canonical phase id (nil: unknown phase) ...
    var phaseLookups: [String??]
    /// ... and whether a principle, an intervention kind or an outcome has that id.
    var principleLookups: [Bool?]
    var interventionLookups: [Bool?]
    var outcomeLookups: [Bool?]
    /// Content's names for "did you mean" hints, listed once per run rather than once per misspelling.
    let phaseSpellings: [String]
    let principleIDs: [String]
    let interventionIDs: [String]
    let outcomeIDs: [String]
    static let severityNames = Violation.Severity.allCases.map(\.rawValue)
    /// Name lists for "did you mean" hints, made on first need.
    var sceneNameList: [String]?
    var variableNameList: [String]?
    var findingIDList: [String]?

    init(syntax: ScenarioSyntax, content: ContentLibrary, diagnostics: DiagnosticCollector) {
        self.syntax = syntax
        self.content = content
        self.diagnostics = diagnostics
        errorsBefore = diagnostics.errorsByCode
        self.names = syntax.names.strings
        phaseSpellings = content.phaseSpellings
        principleIDs = content.principles.map(\.id)
        interventionIDs = content.interventions.map(\.id)
        outcomeIDs = content.outcomes.map(\.id)
        let names = syntax.names.count
        canonicalKeys = syntax.names.canonicalKeys()
        sceneIndex = Array(repeating: -1, count: names)
        findingIndex = Array(repeating: -1, count: names)
        variableIndex = Array(repeating: -1, count: names)
        variableRead = Array(repeating: false, count: names)
        phaseLookups = Array(repeating: nil, count: names)
        principleLookups = Array(repeating: nil, count: names)
        interventionLookups = Array(repeating: nil, count: names)
        outcomeLookups = Array(repeating: nil, count: names)
    }

    // MARK: Names

    /// The array index for what the run knows about a name: names equal as strings share one.
    func key(_ name: NameID) -> Int {
        guard let canonicalKeys else { return name.index }
        return Int(canonicalKeys[name.index])
    }

    func string(_ name: NameID) -> String { names[name.index] }
    func string(_ name: NameSyntax) -> String { names[name.name.index] }

    func isScene(_ name: NameID) -> Bool { sceneIndex[key(name)] >= 0 }
    func isFinding(_ name: NameID) -> Bool { findingIndex[key(name)] >= 0 }

    /// The type of the variable with that name, if one is defined.
    func variableType(_ name: NameID) -> ValueType? {
        let index = variableIndex[key(name)]
        return index < 0 ? nil : syntax.variables[Int(index)].value.type
    }

    mutating func phase(_ name: NameID) -> String? {
        if let known = phaseLookups[name.index] { return known }
        let found = content.phase(named: string(name))?.id
        phaseLookups[name.index] = .some(found)
        return found
    }

    mutating func isPrinciple(_ name: NameID) -> Bool {
        if let known = principleLookups[name.index] { return known }
        let found = content.principle(named: string(name)) != nil
        principleLookups[name.index] = found
        return found
    }

    mutating func isIntervention(_ name: NameID) -> Bool {
        if let known = interventionLookups[name.index] { return known }
        let spelling = string(name)
        let found = content.interventions.contains { $0.id == spelling }
        interventionLookups[name.index] = found
        return found
    }

    mutating func isOutcome(_ name: NameID) -> Bool {
        if let known = outcomeLookups[name.index] { return known }
        let spelling = string(name)
        let found = content.outcomes.contains { $0.id == spelling }
        outcomeLookups[name.index] = found
        return found
    }

    mutating func sceneNames() -> [String] {
        if let sceneNameList { return sceneNameList }
        let list = syntax.sceneDefinitions.map { string($0.name) }
        sceneNameList = list
        return list
    }

    mutating func variableNames() -> [String] {
        if let variableNameList { return variableNameList }
        let list = syntax.variables.map { string($0.name) }
        variableNameList = list
        return list
    }

    mutating func findingIDs() -> [String] {
        if let findingIDList { return findingIDList }
        let list = syntax.findings.map { string($0.id) }
        findingIDList = list
        return list
    }

    // MARK: Reporting

    // The message and the hint are written only for a diagnostic the collector keeps: a file with a defect
    // on every line finds millions and keeps 200 (`DiagnosticCollector.skips`).

    mutating func report(
        _ code: DiagnosticCode, _ message: @autoclosure () -> String, at span: SourceSpan,
        hint: @autoclosure () -> String? = nil
    ) {
        guard !diagnostics.skips(code) else { return }
        diagnostics.append(Diagnostic(code, message(), at: syntax.location(span), length: Int(span.length), hint: hint()))
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: @autoclosure () -> String, at item: Located<String>,
        hint: @autoclosure () -> String? = nil
    ) {
        guard !diagnostics.skips(code) else { return }
        diagnostics.append(Diagnostic(code, message(), at: item.location, length: item.length, hint: hint()))
    }

    /// A duplicate definition, with a note at the first one.
    mutating func reportDuplicate(
        _ code: DiagnosticCode, _ message: @autoclosure () -> String, at span: SourceSpan, first: SourceSpan,
        hint: @autoclosure () -> String? = nil
    ) {
        guard !diagnostics.skips(code) else { return }
        diagnostics.append(
            Diagnostic(
                code, message(), at: syntax.location(span), length: Int(span.length), hint: hint(),
                notes: [.init("first defined here", at: syntax.location(first))]))
    }

    /// "did you mean 'x'?" when a known name is close, otherwise the list of known names.
    ///
    /// Looking for a close name costs a comparison per known name, so a case with thousands of misspelt
    /// references to thousands of scenes would take quadratic time: after `suggestionBudget` comparisons in
    /// one check, hints only list the known names.
    ///
    /// The budget is charged here, for every diagnostic in the order they come, kept or not; the names are
    /// compared only when the hint is written (`PendingHint.text`), for a diagnostic that is kept. So the
    /// hints shown are the ones comparing for every diagnostic would give.
    mutating func hint(for name: String, among known: [String], listing: Bool = true) -> PendingHint {
        let compares = suggestionComparisons + known.count <= Self.suggestionBudget
        if compares { suggestionComparisons += known.count }
        return PendingHint(name: name, known: known, compares: compares, listing: listing)
    }

    /// A hint decided by `hint(for:among:listing:)`, written when asked for.
    struct PendingHint {
        var name: String
        var known: [String]
        /// Whether the budget allowed looking for a close name.
        var compares: Bool
        /// Whether to list the known names when none is close.
        var listing: Bool

        /// "did you mean 'x'?", "known: a, b, ...", or nil.
        var text: String? {
            if compares, let match = Suggestion.closest(to: name, in: known) { return "did you mean '\(match)'?" }
            guard listing, !known.isEmpty else { return nil }
            return "known: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", ..." : "")
        }
    }

    // MARK: Case

    mutating func resolve() -> Scenario {
        let header = resolveHeader()
        let findings = resolveFindings()
        let variables = resolveVariables()
        collectSceneNames()
        var scenes: [Scene] = []
        scenes.reserveCapacity(syntax.sceneDefinitions.count)
        for scene in syntax.sceneDefinitions.indices {
            scenes.append(resolveScene(syntax.sceneDefinitions[scene]))
        }
        var start = syntax.sceneDefinitions.first.map { string($0.name) } ?? ""
        var startScene: Int? = syntax.sceneDefinitions.isEmpty ? nil : 0
        if let entry = syntax.header.first(where: { $0.key == "start" }) {
            if let scene = scene(named: entry.value) {
                start = entry.value
                startScene = scene
            } else {
                let suggestion = hint(for: entry.value, among: sceneNames())
                report(
                    .unknownScene, "start scene '\(entry.value)' is not defined", at: entry.valueSpan,
                    hint: suggestion.text)
            }
        }
        let expectations = resolveExpectations()
        let checkedFindings = resolveSafeConditions(findings)
        var resolvedHeader = header
        resolvedHeader.objectives = resolveObjectives(expectations: Set(expectations.map(\.name)))
        warnAboutUnusedDefinitions()
        if !foundErrors {
            warnAboutUnreachableScenes(start: start, startScene: startScene)
            warnAboutAnswerTells(in: scenes)
            warnAboutVocabularyTells(in: scenes, language: header.language)
        }
        warnAboutOneSidedDilemmas(in: scenes)
        if header.contentWarning == nil { warnAboutMissingContentWarning(scenes: scenes, findings: checkedFindings) }
        return Scenario(
            header: resolvedHeader, findings: checkedFindings, variables: variables, scenes: scenes, start: start,
            expectations: expectations)
    }

    /// The findings with their `safe when:` conditions (format v1.3), checked once the scenes and variables are
    /// known: a condition over known names, and only on a `[risk]`.
    mutating func resolveSafeConditions(_ findings: [Finding]) -> [Finding] {
        var resolved = findings
        for written in syntax.findings {
            guard let span = written.safeWhenSpan else { continue }
            let id = string(written.id)
            guard let position = resolved.firstIndex(where: { $0.id == id }) else { continue }
            if let condition = written.safeWhen { check(condition) }
            guard resolved[position].kind == .risk else {
                report(
                    .misplacedSafeWhen, "'safe when:' on finding '\(id)', which is not a [risk]", at: span,
                    hint: "only a risk is open until it is safe; mark it 'finding \(id) [risk]: ...' or remove the line")
                continue
            }
            resolved[position].safeWhen = written.safeWhen?.condition
        }
        return resolved
    }

    /// The first scene whose name equals `name` as a string, if any.
    func scene(named name: String) -> Int? {
        if let id = syntax.names.existingID(for: name) {
            let index = sceneIndex[key(id)]
            return index < 0 ? nil : Int(index)
        }
        // Not a spelling the case uses; it can still equal one (canonically equivalent Unicode).
        return syntax.sceneDefinitions.firstIndex { string($0.name) == name }
    }
}
