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
private struct CheckRun {
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

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: syntax.location(span), length: Int(span.length), hint: hint))
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at item: Located<String>, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: item.location, length: item.length, hint: hint))
    }

    /// A duplicate definition, with a note at the first one.
    mutating func reportDuplicate(
        _ code: DiagnosticCode, _ message: String, at span: SourceSpan, first: SourceSpan, hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                code, message, at: syntax.location(span), length: Int(span.length), hint: hint,
                notes: [.init("first defined here", at: syntax.location(first))]))
    }

    /// "did you mean 'x'?" when a known name is close, otherwise the list of known names.
    ///
    /// Looking for a close name costs a comparison per known name, so a case with thousands of misspelt
    /// references to thousands of scenes would take quadratic time: after `suggestionBudget` comparisons in
    /// one check, hints only list the known names.
    mutating func hint(for name: String, among known: [String], listing: Bool = true) -> String? {
        if suggestionComparisons + known.count <= Self.suggestionBudget {
            suggestionComparisons += known.count
            if let match = Suggestion.closest(to: name, in: known) { return "did you mean '\(match)'?" }
        }
        guard listing, !known.isEmpty else { return nil }
        return "known: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", ..." : "")
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
                report(
                    .unknownScene, "start scene '\(entry.value)' is not defined", at: entry.valueSpan,
                    hint: hint(for: entry.value, among: sceneNames()))
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

    // MARK: Header

    mutating func resolveHeader() -> Header {
        var values: [String: Located<String>] = [:]
        for entry in syntax.header {
            values[entry.key] = Located(entry.value, at: syntax.location(entry.valueSpan), length: Int(entry.valueSpan.length))
        }
        let fileStart = SourceLocation(file: syntax.file, line: 1, column: 1)
        for key in ScenarioChecker.requiredHeaderKeys {
            if let value = values[key], value.value.isEmpty {
                report(.invalidValue, "header key '\(key)' has no value", at: value)
            } else if values[key] == nil {
                diagnostics.append(
                    Diagnostic(
                        .missingHeaderKey, "missing required header key '\(key)'", at: fileStart,
                        hint: "add a line '\(key): \(Self.headerExample(key))' to the header"))
            }
        }
        if let id = values["id"], !id.value.isEmpty, !SourceBytes.isValidName(id.value) {
            report(.invalidName, "invalid case id '\(id.value)'", at: id, hint: "use lowercase letters, digits and '-'")
        }
        if let language = values["language"], !language.value.isEmpty,
            !content.languages.contains(where: { $0.id == language.value })
        {
            report(
                .unknownLanguage, "unknown language '\(language.value)'", at: language,
                hint: hint(for: language.value, among: content.languages.map(\.id)))
        }
        if let level = values["level"], !level.value.isEmpty, !content.levels.contains(where: { $0.id == level.value }) {
            report(
                .unknownLevel, "unknown level '\(level.value)'", at: level,
                hint: hint(for: level.value, among: content.levels.map(\.id)))
        }
        var minutes: Int?
        if let text = values["minutes"] {
            if text.value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text.value), number > 0,
                number <= ScenarioChecker.maximumMinutes
            {
                minutes = number
            } else {
                report(
                    .invalidNumber,
                    "minutes must be a whole number from 1 to \(ScenarioChecker.maximumMinutes), found '\(text.value)'",
                    at: text)
            }
        }
        return Header(
            title: values["title"]?.value ?? "", id: values["id"]?.value ?? "",
            language: values["language"]?.value ?? "", level: values["level"]?.value ?? "",
            client: values["client"]?.value, setting: values["setting"]?.value, minutes: minutes,
            author: values["author"]?.value, version: values["version"]?.value,
            objectives: syntax.objectives.map { Objective(text: $0.text) },
            weights: values["weights"].map { resolveWeights($0) } ?? [],
            contentWarning: values["content-warning"].flatMap { $0.value.isEmpty ? nil : $0.value })
    }

    static func headerExample(_ key: String) -> String {
        switch key {
        case "title": return "Maria and the eviction notice"
        case "id": return "maria-eviction"
        case "language": return "en"
        default: return "micro"
        }
    }

    /// `weights: practice 40, ethics 30`.
    mutating func resolveWeights(_ entry: Located<String>) -> [Header.Weight] {
        var weights: [Header.Weight] = []
        var column = entry.location.column
        for piece in entry.value.split(separator: ",", omittingEmptySubsequences: false) {
            defer { column += piece.count + 1 }
            let leading = piece.prefix { $0 == " " }.count
            let text = piece.trimmingCharacters(in: .whitespaces)
            var location = entry.location
            location.column = column + leading
            let item = Located(text, at: location, length: text.count)
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            let digits = parts.count == 2 ? parts[1] : ""
            guard parts.count == 2, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(digits), value <= ScenarioChecker.maximumWeight
            else {
                let tooLarge = parts.count == 2 && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                report(
                    .invalidNumber,
                    tooLarge
                        ? "weight \(digits) is too large; a weight runs from 0 to \(ScenarioChecker.maximumWeight)"
                        : "expected 'DIMENSION N' in weights, found '\(text)'",
                    at: item, hint: "for example 'weights: practice 40, ethics 30'")
                continue
            }
            let dimension = String(parts[0])
            guard ScenarioChecker.dimensions.contains(dimension) else {
                report(
                    .unknownDimension, "unknown scoring dimension '\(dimension)'",
                    at: Located(dimension, at: location, length: dimension.count),
                    hint: hint(for: dimension, among: ScenarioChecker.dimensions))
                continue
            }
            weights.append(Header.Weight(dimension: dimension, value: value))
        }
        return weights
    }

    // MARK: Definitions

    mutating func resolveFindings() -> [Finding] {
        var findings: [Finding] = []
        for (index, finding) in syntax.findings.enumerated() {
            let key = key(finding.id.name)
            let earlier = findingIndex[key]
            if earlier >= 0 {
                reportDuplicate(
                    .duplicateFinding, "finding '\(string(finding.id))' is defined twice", at: finding.id.span,
                    first: syntax.findings[Int(earlier)].id.span)
                continue
            }
            findingIndex[key] = Int32(index)
            var kind = Finding.Kind.need
            if let written = finding.kind {
                let spelling = string(written)
                if let known = Finding.Kind(rawValue: spelling) {
                    kind = known
                } else {
                    report(
                        .unknownFindingKind, "unknown finding kind '\(spelling)'", at: written.span,
                        hint: hint(for: spelling, among: Finding.Kind.allCases.map(\.rawValue), listing: false)
                            ?? "a finding is a need (the default), '[risk]' or '[strength]'")
                }
            }
            findings.append(Finding(id: string(finding.id), text: finding.text, kind: kind))
        }
        return findings
    }

    mutating func resolveVariables() -> [Variable] {
        var variables: [Variable] = []
        for (index, variable) in syntax.variables.enumerated() {
            let key = key(variable.name.name)
            let earlier = variableIndex[key]
            if earlier >= 0 {
                reportDuplicate(
                    .duplicateVariable, "variable '\(string(variable.name))' is defined twice", at: variable.name.span,
                    first: syntax.variables[Int(earlier)].name.span)
                continue
            }
            variableIndex[key] = Int32(index)
            variables.append(Variable(name: string(variable.name), initial: variable.value))
        }
        return variables
    }

    mutating func collectSceneNames() {
        for (index, scene) in syntax.sceneDefinitions.enumerated() {
            let key = key(scene.name.name)
            let earlier = sceneIndex[key]
            if earlier >= 0 {
                reportDuplicate(
                    .duplicateScene, "scene '\(string(scene.name))' is defined twice", at: scene.name.span,
                    first: syntax.sceneDefinitions[Int(earlier)].name.span, hint: "give each scene its own name")
                continue
            }
            sceneIndex[key] = Int32(index)
        }
    }

    // MARK: Scenes

    mutating func resolveScene(_ scene: SceneSyntax) -> Scene {
        let name = string(scene.name)
        var ending: String?
        if let outcome = scene.ending {
            let spelling = string(outcome)
            if !isOutcome(outcome.name) {
                report(
                    .unknownOutcome, "unknown outcome '\(spelling)'", at: outcome.span,
                    hint: hint(for: spelling, among: content.outcomes.map(\.id)))
            }
            ending = spelling
            if !scene.choices.isEmpty || scene.next != nil {
                report(
                    .endingWithChoices, "ending '\(name)' has a way out", at: scene.name.span,
                    hint: "an ending has text only; remove its choices and '->', or drop '[ending: ...]'")
            }
        } else if scene.choices.isEmpty && scene.next == nil {
            report(
                .noWayOut, "scene '\(name)' has no choices and no '->'", at: scene.name.span,
                hint: "add choices, a last line '-> NEXT-SCENE', or mark it '[ending: OUTCOME]'")
        }
        if let next = scene.next, !scene.choices.isEmpty {
            report(
                .choicesAndContinue, "scene '\(name)' has choices and also continues with '->'", at: next.span,
                hint: "a scene either offers choices or continues with '-> NAME'; give the '->' to a choice")
        }
        if let next = scene.next { checkTarget(next) }
        var paragraphs: [[TextLine]] = []
        paragraphs.reserveCapacity(scene.paragraphs.count)
        for paragraph in scene.paragraphs.asIndices {
            let lines = syntax.paragraphs[paragraph]
            var texts: [TextLine] = []
            texts.reserveCapacity(lines.count)
            for line in lines.asIndices {
                texts.append(resolveTextLine(line))
            }
            paragraphs.append(texts)
        }
        var choices: [Choice] = []
        choices.reserveCapacity(scene.choices.count)
        for choice in scene.choices.asIndices {
            choices.append(resolveChoice(choice))
        }
        if let reflect = scene.reflect, choices.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .reflectNeverAsked, "scene '\(name)' asks for a reflection but has no choices, so it is never asked",
                    at: syntax.location(reflect.span), length: Int(reflect.span.length),
                    hint: "a reflection is asked before choosing; move it to the scene where the student decides"))
        }
        return Scene(
            name: name, isCrisis: scene.isCrisis, ending: ending, paragraphs: paragraphs, choices: choices,
            next: scene.next.map { string($0) }, reflect: scene.reflect?.text, dilemma: scene.dilemma?.text)
    }

    /// Checks text line `index` of `syntax.textLines`; reads its fields in place rather than copying it.
    mutating func resolveTextLine(_ index: Int) -> TextLine {
        if let condition = syntax.textLines[index].condition { check(condition) }
        for placeholder in syntax.textLines[index].placeholders.asIndices {
            readVariable(syntax.placeholders[placeholder], standsAlone: false)
        }
        return TextLine(condition: syntax.textLines[index].condition?.condition, text: syntax.textLines[index].text)
    }

    mutating func checkTarget(_ target: NameSyntax) {
        guard !isScene(target.name) else { return }
        let spelling = string(target)
        report(
            .unknownScene, "no scene named '\(spelling)'", at: target.span,
            hint: hint(for: spelling, among: sceneNames(), listing: false) ?? "define it with a line '== \(spelling)'")
    }

    // MARK: Choices

    /// Checks choice `index` of `syntax.choices`.
    mutating func resolveChoice(_ index: Int) -> Choice {
        let choice = ChoiceFields(syntax.choices[index])
        var phase = ""
        if let written = choice.phase {
            if let known = self.phase(written.name) {
                phase = known
            } else {
                let spelling = string(written)
                report(
                    .unknownPhase, "unknown phase '\(spelling)'", at: written.span,
                    hint: hint(for: spelling, among: content.phaseSpellings))
            }
        }
        if let quality = choice.quality, !(-2...2).contains(quality) {
            report(
                .qualityOutOfRange, "quality \(quality) is outside -2...+2", at: choice.qualitySpan,
                hint: "-2 harmful, -1 weak, 0 neutral, +1 sound, +2 exemplary")
        }
        // An attribute written with a malformed value has been reported by the parser; it is not also missing.
        if choice.phase == nil && !choice.wrote(.phase) { reportMissing("phase", in: choice) }
        if choice.quality == nil && !choice.wrote(.quality) { reportMissing("quality", in: choice) }
        if choice.target == nil && !choice.wrote(.target) { reportMissing("-> SCENE", in: choice) }
        if let kind = choice.intervention, !isIntervention(kind.name) {
            let spelling = string(kind)
            report(
                .unknownIntervention, "unknown intervention '\(spelling)'", at: kind.span,
                hint: hint(for: spelling, among: content.interventions.map(\.id)))
        }
        let items = choice.items.asIndices
        // Checked in the order the diagnostics have always come: principles upheld, then principles
        // violated, then severities, then findings revealed, then findings addressed.
        for item in items where syntax.items[item].kind == .upholds { checkPrinciple(syntax.items[item].name) }
        for item in items where syntax.items[item].kind == .violates { checkPrinciple(syntax.items[item].name) }
        var violations: [Violation] = []
        for item in items where syntax.items[item].kind == .violates {
            if let violation = resolveViolation(syntax.items[item]) { violations.append(violation) }
        }
        for item in items where syntax.items[item].kind == .reveals { checkFinding(syntax.items[item].name) }
        for item in items where syntax.items[item].kind == .addresses { checkFinding(syntax.items[item].name) }
        if let condition = syntax.choices[index].requires { check(condition) }
        for update in choice.updates.asIndices { check(syntax.updates[update]) }
        if let target = choice.target { checkTarget(target) }
        return Choice(
            text: syntax.choices[index].text, phase: phase, quality: choice.quality ?? 0,
            intervention: choice.intervention.map { string($0) }, upholds: itemNames(of: .upholds, in: items),
            violates: violations, reveals: itemNames(of: .reveals, in: items), addresses: itemNames(of: .addresses, in: items),
            requires: syntax.choices[index].requires?.condition,
            updates: choice.updates.isEmpty ? [] : choice.updates.asIndices.map { syntax.updates[$0].assignment },
            once: choice.once, pinned: choice.pinned, feedback: syntax.choices[index].feedback,
            target: choice.target.map { string($0) } ?? "")
    }

    /// The fields of a `ChoiceSyntax` that hold no reference (no string, no condition), so that
    /// copying them costs no retain.
    struct ChoiceFields {
        var textSpan: SourceSpan
        var phase: NameSyntax?
        var quality: Int?
        var qualitySpan: SourceSpan
        var intervention: NameSyntax?
        var items: Range<Int32>
        var updates: Range<Int32>
        var once: Bool
        var pinned: Bool
        var target: NameSyntax?
        var writtenAttributes: UInt32

        init(_ choice: ChoiceSyntax) {
            pinned = choice.pinned
            writtenAttributes = choice.writtenAttributes
            textSpan = choice.textSpan
            phase = choice.phase
            quality = choice.quality
            qualitySpan = choice.qualitySpan
            intervention = choice.intervention
            items = choice.items
            updates = choice.updates
            once = choice.once
            target = choice.target
        }

        /// Whether the attribute was written under the choice, well formed or not.
        func wrote(_ key: ScenarioParser.AttributeKey) -> Bool {
            writtenAttributes & (1 << UInt32(key.rawValue)) != 0
        }
    }

    mutating func reportMissing(_ key: String, in choice: ChoiceFields) {
        report(
            .missingAttribute, "choice has no '\(key)'", at: choice.textSpan,
            hint: key == "-> SCENE" ? "add '  -> NEXT-SCENE' under the choice" : "add '  \(key): ...' under the choice")
    }

    /// The names of one kind of list item, in written order.
    func itemNames(of kind: ListItemSyntax.Kind, in items: Range<Int>) -> [String] {
        var count = 0
        for item in items where syntax.items[item].kind == kind { count += 1 }
        guard count > 0 else { return [] }
        var names: [String] = []
        names.reserveCapacity(count)
        for item in items where syntax.items[item].kind == kind { names.append(string(syntax.items[item].name)) }
        return names
    }

    mutating func resolveViolation(_ item: ListItemSyntax) -> Violation? {
        guard let written = item.severity else { return nil }
        let spelling = string(written)
        guard let severity = Violation.Severity(rawValue: spelling) else {
            report(
                .unknownSeverity, "unknown severity '\(spelling)'", at: written.span,
                hint: hint(for: spelling, among: Violation.Severity.allCases.map(\.rawValue)))
            return nil
        }
        return Violation(principle: string(item.name), severity: severity)
    }

    mutating func checkPrinciple(_ principle: NameSyntax) {
        guard !isPrinciple(principle.name) else { return }
        let spelling = string(principle)
        report(
            .unknownPrinciple, "unknown ethics principle '\(spelling)'", at: principle.span,
            hint: hint(for: spelling, among: content.principles.map(\.id)))
    }

    mutating func checkFinding(_ finding: NameSyntax) {
        guard !isFinding(finding.name) else { return }
        let spelling = string(finding)
        report(
            .unknownFinding, "unknown finding '\(spelling)'", at: finding.span,
            hint: hint(for: spelling, among: findingIDs(), listing: false)
                ?? "define it in the header: 'finding \(spelling): what assessment can reveal'")
    }

    /// Checks a variable's use; returns its type when it is known.
    @discardableResult
    mutating func readVariable(_ name: NameSyntax, standsAlone: Bool) -> ValueType? {
        guard let type = variableType(name.name) else {
            reportUnknownVariable(name)
            return nil
        }
        variableRead[key(name.name)] = true
        if standsAlone && type != .boolean {
            let spelling = string(name)
            report(
                .typeMismatch, "'\(spelling)' is an integer, not a condition", at: name.span,
                hint: "compare it with a number, for example '\(spelling) >= 1'")
        }
        return type
    }

    mutating func reportUnknownVariable(_ name: NameSyntax) {
        let spelling = string(name)
        report(
            .unknownVariable, "unknown variable '\(spelling)'", at: name.span,
            hint: hint(for: spelling, among: variableNames(), listing: false)
                ?? "define it in the header: 'var \(spelling) = 0'")
    }

    mutating func check(_ condition: ConditionSyntax) {
        for index in condition.references.asIndices {
            let reference = syntax.references[index]
            switch reference.kind {
            case .variable: readVariable(reference.name, standsAlone: reference.standsAlone)
            case .scene:
                if !isScene(reference.name.name) {
                    let spelling = string(reference.name)
                    report(
                        .unknownScene, "no scene named '\(spelling)'", at: reference.name.span,
                        hint: hint(for: spelling, among: sceneNames()))
                }
            case .finding: checkFinding(reference.name)
            }
        }
        for index in condition.comparisons.asIndices {
            let comparison = syntax.comparisons[index]
            guard let left = type(of: comparison.lhs), let right = type(of: comparison.rhs) else { continue }
            if left != right {
                report(
                    .typeMismatch, "cannot compare \(left.rawValue) with \(right.rawValue)", at: comparison.span,
                    hint: "compare integers with numbers and booleans with true or false")
            } else if comparison.op.isOrdering && left == .boolean {
                report(
                    .typeMismatch, "'\(comparison.op.rawValue)' needs integers, not booleans", at: comparison.span,
                    hint: "test a boolean on its own ('called', 'not called') or with '=='")
            }
        }
    }

    /// The type of one side of a comparison, when it is known.
    func type(of operand: ComparisonSyntax.Operand) -> ValueType? {
        switch operand {
        case .variable(let name): return variableType(name)
        case .literal(let value): return value.type
        }
    }

    mutating func check(_ update: AssignmentSyntax) {
        guard let type = variableType(update.variable.name) else {
            reportUnknownVariable(update.variable)
            return
        }
        let spelling = string(update.variable)
        switch update.assignment.operation {
        case .add where type == .boolean:
            report(
                .typeMismatch, "'\(spelling)' is a boolean; it cannot be added to", at: update.variable.span,
                hint: "set it with '\(spelling) = true'")
        case .assign(let value) where value.type != type:
            report(
                .typeMismatch, "'\(spelling)' is \(type == .integer ? "an integer" : "a boolean"), not \(value.type == .integer ? "an integer" : "a boolean")",
                at: update.valueSpan,
                hint: type == .integer ? "give it a whole number, or '+ N' / '- N'" : "give it true or false")
        default:
            break
        }
    }

    // MARK: Expectations and objectives

    /// Checks every `expect` line: a unique name, a known severity, a condition over known names,
    /// a `because:`, and at most one of a known principle or phase.
    mutating func resolveExpectations() -> [Expectation] {
        var expectations: [Expectation] = []
        var seen: [String: SourceSpan] = [:]
        for expectation in syntax.expectations {
            let name = string(expectation.name)
            if let first = seen[name] {
                reportDuplicate(
                    .duplicateExpectation, "expectation '\(name)' is defined twice", at: expectation.name.span,
                    first: first, hint: "give each expectation its own name")
                continue
            }
            seen[name] = expectation.name.span
            let spelling = string(expectation.severity)
            let severity = Violation.Severity(rawValue: spelling)
            if severity == nil {
                report(
                    .unknownSeverity, spelling.isEmpty ? "expectation '\(name)' has no severity" : "unknown severity '\(spelling)'",
                    at: expectation.severity.span,
                    hint: hint(for: spelling, among: Violation.Severity.allCases.map(\.rawValue), listing: false)
                        ?? "the severities are minor, major and critical")
            }
            if let condition = expectation.condition { check(condition) }
            let because = expectation.because ?? ""
            if expectation.because == nil {
                report(
                    .missingAttribute, "expectation '\(name)' has no 'because:'", at: expectation.name.span,
                    hint: "add '  because: why a competent worker does this' under the expect line; students read it when it is not met")
            }
            var basis: Expectation.Basis?
            if let principle = expectation.principle {
                checkPrinciple(principle)
                basis = .principle(string(principle))
            }
            if let phaseName = expectation.phase {
                if let known = phase(phaseName.name) {
                    if expectation.principle != nil {
                        report(
                            .conflictingBasis, "expectation '\(name)' rests on a principle and a phase", at: phaseName.span,
                            hint: "give 'principle:' or 'phase:', not both: the unmet expectation counts in one dimension")
                    }
                    basis = .phase(known)
                } else {
                    let written = string(phaseName)
                    report(
                        .unknownPhase, "unknown phase '\(written)'", at: phaseName.span,
                        hint: hint(for: written, among: content.phaseSpellings))
                }
            }
            if let situation = expectation.situation { check(situation) }
            guard let severity, let condition = expectation.condition?.condition else { continue }
            if expectation.hasSituation && expectation.situation == nil { continue }
            expectations.append(
                Expectation(
                    name: name, severity: severity, condition: condition, because: because, basis: basis,
                    situation: expectation.situation?.condition))
        }
        return expectations
    }

    /// The objectives with the expectations that show them; every name must be an expectation of the case.
    mutating func resolveObjectives(expectations: Set<String>) -> [Objective] {
        let defined = syntax.expectations.map { string($0.name) }
        return syntax.objectives.map { objective in
            var names: [String] = []
            for written in objective.shownBy {
                let name = string(written)
                guard defined.contains(name) else {
                    report(
                        .unknownExpectation, "no expectation named '\(name)'", at: written.span,
                        hint: hint(for: name, among: defined, listing: false)
                            ?? "define it in the header: 'expect \(name) (major): CONDITION'")
                    continue
                }
                if expectations.contains(name) && !names.contains(name) { names.append(name) }
            }
            return Objective(text: objective.text, shownBy: names)
        }
    }

    // MARK: Answer tells

    /// The share of telling scenes at which `answer-tell` warns, and the fewest scenes it needs.
    static let answerTellShare = 0.6
    static let answerTellMinimumScenes = 4

    /// Warns when, in most scenes with three or more choices, the best choice is the longest or sits at
    /// the same written place (counted from the first or from the last): a student could score well
    /// without reading.
    mutating func warnAboutAnswerTells(in scenes: [Scene]) {
        let tells = AnswerTells(scenes: scenes)
        guard tells.considered >= Self.answerTellMinimumScenes else { return }
        let needed = Self.answerTellShare * Double(tells.considered)
        var findings: [(message: String, scenes: [String])] = []
        if Double(tells.longestScenes.count) >= needed {
            findings.append(
                ("the best choice is the longest in \(tells.longestScenes.count) of \(tells.considered) scenes with three or more choices",
                    tells.longestScenes))
        }
        if let (place, scenesThere) = tells.commonestPlace, Double(scenesThere.count) >= needed {
            findings.append(
                ("the best choice is \(place) in \(scenesThere.count) of \(tells.considered) scenes with three or more choices",
                    scenesThere))
        }
        let at = syntax.header.first { $0.key == "title" }
        for finding in findings {
            let notes = finding.scenes.prefix(6).compactMap { name -> Diagnostic.Note? in
                guard let index = scene(named: name) else { return nil }
                return Diagnostic.Note("for example, scene '\(name)'", at: syntax.location(syntax.sceneDefinitions[index].name.span))
            }
            diagnostics.append(
                Diagnostic(
                    .answerTell, finding.message + ": a student could score well without reading",
                    at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                    length: at.map { Int($0.keySpan.length) } ?? 1,
                    hint: "vary the length and the written place of the strongest option; play shuffles choices, "
                        + "but pinned choices and scripted play keep their written place",
                    notes: Array(notes)))
        }
    }

    /// Warns when the strongest options sound stronger to a lazy reader than the weakest: more professional
    /// words, fewer warning words, more questions. Real mistakes speak the profession's language too.
    mutating func warnAboutVocabularyTells(in scenes: [Scene], language: String) {
        let tells = VocabularyTells(scenes: scenes, reader: NaiveReader(language: language))
        let at = syntax.header.first { $0.key == "title" }
        for finding in tells.findings {
            diagnostics.append(
                Diagnostic(
                    .vocabularyTell,
                    finding + " (over \(tells.considered) scenes): a student could pick by the words without reading the case",
                    at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                    length: at.map { Int($0.keySpan.length) } ?? 1,
                    hint: "let the weaker options speak the same professional language as the strongest, as real mistakes "
                        + "do, and let the strongest be a statement or an action as often as the situation allows"))
        }
    }

    /// Warns when a scene says `dilemma:` but does not offer two answers at its highest quality with no
    /// breach: a dilemma the model cannot credit both ways is a scene with a right answer.
    mutating func warnAboutOneSidedDilemmas(in scenes: [Scene]) {
        for (index, scene) in scenes.enumerated() {
            guard let dilemma = syntax.sceneDefinitions[index].dilemma, !scene.choices.isEmpty else { continue }
            let top = scene.choices.map(\.quality).max() ?? 0
            let defensible = scene.choices.filter { $0.quality == top && $0.violates.isEmpty }
            guard defensible.count < 2 else { continue }
            diagnostics.append(
                Diagnostic(
                    .oneSidedDilemma,
                    "scene '\(scene.name)' states a dilemma but only \(defensible.count) of its choices "
                        + "\(defensible.count == 1 ? "is" : "are") at its highest quality (\(top)) with no breach",
                    at: syntax.location(dilemma.span), length: Int(dilemma.span.length),
                    hint: "give two answers that honour different values the same quality and no 'violates:', "
                        + "or drop 'dilemma:' if one answer is better"))
        }
    }

    /// Warns when the case's words touch suicide, self-harm, abuse or violence and the header has no
    /// `content-warning:` line to tell a student before they start.
    mutating func warnAboutMissingContentWarning(scenes: [Scene], findings: [Finding]) {
        var texts: [String] = findings.map(\.text)
        for scene in scenes {
            for paragraph in scene.paragraphs { texts += paragraph.map(\.text) }
            for choice in scene.choices {
                texts.append(choice.text)
                if let feedback = choice.feedback { texts.append(feedback) }
            }
        }
        let matches = SensitiveTopics().matches(in: texts)
        guard !matches.isEmpty else { return }
        let at = syntax.header.first { $0.key == "title" }
        let named = matches.map { "\($0.topic) ('\($0.words)')" }.joined(separator: ", ")
        diagnostics.append(
            Diagnostic(
                .missingContentWarning, "the case touches \(named) but has no content warning",
                at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                length: at.map { Int($0.keySpan.length) } ?? 1,
                hint: "add a header line 'content-warning: \(matches.map(\.topic).joined(separator: ", "))' so a "
                    + "student knows before starting"))
    }

    // MARK: Warnings

    mutating func warnAboutUnusedDefinitions() {
        for variable in syntax.variables where !variableRead[key(variable.name.name)] {
            let spelling = string(variable.name)
            report(
                .unusedVariable, "variable '\(spelling)' is never read", at: variable.name.span,
                hint: "read it in a 'requires:' condition, an '[if ...]' line or a '{\(spelling)}' in text, or remove it")
        }
        // Every list item belongs to a choice, and choices are stored in scene order.
        var revealed = Array(repeating: false, count: syntax.names.count)
        for item in syntax.items where item.kind == .reveals { revealed[key(item.name.name)] = true }
        for finding in syntax.findings where !revealed[key(finding.id.name)] {
            let spelling = string(finding.id)
            if let kind = finding.kind, string(kind) == Finding.Kind.risk.rawValue {
                report(
                    .unrevealableRisk, "risk '\(spelling)' can never be revealed: no choice reveals it",
                    at: finding.id.span,
                    hint: "a risk the student cannot find cannot be judged; add 'reveals: \(spelling)' to the choice that asks about it")
                continue
            }
            report(
                .unrevealedFinding, "finding '\(spelling)' is never revealed", at: finding.id.span,
                hint: "add 'reveals: \(spelling)' to the assessment choice that brings it to light")
        }
        warnAboutUnaddressableFindings(revealed: revealed)
        var warned = Array(repeating: false, count: syntax.names.count)
        for item in syntax.items where item.kind == .addresses {
            let goal = key(item.name.name)
            guard isFinding(item.name.name) && !revealed[goal] && !warned[goal] else { continue }
            warned[goal] = true
            report(
                .goalNeverRevealed, "'\(string(item.name))' is planned for but no choice reveals it", at: item.name.span,
                hint: "a goal should rest on assessment: reveal the finding before planning for it")
        }
        let endings = syntax.sceneDefinitions.lazy.compactMap(\.ending)
        if !endings.isEmpty && !endings.contains(where: { string($0) == "goals-met" }) {
            diagnostics.append(
                Diagnostic(
                    .noGoalsMetEnding, "no ending has the outcome 'goals-met'",
                    at: SourceLocation(file: syntax.file, line: 1, column: 1),
                    hint: "give students a path to '[ending: goals-met]' so the best practice can succeed"))
        }
    }

    /// Needs and risks that some choice reveals but no choice addresses: a student who finds one can never put
    /// it in the plan, and an attempt that reveals a risk is left with it open whatever it does. A `[strength]`
    /// is exempt: the plan may build on it, but a strength that stays a case note costs nothing.
    /// `revealed` is indexed by key, as in `warnAboutUnusedDefinitions`.
    mutating func warnAboutUnaddressableFindings(revealed: [Bool]) {
        var addressed = Array(repeating: false, count: syntax.names.count)
        var firstReveal: [Int32] = Array(repeating: -1, count: syntax.names.count)
        for (index, item) in syntax.items.enumerated() {
            let name = key(item.name.name)
            switch item.kind {
            case .addresses: addressed[name] = true
            case .reveals where firstReveal[name] < 0: firstReveal[name] = Int32(index)
            default: break
            }
        }
        var warned = Array(repeating: false, count: syntax.names.count)
        for finding in syntax.findings {
            let name = key(finding.id.name)
            guard revealed[name] && !addressed[name] && !warned[name] else { continue }
            // A kind the format does not know is an error already (unknown-finding-kind).
            let kind = finding.kind.map { Finding.Kind(rawValue: string($0)) } ?? .need
            guard let kind, kind != .strength else { continue }
            warned[name] = true
            let spelling = string(finding.id)
            var notes: [Diagnostic.Note] = []
            if firstReveal[name] >= 0 {
                notes.append(.init("revealed here", at: syntax.location(syntax.items[Int(firstReveal[name])].name.span)))
            }
            let message: String
            let hint: String
            if kind == .risk {
                message = "risk '\(spelling)' can be revealed but no choice addresses it: a student who finds it can never "
                    + "put it in the plan, so the risk stays open"
                hint = "add 'addresses: \(spelling)' to the choice that answers the risk (a safety plan, a referral, "
                    + "means put out of reach)"
            } else {
                message = "finding '\(spelling)' can be revealed but no choice addresses it: it can never become a goal "
                    + "of the plan"
                hint = "add 'addresses: \(spelling)' to the planning choice that responds to it; if it is a resource "
                    + "rather than a need, mark it '[strength]'"
            }
            diagnostics.append(
                Diagnostic(
                    .unaddressableFinding, message, at: syntax.location(finding.id.span),
                    length: Int(finding.id.span.length), hint: hint, notes: notes))
        }
    }

    /// Scenes no chain of choices and continuations reaches from the start, ignoring conditions.
    /// Runs only without errors, so every scene name is defined once and every target exists.
    mutating func warnAboutUnreachableScenes(start: String, startScene: Int?) {
        var reached = Array(repeating: false, count: syntax.sceneDefinitions.count)
        var queue: [Int] = []
        if let startScene {
            reached[startScene] = true
            queue.append(startScene)
        }
        while let scene = queue.popLast() {
            let syntaxScene = syntax.sceneDefinitions[scene]
            for choice in syntaxScene.choices.asIndices {
                if let target = syntax.choices[choice].target { reach(target.name, &reached, &queue) }
            }
            if let next = syntaxScene.next { reach(next.name, &reached, &queue) }
        }
        for (index, scene) in syntax.sceneDefinitions.enumerated() where !reached[index] {
            report(
                .unreachableScene, "scene '\(string(scene.name))' cannot be reached from '\(start)'", at: scene.name.span,
                hint: "lead a choice or a '->' to it, or remove it")
        }
    }

    private func reach(_ target: NameID, _ reached: inout [Bool], _ queue: inout [Int]) {
        let scene = sceneIndex[key(target)]
        guard scene >= 0, !reached[Int(scene)] else { return }
        reached[Int(scene)] = true
        queue.append(Int(scene))
    }
}
