/// A `CaseDiagram` as a Mermaid flowchart (GitHub and many editors draw it from a ```mermaid block).
public enum MermaidRendering {
    /// The whole flowchart: scenes as rounded boxes (endings shaped and coloured by outcome, crisis scenes as
    /// red-bordered subroutine boxes), choices as arrows and continuations as dotted arrows, and the walk, if
    /// any, in blue with the rest grey.
    ///
    /// Nodes are named `s0`, `s1`, ... by written order, never by scene name: a scene called `end` would end
    /// the flowchart.
    public static func render(_ diagram: CaseDiagram, labels: DiagramLabels = DiagramLabels()) -> String {
        var nodeIDs: [String: String] = [:]
        for (index, node) in diagram.nodes.enumerated() where nodeIDs[node.name] == nil { nodeIDs[node.name] = "s\(index)" }
        var text = "---\ntitle: \(yamlQuoted(labels.title(of: diagram)))\n---\nflowchart TD\n"
        var classes: [(name: String, style: String, members: [String])] = []
        func addClass(_ name: String, style: String, member: String) {
            if let index = classes.firstIndex(where: { $0.name == name }) {
                classes[index].members.append(member)
            } else {
                classes.append((name, style, [member]))
            }
        }
        for node in diagram.nodes {
            guard let id = nodeIDs[node.name] else { continue }
            var shape = DiagramLabels.MermaidShape.rounded
            if case .ending(let outcome) = node.role {
                let style = DiagramLabels.style(ofOutcome: outcome)
                shape = style.mermaidShape
                addClass("ending_" + outcomeClass(outcome), style: "fill:\(style.fill),stroke:\(style.stroke),stroke-width:2px", member: id)
            } else if node.isCrisis {
                shape = .subroutine
            }
            if node.isCrisis {
                addClass("crisis", style: "stroke:\(DiagramLabels.crisisColour),stroke-width:3px,color:\(DiagramLabels.crisisColour)", member: id)
            }
            if node.isStart { addClass("start", style: "stroke-width:3px", member: id) }
            text += "  \(id)\(shape.brackets.open)\(quoted(labels.lines(for: node)))\(shape.brackets.close)\n"
        }
        var onPath: [Int] = []
        for (index, edge) in diagram.edges.enumerated() {
            guard let from = nodeIDs[edge.from], let to = nodeIDs[edge.to] else { continue }
            let arrow = edge.kind == .continuation ? "-.->" : "-->"
            text += "  \(from) \(arrow)|\(quoted(labels.lines(for: edge)))| \(to)\n"
            if edge.onPath { onPath.append(index) }
        }
        for entry in classes {
            text += "  classDef \(entry.name) \(entry.style)\n"
            text += "  class \(entry.members.joined(separator: ",")) \(entry.name)\n"
        }
        if !onPath.isEmpty {
            for node in diagram.nodes where node.onPath {
                if let id = nodeIDs[node.name] { text += "  style \(id) stroke:\(DiagramLabels.pathColour),stroke-width:4px\n" }
            }
            text += "  linkStyle default stroke:\(DiagramLabels.offPathColour),color:\(DiagramLabels.offPathColour)\n"
            text += "  linkStyle \(onPath.map(String.init).joined(separator: ",")) stroke:\(DiagramLabels.pathColour),stroke-width:3px,color:\(DiagramLabels.pathColour)\n"
        }
        return text
    }

    /// A Mermaid label, quoted: the characters Mermaid reads inside a label (`"`, `#`, `&`, `<`, `>`, `|`, `%`, and
    /// a backquote, which would start Markdown) written as entity codes, lines joined by `<br>`.
    public static func quoted(_ lines: [String]) -> String {
        "\"" + lines.map { DiagramLabels.escaped($0, entities) }.joined(separator: "<br>") + "\""
    }

    /// The characters Mermaid reads inside a quoted label, as its entity codes.
    static let entities: [Character: String] = [
        "\"": "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;", "%": "#37;",
    ]

    /// A YAML double-quoted string for the front matter's title.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + DiagramLabels.escaped(text, ["\\": "\\\\", "\"": "\\\""]) + "\""
    }

    /// An outcome id as a class name: letters and digits kept, anything else as `_`.
    static func outcomeClass(_ outcome: String) -> String {
        String(outcome.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
