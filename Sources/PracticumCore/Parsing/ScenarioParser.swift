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
    /// The attribute keys a misspelt one is compared with.
    static let suggestedAttributeKeys = attributeKeys + ["once", "pinned"]

    let bytes: SourceBytes
    var syntax: ScenarioSyntax
    var diagnostics: DiagnosticCollector
    /// The line being parsed.
    var line = SourceLine(index: 0, start: 0, isASCII: true)
    /// What an indented line continues, if anything.
    var continuation: Continuation = .none
    /// Whether the next scene text line continues the current paragraph.
    var paragraphOpen = false
    /// Where an objective's `[shown by: ...]` list was opened, while it is open (continued on the next line).
    var shownByOpenedAt: SourceLocation?
    var shownByOpen: Bool {
        get { shownByOpenedAt != nil }
        set { if !newValue { shownByOpenedAt = nil } }
    }
    /// Attribute keys already seen on the current choice, one bit per `AttributeKey`.
    var seenAttributes: UInt32 = 0
    /// The condition parser's token buffer, reused for every condition.
    var conditionTokens: [ConditionParser.Token] = []

    enum Continuation: Equatable {
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
    func location(_ offset: Int) -> SourceLocation {
        SourceLocation(file: syntax.file, line: line.index + 1, column: line.column(of: offset, in: bytes))
    }

    /// The span of a byte range on the current line.
    func span(_ range: Range<Int>) -> SourceSpan {
        line.span(range, in: bytes)
    }

    /// The number of characters in a byte range on the current line.
    func characterCount(_ range: Range<Int>) -> Int {
        line.isASCII ? range.count : bytes.characterCount(range)
    }

    /// A byte range of the current line as an interned name with its span.
    mutating func intern(_ range: Range<Int>) -> NameSyntax {
        NameSyntax(name: syntax.names.id(for: bytes.slice(range)), span: span(range))
    }

    // The message and the hint are written only for a diagnostic the collector keeps
    // (`DiagnosticCollector.skips`): a file with a defect on every line finds millions and keeps 200.
    // What a message reads is copied to a local first (`let bytes = self.bytes`): a closure may not read
    // `self` while `report` changes it.

    mutating func report(
        _ code: DiagnosticCode, _ message: @autoclosure () -> String, offset: Int, length: Int = 1,
        hint: @autoclosure () -> String? = nil
    ) {
        guard !diagnostics.skips(code) else { return }
        diagnostics.append(Diagnostic(code, message(), at: location(offset), length: length, hint: hint()))
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: @autoclosure () -> String, at span: SourceSpan,
        hint: @autoclosure () -> String? = nil
    ) {
        guard !diagnostics.skips(code) else { return }
        diagnostics.append(Diagnostic(code, message(), at: syntax.location(span), length: Int(span.length), hint: hint()))
    }

    // MARK: Lines

    mutating func parseLines() {
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

    mutating func parseLine(_ range: Range<Int>) {
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
    mutating func closeShownBy() {
        guard let opened = shownByOpenedAt else { return }
        diagnostics.append(
            Diagnostic(
                .malformedLine, "'[shown by:' without a closing ']'", at: opened, length: 10,
                hint: "end the list of expectations with ']': '[shown by: asked-directly, safety-plan]'"))
        shownByOpenedAt = nil
    }

    mutating func blankLine() {
        closeShownBy()
        paragraphOpen = false
        switch continuation {
        case .choiceText, .attribute: continuation = .none
        case .headerValue, .objective: continuation = .none
        case .expectationKey(_, let expectation, _): continuation = .expectation(expectation)
        default: break
        }
    }
}

/// The comma-separated pieces of a value, trimmed, empty ones (a trailing comma) skipped.
struct ItemRanges: Sequence, IteratorProtocol {
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
