/// Resolves a `ScenarioSyntax` against Content/ into a playable `Scenario`, reporting
/// every error and every warning that needs no exploration of states.
///
/// The result always carries the diagnostics; it carries a scenario only when
/// there is no error.
public struct ScenarioChecker: Sendable {
    public let content: ContentLibrary

    /// The dimensions a `weights:` header line may name.
    public static let dimensions = ["practice", "lifecycle", "ethics", "planning", "outcome"]
    /// The header keys every case must have.
    public static let requiredHeaderKeys = ["title", "id", "language", "level"]

    public init(content: ContentLibrary) {
        self.content = content
    }

    /// Checks a parsed case.
    public func check(_ syntax: ScenarioSyntax) -> CheckResult {
        var run = CheckRun(syntax: syntax, content: content)
        let scenario = run.resolve()
        return CheckResult(scenario: run.diagnostics.hasErrors ? nil : scenario, diagnostics: run.diagnostics)
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
private struct CheckRun {
    let syntax: ScenarioSyntax
    let content: ContentLibrary
    var diagnostics: [Diagnostic] = []
    var variableTypes: [String: ValueType] = [:]
    var findingIDs: Set<String> = []
    var sceneNames: Set<String> = []
    var variablesRead: Set<String> = []

    init(syntax: ScenarioSyntax, content: ContentLibrary) {
        self.syntax = syntax
        self.content = content
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at item: Located<String>, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: item.location, length: item.length, hint: hint))
    }

    /// "did you mean 'x'?" when a known name is close, otherwise the list of known names.
    func hint(for name: String, among known: [String], listing: Bool = true) -> String? {
        if let match = Suggestion.closest(to: name, in: known) { return "did you mean '\(match)'?" }
        guard listing, !known.isEmpty else { return nil }
        return "known: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", ..." : "")
    }

    mutating func resolve() -> Scenario {
        let header = resolveHeader()
        let findings = resolveFindings()
        let variables = resolveVariables()
        collectSceneNames()
        let scenes = syntax.scenes.map { resolveScene($0) }
        var start = syntax.scenes.first?.name.value ?? ""
        if let entry = syntax.header.first(where: { $0.key.value == "start" }) {
            if sceneNames.contains(entry.value.value) {
                start = entry.value.value
            } else {
                report(
                    .unknownScene, "start scene '\(entry.value.value)' is not defined", at: entry.value,
                    hint: hint(for: entry.value.value, among: syntax.scenes.map(\.name.value)))
            }
        }
        warnAboutUnusedDefinitions()
        if !diagnostics.hasErrors {
            warnAboutUnreachableScenes(start: start)
        }
        return Scenario(header: header, findings: findings, variables: variables, scenes: scenes, start: start)
    }

    // MARK: Header

    mutating func resolveHeader() -> Header {
        var values: [String: Located<String>] = [:]
        for entry in syntax.header { values[entry.key.value] = entry.value }
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
        if let id = values["id"], !id.value.isEmpty, !SourceText.isValidName(id.value) {
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
            if let number = Int(text.value), number > 0 {
                minutes = number
            } else {
                report(.invalidNumber, "minutes must be a positive whole number, found '\(text.value)'", at: text)
            }
        }
        let objectives = syntax.objectives.map(\.value)
        return Header(
            title: values["title"]?.value ?? "", id: values["id"]?.value ?? "",
            language: values["language"]?.value ?? "", level: values["level"]?.value ?? "",
            client: values["client"]?.value, setting: values["setting"]?.value, minutes: minutes,
            author: values["author"]?.value, version: values["version"]?.value, objectives: objectives,
            weights: values["weights"].map { resolveWeights($0) } ?? [])
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
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                report(
                    .invalidNumber, "expected 'DIMENSION N' in weights, found '\(text)'", at: item,
                    hint: "for example 'weights: practice 40, ethics 30'")
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
        var first: [String: Located<String>] = [:]
        var findings: [Finding] = []
        for finding in syntax.findings {
            if let earlier = first[finding.id.value] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateFinding, "finding '\(finding.id.value)' is defined twice", at: finding.id.location,
                        length: finding.id.length, notes: [.init("first defined here", at: earlier.location)]))
                continue
            }
            first[finding.id.value] = finding.id
            findingIDs.insert(finding.id.value)
            findings.append(Finding(id: finding.id.value, text: finding.text))
        }
        return findings
    }

    mutating func resolveVariables() -> [Variable] {
        var first: [String: Located<String>] = [:]
        var variables: [Variable] = []
        for variable in syntax.variables {
            if let earlier = first[variable.name.value] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateVariable, "variable '\(variable.name.value)' is defined twice",
                        at: variable.name.location, length: variable.name.length,
                        notes: [.init("first defined here", at: earlier.location)]))
                continue
            }
            first[variable.name.value] = variable.name
            variableTypes[variable.name.value] = variable.value.value.type
            variables.append(Variable(name: variable.name.value, initial: variable.value.value))
        }
        return variables
    }

    mutating func collectSceneNames() {
        var first: [String: Located<String>] = [:]
        for scene in syntax.scenes {
            if let earlier = first[scene.name.value] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateScene, "scene '\(scene.name.value)' is defined twice", at: scene.name.location,
                        length: scene.name.length, hint: "give each scene its own name",
                        notes: [.init("first defined here", at: earlier.location)]))
                continue
            }
            first[scene.name.value] = scene.name
            sceneNames.insert(scene.name.value)
        }
    }

    // MARK: Scenes

    mutating func resolveScene(_ scene: SceneSyntax) -> Scene {
        var ending: String?
        if let outcome = scene.ending {
            if content.outcomes.contains(where: { $0.id == outcome.value }) {
                ending = outcome.value
            } else {
                report(
                    .unknownOutcome, "unknown outcome '\(outcome.value)'", at: outcome,
                    hint: hint(for: outcome.value, among: content.outcomes.map(\.id)))
                ending = outcome.value
            }
            if !scene.choices.isEmpty || scene.next != nil {
                report(
                    .endingWithChoices, "ending '\(scene.name.value)' has a way out", at: scene.name,
                    hint: "an ending has text only; remove its choices and '->', or drop '[ending: ...]'")
            }
        } else if scene.choices.isEmpty && scene.next == nil {
            report(
                .noWayOut, "scene '\(scene.name.value)' has no choices and no '->'", at: scene.name,
                hint: "add choices, a last line '-> NEXT-SCENE', or mark it '[ending: OUTCOME]'")
        }
        if let next = scene.next, !scene.choices.isEmpty {
            report(
                .choicesAndContinue, "scene '\(scene.name.value)' has choices and also continues with '->'",
                at: next, hint: "a scene either offers choices or continues with '-> NAME'; give the '->' to a choice")
        }
        if let next = scene.next { checkTarget(next) }
        let paragraphs = scene.paragraphs.map { paragraph in
            paragraph.map { line -> TextLine in
                if let condition = line.condition { check(condition) }
                for placeholder in line.placeholders { readVariable(placeholder, standsAlone: false) }
                return TextLine(condition: line.condition?.condition, text: line.text)
            }
        }
        let choices = scene.choices.map { resolveChoice($0) }
        return Scene(
            name: scene.name.value, isCrisis: scene.isCrisis, ending: ending, paragraphs: paragraphs,
            choices: choices, next: scene.next?.value)
    }

    mutating func checkTarget(_ target: Located<String>) {
        guard !sceneNames.contains(target.value) else { return }
        report(
            .unknownScene, "no scene named '\(target.value)'", at: target,
            hint: hint(for: target.value, among: syntax.scenes.map(\.name.value), listing: false)
                ?? "define it with a line '== \(target.value)'")
    }

    // MARK: Choices

    mutating func resolveChoice(_ choice: ChoiceSyntax) -> Choice {
        var missing: [String] = []
        var phase = ""
        if let written = choice.phase {
            if let known = content.phase(named: written.value) {
                phase = known.id
            } else {
                report(
                    .unknownPhase, "unknown phase '\(written.value)'", at: written,
                    hint: hint(for: written.value, among: content.phaseSpellings))
            }
        } else {
            missing.append("phase")
        }
        if let quality = choice.quality, !(-2...2).contains(quality.value) {
            diagnostics.append(
                Diagnostic(
                    .qualityOutOfRange, "quality \(quality.value) is outside -2...+2", at: quality.location,
                    length: quality.length, hint: "-2 harmful, -1 weak, 0 neutral, +1 sound, +2 exemplary"))
        }
        if choice.quality == nil { missing.append("quality") }
        if choice.target == nil { missing.append("-> SCENE") }
        for key in missing {
            diagnostics.append(
                Diagnostic(
                    .missingAttribute, "choice has no '\(key)'", at: choice.text.location,
                    length: choice.text.length,
                    hint: key == "-> SCENE" ? "add '  -> NEXT-SCENE' under the choice" : "add '  \(key): ...' under the choice"))
        }
        if let kind = choice.intervention, !content.interventions.contains(where: { $0.id == kind.value }) {
            report(
                .unknownIntervention, "unknown intervention '\(kind.value)'", at: kind,
                hint: hint(for: kind.value, among: content.interventions.map(\.id)))
        }
        for principle in choice.upholds + choice.violates.map(\.principle) { checkPrinciple(principle) }
        var violations: [Violation] = []
        for (principle, severity) in choice.violates {
            guard let level = Violation.Severity(rawValue: severity.value) else {
                report(
                    .unknownSeverity, "unknown severity '\(severity.value)'", at: severity,
                    hint: hint(for: severity.value, among: Violation.Severity.allCases.map(\.rawValue)))
                continue
            }
            violations.append(Violation(principle: principle.value, severity: level))
        }
        for finding in choice.reveals + choice.addresses { checkFinding(finding) }
        if let condition = choice.requires { check(condition) }
        for update in choice.updates { check(update) }
        if let target = choice.target { checkTarget(target) }
        return Choice(
            text: choice.text.value, phase: phase, quality: choice.quality?.value ?? 0,
            intervention: choice.intervention?.value, upholds: choice.upholds.map(\.value), violates: violations,
            reveals: choice.reveals.map(\.value), addresses: choice.addresses.map(\.value),
            requires: choice.requires?.condition, updates: choice.updates.map(\.assignment), once: choice.once,
            feedback: choice.feedback, target: choice.target?.value ?? "")
    }

    mutating func checkPrinciple(_ principle: Located<String>) {
        guard content.principle(named: principle.value) == nil else { return }
        report(
            .unknownPrinciple, "unknown ethics principle '\(principle.value)'", at: principle,
            hint: hint(for: principle.value, among: content.principles.map(\.id)))
    }

    mutating func checkFinding(_ finding: Located<String>) {
        guard !findingIDs.contains(finding.value) else { return }
        report(
            .unknownFinding, "unknown finding '\(finding.value)'", at: finding,
            hint: hint(for: finding.value, among: syntax.findings.map(\.id.value), listing: false)
                ?? "define it in the header: 'finding \(finding.value): what assessment can reveal'")
    }

    /// Checks a variable's use; returns its type when it is known.
    @discardableResult
    mutating func readVariable(_ name: Located<String>, standsAlone: Bool) -> ValueType? {
        guard let type = variableTypes[name.value] else {
            report(
                .unknownVariable, "unknown variable '\(name.value)'", at: name,
                hint: hint(for: name.value, among: syntax.variables.map(\.name.value), listing: false)
                    ?? "define it in the header: 'var \(name.value) = 0'")
            return nil
        }
        if !variablesRead.contains(name.value) { variablesRead.insert(name.value) }
        if standsAlone && type != .boolean {
            report(
                .typeMismatch, "'\(name.value)' is an integer, not a condition", at: name,
                hint: "compare it with a number, for example '\(name.value) >= 1'")
        }
        return type
    }

    mutating func check(_ condition: ConditionSyntax) {
        for reference in condition.references {
            switch reference.kind {
            case .variable: readVariable(reference.name, standsAlone: reference.standsAlone)
            case .scene:
                if !sceneNames.contains(reference.name.value) {
                    report(
                        .unknownScene, "no scene named '\(reference.name.value)'", at: reference.name,
                        hint: hint(for: reference.name.value, among: syntax.scenes.map(\.name.value)))
                }
            case .finding: checkFinding(reference.name)
            }
        }
        for comparison in condition.comparisons {
            let types = [comparison.lhs, comparison.rhs].map { operand -> ValueType? in
                switch operand {
                case .variable(let name): return variableTypes[name]
                case .literal(let value): return value.type
                }
            }
            guard let left = types[0], let right = types[1] else { continue }
            let location = Located(
                "\(comparison.lhs) \(comparison.op.rawValue) \(comparison.rhs)", at: comparison.location,
                length: comparison.length)
            if left != right {
                report(
                    .typeMismatch, "cannot compare \(left.rawValue) with \(right.rawValue)", at: location,
                    hint: "compare integers with numbers and booleans with true or false")
            } else if comparison.op.isOrdering && left == .boolean {
                report(
                    .typeMismatch, "'\(comparison.op.rawValue)' needs integers, not booleans", at: location,
                    hint: "test a boolean on its own ('called', 'not called') or with '=='")
            }
        }
    }

    mutating func check(_ update: AssignmentSyntax) {
        guard let type = variableTypes[update.variable.value] else {
            report(
                .unknownVariable, "unknown variable '\(update.variable.value)'", at: update.variable,
                hint: hint(for: update.variable.value, among: syntax.variables.map(\.name.value), listing: false)
                    ?? "define it in the header: 'var \(update.variable.value) = 0'")
            return
        }
        let valueSpot = Located(update.assignment.description, at: update.valueLocation, length: update.valueLength)
        switch update.assignment.operation {
        case .add where type == .boolean:
            report(
                .typeMismatch, "'\(update.variable.value)' is a boolean; it cannot be added to", at: update.variable,
                hint: "set it with '\(update.variable.value) = true'")
        case .assign(let value) where value.type != type:
            report(
                .typeMismatch, "'\(update.variable.value)' is \(type == .integer ? "an integer" : "a boolean"), not \(value.type == .integer ? "an integer" : "a boolean")",
                at: valueSpot,
                hint: type == .integer ? "give it a whole number, or '+ N' / '- N'" : "give it true or false")
        default:
            break
        }
    }

    // MARK: Warnings

    mutating func warnAboutUnusedDefinitions() {
        for variable in syntax.variables where !variablesRead.contains(variable.name.value) {
            report(
                .unusedVariable, "variable '\(variable.name.value)' is never read", at: variable.name,
                hint: "read it in a 'requires:' condition, an '[if ...]' line or a '{\(variable.name.value)}' in text, or remove it")
        }
        let allChoices = syntax.scenes.flatMap(\.choices)
        let revealed = Set(allChoices.flatMap { $0.reveals.map(\.value) })
        for finding in syntax.findings where !revealed.contains(finding.id.value) {
            report(
                .unrevealedFinding, "finding '\(finding.id.value)' is never revealed", at: finding.id,
                hint: "add 'reveals: \(finding.id.value)' to the assessment choice that brings it to light")
        }
        var warned: Set<String> = []
        for choice in allChoices {
            for goal in choice.addresses
            where findingIDs.contains(goal.value) && !revealed.contains(goal.value) && warned.insert(goal.value).inserted {
                report(
                    .goalNeverRevealed, "'\(goal.value)' is planned for but no choice reveals it", at: goal,
                    hint: "a goal should rest on assessment: reveal the finding before planning for it")
            }
        }
        let endings = syntax.scenes.compactMap(\.ending)
        if !endings.isEmpty && !endings.contains(where: { $0.value == "goals-met" }) {
            diagnostics.append(
                Diagnostic(
                    .noGoalsMetEnding, "no ending has the outcome 'goals-met'",
                    at: SourceLocation(file: syntax.file, line: 1, column: 1),
                    hint: "give students a path to '[ending: goals-met]' so the best practice can succeed"))
        }
    }

    /// Scenes no chain of choices and continuations reaches from the start, ignoring conditions.
    mutating func warnAboutUnreachableScenes(start: String) {
        var edges: [String: [String]] = [:]
        for scene in syntax.scenes {
            edges[scene.name.value] = scene.choices.compactMap(\.target?.value) + (scene.next.map { [$0.value] } ?? [])
        }
        var reached: Set<String> = [start]
        var queue = [start]
        while let scene = queue.popLast() {
            for target in edges[scene] ?? [] where reached.insert(target).inserted {
                queue.append(target)
            }
        }
        for scene in syntax.scenes where !reached.contains(scene.name.value) {
            report(
                .unreachableScene, "scene '\(scene.name.value)' cannot be reached from '\(start)'", at: scene.name,
                hint: "lead a choice or a '->' to it, or remove it")
        }
    }
}
