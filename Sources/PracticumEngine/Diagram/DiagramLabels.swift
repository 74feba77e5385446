import PracticumCore

/// What the nodes and edges of a `CaseDiagram` say and how endings look, shared by the dot and Mermaid
/// renderings so that the two pictures agree.
public struct DiagramLabels: Sendable {
    /// Outcome ids to the names shown on endings (`goals-met` to "Goals met"); an id not named is shown as is.
    public var outcomeNames: [String: String]
    /// Phase ids to the names shown on edges (`assessment` to "asesmen" in an Indonesian case); an id not named
    /// is shown as is.
    public var phaseNames: [String: String]

    /// Labels with the given names.
    public init(outcomeNames: [String: String] = [:], phaseNames: [String: String] = [:]) {
        self.outcomeNames = outcomeNames
        self.phaseNames = phaseNames
    }

    /// A node's label, line by line: the scene's name, then what marks it.
    public func lines(for node: CaseDiagram.Node) -> [String] {
        var lines = [node.name]
        if node.isStart { lines.append("(start)") }
        if node.isCrisis { lines.append("[crisis]") }
        if case .ending(let outcome) = node.role { lines.append("ending: " + (outcomeNames[outcome] ?? outcome)) }
        return lines.map(Self.safe)
    }

    /// An edge's label, line by line: the choice's number and phase, `once`, what it requires, and the steps of
    /// the walk that take it; or "continue".
    public func lines(for edge: CaseDiagram.Edge) -> [String] {
        var lines: [String]
        switch edge.kind {
        case .choice(let number, let phase, let requires, let once):
            lines = ["\(number) · \(phaseNames[phase] ?? phase)"]
            if once { lines.append("once") }
            if let requires { lines.append("if \(requires)") }
        case .continuation:
            lines = ["continue"]
        }
        if !edge.steps.isEmpty {
            lines.append((edge.steps.count == 1 ? "step " : "steps ") + edge.steps.map(String.init).joined(separator: ", "))
        }
        return lines.map(Self.safe)
    }

    /// The diagram's title line: the case's title and id.
    public func title(of diagram: CaseDiagram) -> String {
        Self.safe("\(diagram.title) (\(diagram.id))")
    }

    /// How an ending of this outcome is drawn.
    public static func style(ofOutcome outcome: String) -> EndingStyle {
        switch outcome {
        case "goals-met": return EndingStyle(dotShape: "ellipse", peripheries: 2, mermaidShape: .doubleCircle, fill: "#c8e6c9", stroke: "#2e7d32")
        case "partial": return EndingStyle(dotShape: "ellipse", peripheries: 1, mermaidShape: .stadium, fill: "#fff3c4", stroke: "#9a7b00")
        case "referred": return EndingStyle(dotShape: "parallelogram", peripheries: 1, mermaidShape: .parallelogram, fill: "#d4e4ff", stroke: "#1f4fa8")
        case "disengaged": return EndingStyle(dotShape: "invtrapezium", peripheries: 1, mermaidShape: .invertedTrapezoid, fill: "#e6e6e6", stroke: "#5f5f5f")
        case "harm": return EndingStyle(dotShape: "hexagon", peripheries: 1, mermaidShape: .hexagon, fill: "#ffcdd2", stroke: "#b71c1c")
        default: return EndingStyle(dotShape: "ellipse", peripheries: 1, mermaidShape: .stadium, fill: "#f5f5f5", stroke: "#424242")
        }
    }

    /// How an ending is drawn: a shape of its own per outcome (so the picture reads in black and white) and a
    /// colour.
    public struct EndingStyle: Hashable, Sendable {
        public var dotShape: String
        public var peripheries: Int
        public var mermaidShape: MermaidShape
        public var fill: String
        public var stroke: String
    }

    /// The Mermaid node shapes the diagram uses.
    public enum MermaidShape: Hashable, Sendable {
        case rounded, doubleCircle, stadium, parallelogram, invertedTrapezoid, hexagon, subroutine

        /// The brackets around a node's quoted label.
        public var brackets: (open: String, close: String) {
            switch self {
            case .rounded: return ("(", ")")
            case .doubleCircle: return ("(((", ")))")
            case .stadium: return ("([", "])")
            case .parallelogram: return ("[/", "/]")
            case .invertedTrapezoid: return ("[\\", "/]")
            case .hexagon: return ("{{", "}}")
            case .subroutine: return ("[[", "]]")
            }
        }
    }

    /// The colour of the walk laid over the diagram, and of a crisis scene's border.
    public static let pathColour = "#1f6feb"
    public static let crisisColour = "#c62828"
    /// The colour of the edges a walk does not take, when there is a walk.
    public static let offPathColour = "#a0a0a0"

    /// The text made `safe`, with each character that `replacements` names written as it says: how dot and
    /// Mermaid escape what they read inside a label.
    public static func escaped(_ text: String, _ replacements: [Character: String]) -> String {
        var escaped = ""
        for character in safe(text) {
            if let replacement = replacements[character] { escaped += replacement } else { escaped.append(character) }
        }
        return escaped
    }

    /// Text made safe to put in a label: control characters shown as symbols (`VisibleText`), a newline or a
    /// line or paragraph separator as a space, and the invisible marks that reorder text (bidirectional
    /// embeddings, overrides, isolates and marks) as U+FFFD, so a label reads as it is stored.
    public static func safe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in VisibleText.make(text, keepNewlines: true).unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x2028, 0x2029: scalars.append(" ")
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
