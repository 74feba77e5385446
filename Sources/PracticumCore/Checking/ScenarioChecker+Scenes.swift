/// The checker's scenes and choices: text, targets, attributes, violations, conditions and updates
/// checked against the name and type tables.
extension CheckRun {
    // MARK: Scenes

    mutating func resolveScene(_ scene: SceneSyntax) -> Scene {
        let name = string(scene.name)
        var ending: String?
        if let outcome = scene.ending {
            let spelling = string(outcome)
            if !isOutcome(outcome.name) {
                let suggestion = hint(for: spelling, among: outcomeIDs)
                report(
                    .unknownOutcome, "unknown outcome '\(spelling)'", at: outcome.span,
                    hint: suggestion.text)
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
        if let reflect = scene.reflect, choices.isEmpty, !diagnostics.skips(.reflectNeverAsked) {
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
        let suggestion = hint(for: spelling, among: sceneNames(), listing: false)
        report(
            .unknownScene, "no scene named '\(spelling)'", at: target.span,
            hint: suggestion.text ?? "define it with a line '== \(spelling)'")
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
                let suggestion = hint(for: spelling, among: phaseSpellings)
                report(
                    .unknownPhase, "unknown phase '\(spelling)'", at: written.span,
                    hint: suggestion.text)
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
            let suggestion = hint(for: spelling, among: interventionIDs)
            report(
                .unknownIntervention, "unknown intervention '\(spelling)'", at: kind.span,
                hint: suggestion.text)
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
            let suggestion = hint(for: spelling, among: Self.severityNames)
            report(
                .unknownSeverity, "unknown severity '\(spelling)'", at: written.span,
                hint: suggestion.text)
            return nil
        }
        return Violation(principle: string(item.name), severity: severity)
    }

    mutating func checkPrinciple(_ principle: NameSyntax) {
        guard !isPrinciple(principle.name) else { return }
        let spelling = string(principle)
        let suggestion = hint(for: spelling, among: principleIDs)
        report(
            .unknownPrinciple, "unknown ethics principle '\(spelling)'", at: principle.span,
            hint: suggestion.text)
    }

    mutating func checkFinding(_ finding: NameSyntax) {
        guard !isFinding(finding.name) else { return }
        let spelling = string(finding)
        let suggestion = hint(for: spelling, among: findingIDs(), listing: false)
        report(
            .unknownFinding, "unknown finding '\(spelling)'", at: finding.span,
            hint: suggestion.text
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
        let suggestion = hint(for: spelling, among: variableNames(), listing: false)
        report(
            .unknownVariable, "unknown variable '\(spelling)'", at: name.span,
            hint: suggestion.text
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
                    let suggestion = hint(for: spelling, among: sceneNames())
                    report(
                        .unknownScene, "no scene named '\(spelling)'", at: reference.name.span,
                        hint: suggestion.text)
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
}
