/// Parses `.scenario` text into a `ScenarioSyntax`, recovering from errors so that
/// one run reports every problem of a file.
///
/// Grammar, one construct per line (indentation is spaces; `//` lines are comments):
///
///     file        := header scene*
///     header      := (KEY ":" VALUE | "objectives:" ("  - " TEXT)* | "finding" ID ":" TEXT
///                    | "var" NAME "=" VALUE)*
///     scene       := "==" NAME ("[crisis]" | "[ending:" OUTCOME "]")* text* (choice* | "->" NAME)
///     text        := ("[if" CONDITION "]")? TEXT          -- blank lines separate paragraphs
///     choice      := "*" TEXT ("  " TEXT)* attribute*
///     attribute   := "  " KEY ":" VALUE ("    " MORE)* | "  once" | "  ->" NAME
///
/// The parser knows the shape of lines only; names are resolved by `ScenarioChecker`.
public struct ScenarioParser {
    /// The header keys the format knows.
    public static let headerKeys = [
        "title", "id", "language", "level", "client", "setting", "minutes", "author", "version", "objectives",
        "start", "weights",
    ]
    /// The choice attribute keys the format knows (besides `once` and `-> NAME`).
    public static let attributeKeys = [
        "phase", "quality", "intervention", "upholds", "violates", "reveals", "addresses", "requires", "set",
        "feedback",
    ]

    private let source: SourceText
    /// The file's bytes (the same storage as `source.bytes`, held here so hot loops do not retain it per access).
    private let bytes: [UInt8]
    private var syntax: ScenarioSyntax
    private var diagnostics: [Diagnostic] = []
    /// What an indented line continues, if anything.
    private var continuation: Continuation = .none
    /// Whether the next scene text line starts a new paragraph.
    private var paragraphOpen = false
    /// Attribute keys already seen on the current choice, one bit per key of `attributeKeys` (then `once`, `->`).
    private var seenAttributes: UInt32 = 0

    private enum Continuation: Equatable {
        case none
        case headerValue(Int)
        case objectives
        case objective(Int)
        /// The choice's text, before any attribute.
        case choiceText
        /// A choice attribute, with the indentation of its key.
        case attribute(String, indent: Int)
    }

    /// Parses a file's text. Always returns a tree; the diagnostics say what was wrong.
    public static func parse(_ text: String, file: String) -> (syntax: ScenarioSyntax, diagnostics: [Diagnostic]) {
        var parser = ScenarioParser(source: SourceText(file: file, text: text))
        parser.parseLines()
        return (parser.syntax, parser.diagnostics)
    }

    private init(source: SourceText) {
        self.source = source
        self.bytes = source.bytes
        self.syntax = ScenarioSyntax(file: source.file)
    }


    private mutating func report(
        _ code: DiagnosticCode, _ message: String, line: Int, offset: Int, length: Int = 1, hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(code, message, at: source.location(line: line, offset: offset), length: length, hint: hint))
    }

    private mutating func parseLines() {
        for line in source.lines.indices {
            let range = source.lines[line]
            var index = range.lowerBound
            var indent = 0
            while index < range.upperBound, bytes[index] == 0x20 || bytes[index] == 0x09 {
                if bytes[index] == 0x09 {
                    report(
                        .tabIndentation, "tab in indentation", line: line, offset: index,
                        hint: "indent with spaces: two for a choice's attributes, more to continue a value")
                    indent += 2
                } else {
                    indent += 1
                }
                index += 1
            }
            if index == range.upperBound {
                blankLine()
                continue
            }
            if source.hasPrefix("//", at: index, end: range.upperBound) { continue }
            let content = index..<range.upperBound
            if indent == 0 {
                if source.hasPrefix("==", at: index, end: range.upperBound) {
                    parseSceneHeader(line: line, content: content)
                } else if syntax.scenes.isEmpty {
                    parseHeaderLine(line: line, content: content)
                } else {
                    parseSceneLine(line: line, content: content)
                }
            } else if syntax.scenes.isEmpty {
                parseIndentedHeaderLine(line: line, content: content)
            } else if syntax.scenes[syntax.scenes.count - 1].choices.isEmpty {
                parseSceneLine(line: line, content: content)
            } else {
                parseChoiceLine(line: line, content: content, indent: indent)
            }
        }
        if syntax.scenes.isEmpty {
            let line = max(0, source.lines.count - 1)
            let offset = source.lines.isEmpty ? 0 : source.lines[line].upperBound
            diagnostics.append(
                Diagnostic(
                    .noScenes, "the case has no scenes",
                    at: source.lines.isEmpty
                        ? SourceLocation(file: source.file, line: 1, column: 1)
                        : source.location(line: line, offset: offset),
                    hint: "start a scene with a line '== NAME', for example '== intake'"))
        }
    }

    private mutating func blankLine() {
        paragraphOpen = false
        switch continuation {
        case .choiceText, .attribute: continuation = .none
        case .headerValue, .objective: continuation = .none
        default: break
        }
    }

    // MARK: Header

    private mutating func parseHeaderLine(line: Int, content: Range<Int>) {
        continuation = .none
        let end = content.upperBound
        if source.hasPrefix("finding ", at: content.lowerBound, end: end) {
            parseFinding(line: line, range: content.lowerBound + 8..<end)
            return
        }
        if source.hasPrefix("var ", at: content.lowerBound, end: end) {
            parseVariable(line: line, range: content.lowerBound + 4..<end)
            return
        }
        let keyEnd = source.nameEnd(from: content.lowerBound, end: end)
        guard keyEnd > content.lowerBound, keyEnd < end, bytes[keyEnd] == 0x3A else {
            report(
                .malformedLine, "expected a header line", line: line, offset: content.lowerBound,
                length: source.characterCount(content),
                hint: "the header holds 'key: value', 'finding ID: text' and 'var NAME = VALUE' lines; scenes start with '== NAME'")
            return
        }
        let key = source.located(content.lowerBound..<keyEnd, line: line)
        guard Self.headerKeys.contains(key.value) else {
            let suggestion = Suggestion.closest(to: key.value, in: Self.headerKeys + ["finding", "var"])
            report(
                .unknownHeaderKey, "unknown header key '\(key.value)'", line: line, offset: content.lowerBound,
                length: key.length,
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: " + Self.headerKeys.joined(separator: ", "))
            return
        }
        let valueRange = source.withoutTrailingComment(keyEnd + 1..<end)
        let value = valueRange.isEmpty
            ? Located("", at: source.location(line: line, offset: keyEnd + 1))
            : source.located(valueRange, line: line)
        if let first = syntax.header.first(where: { $0.key.value == key.value }) {
            diagnostics.append(
                Diagnostic(
                    .duplicateHeaderKey, "header key '\(key.value)' is given twice", at: key.location,
                    length: key.length, notes: [.init("first given here", at: first.key.location)]))
            return
        }
        syntax.header.append(HeaderEntrySyntax(key: key, value: value))
        continuation = key.value == "objectives" ? .objectives : .headerValue(syntax.header.count - 1)
    }

    private mutating func parseIndentedHeaderLine(line: Int, content: Range<Int>) {
        let text = source.withoutTrailingComment(content)
        switch continuation {
        case .objectives, .objective:
            if bytes[text.lowerBound] == 0x2D {
                let item = source.trimmed(text.lowerBound + 1..<text.upperBound)
                guard !item.isEmpty else {
                    report(.malformedLine, "empty objective", line: line, offset: text.lowerBound)
                    return
                }
                syntax.objectives.append(source.located(item, line: line))
                continuation = .objective(syntax.objectives.count - 1)
            } else if case .objective(let index) = continuation {
                syntax.objectives[index].value += " " + source.string(text)
            } else {
                report(
                    .malformedLine, "expected an objective starting with '- '", line: line, offset: text.lowerBound,
                    length: source.characterCount(text), hint: "list objectives as '  - Assess needs before acting'")
            }
        case .headerValue(let index):
            let joiner = syntax.header[index].value.value.isEmpty ? "" : " "
            syntax.header[index].value.value += joiner + source.string(text)
        default:
            report(
                .malformedLine, "unexpected indented line in the header", line: line, offset: content.lowerBound,
                length: source.characterCount(text),
                hint: "indented lines continue the header value above them or list objectives")
        }
    }

    private mutating func parseFinding(line: Int, range: Range<Int>) {
        let start = source.trimmed(range).lowerBound
        let nameEnd = source.nameEnd(from: start, end: range.upperBound)
        guard nameEnd > start, nameEnd < range.upperBound, bytes[nameEnd] == 0x3A else {
            report(
                .malformedLine, "expected 'finding ID: text'", line: line, offset: start,
                hint: "for example 'finding eviction: Eviction hearing in 12 days'")
            return
        }
        let id = source.located(start..<nameEnd, line: line)
        checkName(id, what: "finding id")
        let text = source.withoutTrailingComment(nameEnd + 1..<range.upperBound)
        if text.isEmpty {
            report(.malformedLine, "finding '\(id.value)' has no text", line: line, offset: nameEnd)
        }
        syntax.findings.append(FindingSyntax(id: id, text: source.string(text)))
    }

    private mutating func parseVariable(line: Int, range: Range<Int>) {
        let start = source.trimmed(range).lowerBound
        let nameEnd = source.nameEnd(from: start, end: range.upperBound)
        var equals = nameEnd
        while equals < range.upperBound, bytes[equals] == 0x20 { equals += 1 }
        guard nameEnd > start, equals < range.upperBound, bytes[equals] == 0x3D else {
            report(
                .malformedLine, "expected 'var NAME = VALUE'", line: line, offset: start,
                hint: "for example 'var trust = 1' or 'var called = false'")
            return
        }
        let name = source.located(start..<nameEnd, line: line)
        checkName(name, what: "variable name")
        let valueRange = source.withoutTrailingComment(equals + 1..<range.upperBound)
        guard let value = Value(literal: source.string(valueRange)) else {
            report(
                .invalidValue, "'\(source.string(valueRange))' is not an integer or a boolean", line: line,
                offset: valueRange.isEmpty ? equals : valueRange.lowerBound,
                length: source.characterCount(valueRange),
                hint: "a variable starts as a whole number ('var trust = 1') or as true or false")
            return
        }
        syntax.variables.append(
            VariableSyntax(
                name: name,
                value: Located(
                    value, at: source.location(line: line, offset: valueRange.lowerBound),
                    length: source.characterCount(valueRange))))
    }

    private mutating func checkName(_ name: Located<String>, what: String) {
        guard !SourceText.isValidName(name.value) else { return }
        diagnostics.append(
            Diagnostic(
                .invalidName, "invalid \(what) '\(name.value)'", at: name.location, length: name.length,
                hint: "use lowercase letters, digits and '-', for example '\(name.value.lowercased().replacingOccurrences(of: "_", with: "-"))'"))
    }

    // MARK: Scenes

    private mutating func parseSceneHeader(line: Int, content: Range<Int>) {
        continuation = .none
        paragraphOpen = false
        let end = source.withoutTrailingComment(content).upperBound
        var index = content.lowerBound + 2
        while index < end, bytes[index] == 0x20 { index += 1 }
        let nameEnd = source.nameEnd(from: index, end: end)
        guard nameEnd > index else {
            report(
                .malformedLine, "expected a scene name after '=='", line: line, offset: index,
                hint: "for example '== intake' or '== safe-housing [ending: goals-met]'")
            return
        }
        let name = source.located(index..<nameEnd, line: line)
        checkName(name, what: "scene name")
        var scene = SceneSyntax(name: name)
        index = nameEnd
        while index < end {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            guard bytes[index] == 0x5B, let close = bytes[index..<end].firstIndex(of: 0x5D) else {
                report(
                    .malformedLine, "unexpected text after the scene name", line: line, offset: index,
                    length: source.characterCount(index..<end),
                    hint: "a scene line is '== NAME', optionally followed by '[crisis]' or '[ending: OUTCOME]'")
                break
            }
            let tag = source.trimmed(index + 1..<close)
            if source.string(tag) == "crisis" {
                scene.isCrisis = true
            } else if source.hasPrefix("ending:", at: tag.lowerBound, end: tag.upperBound) {
                let outcome = source.trimmed(tag.lowerBound + 7..<tag.upperBound)
                if outcome.isEmpty {
                    report(.malformedLine, "expected an outcome after 'ending:'", line: line, offset: close,
                        hint: "for example '[ending: goals-met]'")
                } else {
                    scene.ending = source.located(outcome, line: line)
                }
            } else {
                report(
                    .malformedLine, "unknown scene marker '[\(source.string(tag))]'", line: line, offset: index,
                    length: source.characterCount(index..<close + 1),
                    hint: "a scene can be marked '[crisis]' or '[ending: OUTCOME]'")
            }
            index = close + 1
        }
        syntax.scenes.append(scene)
    }

    private mutating func parseSceneLine(line: Int, content: Range<Int>) {
        let sceneIndex = syntax.scenes.count - 1
        let start = content.lowerBound
        if bytes[start] == 0x2A && (start + 1 == content.upperBound || bytes[start + 1] == 0x20) {
            startChoice(line: line, content: content)
            return
        }
        if source.hasPrefix("->", at: start, end: content.upperBound) {
            guard let target = parseTarget(line: line, range: start + 2..<content.upperBound) else { return }
            if let previous = syntax.scenes[sceneIndex].next {
                diagnostics.append(
                    Diagnostic(
                        .duplicateAttribute, "the scene already continues to '\(previous.value)'",
                        at: target.location, length: target.length))
            }
            syntax.scenes[sceneIndex].next = target
            return
        }
        if !syntax.scenes[sceneIndex].choices.isEmpty {
            report(
                .textAfterChoice, "scene text after a choice", line: line, offset: start,
                length: source.characterCount(content),
                hint: "put the scene's text before its first choice, or indent it two spaces to continue the choice")
            return
        }
        if syntax.scenes[sceneIndex].next != nil {
            report(
                .textAfterChoice, "scene text after '->'", line: line, offset: start,
                length: source.characterCount(content), hint: "'-> NAME' is the last line of a scene")
            return
        }
        guard let textLine = parseTextLine(line: line, content: content) else { return }
        if paragraphOpen, !syntax.scenes[sceneIndex].paragraphs.isEmpty {
            syntax.scenes[sceneIndex].paragraphs[syntax.scenes[sceneIndex].paragraphs.count - 1].append(textLine)
        } else {
            syntax.scenes[sceneIndex].paragraphs.append([textLine])
            paragraphOpen = true
        }
    }

    private mutating func parseTextLine(line: Int, content: Range<Int>) -> TextLineSyntax? {
        var textRange = content
        var condition: ConditionSyntax?
        if source.hasPrefix("[if ", at: content.lowerBound, end: content.upperBound) {
            guard let close = bytes[content].firstIndex(of: 0x5D) else {
                report(
                    .malformedLine, "'[if' without a closing ']'", line: line, offset: content.lowerBound,
                    length: 3, hint: "write '[if CONDITION] text shown when it holds'")
                return nil
            }
            switch ConditionParser.parse(source, line: line, range: source.trimmed(content.lowerBound + 4..<close)) {
            case .success(let parsed): condition = parsed
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
            textRange = source.trimmed(close + 1..<content.upperBound)
        }
        return TextLineSyntax(
            condition: condition, text: source.string(textRange),
            placeholders: source.placeholders(line: line, range: textRange))
    }

    private mutating func parseTarget(line: Int, range: Range<Int>) -> Located<String>? {
        let name = source.withoutTrailingComment(range)
        guard !name.isEmpty, source.nameEnd(from: name.lowerBound, end: name.upperBound) == name.upperBound else {
            report(
                .malformedLine, "expected a scene name after '->'", line: line,
                offset: name.isEmpty ? range.lowerBound : name.lowerBound, length: source.characterCount(name),
                hint: "for example '-> her-story'")
            return nil
        }
        let target = source.located(name, line: line)
        checkName(target, what: "scene name")
        return target
    }

    // MARK: Choices

    private mutating func startChoice(line: Int, content: Range<Int>) {
        let textRange = source.trimmed(content.lowerBound + 1..<content.upperBound)
        let text = textRange.isEmpty
            ? Located("", at: source.location(line: line, offset: content.lowerBound))
            : source.located(textRange, line: line)
        if textRange.isEmpty {
            report(.malformedLine, "a choice needs text after '*'", line: line, offset: content.lowerBound,
                hint: "write '* What the student can do'")
        }
        let sceneIndex = syntax.scenes.count - 1
        syntax.scenes[sceneIndex].choices.append(ChoiceSyntax(text: text))
        seenAttributes = 0
        continuation = .choiceText
        paragraphOpen = false
    }

    private mutating func withCurrentChoice(_ body: (inout ChoiceSyntax) -> Void) {
        let sceneIndex = syntax.scenes.count - 1
        body(&syntax.scenes[sceneIndex].choices[syntax.scenes[sceneIndex].choices.count - 1])
    }

    private mutating func parseChoiceLine(line: Int, content: Range<Int>, indent: Int) {
        let start = content.lowerBound
        let end = content.upperBound
        // A value continues on lines indented deeper than its key.
        if case .attribute(let key, let keyIndent) = continuation, indent > keyIndent {
            continueAttribute(key, line: line, range: source.trimmed(content))
            return
        }
        if source.hasPrefix("->", at: start, end: end) {
            guard let target = parseTarget(line: line, range: start + 2..<end) else { return }
            if noteDuplicate("->", line: line, offset: start) { return }
            withCurrentChoice { $0.target = target }
            continuation = .attribute("->", indent: indent)
            return
        }
        let keyEnd = source.nameEnd(from: start, end: end)
        let word = source.string(start..<keyEnd)
        if word == "once" && source.withoutTrailingComment(content).upperBound == keyEnd {
            if noteDuplicate("once", line: line, offset: start) { return }
            withCurrentChoice { $0.once = true }
            continuation = .attribute("once", indent: indent)
            return
        }
        let isKeyLine = keyEnd > start && keyEnd < end && bytes[keyEnd] == 0x3A
        if isKeyLine && Self.attributeKeys.contains(word) {
            if noteDuplicate(word, line: line, offset: start) { return }
            continuation = .attribute(word, indent: indent)
            parseAttribute(word, line: line, range: source.trimmed(keyEnd + 1..<end), keyOffset: start)
            return
        }
        // Before the first attribute, a line is more choice text, unless it is a misspelt attribute key.
        let misspeltKey = isKeyLine ? Suggestion.closest(to: word, in: Self.attributeKeys + ["once"]) : nil
        if continuation == .choiceText && misspeltKey == nil {
            let more = source.string(source.trimmed(content))
            withCurrentChoice { $0.text.value += " " + more }
            return
        }
        if isKeyLine {
            let suggestion = Suggestion.closest(to: word, in: Self.attributeKeys + ["once"])
            report(
                .unknownAttribute, "unknown choice attribute '\(word)'", line: line, offset: start,
                length: source.characterCount(start..<keyEnd),
                hint: suggestion.map { "did you mean '\($0)'?" }
                    ?? "attributes: " + Self.attributeKeys.joined(separator: ", ") + ", once, -> SCENE")
        } else if word == "once" {
            report(.malformedLine, "'once' takes no value", line: line, offset: keyEnd,
                length: source.characterCount(keyEnd..<end))
        } else {
            report(
                .malformedLine, "expected a choice attribute", line: line, offset: start,
                length: source.characterCount(content),
                hint: "attribute lines look like 'phase: assessment'; to continue a value, indent it deeper than its key"
                    + (indent == 2 ? "" : "; choice attributes are indented two spaces"))
        }
    }

    /// Reports a repeated attribute; returns true when it was one.
    private mutating func noteDuplicate(_ key: String, line: Int, offset: Int) -> Bool {
        let bit: UInt32 = 1 << UInt32(Self.attributeKeys.firstIndex(of: key) ?? (key == "once" ? Self.attributeKeys.count : Self.attributeKeys.count + 1))
        guard seenAttributes & bit != 0 else {
            seenAttributes |= bit
            return false
        }
        report(
            .duplicateAttribute, "the choice already has '\(key)'", line: line, offset: offset,
            length: key.count, hint: "give each attribute once; lists take commas: 'upholds: dignity, confidentiality'")
        return true
    }

    private mutating func continueAttribute(_ key: String, line: Int, range: Range<Int>) {
        switch key {
        case "feedback":
            let more = source.string(range)
            withCurrentChoice { choice in
                choice.feedback = (choice.feedback.map { $0 + " " } ?? "") + more
            }
        case "upholds", "violates", "reveals", "addresses", "set":
            parseAttribute(key, line: line, range: range, keyOffset: range.lowerBound)
        default:
            report(
                .malformedLine, "'\(key)' does not continue on another line", line: line, offset: range.lowerBound,
                length: source.characterCount(range),
                hint: "only feedback and lists (upholds, violates, reveals, addresses, set) continue on deeper-indented lines")
        }
    }

    private mutating func parseAttribute(_ key: String, line: Int, range: Range<Int>, keyOffset: Int) {
        let value = key == "feedback" ? range : source.withoutTrailingComment(range)
        if value.isEmpty && key != "feedback" {
            report(.malformedLine, "'\(key):' needs a value", line: line, offset: range.lowerBound,
                hint: "for example '\(Self.example(for: key))'")
            return
        }
        switch key {
        case "phase":
            let phase = source.located(value, line: line)
            withCurrentChoice { $0.phase = phase }
        case "intervention":
            let kind = source.located(value, line: line)
            withCurrentChoice { $0.intervention = kind }
        case "quality":
            let text = source.string(value)
            guard case .int(let number)? = Value(literal: text) else {
                report(
                    .invalidNumber, "quality must be a whole number, found '\(text)'", line: line,
                    offset: value.lowerBound, length: source.characterCount(value),
                    hint: "quality runs from -2 (harmful) to +2 (exemplary)")
                return
            }
            let quality = Located(
                number, at: source.location(line: line, offset: value.lowerBound),
                length: source.characterCount(value))
            withCurrentChoice { $0.quality = quality }
        case "upholds", "reveals", "addresses":
            let items = listItems(line: line, range: value)
            withCurrentChoice { choice in
                switch key {
                case "upholds": choice.upholds += items
                case "reveals": choice.reveals += items
                default: choice.addresses += items
                }
            }
        case "violates":
            for item in itemRanges(value) {
                if let violation = parseViolation(item, line: line) {
                    withCurrentChoice { $0.violates.append(violation) }
                }
            }
        case "requires":
            switch ConditionParser.parse(source, line: line, range: value) {
            case .success(let condition): withCurrentChoice { $0.requires = condition }
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        case "set":
            for item in itemRanges(value) {
                if let update = parseUpdate(line: line, range: item) {
                    withCurrentChoice { $0.updates.append(update) }
                }
            }
        case "feedback":
            let text = source.string(value)
            withCurrentChoice { $0.feedback = text }
        default:
            break
        }
    }

    private static func example(for key: String) -> String {
        switch key {
        case "phase": return "phase: assessment"
        case "quality": return "quality: +1"
        case "intervention": return "intervention: case-management"
        case "upholds": return "upholds: dignity, informed-consent"
        case "violates": return "violates: confidentiality (critical)"
        case "reveals", "addresses": return "\(key): eviction"
        case "requires": return "requires: trust >= 2"
        case "set": return "set: trust + 1"
        default: return "\(key): ..."
        }
    }

    /// The comma-separated pieces of a value, trimmed, empty ones (a trailing comma) dropped.
    private func itemRanges(_ range: Range<Int>) -> [Range<Int>] {
        var items: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where bytes[index] == 0x2C {
            items.append(source.trimmed(start..<index))
            start = index + 1
        }
        items.append(source.trimmed(start..<range.upperBound))
        return items.filter { !$0.isEmpty }
    }

    private mutating func listItems(line: Int, range: Range<Int>) -> [Located<String>] {
        var items: [Located<String>] = []
        for item in itemRanges(range) {
            let located = source.located(item, line: line)
            let nameEnd = source.nameEnd(from: item.lowerBound, end: item.upperBound)
            if nameEnd != item.upperBound {
                diagnostics.append(
                    Diagnostic(
                        .malformedLine, "'\(located.value)' is not a single name", at: located.location,
                        length: located.length, hint: "separate names with commas: 'dignity, confidentiality'"))
                continue
            }
            items.append(located)
        }
        return items
    }

    /// `principle (severity)`, from the bytes of one list item.
    private mutating func parseViolation(_ item: Range<Int>, line: Int)
        -> (principle: Located<String>, severity: Located<String>)?
    {
        guard let open = bytes[item].firstIndex(of: 0x28), bytes[item.upperBound - 1] == 0x29 else {
            let located = source.located(item, line: line)
            diagnostics.append(
                Diagnostic(
                    .unknownSeverity, "'\(located.value)' has no severity", at: located.location,
                    length: located.length, hint: "add one of (minor), (major), (critical): '\(located.value) (major)'"))
            return nil
        }
        let name = source.trimmed(item.lowerBound..<open)
        let severity = source.trimmed(open + 1..<item.upperBound - 1)
        let principle = source.located(name, line: line)
        if name.isEmpty || source.nameEnd(from: name.lowerBound, end: name.upperBound) != name.upperBound {
            diagnostics.append(
                Diagnostic(
                    .malformedLine, "'\(principle.value)' is not a single principle name", at: principle.location,
                    length: principle.length, hint: "write 'violates: confidentiality (critical), dignity (minor)'"))
            return nil
        }
        let severityText = severity.isEmpty
            ? Located("", at: source.location(line: line, offset: open + 1)) : source.located(severity, line: line)
        return (principle, severityText)
    }

    private mutating func parseUpdate(line: Int, range: Range<Int>) -> AssignmentSyntax? {
        let nameEnd = source.nameEnd(from: range.lowerBound, end: range.upperBound)
        var index = nameEnd
        while index < range.upperBound, bytes[index] == 0x20 { index += 1 }
        let fail = { (parser: inout ScenarioParser) -> AssignmentSyntax? in
            parser.report(
                .invalidUpdate, "expected 'NAME + N', 'NAME - N' or 'NAME = VALUE', found '\(parser.source.string(range))'",
                line: line, offset: range.lowerBound, length: parser.source.characterCount(range),
                hint: "for example 'set: trust + 1, called = true'")
            return nil
        }
        guard nameEnd > range.lowerBound, index < range.upperBound else { return fail(&self) }
        let op = bytes[index]
        guard op == 0x2B || op == 0x2D || op == 0x3D else { return fail(&self) }
        let valueRange = source.trimmed(index + 1..<range.upperBound)
        let valueText = source.string(valueRange)
        let variable = source.located(range.lowerBound..<nameEnd, line: line)
        let operation: Assignment.Operation
        if op == 0x3D {
            guard let value = Value(literal: valueText) else {
                report(
                    .invalidValue, "'\(valueText)' is not an integer or a boolean", line: line,
                    offset: valueRange.isEmpty ? index : valueRange.lowerBound,
                    length: source.characterCount(valueRange), hint: "for example 'called = true' or 'stage = 2'")
                return nil
            }
            operation = .assign(value)
        } else {
            guard case .int(let amount)? = Value(literal: valueText), !valueText.hasPrefix("-"),
                !valueText.hasPrefix("+")
            else {
                report(
                    .invalidNumber, "expected a whole number after '\(op == 0x2B ? "+" : "-")', found '\(valueText)'",
                    line: line, offset: valueRange.isEmpty ? index : valueRange.lowerBound,
                    length: source.characterCount(valueRange), hint: "for example 'trust + 1'")
                return nil
            }
            operation = .add(op == 0x2B ? amount : -amount)
        }
        return AssignmentSyntax(
            assignment: Assignment(variable: variable.value, operation: operation), variable: variable,
            valueLocation: source.location(line: line, offset: valueRange.isEmpty ? index : valueRange.lowerBound),
            valueLength: source.characterCount(valueRange))
    }
}
