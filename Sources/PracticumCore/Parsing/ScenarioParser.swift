/// Parses `.scenario` text into a `ScenarioSyntax`, recovering from errors so that
/// one run reports every problem of a file.
///
/// Grammar, one construct per line (indentation is spaces; `//` lines are comments):
///
///     file        := header scene*
///     header      := (KEY ":" VALUE | "objectives:" objective* | finding | "var" NAME "=" VALUE | expectation)*
///     finding     := "finding" ID ("[" KIND "]")? ":" TEXT ("  safe when:" CONDITION)?
///     objective   := "  - " TEXT ("[shown by:" NAME ("," NAME)* "]")?
///     expectation := "expect" NAME "(" SEVERITY ")" ":" CONDITION
///                    ("  because:" TEXT ("    " MORE)* | "  principle:" NAME | "  phase:" NAME
///                     | "  when:" CONDITION)*
///     scene       := "==" NAME ("[crisis]" | "[ending:" OUTCOME "]")* (text | "reflect:" PROMPT)* (choice* | "->" NAME)
///     text        := ("[if" CONDITION "]")? TEXT          -- blank lines separate paragraphs
///     choice      := "*" TEXT ("  " TEXT)* attribute*
///     attribute   := "  " KEY ":" VALUE ("    " MORE)* | "  once" | "  pinned" | "  ->" NAME
///
/// The parser knows the shape of lines only; names are resolved by `ScenarioChecker`.
///
/// It reads the text's UTF-8 bytes in place, one line at a time, makes a `String` only for text
/// the model keeps, interns every name, and appends scenes' parts to the tree's flat arrays.
public struct ScenarioParser {
    /// The header keys the format knows.
    public static let headerKeys = [
        "title", "id", "language", "level", "client", "setting", "minutes", "author", "version", "objectives",
        "start", "weights", "content-warning",
    ]
    /// The keys of the indented lines under an `expect` line.
    public static let expectationKeys = ["because", "principle", "phase", "when"]
    /// The choice attribute keys the format knows (besides `once`, `pinned` and `-> NAME`).
    public static let attributeKeys = [
        "phase", "quality", "intervention", "upholds", "violates", "reveals", "addresses", "requires", "set",
        "feedback",
    ]

    private let bytes: SourceBytes
    private var syntax: ScenarioSyntax
    private var diagnostics: DiagnosticCollector
    /// The line being parsed.
    private var line = SourceLine(index: 0, start: 0, isASCII: true)
    /// What an indented line continues, if anything.
    private var continuation: Continuation = .none
    /// Whether the next scene text line continues the current paragraph.
    private var paragraphOpen = false
    /// Where an objective's `[shown by: ...]` list was opened, while it is open (continued on the next line).
    private var shownByOpenedAt: SourceLocation?
    private var shownByOpen: Bool {
        get { shownByOpenedAt != nil }
        set { if !newValue { shownByOpenedAt = nil } }
    }
    /// Attribute keys already seen on the current choice, one bit per `AttributeKey`.
    private var seenAttributes: UInt32 = 0
    /// The condition parser's token buffer, reused for every condition.
    private var conditionTokens: [ConditionParser.Token] = []

    private enum Continuation: Equatable {
        case none
        case headerValue(Int)
        case objectives
        case objective(Int)
        /// The choice's text, before any attribute.
        case choiceText
        /// A choice attribute, with the indentation of its key.
        case attribute(AttributeKey, indent: Int)
        /// The lines under an `expect` line (the index of the expectation), before or between its keys.
        case expectation(Int)
        /// An expectation's key line, with the indentation of its key; `because:` continues deeper.
        case expectationKey(ExpectationKey, expectation: Int, indent: Int)
        /// The lines under a `finding` line (the index of the finding): its `safe when:`.
        case finding(Int)
    }

    /// A key of the indented lines under an `expect` line (`expectationKeys`, in order).
    enum ExpectationKey: Int {
        case because, principle, phase, when
    }

    /// A choice attribute: the keys of `attributeKeys` in their order, then `once`, `->` and `pinned`.
    /// The raw value is the attribute's bit in `seenAttributes` and `ChoiceSyntax.writtenAttributes`.
    enum AttributeKey: Int {
        case phase, quality, intervention, upholds, violates, reveals, addresses, requires, set, feedback, once, target,
            pinned

        /// The key as written.
        var spelling: String {
            switch self {
            case .once: return "once"
            case .target: return "->"
            case .pinned: return "pinned"
            default: return ScenarioParser.attributeKeys[rawValue]
            }
        }

        /// The `KEY:` attribute these bytes spell (one of `attributeKeys`; not `once` or `->`).
        init?(_ bytes: SourceBytes, _ range: Range<Int>) {
            switch range.count {
            case 3 where bytes.equals(range, "set"): self = .set
            case 5 where bytes.equals(range, "phase"): self = .phase
            case 7 where bytes.equals(range, "quality"): self = .quality
            case 7 where bytes.equals(range, "upholds"): self = .upholds
            case 7 where bytes.equals(range, "reveals"): self = .reveals
            case 8 where bytes.equals(range, "violates"): self = .violates
            case 8 where bytes.equals(range, "requires"): self = .requires
            case 8 where bytes.equals(range, "feedback"): self = .feedback
            case 9 where bytes.equals(range, "addresses"): self = .addresses
            case 12 where bytes.equals(range, "intervention"): self = .intervention
            default: return nil
            }
        }
    }

    /// Parses a file's text. Always returns a tree; the diagnostics say what was wrong (at most
    /// `DiagnosticCollector.defaultLimit` of them).
    public static func parse(_ text: String, file: String) -> (syntax: ScenarioSyntax, diagnostics: [Diagnostic]) {
        let (syntax, collector) = parse(text, file: file, collecting: DiagnosticCollector())
        return (syntax, collector.kept)
    }

    /// Parses a file's text, adding what is wrong to `collector` (which keeps a bounded number).
    public static func parse(
        _ text: String, file: String, collecting collector: DiagnosticCollector
    ) -> (syntax: ScenarioSyntax, diagnostics: DiagnosticCollector) {
        SourceBytes.withBytes(of: text) { bytes in
            var parser = ScenarioParser(bytes: bytes, file: file, collecting: collector)
            parser.parseLines()
            return (parser.syntax, parser.diagnostics)
        }
    }

    private init(bytes: SourceBytes, file: String, collecting collector: DiagnosticCollector) {
        self.bytes = bytes
        self.syntax = ScenarioSyntax(file: file)
        self.diagnostics = collector
    }

    // MARK: Positions

    /// The location of a byte offset on the current line.
    private func location(_ offset: Int) -> SourceLocation {
        SourceLocation(file: syntax.file, line: line.index + 1, column: line.column(of: offset, in: bytes))
    }

    /// The span of a byte range on the current line.
    private func span(_ range: Range<Int>) -> SourceSpan {
        line.span(range, in: bytes)
    }

    /// The number of characters in a byte range on the current line.
    private func characterCount(_ range: Range<Int>) -> Int {
        line.isASCII ? range.count : bytes.characterCount(range)
    }

    /// A byte range of the current line as an interned name with its span.
    private mutating func intern(_ range: Range<Int>) -> NameSyntax {
        NameSyntax(name: syntax.names.id(for: bytes.slice(range)), span: span(range))
    }

    private mutating func report(
        _ code: DiagnosticCode, _ message: String, offset: Int, length: Int = 1, hint: String? = nil
    ) {
        diagnostics.append(Diagnostic(code, message, at: location(offset), length: length, hint: hint))
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: syntax.location(span), length: Int(span.length), hint: hint))
    }

    // MARK: Lines

    private mutating func parseLines() {
        var start = 0
        var index = 0
        var lastLine: Range<Int>?
        while start < bytes.count {
            let (range, next) = bytes.line(from: start)
            line = SourceLine(index: index, start: range.lowerBound, isASCII: bytes.isASCII(range))
            parseLine(range)
            lastLine = range
            start = next
            index += 1
        }
        if syntax.sceneDefinitions.isEmpty {
            // `line` is still the last line, if there was one.
            diagnostics.append(
                Diagnostic(
                    .noScenes, "the case has no scenes",
                    at: lastLine.map { location($0.upperBound) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                    hint: "start a scene with a line '== NAME', for example '== intake'"))
        }
    }

    private mutating func parseLine(_ range: Range<Int>) {
        var index = range.lowerBound
        var indent = 0
        while index < range.upperBound, bytes[index] == 0x20 || bytes[index] == 0x09 {
            if bytes[index] == 0x09 {
                report(
                    .tabIndentation, "tab in indentation", offset: index,
                    hint: "indent with spaces: two for a choice's attributes, more to continue a value")
                indent += 2
            } else {
                indent += 1
            }
            index += 1
        }
        if index == range.upperBound {
            blankLine()
            return
        }
        if bytes.hasPrefix("//", at: index, end: range.upperBound) { return }
        let content = index..<range.upperBound
        if indent == 0 {
            if bytes.hasPrefix("==", at: index, end: range.upperBound) {
                parseSceneHeader(content)
            } else if syntax.sceneDefinitions.isEmpty {
                parseHeaderLine(content)
            } else {
                parseSceneLine(content)
            }
        } else if syntax.sceneDefinitions.isEmpty {
            parseIndentedHeaderLine(content, indent: indent)
        } else if syntax.sceneDefinitions[syntax.sceneDefinitions.count - 1].choices.isEmpty {
            parseSceneLine(content)
        } else {
            parseChoiceLine(content, indent: indent)
        }
    }

    /// Reports a `[shown by:` list that its objective never closed.
    private mutating func closeShownBy() {
        guard let opened = shownByOpenedAt else { return }
        diagnostics.append(
            Diagnostic(
                .malformedLine, "'[shown by:' without a closing ']'", at: opened, length: 10,
                hint: "end the list of expectations with ']': '[shown by: asked-directly, safety-plan]'"))
        shownByOpenedAt = nil
    }

    private mutating func blankLine() {
        closeShownBy()
        paragraphOpen = false
        switch continuation {
        case .choiceText, .attribute: continuation = .none
        case .headerValue, .objective: continuation = .none
        case .expectationKey(_, let expectation, _): continuation = .expectation(expectation)
        default: break
        }
    }

    // MARK: Header

    private mutating func parseHeaderLine(_ content: Range<Int>) {
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
            let suggestion = Suggestion.closest(to: key, in: Self.headerKeys + ["finding", "var", "expect"])
            report(
                .unknownHeaderKey, "unknown header key '\(key)'", offset: content.lowerBound,
                length: Int(keySpan.length),
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: " + Self.headerKeys.joined(separator: ", "))
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

    private mutating func parseIndentedHeaderLine(_ content: Range<Int>, indent: Int) {
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
    private mutating func splitShownBy(_ range: Range<Int>) -> (words: Range<Int>, shownBy: [NameSyntax]) {
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
    private mutating func parseExpectation(_ range: Range<Int>) {
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
            report(
                .unknownSeverity, "expectation '\(syntax.string(name.name))' has no severity", offset: index,
                hint: "add (minor), (major) or (critical) after the name: 'expect \(syntax.string(name.name)) (major): ...'")
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
            report(.malformedLine, "expectation '\(syntax.string(name.name))' has no condition", offset: index, hint: example)
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
    private mutating func parseExpectationLine(_ content: Range<Int>, expectation index: Int, indent: Int) {
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
    private mutating func parseFindingLine(_ content: Range<Int>, finding index: Int) {
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

    private mutating func parseFinding(_ range: Range<Int>) {
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
            report(.malformedLine, "finding '\(syntax.string(id.name))' has no text", offset: colon)
        }
        syntax.findings.append(FindingSyntax(id: id, text: bytes.string(text), kind: kind))
        continuation = .finding(syntax.findings.count - 1)
    }

    private mutating func parseVariable(_ range: Range<Int>) {
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
            report(
                .invalidValue, "'\(bytes.string(valueRange))' is not an integer or a boolean",
                offset: valueRange.isEmpty ? equals : valueRange.lowerBound, length: characterCount(valueRange),
                hint: "a variable starts as a whole number ('var trust = 1') or as true or false")
            return
        }
        syntax.variables.append(VariableSyntax(name: name, value: value))
    }

    /// Reports a name that is not lowercase letters, digits and '-'.
    private mutating func checkName(_ name: NameSyntax, _ range: Range<Int>, what: String) {
        guard !SourceBytes.isValidName(bytes.slice(range)) else { return }
        let spelling = syntax.string(name.name)
        diagnostics.append(
            Diagnostic(
                .invalidName, "invalid \(what) '\(spelling)'", at: syntax.location(name.span),
                length: Int(name.span.length),
                hint: "use lowercase letters, digits and '-', for example '\(spelling.lowercased().replacingOccurrences(of: "_", with: "-"))'"))
    }

    // MARK: Scenes

    private mutating func parseSceneHeader(_ content: Range<Int>) {
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
                report(
                    .malformedLine, "unknown scene marker '[\(bytes.string(tag))]'", offset: index,
                    length: characterCount(index..<close + 1),
                    hint: "a scene can be marked '[crisis]' or '[ending: OUTCOME]'")
            }
            index = close + 1
        }
        syntax.sceneDefinitions.append(scene)
    }

    private mutating func parseSceneLine(_ content: Range<Int>) {
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
    private enum SceneLineKey: String {
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
    private mutating func parseSceneLine(_ key: SceneLineKey, _ content: Range<Int>, scene sceneIndex: Int) {
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

    private mutating func parseTextLine(_ content: Range<Int>) -> TextLineSyntax? {
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

    /// Appends the `{name}` placeholders of a stretch of text to the tree and returns their range.
    private mutating func appendPlaceholders(in range: Range<Int>) -> Range<Int32> {
        let first = Int32(syntax.placeholders.count)
        var index = range.lowerBound
        while let brace = bytes.firstIndex(of: 0x7B, in: index..<range.upperBound) {
            let end = bytes.nameEnd(from: brace + 1, end: range.upperBound)
            if end > brace + 1, end < range.upperBound, bytes[end] == 0x7D {
                syntax.placeholders.append(intern(brace + 1..<end))
                index = end + 1
            } else {
                index = brace + 1
            }
        }
        return first..<Int32(syntax.placeholders.count)
    }

    private mutating func parseTarget(_ range: Range<Int>) -> NameSyntax? {
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

    // MARK: Choices

    private mutating func startChoice(_ content: Range<Int>) {
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
    private var currentChoice: Int { syntax.choices.count - 1 }

    private mutating func parseChoiceLine(_ content: Range<Int>, indent: Int) {
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
        let misspeltKey = isKeyLine
            ? Suggestion.closest(to: bytes.string(word), in: Self.attributeKeys + ["once", "pinned"]) : nil
        if continuation == .choiceText && misspeltKey == nil {
            let more = bytes.string(bytes.trimmed(content))
            syntax.choices[currentChoice].text += " " + more
            return
        }
        if isKeyLine {
            report(
                .unknownAttribute, "unknown choice attribute '\(bytes.string(word))'", offset: start,
                length: characterCount(word),
                hint: misspeltKey.map { "did you mean '\($0)'?" }
                    ?? "attributes: " + Self.attributeKeys.joined(separator: ", ") + ", once, pinned, -> SCENE")
        } else if bytes.equals(word, "once") || bytes.equals(word, "pinned") {
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
    private mutating func noteDuplicate(_ key: AttributeKey, offset: Int) -> Bool {
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

    private mutating func continueAttribute(_ key: AttributeKey, _ range: Range<Int>) {
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

    private mutating func parseAttribute(_ key: AttributeKey, _ range: Range<Int>) {
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

    private static func example(for key: AttributeKey) -> String {
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
    private mutating func appendListItems(_ kind: ListItemSyntax.Kind, _ range: Range<Int>) {
        let choice = currentChoice
        for item in ItemRanges(bytes, range) {
            guard bytes.nameEnd(from: item.lowerBound, end: item.upperBound) == item.upperBound else {
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
    private mutating func parseViolation(_ item: Range<Int>) -> ListItemSyntax? {
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
    private mutating func reportOutOfRange(_ valueRange: Range<Int>) -> Bool {
        let text = bytes.string(valueRange)
        guard Value.isOutOfRangeWholeNumber(text) else { return false }
        report(
            .invalidNumber, Value.outOfRangeMessage(text), offset: valueRange.lowerBound,
            length: characterCount(valueRange), hint: Value.outOfRangeHint)
        return true
    }

    private mutating func parseUpdate(_ range: Range<Int>) -> AssignmentSyntax? {
        let nameEnd = bytes.nameEnd(from: range.lowerBound, end: range.upperBound)
        var index = nameEnd
        while index < range.upperBound, bytes[index] == 0x20 { index += 1 }
        guard nameEnd > range.lowerBound, index < range.upperBound,
            bytes[index] == 0x2B || bytes[index] == 0x2D || bytes[index] == 0x3D
        else {
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

/// The comma-separated pieces of a value, trimmed, empty ones (a trailing comma) skipped.
private struct ItemRanges: Sequence, IteratorProtocol {
    let bytes: SourceBytes
    let end: Int
    /// Where the next piece starts; past `end` once the last piece is read.
    var start: Int

    init(_ bytes: SourceBytes, _ range: Range<Int>) {
        self.bytes = bytes
        self.end = range.upperBound
        self.start = range.lowerBound
    }

    mutating func next() -> Range<Int>? {
        while start <= end {
            let comma = bytes.firstIndex(of: 0x2C, in: start..<end) ?? end
            let item = bytes.trimmed(start..<comma)
            start = comma + 1
            if !item.isEmpty { return item }
        }
        return nil
    }
}
