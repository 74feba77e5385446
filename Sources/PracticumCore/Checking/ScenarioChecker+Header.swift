/// The checker's header and definitions: the `key: value` lines and weights, then findings,
/// variables and scene names, each defined once.
extension CheckRun {
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
            let suggestion = hint(for: language.value, among: content.languages.map(\.id))
            report(
                .unknownLanguage, "unknown language '\(language.value)'", at: language,
                hint: suggestion.text)
        }
        if let level = values["level"], !level.value.isEmpty, !content.levels.contains(where: { $0.id == level.value }) {
            let suggestion = hint(for: level.value, among: content.levels.map(\.id))
            report(
                .unknownLevel, "unknown level '\(level.value)'", at: level,
                hint: suggestion.text)
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
                let suggestion = hint(for: dimension, among: ScenarioChecker.dimensions)
                report(
                    .unknownDimension, "unknown scoring dimension '\(dimension)'",
                    at: Located(dimension, at: location, length: dimension.count),
                    hint: suggestion.text)
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
                let spelling = string(finding.id)
                reportDuplicate(
                    .duplicateFinding, "finding '\(spelling)' is defined twice", at: finding.id.span,
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
                    let suggestion = hint(for: spelling, among: Finding.Kind.allCases.map(\.rawValue), listing: false)
                    report(
                        .unknownFindingKind, "unknown finding kind '\(spelling)'", at: written.span,
                        hint: suggestion.text
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
                let spelling = string(variable.name)
                reportDuplicate(
                    .duplicateVariable, "variable '\(spelling)' is defined twice", at: variable.name.span,
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
                let spelling = string(scene.name)
                reportDuplicate(
                    .duplicateScene, "scene '\(spelling)' is defined twice", at: scene.name.span,
                    first: syntax.sceneDefinitions[Int(earlier)].name.span, hint: "give each scene its own name")
                continue
            }
            sceneIndex[key] = Int32(index)
        }
    }
}
