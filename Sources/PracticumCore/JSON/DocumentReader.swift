/// Turns a decoded `ScenarioDocument` into a `ScenarioSyntax` for the checker.
/// Every value is located by a JSON pointer (`case.json#/scenes/2/choices/0/target`), which
/// the tree records as a file of its own (`ScenarioSyntax.addFile`) with no line.
struct DocumentReader {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// The tree being built.
    private var syntax: ScenarioSyntax
    /// The condition parser's token buffer, reused for every condition.
    private var tokens: [ConditionParser.Token] = []

    init(file: String) {
        self.file = file
        self.syntax = ScenarioSyntax(file: file)
    }

    /// The span of a value at a JSON pointer: the whole "file" `file#pointer`, as long as the value.
    private mutating func span(_ pointer: String, length: Int = 1) -> SourceSpan {
        .whole(file: syntax.addFile("\(file)#\(pointer)"), length: length)
    }

    /// A name at a JSON pointer.
    private mutating func at(_ pointer: String, _ value: String) -> NameSyntax {
        NameSyntax(name: syntax.names.id(for: value), span: span(pointer, length: value.count))
    }

    mutating func syntax(of document: ScenarioDocument) -> ScenarioSyntax {
        if !Scenario.readableFormatVersions.contains(document.formatVersion) {
            let versions = Scenario.readableFormatVersions
            diagnostics.append(
                Diagnostic(
                    .malformedJSON,
                    "formatVersion \(document.formatVersion) is not supported (this version reads \(versions.lowerBound) to \(versions.upperBound))",
                    at: .file("\(file)#/formatVersion")))
        }
        let header = document.header
        var entries: [(String, String?)] = [
            ("title", header.title), ("id", header.id), ("language", header.language), ("level", header.level),
            ("client", header.client), ("setting", header.setting), ("minutes", header.minutes.map(String.init)),
            ("author", header.author), ("version", header.version), ("start", document.start),
            ("content-warning", header.contentWarning),
        ]
        // The weights become the header's text form, so a dimension must be one plain word: anything else
        // ("practice 1, ethics") could smuggle in more weights than the document has.
        var weights: [String] = []
        for (index, weight) in header.weights.enumerated() {
            guard !weight.dimension.isEmpty, weight.dimension.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
            else {
                diagnostics.append(
                    Diagnostic(
                        .malformedJSON,
                        "'\(VisibleText.make(weight.dimension, keepNewlines: false))' is not a dimension name: write one of \(ScenarioChecker.dimensions.joined(separator: ", "))",
                        at: .file("\(file)#/header/weights/\(index)/dimension")))
                continue
            }
            weights.append("\(weight.dimension) \(weight.value)")
        }
        if !weights.isEmpty { entries.append(("weights", weights.joined(separator: ", "))) }
        for (key, value) in entries {
            guard let value else { continue }
            syntax.header.append(
                HeaderEntrySyntax(
                    key: key, keySpan: span("/header", length: key.count), value: value,
                    valueSpan: span("/header/\(key)", length: value.count)))
        }
        for (index, objective) in header.objectives.enumerated() {
            syntax.objectives.append(
                ObjectiveSyntax(
                    text: objective.text,
                    shownBy: objective.shownBy.enumerated().map { at("/header/objectives/\(index)/shownBy/\($0)", $1) }))
        }
        for (index, finding) in document.findings.enumerated() {
            var findingSyntax = FindingSyntax(
                id: at("/findings/\(index)/id", finding.id), text: finding.text,
                kind: finding.kind.map { at("/findings/\(index)/kind", $0) })
            if let safe = finding.safeWhen {
                findingSyntax.safeWhen = condition("/findings/\(index)/safeWhen", safe)
                findingSyntax.safeWhenSpan = span("/findings/\(index)/safeWhen", length: max(1, safe.count))
            }
            syntax.findings.append(findingSyntax)
        }
        for (index, expectation) in (document.expectations ?? []).enumerated() {
            let pointer = "/expectations/\(index)"
            var syntaxExpectation = ExpectationSyntax(
                name: at("\(pointer)/name", expectation.name), severity: at("\(pointer)/severity", expectation.severity))
            syntaxExpectation.condition = condition("\(pointer)/condition", expectation.condition)
            syntaxExpectation.because = expectation.because
            syntaxExpectation.principle = expectation.principle.map { at("\(pointer)/principle", $0) }
            syntaxExpectation.phase = expectation.phase.map { at("\(pointer)/phase", $0) }
            if let situation = expectation.when {
                syntaxExpectation.situation = condition("\(pointer)/when", situation)
                syntaxExpectation.hasSituation = true
            }
            syntax.expectations.append(syntaxExpectation)
        }
        for (index, variable) in document.variables.enumerated() {
            syntax.variables.append(VariableSyntax(name: at("/variables/\(index)/name", variable.name), value: variable.initial))
        }
        for (sceneIndex, scene) in document.scenes.enumerated() {
            readScene(scene, pointer: "/scenes/\(sceneIndex)")
        }
        return syntax
    }

    /// A scene's one-line string (`reflect`, `dilemma`) with where it is, or nil (and a `malformed-line`
    /// when it is blank or spans lines).
    private mutating func oneLine(_ value: String?, key: String, at base: String, hint: String) -> (text: String, span: SourceSpan)? {
        guard let value else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty, !value.contains("\n") else {
            diagnostics.append(
                Diagnostic(
                    .malformedLine, "'\(key)' must be one line of text", at: syntax.location(span("\(base)/\(key)")),
                    length: 1, hint: hint))
            return nil
        }
        return (value, span("\(base)/\(key)", length: value.count))
    }

    private mutating func readScene(_ scene: ScenarioDocument.SceneDocument, pointer base: String) {
        let paragraphs = Int32(syntax.paragraphs.count)
        let choices = Int32(syntax.choices.count)
        var sceneSyntax = SceneSyntax(
            name: at("\(base)/name", scene.name), paragraphs: paragraphs..<paragraphs, choices: choices..<choices)
        sceneSyntax.isCrisis = scene.crisis ?? false
        sceneSyntax.ending = scene.ending.map { at("\(base)/ending", $0) }
        sceneSyntax.next = scene.next.map { at("\(base)/next", $0) }
        sceneSyntax.reflect = oneLine(scene.reflect, key: "reflect", at: base, hint: "a question the student answers before choosing")
        sceneSyntax.dilemma = oneLine(
            scene.dilemma, key: "dilemma", at: base, hint: "the trade-off between the scene's defensible answers")
        for (paragraphIndex, lines) in scene.paragraphs.enumerated() {
            let first = Int32(syntax.textLines.count)
            for (lineIndex, line) in lines.enumerated() {
                let pointer = "\(base)/paragraphs/\(paragraphIndex)/\(lineIndex)"
                let parsed = line.if.flatMap { condition(pointer + "/if", $0) }
                let names = placeholders(in: line.text, pointer: pointer + "/text")
                syntax.textLines.append(TextLineSyntax(condition: parsed, text: line.text, placeholders: names))
            }
            syntax.paragraphs.append(first..<Int32(syntax.textLines.count))
        }
        sceneSyntax.paragraphs = paragraphs..<Int32(syntax.paragraphs.count)
        for (choiceIndex, choice) in (scene.choices ?? []).enumerated() {
            syntax.choices.append(self.choice(choice, pointer: "\(base)/choices/\(choiceIndex)"))
        }
        sceneSyntax.choices = choices..<Int32(syntax.choices.count)
        syntax.sceneDefinitions.append(sceneSyntax)
    }

    /// The `{name}` placeholders on the first line of a text, located on line 1 of `file#pointer`; past
    /// `TextLineSyntax.maximumPlaceholders` the text is reported and the rest are not kept.
    private mutating func placeholders(in text: String, pointer: String) -> Range<Int32> {
        let first = Int32(syntax.placeholders.count)
        SourceBytes.withBytes(of: text) { (bytes: SourceBytes) -> Void in
            guard bytes.count > 0 else { return }
            let range = bytes.line(from: 0).content
            let line = SourceLine(
                file: syntax.addFile("\(file)#\(pointer)"), index: 0, start: 0, isASCII: bytes.isASCII(range))
            var index = range.lowerBound
            while let brace = bytes.firstIndex(of: 0x7B, in: index..<range.upperBound) {
                let end = bytes.nameEnd(from: brace + 1, end: range.upperBound)
                if end > brace + 1, end < range.upperBound, bytes[end] == 0x7D {
                    let name = brace + 1..<end
                    guard Int32(syntax.placeholders.count) - first < TextLineSyntax.maximumPlaceholders else {
                        let span = line.span(brace..<end + 1, in: bytes)
                        diagnostics.append(
                            Diagnostic(
                                .malformedLine, TextLineSyntax.tooManyPlaceholders, at: syntax.location(span),
                                length: Int(span.length), hint: TextLineSyntax.tooManyPlaceholdersHint))
                        break
                    }
                    syntax.placeholders.append(
                        NameSyntax(name: syntax.names.id(for: bytes.slice(name)), span: line.span(name, in: bytes)))
                    index = end + 1
                } else {
                    index = brace + 1
                }
            }
        }
        return first..<Int32(syntax.placeholders.count)
    }

    /// A condition written in the format's syntax, located on line 1 of `file#pointer`; only its first line counts.
    private mutating func condition(_ pointer: String, _ text: String) -> ConditionSyntax? {
        let name = "\(file)#\(pointer)"
        return SourceBytes.withBytes(of: text) { bytes -> ConditionSyntax? in
            guard bytes.count > 0 else {
                diagnostics.append(Diagnostic(.invalidCondition, "empty condition", at: .file(name)))
                return nil
            }
            let range = bytes.line(from: 0).content
            let line = SourceLine(file: syntax.addFile(name), index: 0, start: 0, isASCII: bytes.isASCII(range))
            switch ConditionParser.parse(bytes, line: line, range: range, into: &syntax, tokens: &tokens) {
            case .success(let condition): return condition
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
    }

    private mutating func choice(_ choice: ScenarioDocument.ChoiceDocument, pointer: String) -> ChoiceSyntax {
        var syntaxChoice = ChoiceSyntax(
            text: choice.text, textSpan: span("\(pointer)/text", length: choice.text.count),
            items: Int32(syntax.items.count), updates: Int32(syntax.updates.count))
        syntaxChoice.phase = choice.phase.map { at("\(pointer)/phase", $0) }
        syntaxChoice.quality = choice.quality
        if choice.quality != nil { syntaxChoice.qualitySpan = span("\(pointer)/quality") }
        syntaxChoice.intervention = choice.intervention.map { at("\(pointer)/intervention", $0) }
        for (index, principle) in (choice.upholds ?? []).enumerated() {
            syntax.items.append(ListItemSyntax(kind: .upholds, name: at("\(pointer)/upholds/\(index)", principle)))
        }
        for (index, violation) in (choice.violates ?? []).enumerated() {
            syntax.items.append(
                ListItemSyntax(
                    kind: .violates, name: at("\(pointer)/violates/\(index)/principle", violation.principle),
                    severity: at("\(pointer)/violates/\(index)/severity", violation.severity.rawValue)))
        }
        for (index, finding) in (choice.reveals ?? []).enumerated() {
            syntax.items.append(ListItemSyntax(kind: .reveals, name: at("\(pointer)/reveals/\(index)", finding)))
        }
        for (index, finding) in (choice.addresses ?? []).enumerated() {
            syntax.items.append(ListItemSyntax(kind: .addresses, name: at("\(pointer)/addresses/\(index)", finding)))
        }
        syntaxChoice.items = syntaxChoice.items.lowerBound..<Int32(syntax.items.count)
        syntaxChoice.requires = choice.requires.flatMap { condition("\(pointer)/requires", $0) }
        for (index, update) in (choice.set ?? []).enumerated() {
            let location = "\(pointer)/set/\(index)"
            let operation: Assignment.Operation
            switch (update.add, update.value) {
            case (Int.min?, nil):
                // The text form writes `NAME - N` with N at most Int.max, so -2^63 has no text spelling; refusing
                // it keeps the two forms saying the same cases (and an export of the update readable back).
                diagnostics.append(
                    Diagnostic(
                        .invalidNumber, "an 'add' runs from \(-Int.max) to \(Int.max), found \(Int.min)",
                        at: .file("\(file)#\(location)/add"), hint: Value.outOfRangeHint))
                continue
            case (let amount?, nil): operation = .add(amount)
            case (nil, let value?): operation = .assign(value)
            default:
                diagnostics.append(
                    Diagnostic(
                        .invalidUpdate, "an update needs exactly one of 'add' and 'value'", at: .file("\(file)#\(location)"),
                        hint: "{\"variable\": \"trust\", \"add\": 1} or {\"variable\": \"called\", \"value\": true}"))
                continue
            }
            syntax.updates.append(
                AssignmentSyntax(
                    assignment: Assignment(variable: update.variable, operation: operation),
                    variable: at("\(location)/variable", update.variable), valueSpan: span(location)))
        }
        syntaxChoice.updates = syntaxChoice.updates.lowerBound..<Int32(syntax.updates.count)
        syntaxChoice.once = choice.once ?? false
        syntaxChoice.pinned = choice.pinned ?? false
        var written = UInt32(0)
        if choice.phase != nil { written |= 1 << UInt32(ScenarioParser.AttributeKey.phase.rawValue) }
        if choice.quality != nil { written |= 1 << UInt32(ScenarioParser.AttributeKey.quality.rawValue) }
        if choice.target != nil { written |= 1 << UInt32(ScenarioParser.AttributeKey.target.rawValue) }
        syntaxChoice.writtenAttributes = written
        syntaxChoice.feedback = choice.feedback
        syntaxChoice.target = choice.target.map { at("\(pointer)/target", $0) }
        return syntaxChoice
    }
}
