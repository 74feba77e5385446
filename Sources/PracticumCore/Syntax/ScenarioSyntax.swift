/// The first of the two trees: a `.scenario` file as written, every name with its
/// source position, nothing resolved against Content/. `ScenarioChecker` turns it
/// into a `Scenario`, so an unchecked case can never be played by mistake.
///
/// The tree is built for speed on large files: names are interned (`NameID`),
/// positions are four 32-bit integers (`SourceSpan`, no file path per value), and
/// the parts of scenes and choices live in flat arrays that scenes and choices
/// refer to by index range, so a scene costs no allocation of its own.
public struct ScenarioSyntax: Sendable {
    public var file: String
    /// Every distinct name the case mentions (scene, variable, finding, phase, principle...).
    var names = NameTable()
    /// The files that spans point into: `files[0]` is `file`; a JSON case adds one per JSON pointer.
    var files: [String]
    var header: [HeaderEntrySyntax] = []
    var objectives: [ObjectiveSyntax] = []
    var findings: [FindingSyntax] = []
    var expectations: [ExpectationSyntax] = []
    var variables: [VariableSyntax] = []
    /// Every `== NAME` scene in written order (`scenes` is the public, located view of them).
    var sceneDefinitions: [SceneSyntax] = []
    /// Every scene's paragraphs in written order, each a range of `textLines`; `SceneSyntax.paragraphs`
    /// is a range of them.
    var paragraphs: [Range<Int32>] = []
    /// Every paragraph's text lines in written order.
    var textLines: [TextLineSyntax] = []
    /// The `{name}` placeholders of every text line; `TextLineSyntax.placeholders` is a range of them.
    var placeholders: [NameSyntax] = []
    /// Every choice in written order; `SceneSyntax.choices` is a range of them.
    var choices: [ChoiceSyntax] = []
    /// The list items of every choice (upholds, violates, reveals, addresses); `ChoiceSyntax.items` is a range.
    var items: [ListItemSyntax] = []
    /// The `set:` updates of every choice; `ChoiceSyntax.updates` is a range of them.
    var updates: [AssignmentSyntax] = []
    /// The names every condition mentions; `ConditionSyntax.references` is a range of them.
    var references: [ReferenceSyntax] = []
    /// The comparisons of every condition; `ConditionSyntax.comparisons` is a range of them.
    var comparisons: [ComparisonSyntax] = []

    public init(file: String) {
        self.file = file
        self.files = [file]
    }

    /// Registers a file name (a JSON pointer) that spans can point into.
    mutating func addFile(_ name: String) -> Int32 {
        files.append(name)
        return Int32(files.count - 1)
    }

    /// The source location of a span, for a diagnostic.
    func location(_ span: SourceSpan) -> SourceLocation {
        SourceLocation(file: files[Int(span.file)], line: Int(span.line), column: Int(span.column))
    }

    /// The spelling of an interned name.
    func string(_ name: NameID) -> String {
        names.strings[Int(name.rawValue)]
    }
}

extension ScenarioSyntax {
    /// A scene as written, for tools that point at scenes and choices (such as the explorer's warnings).
    public struct SceneOutline: Sendable {
        /// The scene's name where the scene is defined.
        public var name: Located<String>
        /// The scene's choices in written order, each with its text where it is written.
        public var choices: [ChoiceOutline]
    }

    /// A choice as written.
    public struct ChoiceOutline: Sendable {
        public var text: Located<String>
    }

    /// Every scene in written order, its name and its choices' texts located.
    public var scenes: [SceneOutline] {
        sceneDefinitions.map { scene in
            SceneOutline(
                name: located(string(scene.name.name), scene.name.span),
                choices: choices[scene.choices.asIndices].map { ChoiceOutline(text: located($0.text, $0.textSpan)) })
        }
    }

    /// Every expectation's name where it is written, in written order.
    public var expectationNames: [Located<String>] {
        expectations.map { located(string($0.name.name), $0.name.span) }
    }

    /// Every finding's id where it is written, in written order.
    public var findingIDs: [Located<String>] {
        findings.map { located(string($0.id.name), $0.id.span) }
    }

    /// A value with the location and length of its span.
    func located(_ value: String, _ span: SourceSpan) -> Located<String> {
        Located(value, at: location(span), length: Int(span.length))
    }
}

/// Where a piece of syntax was written: a file (an index into `ScenarioSyntax.files`),
/// a 1-based line and character column, and how many characters it spans.
///
/// Line 0 (and column 0) means "somewhere in the file", as for a JSON value located by its pointer.
/// The fields are 32-bit (lines, columns and lengths beyond 2^31 are clamped) so that a span is
/// 16 bytes and holds no reference: copying one costs no retain.
struct SourceSpan: Hashable, Sendable {
    var file: Int32
    var line: Int32
    var column: Int32
    /// The number of characters to underline (a diagnostic underlines at least one).
    var length: Int32

    init(file: Int32 = 0, line: Int, column: Int, length: Int) {
        self.file = file
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.length = Int32(clamping: length)
    }

    /// A JSON value: the whole "file" named by its pointer.
    static func whole(file: Int32, length: Int = 1) -> SourceSpan {
        SourceSpan(file: file, line: 0, column: 0, length: length)
    }
}

/// An interned name with where it was written.
struct NameSyntax: Hashable, Sendable {
    var name: NameID
    var span: SourceSpan
}

/// A `key: value` header line.
struct HeaderEntrySyntax: Sendable {
    var key: String
    var keySpan: SourceSpan
    var value: String
    var valueSpan: SourceSpan
}

/// `finding ID: text` or `finding ID [KIND]: text`.
struct FindingSyntax: Sendable {
    var id: NameSyntax
    var text: String
    /// The kind as written inside the brackets, if any (`risk`, `strength`, `need`).
    var kind: NameSyntax? = nil
    /// The indented `safe when: CONDITION` line under it (format v1.3), if any; nil also when it could not
    /// be parsed (the parser has reported why).
    var safeWhen: ConditionSyntax? = nil
    /// Where `safe when:` is written, when it is.
    var safeWhenSpan: SourceSpan? = nil
}

/// `  - TEXT` or `  - TEXT [shown by: NAME, NAME]` under `objectives:`.
struct ObjectiveSyntax: Sendable {
    var text: String
    /// The expectations named after `shown by:`.
    var shownBy: [NameSyntax] = []
}

/// `expect NAME (SEVERITY): CONDITION` and its indented `because:`, `principle:` or `phase:` lines.
struct ExpectationSyntax: Sendable {
    var name: NameSyntax
    /// The severity as written inside the parentheses.
    var severity: NameSyntax
    /// The condition; nil when it could not be parsed (the parser has reported why).
    var condition: ConditionSyntax?
    var because: String?
    var principle: NameSyntax?
    var phase: NameSyntax?
    /// The situation that calls for the expectation (`when:`, format v1.3); nil when not written or unparsable.
    var situation: ConditionSyntax?
    /// Whether a `when:` line was written (even one that could not be parsed).
    var hasSituation = false
}

/// `var NAME = VALUE`.
struct VariableSyntax: Sendable {
    var name: NameSyntax
    var value: Value
}

/// `== NAME [crisis] [ending: OUTCOME]` and everything up to the next scene.
struct SceneSyntax: Sendable {
    var name: NameSyntax
    var isCrisis: Bool = false
    /// The `reflect:` prompt and where it is.
    var reflect: (text: String, span: SourceSpan)?
    /// The `dilemma:` trade-off and where it is.
    var dilemma: (text: String, span: SourceSpan)?
    var ending: NameSyntax?
    var next: NameSyntax?
    /// The scene's paragraphs: a range of `ScenarioSyntax.paragraphs`.
    var paragraphs: Range<Int32>
    /// The scene's choices: a range of `ScenarioSyntax.choices`.
    var choices: Range<Int32>
}

/// A line of scene text and its optional `[if ...]` condition.
struct TextLineSyntax: Sendable {
    var condition: ConditionSyntax?
    var text: String
    /// The `{name}` placeholders in the text: a range of `ScenarioSyntax.placeholders`.
    var placeholders: Range<Int32>

    /// The most placeholders kept of one text line. No case shows a line of a thousand values; each one kept
    /// costs about 40 bytes, so a 32 MB line of `{x}` took 660 MB to check before the limit.
    static let maximumPlaceholders: Int32 = 1_000
    /// The message and hint of a line past the limit (`malformed-line`, at its first placeholder not kept).
    static let tooManyPlaceholders = "the line shows more than \(maximumPlaceholders) values ('{name}' placeholders)"
    static let tooManyPlaceholdersHint = "split the text over several lines"
}

/// A parsed condition, with the names and comparisons it holds for the checker.
struct ConditionSyntax: Sendable {
    var condition: Condition
    /// Every variable, scene and finding the condition names: a range of `ScenarioSyntax.references`.
    var references: Range<Int32>
    /// Every comparison, for type checking: a range of `ScenarioSyntax.comparisons`.
    var comparisons: Range<Int32>
}

/// A name a condition mentions.
struct ReferenceSyntax: Sendable {
    enum Kind: Sendable { case variable, scene, finding }
    var kind: Kind
    var name: NameSyntax
    /// For a variable: whether it stands alone as a boolean test (`flag`, `not flag`).
    var standsAlone: Bool
}

/// A comparison with the span of the whole comparison.
struct ComparisonSyntax: Sendable {
    /// One side of a comparison: an interned variable or a literal.
    enum Operand: Sendable {
        case variable(NameID)
        case literal(Value)
    }
    var lhs: Operand
    var op: Condition.ComparisonOperator
    var rhs: Operand
    var span: SourceSpan
}

/// One `set:` update as written.
struct AssignmentSyntax: Sendable {
    var assignment: Assignment
    var variable: NameSyntax
    /// The span of the value or amount, for type errors.
    var valueSpan: SourceSpan
}

/// One name of a choice's `upholds:`, `violates:`, `reveals:` or `addresses:` list.
struct ListItemSyntax: Sendable {
    enum Kind: Sendable { case upholds, violates, reveals, addresses }
    var kind: Kind
    var name: NameSyntax
    /// For `violates`: the severity as written inside the parentheses (possibly empty).
    var severity: NameSyntax? = nil
}

/// `* text` and its attributes.
struct ChoiceSyntax: Sendable {
    var text: String
    var textSpan: SourceSpan
    var phase: NameSyntax?
    var quality: Int?
    var qualitySpan = SourceSpan(line: 0, column: 0, length: 1)
    var intervention: NameSyntax?
    /// The list items (upholds, violates, reveals, addresses): a range of `ScenarioSyntax.items`.
    var items: Range<Int32>
    /// The `set:` updates: a range of `ScenarioSyntax.updates`.
    var updates: Range<Int32>
    var requires: ConditionSyntax?
    var once: Bool = false
    var pinned: Bool = false
    var feedback: String?
    var target: NameSyntax?
    /// The attributes written under the choice, well formed or not, one bit per
    /// `ScenarioParser.AttributeKey`: the checker calls an attribute missing only when it was not
    /// written at all (a malformed one has been reported by the parser already).
    var writtenAttributes: UInt32 = 0

    /// Whether the attribute was written under the choice.
    func wrote(_ key: ScenarioParser.AttributeKey) -> Bool {
        writtenAttributes & (1 << UInt32(key.rawValue)) != 0
    }

    init(text: String, textSpan: SourceSpan, items: Int32, updates: Int32) {
        self.text = text
        self.textSpan = textSpan
        self.items = items..<items
        self.updates = updates..<updates
    }
}

extension Range where Bound == Int32 {
    /// The range as array indices.
    var asIndices: Range<Int> { Int(lowerBound)..<Int(upperBound) }
}
