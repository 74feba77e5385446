/// The header of a `.scenario` file: its `key: value` lines, objectives, findings, variables and expectations.
extension ScenarioParser {
    // MARK: Header

    mutating func parseHeaderLine(_ content: Range<Int>) {
        closeShownBy()
        continuation = .none
        let end = content.upperBound
        if bytes.hasPrefix("finding ", at: content.lowerBound, end: end) {
            parseFinding(content.lowerBound + 8..<end)
            return
        }
        if bytes.hasPrefix("var ", at: content.lowerBound, end: end) {
            parseVariable(content.lowerBound + 4..<end)
            return
        }
        if bytes.hasPrefix("expect ", at: content.lowerBound, end: end) {
            parseExpectation(content.lowerBound + 7..<end)
            return
        }
        let keyEnd = bytes.nameEnd(from: content.lowerBound, end: end)
        guard keyEnd > content.lowerBound, keyEnd < end, bytes[keyEnd] == 0x3A else {
            report(
                .malformedLine, "expected a header line", offset: content.lowerBound,
                length: characterCount(content),
                hint: "the header holds 'key: value', 'finding ID: text', 'var NAME = VALUE' and 'expect NAME (SEVERITY): CONDITION' lines; scenes start with '== NAME'")
            return
        }
        let keyRange = content.lowerBound..<keyEnd
        let key = bytes.string(keyRange)
        let keySpan = span(keyRange)
        guard Self.headerKeys.contains(key) else {
            report(
                .unknownHeaderKey, "unknown header key '\(key)'", offset: content.lowerBound,
                length: Int(keySpan.length),
                hint: Suggestion.closest(to: key, in: Self.headerKeys + ["finding", "var", "expect"])
                    .map { "did you mean '\($0)'?" } ?? "known keys: " + Self.headerKeys.joined(separator: ", "))
            return
        }
        let valueRange = bytes.withoutTrailingComment(keyEnd + 1..<end)
        let value = valueRange.isEmpty ? "" : bytes.string(valueRange)
        let valueSpan = valueRange.isEmpty
            ? SourceSpan(line: line.index + 1, column: line.column(of: keyEnd + 1, in: bytes), length: 1)
            : span(valueRange)
        if let first = syntax.header.first(where: { $0.key == key }) {
            diagnostics.append(
                Diagnostic(
                    .duplicateHeaderKey, "header key '\(key)' is given twice", at: syntax.location(keySpan),
                    length: Int(keySpan.length), notes: [.init("first given here", at: syntax.location(first.keySpan))]))
            return
        }
        syntax.header.append(HeaderEntrySyntax(key: key, keySpan: keySpan, value: value, valueSpan: valueSpan))
        continuation = key == "objectives" ? .objectives : .headerValue(syntax.header.count - 1)
    }

    mutating func parseIndentedHeaderLine(_ content: Range<Int>, indent: Int) {
        let text = bytes.withoutTrailingComment(content)
        switch continuation {
        case .objectives, .objective:
            if bytes[text.lowerBound] == 0x2D && !shownByOpen {
                let item = bytes.trimmed(text.lowerBound + 1..<text.upperBound)
                guard !item.isEmpty else {
                    report(.malformedLine, "empty objective", offset: text.lowerBound)
                    return
                }
                let (words, shownBy) = splitShownBy(item)
                syntax.objectives.append(ObjectiveSyntax(text: bytes.string(words), shownBy: shownBy))
                continuation = .objective(syntax.objectives.count - 1)
            } else if case .objective(let index) = continuation {
                let (words, shownBy) = splitShownBy(text)
                if !words.isEmpty { syntax.objectives[index].text += " " + bytes.string(words) }
                syntax.objectives[index].shownBy += shownBy
            } else {
                report(
                    .malformedLine, "expected an objective starting with '- '", offset: text.lowerBound,
                    length: characterCount(text), hint: "list objectives as '  - Assess needs before acting'")
            }
        case .headerValue(let index):
            let joiner = syntax.header[index].value.isEmpty ? "" : " "
            syntax.header[index].value += joiner + bytes.string(text)
        case .expectation(let index):
            parseExpectationLine(content, expectation: index, indent: indent)
        case .finding(let index):
            parseFindingLine(content, finding: index)
        case .expectationKey(let key, let index, let keyIndent):
            if key == .because && indent > keyIndent {
                let more = bytes.string(bytes.trimmed(content))
                syntax.expectations[index].because = (syntax.expectations[index].because.map { $0 + " " } ?? "") + more
            } else {
                parseExpectationLine(content, expectation: index, indent: indent)
            }
        default:
            report(
                .malformedLine, "unexpected indented line in the header", offset: content.lowerBound,
                length: characterCount(text),
                hint: "indented lines continue the header value above them, list objectives, give an expectation's 'because:' or a risk's 'safe when:'")
        }
    }

    /// An objective's words and the expectations of a trailing `[shown by: a, b]`, if it has one. The
    /// list may run on to the next lines (`shownByOpen` says one is open); it ends with `]` at a line's end.
    mutating func splitShownBy(_ range: Range<Int>) -> (words: Range<Int>, shownBy: [NameSyntax]) {
        var listStart: Int
        var words: Range<Int>
        if shownByOpen {
            listStart = range.lowerBound
            words = range.lowerBound..<range.lowerBound
        } else {
            var open = range.lowerBound
            while open < range.upperBound, !bytes.hasPrefix("[shown by:", at: open, end: range.upperBound) { open += 1 }
            guard open < range.upperBound else { return (range, []) }
            listStart = open + 10
            words = bytes.trimmed(range.lowerBound..<open)
            shownByOpenedAt = location(open)
        }
        var listEnd = range.upperBound
        if range.upperBound > listStart, bytes[range.upperBound - 1] == 0x5D {
            listEnd = range.upperBound - 1
            shownByOpen = false
        }
        listStart = min(listStart, listEnd)
        var names: [NameSyntax] = []
        for item in ItemRanges(bytes, listStart..<listEnd) {
            guard bytes.nameEnd(from: item.lowerBound, end: item.upperBound) == item.upperBound else {
                let bytes = self.bytes
                report(
                    .malformedLine, "'\(bytes.string(item))' is not an expectation name", at: span(item),
                    hint: "name the expectations that show the objective: '[shown by: asked-directly, safety-plan]'")
                continue
            }
            names.append(intern(item))
        }
        return (words, names)
    }

    // MARK: Expectations

    /// `expect NAME (SEVERITY): CONDITION`, from the bytes after `expect `.
    mutating func parseExpectation(_ range: Range<Int>) {
        let end = bytes.withoutTrailingComment(range).upperBound
        let start = bytes.trimmed(range.lowerBound..<end).lowerBound
        let example = "for example 'expect asked-directly (critical): revealed(suicidal-thoughts)'"
        let nameEnd = bytes.nameEnd(from: start, end: end)
        guard nameEnd > start else {
            report(
                .malformedLine, "expected 'expect NAME (SEVERITY): CONDITION'", offset: start,
                length: characterCount(start..<end), hint: example)
            return
        }
        let name = intern(start..<nameEnd)
        checkName(name, start..<nameEnd, what: "expectation name")
        var index = nameEnd
        while index < end, bytes[index] == 0x20 { index += 1 }
        guard index < end, bytes[index] == 0x28, let close = bytes.firstIndex(of: 0x29, in: index..<end) else {
            let spelling = syntax.string(name.name)
            report(
                .unknownSeverity, "expectation '\(spelling)' has no severity", offset: index,
                hint: "add (minor), (major) or (critical) after the name: 'expect \(spelling) (major): ...'")
            return
        }
        let severityRange = bytes.trimmed(index + 1..<close)
        let severity = intern(severityRange.isEmpty ? index + 1..<index + 1 : severityRange)
        index = close + 1
        while index < end, bytes[index] == 0x20 { index += 1 }
        guard index < end, bytes[index] == 0x3A else {
            report(
                .malformedLine, "expected ':' and a condition after the severity", offset: min(index, end),
                hint: example)
            return
        }
        let conditionRange = bytes.trimmed(index + 1..<end)
        var expectation = ExpectationSyntax(name: name, severity: severity)
        if conditionRange.isEmpty {
            let spelling = syntax.string(name.name)
            report(.malformedLine, "expectation '\(spelling)' has no condition", offset: index, hint: example)
        } else {
            switch ConditionParser.parse(bytes, line: line, range: conditionRange, into: &syntax, tokens: &conditionTokens) {
            case .success(let condition): expectation.condition = condition
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        syntax.expectations.append(expectation)
        continuation = .expectation(syntax.expectations.count - 1)
    }

    /// A key line under an `expect` line: `because:`, `principle:` or `phase:`.
    mutating func parseExpectationLine(_ content: Range<Int>, expectation index: Int, indent: Int) {
        let start = content.lowerBound
        let keyEnd = bytes.nameEnd(from: start, end: content.upperBound)
        let isKeyLine = keyEnd > start && keyEnd < content.upperBound && bytes[keyEnd] == 0x3A
        let word = bytes.string(start..<keyEnd)
        guard isKeyLine, let position = Self.expectationKeys.firstIndex(of: word),
            let key = ExpectationKey(rawValue: position)
        else {
            if isKeyLine {
                report(
                    .unknownAttribute, "unknown expectation key '\(word)'", offset: start,
                    length: characterCount(start..<keyEnd),
                    hint: Suggestion.closest(to: word, in: Self.expectationKeys).map { "did you mean '\($0)'?" }
                        ?? "an expectation takes 'because:', 'principle:' or 'phase:', and 'when:'")
            } else {
                report(
                    .malformedLine, "expected 'because:', 'principle:', 'phase:' or 'when:' under the expectation",
                    offset: start, length: characterCount(bytes.withoutTrailingComment(content)),
                    hint: "to continue the reason, indent it deeper than 'because:'")
            }
            return
        }
        let valueRange = key == .because
            ? bytes.trimmed(keyEnd + 1..<content.upperBound) : bytes.withoutTrailingComment(keyEnd + 1..<content.upperBound)
        continuation = .expectationKey(key, expectation: index, indent: indent)
        let already: Bool
        switch key {
        case .because: already = syntax.expectations[index].because != nil
        case .principle: already = syntax.expectations[index].principle != nil
        case .phase: already = syntax.expectations[index].phase != nil
        case .when: already = syntax.expectations[index].hasSituation
        }
        if already {
            report(.duplicateAttribute, "the expectation already has '\(word)'", offset: start, length: word.count)
            return
        }
        guard !valueRange.isEmpty else {
            let example: String
            switch key {
            case .because: example = "say why a competent worker does this"
            case .phase: example = "for example 'phase: assessment'"
            case .principle: example = "for example 'principle: competence'"
            case .when: example = "name the situation that calls for it, for example 'when: visited(disclosure)'"
            }
            report(.malformedLine, "'\(word):' needs a value", offset: keyEnd, hint: example)
            if key == .when { syntax.expectations[index].hasSituation = true }
            if key == .because { syntax.expectations[index].because = "" }
            return
        }
        switch key {
        case .because: syntax.expectations[index].because = bytes.string(valueRange)
        case .principle: syntax.expectations[index].principle = intern(valueRange)
        case .phase: syntax.expectations[index].phase = intern(valueRange)
        case .when:
            syntax.expectations[index].hasSituation = true
            switch ConditionParser.parse(bytes, line: line, range: bytes.trimmed(valueRange), into: &syntax, tokens: &conditionTokens) {
            case .success(let condition): syntax.expectations[index].situation = condition
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
    }

    /// An indented line under a `finding` line: `safe when: CONDITION`.
    mutating func parseFindingLine(_ content: Range<Int>, finding index: Int) {
        let text = bytes.withoutTrailingComment(content)
        let start = text.lowerBound
        guard bytes.hasPrefix("safe when:", at: start, end: text.upperBound) else {
            let keyEnd = bytes.nameEnd(from: start, end: text.upperBound)
            let word = bytes.string(start..<keyEnd)
            report(
                .malformedLine, "expected 'safe when: CONDITION' under the finding", offset: start,
                length: characterCount(text),
                hint: word == "safe" || word == "when"
                    ? "write it as 'safe when: CONDITION', for example 'safe when: means-safe and safety-plan'"
                    : "a finding is one line; the only line under it is a risk's 'safe when: CONDITION'")
            return
        }
        let keySpan = span(start..<start + 9)
        if syntax.findings[index].safeWhenSpan != nil {
            report(.duplicateAttribute, "the finding already has 'safe when:'", offset: start, length: 9)
            return
        }
        syntax.findings[index].safeWhenSpan = keySpan
        let conditionRange = bytes.trimmed(start + 10..<text.upperBound)
        guard !conditionRange.isEmpty else {
            report(
                .malformedLine, "'safe when:' needs a condition", offset: start + 9,
                hint: "say when the risk no longer endangers anyone, for example 'safe when: means-safe and safety-plan'")
            return
        }
        switch ConditionParser.parse(bytes, line: line, range: conditionRange, into: &syntax, tokens: &conditionTokens) {
        case .success(let condition): syntax.findings[index].safeWhen = condition
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
    }

    mutating func parseFinding(_ range: Range<Int>) {
        let start = bytes.trimmed(range).lowerBound
        let nameEnd = bytes.nameEnd(from: start, end: range.upperBound)
        var colon = nameEnd
        while colon < range.upperBound, bytes[colon] == 0x20 { colon += 1 }
        var kind: NameSyntax?
        if nameEnd > start, colon < range.upperBound, bytes[colon] == 0x5B,
            let close = bytes.firstIndex(of: 0x5D, in: colon..<range.upperBound)
        {
            let written = bytes.trimmed(colon + 1..<close)
            kind = intern(written.isEmpty ? colon + 1..<colon + 1 : written)
            colon = close + 1
            while colon < range.upperBound, bytes[colon] == 0x20 { colon += 1 }
        }
        guard nameEnd > start, colon < range.upperBound, bytes[colon] == 0x3A else {
            report(
                .malformedLine, "expected 'finding ID: text' or 'finding ID [KIND]: text'", offset: start,
                hint: "for example 'finding eviction: Eviction hearing in 12 days' or 'finding debt [risk]: ...'")
            return
        }
        let id = intern(start..<nameEnd)
        checkName(id, start..<nameEnd, what: "finding id")
        let text = bytes.withoutTrailingComment(colon + 1..<range.upperBound)
        if text.isEmpty {
            let spelling = syntax.string(id.name)
            report(.malformedLine, "finding '\(spelling)' has no text", offset: colon)
        }
        syntax.findings.append(FindingSyntax(id: id, text: bytes.string(text), kind: kind))
        continuation = .finding(syntax.findings.count - 1)
    }

    mutating func parseVariable(_ range: Range<Int>) {
        let start = bytes.trimmed(range).lowerBound
        let nameEnd = bytes.nameEnd(from: start, end: range.upperBound)
        var equals = nameEnd
        while equals < range.upperBound, bytes[equals] == 0x20 { equals += 1 }
        guard nameEnd > start, equals < range.upperBound, bytes[equals] == 0x3D else {
            report(
                .malformedLine, "expected 'var NAME = VALUE'", offset: start,
                hint: "for example 'var trust = 1' or 'var called = false'")
            return
        }
        let name = intern(start..<nameEnd)
        checkName(name, start..<nameEnd, what: "variable name")
        let valueRange = bytes.withoutTrailingComment(equals + 1..<range.upperBound)
        guard let value = Value(literal: bytes.slice(valueRange)) else {
            if reportOutOfRange(valueRange) { return }
            let bytes = self.bytes
            report(
                .invalidValue, "'\(bytes.string(valueRange))' is not an integer or a boolean",
                offset: valueRange.isEmpty ? equals : valueRange.lowerBound, length: characterCount(valueRange),
                hint: "a variable starts as a whole number ('var trust = 1') or as true or false")
            return
        }
        syntax.variables.append(VariableSyntax(name: name, value: value))
    }

    /// Reports a name that is not lowercase letters, digits and '-'.
    mutating func checkName(_ name: NameSyntax, _ range: Range<Int>, what: String) {
        guard !SourceBytes.isValidName(bytes.slice(range)) else { return }
        let spelling = syntax.string(name.name)
        diagnostics.append(
            Diagnostic(
                .invalidName, "invalid \(what) '\(spelling)'", at: syntax.location(name.span),
                length: Int(name.span.length),
                hint: "use lowercase letters, digits and '-', for example '\(spelling.lowercased().replacingOccurrences(of: "_", with: "-"))'"))
    }
}
