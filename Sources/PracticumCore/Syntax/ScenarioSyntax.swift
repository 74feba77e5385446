/// The first of the two trees: a `.scenario` file as written, every name with its
/// source location, nothing resolved against Content/. `ScenarioChecker` turns it
/// into a `Scenario`, so an unchecked case can never be played by mistake.
public struct ScenarioSyntax: Sendable {
    public var file: String
    public var header: [HeaderEntrySyntax] = []
    public var objectives: [Located<String>] = []
    public var findings: [FindingSyntax] = []
    public var variables: [VariableSyntax] = []
    public var scenes: [SceneSyntax] = []

    public init(file: String) {
        self.file = file
    }
}

/// A `key: value` header line.
public struct HeaderEntrySyntax: Hashable, Sendable {
    public var key: Located<String>
    public var value: Located<String>
}

/// `finding ID: text`.
public struct FindingSyntax: Hashable, Sendable {
    public var id: Located<String>
    public var text: String
}

/// `var NAME = VALUE`.
public struct VariableSyntax: Hashable, Sendable {
    public var name: Located<String>
    public var value: Located<Value>
}

/// `== NAME [crisis] [ending: OUTCOME]` and everything up to the next scene.
public struct SceneSyntax: Sendable {
    public var name: Located<String>
    public var isCrisis: Bool = false
    public var ending: Located<String>?
    public var paragraphs: [[TextLineSyntax]] = []
    public var choices: [ChoiceSyntax] = []
    public var next: Located<String>?
}

/// A line of scene text and its optional `[if ...]` condition.
public struct TextLineSyntax: Sendable {
    public var condition: ConditionSyntax?
    public var text: String
    /// The `{name}` placeholders in the text, each with its location.
    public var placeholders: [Located<String>]
}

/// A parsed condition with the location of every name it mentions.
public struct ConditionSyntax: Sendable {
    public var condition: Condition
    public var location: SourceLocation
    /// Every variable, scene and finding the condition names.
    public var references: [Reference]
    /// Every comparison, for type checking.
    public var comparisons: [Comparison]

    /// A name the condition mentions.
    public struct Reference: Sendable {
        public enum Kind: Sendable { case variable, scene, finding }
        public var kind: Kind
        public var name: Located<String>
        /// For a variable: whether it stands alone as a boolean test (`flag`, `not flag`).
        public var standsAlone: Bool
    }

    /// A comparison with its operator's location.
    public struct Comparison: Sendable {
        public var lhs: Condition.Operand
        public var op: Condition.ComparisonOperator
        public var rhs: Condition.Operand
        public var location: SourceLocation
        public var length: Int
    }
}

/// One `set:` update as written.
public struct AssignmentSyntax: Sendable {
    public var assignment: Assignment
    public var variable: Located<String>
    /// The location of the value or amount, for type errors.
    public var valueLocation: SourceLocation
    public var valueLength: Int
}

/// `* text` and its attributes.
public struct ChoiceSyntax: Sendable {
    public var text: Located<String>
    public var phase: Located<String>?
    public var quality: Located<Int>?
    public var intervention: Located<String>?
    public var upholds: [Located<String>] = []
    public var violates: [(principle: Located<String>, severity: Located<String>)] = []
    public var reveals: [Located<String>] = []
    public var addresses: [Located<String>] = []
    public var requires: ConditionSyntax?
    public var updates: [AssignmentSyntax] = []
    public var once: Bool = false
    public var feedback: String?
    public var target: Located<String>?
}
