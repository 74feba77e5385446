/// Turns a decoded `ScenarioDocument` into a `ScenarioSyntax` for the checker.
/// Every value is located by a JSON pointer (`case.json#/scenes/2/choices/0/target`).
struct DocumentReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func at(_ pointer: String, _ value: String) -> Located<String> {
        Located(value, at: .file("\(file)#\(pointer)"), length: value.count)
    }

    mutating func syntax(of document: ScenarioDocument) -> ScenarioSyntax {
        var syntax = ScenarioSyntax(file: file)
        if document.formatVersion != Scenario.formatVersion {
            diagnostics.append(
                Diagnostic(
                    .malformedJSON,
                    "formatVersion \(document.formatVersion) is not supported (this version reads \(Scenario.formatVersion))",
                    at: .file("\(file)#/formatVersion")))
        }
        let header = document.header
        var entries: [(String, String?)] = [
            ("title", header.title), ("id", header.id), ("language", header.language), ("level", header.level),
            ("client", header.client), ("setting", header.setting), ("minutes", header.minutes.map(String.init)),
            ("author", header.author), ("version", header.version), ("start", document.start),
        ]
        if !header.weights.isEmpty {
            entries.append(("weights", header.weights.map { "\($0.dimension) \($0.value)" }.joined(separator: ", ")))
        }
        for (key, value) in entries {
            guard let value else { continue }
            syntax.header.append(HeaderEntrySyntax(key: at("/header", key), value: at("/header/\(key)", value)))
        }
        syntax.objectives = header.objectives.enumerated().map { at("/header/objectives/\($0)", $1) }
        syntax.findings = document.findings.enumerated().map {
            FindingSyntax(id: at("/findings/\($0)/id", $1.id), text: $1.text)
        }
        syntax.variables = document.variables.enumerated().map { index, variable in
            VariableSyntax(
                name: at("/variables/\(index)/name", variable.name),
                value: Located(variable.initial, at: .file("\(file)#/variables/\(index)/initial")))
        }
        for (sceneIndex, scene) in document.scenes.enumerated() {
            let base = "/scenes/\(sceneIndex)"
            var sceneSyntax = SceneSyntax(name: at("\(base)/name", scene.name))
            sceneSyntax.isCrisis = scene.crisis ?? false
            sceneSyntax.ending = scene.ending.map { at("\(base)/ending", $0) }
            sceneSyntax.next = scene.next.map { at("\(base)/next", $0) }
            sceneSyntax.paragraphs = scene.paragraphs.enumerated().map { paragraphIndex, lines in
                lines.enumerated().map { lineIndex, line in
                    let pointer = "\(base)/paragraphs/\(paragraphIndex)/\(lineIndex)"
                    let text = SourceText(file: "\(file)#\(pointer)/text", text: line.text)
                    return TextLineSyntax(
                        condition: line.if.flatMap { condition(pointer + "/if", $0) }, text: line.text,
                        placeholders: text.lines.isEmpty ? [] : text.placeholders(line: 0, range: text.lines[0]))
                }
            }
            sceneSyntax.choices = (scene.choices ?? []).enumerated().map { choiceIndex, choice in
                self.choice(choice, pointer: "\(base)/choices/\(choiceIndex)")
            }
            syntax.scenes.append(sceneSyntax)
        }
        return syntax
    }

    private mutating func condition(_ pointer: String, _ text: String) -> ConditionSyntax? {
        let source = SourceText(file: "\(file)#\(pointer)", text: text)
        guard let range = source.lines.first else {
            diagnostics.append(Diagnostic(.invalidCondition, "empty condition", at: .file("\(file)#\(pointer)")))
            return nil
        }
        switch ConditionParser.parse(source, line: 0, range: range) {
        case .success(let condition): return condition
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private mutating func choice(_ choice: ScenarioDocument.ChoiceDocument, pointer: String) -> ChoiceSyntax {
        var syntax = ChoiceSyntax(text: at("\(pointer)/text", choice.text))
        syntax.phase = choice.phase.map { at("\(pointer)/phase", $0) }
        syntax.quality = choice.quality.map { Located($0, at: .file("\(file)#\(pointer)/quality")) }
        syntax.intervention = choice.intervention.map { at("\(pointer)/intervention", $0) }
        syntax.upholds = (choice.upholds ?? []).enumerated().map { at("\(pointer)/upholds/\($0)", $1) }
        syntax.violates = (choice.violates ?? []).enumerated().map {
            (at("\(pointer)/violates/\($0)/principle", $1.principle),
                at("\(pointer)/violates/\($0)/severity", $1.severity.rawValue))
        }
        syntax.reveals = (choice.reveals ?? []).enumerated().map { at("\(pointer)/reveals/\($0)", $1) }
        syntax.addresses = (choice.addresses ?? []).enumerated().map { at("\(pointer)/addresses/\($0)", $1) }
        syntax.requires = choice.requires.flatMap { condition("\(pointer)/requires", $0) }
        for (index, update) in (choice.set ?? []).enumerated() {
            let location = SourceLocation.file("\(file)#\(pointer)/set/\(index)")
            let operation: Assignment.Operation
            switch (update.add, update.value) {
            case (let amount?, nil): operation = .add(amount)
            case (nil, let value?): operation = .assign(value)
            default:
                diagnostics.append(
                    Diagnostic(
                        .invalidUpdate, "an update needs exactly one of 'add' and 'value'", at: location,
                        hint: "{\"variable\": \"trust\", \"add\": 1} or {\"variable\": \"called\", \"value\": true}"))
                continue
            }
            syntax.updates.append(
                AssignmentSyntax(
                    assignment: Assignment(variable: update.variable, operation: operation),
                    variable: at("\(pointer)/set/\(index)/variable", update.variable), valueLocation: location,
                    valueLength: 1))
        }
        syntax.once = choice.once ?? false
        syntax.feedback = choice.feedback
        syntax.target = choice.target.map { at("\(pointer)/target", $0) }
        return syntax
    }
}
