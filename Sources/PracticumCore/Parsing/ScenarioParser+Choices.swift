/// Choices: the `*` line and its attributes (`phase:`, `quality:`, `set:`, `once`, `-> NAME` and the rest).
extension ScenarioParser {
    // MARK: Choices

    mutating func startChoice(_ content: Range<Int>) {
        let textRange = bytes.trimmed(content.lowerBound + 1..<content.upperBound)
        let text = textRange.isEmpty ? "" : bytes.string(textRange)
        let textSpan = textRange.isEmpty
            ? SourceSpan(line: line.index + 1, column: line.column(of: content.lowerBound, in: bytes), length: 1)
            : span(textRange)
        if textRange.isEmpty {
            report(.malformedLine, "a choice needs text after '*'", offset: content.lowerBound,
                hint: "write '* What the student can do'")
        }
        syntax.choices.append(
            ChoiceSyntax(
                text: text, textSpan: textSpan, items: Int32(syntax.items.count), updates: Int32(syntax.updates.count)))
        let sceneIndex = syntax.sceneDefinitions.count - 1
        syntax.sceneDefinitions[sceneIndex].choices = syntax.sceneDefinitions[sceneIndex].choices.lowerBound..<Int32(syntax.choices.count)
        seenAttributes = 0
        continuation = .choiceText
        paragraphOpen = false
    }

    /// The index of the choice being parsed (the last one).
    var currentChoice: Int { syntax.choices.count - 1 }

    mutating func parseChoiceLine(_ content: Range<Int>, indent: Int) {
        let start = content.lowerBound
        let end = content.upperBound
        // A value continues on lines indented deeper than its key.
        if case .attribute(let key, let keyIndent) = continuation, indent > keyIndent {
            continueAttribute(key, bytes.trimmed(content))
            return
        }
        if bytes.hasPrefix("->", at: start, end: end) {
            if noteDuplicate(.target, offset: start) { return }
            continuation = .attribute(.target, indent: indent)
            guard let target = parseTarget(start + 2..<end) else { return }
            syntax.choices[currentChoice].target = target
            return
        }
        let keyEnd = bytes.nameEnd(from: start, end: end)
        let word = start..<keyEnd
        let isBareWord = bytes.withoutTrailingComment(content).upperBound == keyEnd
        if isBareWord && bytes.equals(word, "once") {
            if noteDuplicate(.once, offset: start) { return }
            syntax.choices[currentChoice].once = true
            continuation = .attribute(.once, indent: indent)
            return
        }
        if isBareWord && bytes.equals(word, "pinned") {
            if noteDuplicate(.pinned, offset: start) { return }
            syntax.choices[currentChoice].pinned = true
            continuation = .attribute(.pinned, indent: indent)
            return
        }
        let isKeyLine = keyEnd > start && keyEnd < end && bytes[keyEnd] == 0x3A
        if isKeyLine, let key = AttributeKey(bytes, word) {
            if noteDuplicate(key, offset: start) { return }
            continuation = .attribute(key, indent: indent)
            parseAttribute(key, bytes.trimmed(keyEnd + 1..<end))
            return
        }
        // Before the first attribute, a line is more choice text, unless it is a misspelt attribute key.
        if continuation == .choiceText
            && (!isKeyLine || Suggestion.closest(to: bytes.string(word), in: Self.suggestedAttributeKeys) == nil)
        {
            let more = bytes.string(bytes.trimmed(content))
            syntax.choices[currentChoice].text += " " + more
            return
        }
        if isKeyLine {
            // The closest key is looked for again only for a diagnostic that is kept.
            let bytes = self.bytes
            report(
                .unknownAttribute, "unknown choice attribute '\(bytes.string(word))'", offset: start,
                length: characterCount(word),
                hint: Suggestion.closest(to: bytes.string(word), in: Self.suggestedAttributeKeys).map { "did you mean '\($0)'?" }
                    ?? "attributes: " + Self.attributeKeys.joined(separator: ", ") + ", once, pinned, -> SCENE")
        } else if bytes.equals(word, "once") || bytes.equals(word, "pinned") {
            let bytes = self.bytes
            report(
                .malformedLine, "'\(bytes.string(word))' takes no value", offset: keyEnd,
                length: characterCount(keyEnd..<end))
        } else {
            report(
                .malformedLine, "expected a choice attribute", offset: start, length: characterCount(content),
                hint: "attribute lines look like 'phase: assessment'; to continue a value, indent it deeper than its key"
                    + (indent == 2 ? "" : "; choice attributes are indented two spaces"))
        }
    }

    /// Reports a repeated attribute; returns true when it was one.
    mutating func noteDuplicate(_ key: AttributeKey, offset: Int) -> Bool {
        let bit: UInt32 = 1 << UInt32(key.rawValue)
        guard seenAttributes & bit != 0 else {
            seenAttributes |= bit
            syntax.choices[currentChoice].writtenAttributes = seenAttributes
            return false
        }
        report(
            .duplicateAttribute, "the choice already has '\(key.spelling)'", offset: offset,
            length: key.spelling.count,
            hint: "give each attribute once; lists take commas: 'upholds: dignity, confidentiality'")
        return true
    }

    mutating func continueAttribute(_ key: AttributeKey, _ range: Range<Int>) {
        switch key {
        case .feedback:
            let more = bytes.string(range)
            let feedback = syntax.choices[currentChoice].feedback
            syntax.choices[currentChoice].feedback = (feedback.map { $0 + " " } ?? "") + more
        case .upholds, .violates, .reveals, .addresses, .set:
            parseAttribute(key, range)
        default:
            report(
                .malformedLine, "'\(key.spelling)' does not continue on another line", offset: range.lowerBound,
                length: characterCount(range),
                hint: "only feedback and lists (upholds, violates, reveals, addresses, set) continue on deeper-indented lines")
        }
    }

    mutating func parseAttribute(_ key: AttributeKey, _ range: Range<Int>) {
        let value = key == .feedback ? range : bytes.withoutTrailingComment(range)
        if value.isEmpty && key != .feedback {
            report(.malformedLine, "'\(key.spelling):' needs a value", offset: range.lowerBound,
                hint: "for example '\(Self.example(for: key))'")
            return
        }
        let choice = currentChoice
        switch key {
        case .phase:
            syntax.choices[choice].phase = intern(value)
        case .intervention:
            syntax.choices[choice].intervention = intern(value)
        case .quality:
            guard case .int(let number)? = Value(literal: bytes.slice(value)) else {
                let bytes = self.bytes
                report(
                    .invalidNumber, "quality must be a whole number, found '\(bytes.string(value))'",
                    offset: value.lowerBound, length: characterCount(value),
                    hint: "quality runs from -2 (harmful) to +2 (exemplary)")
                return
            }
            syntax.choices[choice].quality = number
            syntax.choices[choice].qualitySpan = span(value)
        case .upholds: appendListItems(.upholds, value)
        case .reveals: appendListItems(.reveals, value)
        case .addresses: appendListItems(.addresses, value)
        case .violates:
            for item in ItemRanges(bytes, value) {
                if let violation = parseViolation(item) { syntax.items.append(violation) }
            }
            syntax.choices[choice].items = syntax.choices[choice].items.lowerBound..<Int32(syntax.items.count)
        case .requires:
            switch ConditionParser.parse(bytes, line: line, range: value, into: &syntax, tokens: &conditionTokens) {
            case .success(let condition): syntax.choices[choice].requires = condition
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        case .set:
            for item in ItemRanges(bytes, value) {
                if let update = parseUpdate(item) { syntax.updates.append(update) }
            }
            syntax.choices[choice].updates = syntax.choices[choice].updates.lowerBound..<Int32(syntax.updates.count)
        case .feedback:
            syntax.choices[choice].feedback = bytes.string(value)
        case .once, .target, .pinned:
            break
        }
    }

    static func example(for key: AttributeKey) -> String {
        switch key {
        case .phase: return "phase: assessment"
        case .quality: return "quality: +1"
        case .intervention: return "intervention: case-management"
        case .upholds: return "upholds: dignity, informed-consent"
        case .violates: return "violates: confidentiality (critical)"
        case .reveals, .addresses: return "\(key.spelling): eviction"
        case .requires: return "requires: trust >= 2"
        case .set: return "set: trust + 1"
        default: return "\(key.spelling): ..."
        }
    }

    /// Appends the names of an `upholds:`, `reveals:` or `addresses:` value to the current choice.
    mutating func appendListItems(_ kind: ListItemSyntax.Kind, _ range: Range<Int>) {
        let choice = currentChoice
        for item in ItemRanges(bytes, range) {
            guard bytes.nameEnd(from: item.lowerBound, end: item.upperBound) == item.upperBound else {
                let bytes = self.bytes
                report(
                    .malformedLine, "'\(bytes.string(item))' is not a single name", at: span(item),
                    hint: "separate names with commas: 'dignity, confidentiality'")
                continue
            }
            syntax.items.append(ListItemSyntax(kind: kind, name: intern(item)))
        }
        syntax.choices[choice].items = syntax.choices[choice].items.lowerBound..<Int32(syntax.items.count)
    }

    /// `principle (severity)`, from the bytes of one list item.
    mutating func parseViolation(_ item: Range<Int>) -> ListItemSyntax? {
        guard let open = bytes.firstIndex(of: 0x28, in: item), bytes[item.upperBound - 1] == 0x29 else {
            let text = bytes.string(item)
            report(
                .unknownSeverity, "'\(text)' has no severity", at: span(item),
                hint: "add one of (minor), (major), (critical): '\(text) (major)'")
            return nil
        }
        let principle = bytes.trimmed(item.lowerBound..<open)
        let severity = bytes.trimmed(open + 1..<item.upperBound - 1)
        if principle.isEmpty || bytes.nameEnd(from: principle.lowerBound, end: principle.upperBound) != principle.upperBound {
            let bytes = self.bytes
            report(
                .malformedLine, "'\(bytes.string(principle))' is not a single principle name", at: span(principle),
                hint: "write 'violates: confidentiality (critical), dignity (minor)'")
            return nil
        }
        // An empty severity is located just inside the parentheses.
        return ListItemSyntax(
            kind: .violates, name: intern(principle), severity: intern(severity.isEmpty ? open + 1..<open + 1 : severity))
    }

    /// Reports a whole number that does not fit 64 bits (`invalid-number`, naming the range) and says
    /// whether it did, so no such literal is read as something else or reported as a mere typo.
    mutating func reportOutOfRange(_ valueRange: Range<Int>) -> Bool {
        let text = bytes.string(valueRange)
        guard Value.isOutOfRangeWholeNumber(text) else { return false }
        report(
            .invalidNumber, Value.outOfRangeMessage(text), offset: valueRange.lowerBound,
            length: characterCount(valueRange), hint: Value.outOfRangeHint)
        return true
    }

    mutating func parseUpdate(_ range: Range<Int>) -> AssignmentSyntax? {
        let nameEnd = bytes.nameEnd(from: range.lowerBound, end: range.upperBound)
        var index = nameEnd
        while index < range.upperBound, bytes[index] == 0x20 { index += 1 }
        guard nameEnd > range.lowerBound, index < range.upperBound,
            bytes[index] == 0x2B || bytes[index] == 0x2D || bytes[index] == 0x3D
        else {
            let bytes = self.bytes
            report(
                .invalidUpdate, "expected 'NAME + N', 'NAME - N' or 'NAME = VALUE', found '\(bytes.string(range))'",
                offset: range.lowerBound, length: characterCount(range), hint: "for example 'set: trust + 1, called = true'")
            return nil
        }
        let op = bytes[index]
        let valueRange = bytes.trimmed(index + 1..<range.upperBound)
        let valueOffset = valueRange.isEmpty ? index : valueRange.lowerBound
        let variable = intern(range.lowerBound..<nameEnd)
        let operation: Assignment.Operation
        if op == 0x3D {
            guard let value = Value(literal: bytes.slice(valueRange)) else {
                if reportOutOfRange(valueRange) { return nil }
                let bytes = self.bytes
                report(
                    .invalidValue, "'\(bytes.string(valueRange))' is not an integer or a boolean", offset: valueOffset,
                    length: characterCount(valueRange), hint: "for example 'called = true' or 'stage = 2'")
                return nil
            }
            operation = .assign(value)
        } else {
            let signed = !valueRange.isEmpty && (bytes[valueRange.lowerBound] == 0x2D || bytes[valueRange.lowerBound] == 0x2B)
            guard case .int(let amount)? = Value(literal: bytes.slice(valueRange)), !signed else {
                if !signed && reportOutOfRange(valueRange) { return nil }
                let bytes = self.bytes
                report(
                    .invalidNumber,
                    "expected a whole number after '\(op == 0x2B ? "+" : "-")', found '\(bytes.string(valueRange))'",
                    offset: valueOffset, length: characterCount(valueRange), hint: "for example 'trust + 1'")
                return nil
            }
            operation = .add(op == 0x2B ? amount : -amount)
        }
        return AssignmentSyntax(
            assignment: Assignment(variable: syntax.string(variable.name), operation: operation), variable: variable,
            valueSpan: SourceSpan(
                line: line.index + 1, column: line.column(of: valueOffset, in: bytes),
                length: characterCount(valueRange)))
    }
}
