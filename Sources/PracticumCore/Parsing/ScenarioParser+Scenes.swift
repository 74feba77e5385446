/// Scenes: the `==` line, text lines with their `[if]`, `reflect:` and `-> NAME`.
extension ScenarioParser {
    // MARK: Scenes

    mutating func parseSceneHeader(_ content: Range<Int>) {
        closeShownBy()
        continuation = .none
        paragraphOpen = false
        let end = bytes.withoutTrailingComment(content).upperBound
        var index = content.lowerBound + 2
        while index < end, bytes[index] == 0x20 { index += 1 }
        let nameEnd = bytes.nameEnd(from: index, end: end)
        guard nameEnd > index else {
            report(
                .malformedLine, "expected a scene name after '=='", offset: index,
                hint: "for example '== intake' or '== safe-housing [ending: goals-met]'")
            return
        }
        let name = intern(index..<nameEnd)
        checkName(name, index..<nameEnd, what: "scene name")
        let paragraphs = Int32(syntax.paragraphs.count)
        let choices = Int32(syntax.choices.count)
        var scene = SceneSyntax(name: name, paragraphs: paragraphs..<paragraphs, choices: choices..<choices)
        index = nameEnd
        while index < end {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            guard bytes[index] == 0x5B, let close = bytes.firstIndex(of: 0x5D, in: index..<end) else {
                report(
                    .malformedLine, "unexpected text after the scene name", offset: index,
                    length: characterCount(index..<end),
                    hint: "a scene line is '== NAME', optionally followed by '[crisis]' or '[ending: OUTCOME]'")
                break
            }
            let tag = bytes.trimmed(index + 1..<close)
            if bytes.equals(tag, "crisis") {
                scene.isCrisis = true
            } else if bytes.hasPrefix("ending:", at: tag.lowerBound, end: tag.upperBound) {
                let outcome = bytes.trimmed(tag.lowerBound + 7..<tag.upperBound)
                if outcome.isEmpty {
                    report(.malformedLine, "expected an outcome after 'ending:'", offset: close,
                        hint: "for example '[ending: goals-met]'")
                } else {
                    scene.ending = intern(outcome)
                }
            } else {
                let bytes = self.bytes
                report(
                    .malformedLine, "unknown scene marker '[\(bytes.string(tag))]'", offset: index,
                    length: characterCount(index..<close + 1),
                    hint: "a scene can be marked '[crisis]' or '[ending: OUTCOME]'")
            }
            index = close + 1
        }
        syntax.sceneDefinitions.append(scene)
    }

    mutating func parseSceneLine(_ content: Range<Int>) {
        let sceneIndex = syntax.sceneDefinitions.count - 1
        let start = content.lowerBound
        if bytes[start] == 0x2A && (start + 1 == content.upperBound || bytes[start + 1] == 0x20) {
            startChoice(content)
            return
        }
        if bytes.hasPrefix("->", at: start, end: content.upperBound) {
            guard let target = parseTarget(start + 2..<content.upperBound) else { return }
            if let previous = syntax.sceneDefinitions[sceneIndex].next {
                diagnostics.append(
                    Diagnostic(
                        .duplicateAttribute, "the scene already continues to '\(syntax.string(previous.name))'",
                        at: syntax.location(target.span), length: Int(target.span.length)))
            }
            syntax.sceneDefinitions[sceneIndex].next = target
            return
        }
        if bytes.hasPrefix("reflect:", at: start, end: content.upperBound) {
            parseSceneLine(.reflect, start..<content.upperBound, scene: sceneIndex)
            return
        }
        if bytes.hasPrefix("dilemma:", at: start, end: content.upperBound) {
            parseSceneLine(.dilemma, start..<content.upperBound, scene: sceneIndex)
            return
        }
        if !syntax.sceneDefinitions[sceneIndex].choices.isEmpty {
            report(
                .textAfterChoice, "scene text after a choice", offset: start, length: characterCount(content),
                hint: "put the scene's text before its first choice, or indent it two spaces to continue the choice")
            return
        }
        if syntax.sceneDefinitions[sceneIndex].next != nil {
            report(
                .textAfterChoice, "scene text after '->'", offset: start, length: characterCount(content),
                hint: "'-> NAME' is the last line of a scene")
            return
        }
        guard let textLine = parseTextLine(content) else { return }
        syntax.textLines.append(textLine)
        let lineEnd = Int32(syntax.textLines.count)
        if paragraphOpen, !syntax.sceneDefinitions[sceneIndex].paragraphs.isEmpty {
            syntax.paragraphs[syntax.paragraphs.count - 1] = syntax.paragraphs[syntax.paragraphs.count - 1].lowerBound..<lineEnd
        } else {
            syntax.paragraphs.append(lineEnd - 1..<lineEnd)
            syntax.sceneDefinitions[sceneIndex].paragraphs = syntax.sceneDefinitions[sceneIndex].paragraphs.lowerBound..<Int32(syntax.paragraphs.count)
            paragraphOpen = true
        }
    }

    /// The one-line keys a scene may hold among its text, before its first choice.
    enum SceneLineKey: String {
        /// `reflect: PROMPT` (format v1.2): the question the student answers in writing before choosing.
        case reflect
        /// `dilemma: TEXT` (format v1.4): the trade-off of a scene with more than one defensible answer.
        case dilemma

        /// Where the scene keeps the line.
        var field: WritableKeyPath<SceneSyntax, (text: String, span: SourceSpan)?> {
            switch self {
            case .reflect: \.reflect
            case .dilemma: \.dilemma
            }
        }

        /// What is said of a line with nothing after the key, and of a second one in the same scene.
        var missing: (message: String, hint: String) {
            switch self {
            case .reflect: ("expected a question after 'reflect:'", "for example 'reflect: What do you need to know before you act?'")
            case .dilemma:
                (
                    "expected the trade-off after 'dilemma:'",
                    "for example 'dilemma: Telling her sister protects her; keeping it honours her wish.'"
                )
            }
        }
        var duplicate: (message: String, hint: String) {
            switch self {
            case .reflect: ("the scene already asks for a reflection", "a scene asks one question; join them into one line")
            case .dilemma: ("the scene already states its dilemma", "a scene states one dilemma; join them into one line")
            }
        }
    }

    /// `reflect: PROMPT` or `dilemma: TEXT`: one line of the scene, kept apart from its text.
    mutating func parseSceneLine(_ key: SceneLineKey, _ content: Range<Int>, scene sceneIndex: Int) {
        let keyLength = key.rawValue.utf8.count + 1
        let value = bytes.trimmed(bytes.withoutTrailingComment(content.lowerBound + keyLength..<content.upperBound))
        guard !value.isEmpty else {
            report(
                .malformedLine, key.missing.message, offset: content.lowerBound, length: characterCount(content),
                hint: key.missing.hint)
            return
        }
        guard syntax.sceneDefinitions[sceneIndex].choices.isEmpty, syntax.sceneDefinitions[sceneIndex].next == nil else {
            report(
                .textAfterChoice, "'\(key.rawValue):' after the scene's choices", offset: content.lowerBound,
                length: characterCount(content),
                hint: "put '\(key.rawValue):' with the scene's text, before its first choice")
            return
        }
        guard syntax.sceneDefinitions[sceneIndex][keyPath: key.field] == nil else {
            report(
                .duplicateAttribute, key.duplicate.message, offset: content.lowerBound, length: characterCount(content),
                hint: key.duplicate.hint)
            return
        }
        syntax.sceneDefinitions[sceneIndex][keyPath: key.field] =
            (bytes.string(value), span(content.lowerBound..<content.lowerBound + keyLength))
    }

    mutating func parseTextLine(_ content: Range<Int>) -> TextLineSyntax? {
        var textRange = content
        var condition: ConditionSyntax?
        if bytes.hasPrefix("[if ", at: content.lowerBound, end: content.upperBound) {
            guard let close = bytes.firstIndex(of: 0x5D, in: content) else {
                report(
                    .malformedLine, "'[if' without a closing ']'", offset: content.lowerBound, length: 3,
                    hint: "write '[if CONDITION] text shown when it holds'")
                return nil
            }
            let range = bytes.trimmed(content.lowerBound + 4..<close)
            switch ConditionParser.parse(bytes, line: line, range: range, into: &syntax, tokens: &conditionTokens) {
            case .success(let parsed): condition = parsed
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
            textRange = bytes.trimmed(close + 1..<content.upperBound)
        }
        let placeholders = appendPlaceholders(in: textRange)
        return TextLineSyntax(condition: condition, text: bytes.string(textRange), placeholders: placeholders)
    }

    /// Appends the `{name}` placeholders of a stretch of text to the tree and returns their range; past
    /// `TextLineSyntax.maximumPlaceholders` the line is reported and the rest are not kept.
    mutating func appendPlaceholders(in range: Range<Int>) -> Range<Int32> {
        let first = Int32(syntax.placeholders.count)
        var index = range.lowerBound
        while let brace = bytes.firstIndex(of: 0x7B, in: index..<range.upperBound) {
            let end = bytes.nameEnd(from: brace + 1, end: range.upperBound)
            if end > brace + 1, end < range.upperBound, bytes[end] == 0x7D {
                guard Int32(syntax.placeholders.count) - first < TextLineSyntax.maximumPlaceholders else {
                    report(
                        .malformedLine, TextLineSyntax.tooManyPlaceholders, offset: brace, length: characterCount(brace..<end + 1),
                        hint: TextLineSyntax.tooManyPlaceholdersHint)
                    break
                }
                syntax.placeholders.append(intern(brace + 1..<end))
                index = end + 1
            } else {
                index = brace + 1
            }
        }
        return first..<Int32(syntax.placeholders.count)
    }

    mutating func parseTarget(_ range: Range<Int>) -> NameSyntax? {
        let nameRange = bytes.withoutTrailingComment(range)
        guard !nameRange.isEmpty, bytes.nameEnd(from: nameRange.lowerBound, end: nameRange.upperBound) == nameRange.upperBound
        else {
            report(
                .malformedLine, "expected a scene name after '->'",
                offset: nameRange.isEmpty ? range.lowerBound : nameRange.lowerBound, length: characterCount(nameRange),
                hint: "for example '-> her-story'")
            return nil
        }
        let target = intern(nameRange)
        checkName(target, nameRange, what: "scene name")
        return target
    }
}
