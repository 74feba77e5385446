/// One scene of a case: text, then either choices, a `-> NEXT` continuation, or an ending.
public struct Scene: Hashable, Sendable {
    /// The scene's name, lowercase letters, digits and '-'.
    public var name: String
    /// Whether the scene is marked `[crisis]`: safety comes first and the order rules relax.
    public var isCrisis: Bool
    /// The outcome id when the scene is an `[ending: OUTCOME]`, otherwise nil.
    public var ending: String?
    /// The scene's text as paragraphs; each paragraph is a list of lines, some conditional.
    public var paragraphs: [[TextLine]]
    /// The choices, in written order.
    public var choices: [Choice]
    /// Where a scene with no choices continues (`-> NAME`); nil for scenes with choices and endings.
    public var next: String?
    /// The question a student answers in a few written sentences before choosing (`reflect: PROMPT`, format
    /// v1.2); nil when the scene asks none. Kept in the attempt and shown in the debrief; never scored.
    public var reflect: String?
    /// The trade-off of a scene with more than one defensible answer (`dilemma: TEXT`, format v1.4); nil for
    /// other scenes. The debrief shows it beside what the student chose; it is never scored.
    public var dilemma: String?

    /// Creates a scene.
    public init(
        name: String, isCrisis: Bool = false, ending: String? = nil, paragraphs: [[TextLine]] = [],
        choices: [Choice] = [], next: String? = nil, reflect: String? = nil, dilemma: String? = nil
    ) {
        self.dilemma = dilemma
        self.name = name
        self.isCrisis = isCrisis
        self.ending = ending
        self.paragraphs = paragraphs
        self.choices = choices
        self.next = next
        self.reflect = reflect
    }

    /// Whether the scene ends the case.
    public var isEnding: Bool { ending != nil }
}

/// A line of scene text, shown only when its `[if ...]` condition (if any) holds.
public struct TextLine: Hashable, Sendable {
    /// The condition from a leading `[if ...]`, or nil for a line always shown.
    public var condition: Condition?
    /// The text, which may hold `{variable}` placeholders.
    public var text: String
    public init(condition: Condition? = nil, text: String) {
        self.condition = condition
        self.text = text
    }
}
