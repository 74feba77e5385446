/// An action the student can take in a scene.
public struct Choice: Hashable, Sendable {
    /// The text the student sees.
    public var text: String
    /// The lifecycle phase id this action belongs to (canonical, never an alias).
    public var phase: String
    /// How sound the action is at this moment, -2...+2.
    public var quality: Int
    /// The intervention kind id, if the action is an intervention.
    public var intervention: String?
    /// Principle ids this action honours.
    public var upholds: [String]
    /// Principles this action breaches, each with its severity.
    public var violates: [Violation]
    /// Findings this action brings to light.
    public var reveals: [String]
    /// Findings this action puts into the intervention plan as goals.
    public var addresses: [String]
    /// The condition under which the choice is offered, or nil for always.
    public var requires: Condition?
    /// The updates taken with the choice.
    public var updates: [Assignment]
    /// Whether the choice disappears once taken.
    public var once: Bool
    /// Whether the choice keeps its written place when the player shuffles the order of choices.
    public var pinned: Bool
    /// What the student is told about this choice.
    public var feedback: String?
    /// The scene this choice leads to.
    public var target: String

    /// Creates a choice.
    public init(
        text: String, phase: String, quality: Int, intervention: String? = nil, upholds: [String] = [],
        violates: [Violation] = [], reveals: [String] = [], addresses: [String] = [],
        requires: Condition? = nil, updates: [Assignment] = [], once: Bool = false,
        pinned: Bool = false, feedback: String? = nil, target: String
    ) {
        self.text = text
        self.phase = phase
        self.quality = quality
        self.intervention = intervention
        self.upholds = upholds
        self.violates = violates
        self.reveals = reveals
        self.addresses = addresses
        self.requires = requires
        self.updates = updates
        self.once = once
        self.pinned = pinned
        self.feedback = feedback
        self.target = target
    }
}

/// A breached principle and how serious the breach is.
public struct Violation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var principle: String
    public var severity: Severity

    /// How serious an ethics breach is.
    public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, CodingKeyRepresentable, Comparable {
        case minor, major, critical

        /// Severities order from minor to critical.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public init(principle: String, severity: Severity) {
        self.principle = principle
        self.severity = severity
    }

    /// The breach as the format writes it: `confidentiality (critical)`.
    public var description: String { "\(principle) (\(severity.rawValue))" }
}

/// Where a choice lives: its scene and its position among the scene's written choices (0-based).
public struct ChoiceID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var scene: String
    public var index: Int
    public init(scene: String, index: Int) {
        self.scene = scene
        self.index = index
    }

    public static func < (lhs: ChoiceID, rhs: ChoiceID) -> Bool {
        (lhs.scene, lhs.index) < (rhs.scene, rhs.index)
    }

    /// `scene#n`, with n counted from 1 as an author counts.
    public var description: String { "\(scene)#\(index + 1)" }
}
