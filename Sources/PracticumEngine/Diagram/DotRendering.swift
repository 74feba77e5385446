/// A `CaseDiagram` as Graphviz dot text (`dot -Tsvg` draws it).
public enum DotRendering {
    /// The whole `digraph`: scenes as boxes (endings shaped and coloured by outcome, crisis scenes with a red
    /// double border), choices and continuations as edges, and the walk, if any, in blue with the rest grey.
    public static func render(_ diagram: CaseDiagram, labels: DiagramLabels = DiagramLabels()) -> String {
        let walked = diagram.edges.contains { $0.onPath }
        var text = "digraph \(quoted(diagram.id)) {\n"
        text += "  graph [label=\(quoted(labels.title(of: diagram))), labelloc=t, fontname=\"Helvetica\", rankdir=TB];\n"
        text += "  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=rounded];\n"
        text += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for node in diagram.nodes {
            var attributes = ["label=\(quoted(labels.lines(for: node)))"]
            if case .ending(let outcome) = node.role {
                let style = DiagramLabels.style(ofOutcome: outcome)
                attributes += [
                    "shape=\(style.dotShape)", "style=filled", "fillcolor=\(quoted(style.fill))", "color=\(quoted(style.stroke))",
                ]
                if style.peripheries != 1 { attributes.append("peripheries=\(style.peripheries)") }
            }
            if node.isCrisis { attributes += ["peripheries=2", "color=\(quoted(DiagramLabels.crisisColour))", "fontcolor=\(quoted(DiagramLabels.crisisColour))"] }
            if node.isStart { attributes.append("penwidth=2") }
            if node.onPath { attributes += ["color=\(quoted(DiagramLabels.pathColour))", "penwidth=3"] }
            text += "  \(quoted(node.name)) [\(unique(attributes).joined(separator: ", "))];\n"
        }
        for edge in diagram.edges {
            var attributes = ["label=\(quoted(labels.lines(for: edge)))"]
            if edge.kind == .continuation { attributes.append("style=dashed") }
            if edge.onPath {
                attributes += ["color=\(quoted(DiagramLabels.pathColour))", "fontcolor=\(quoted(DiagramLabels.pathColour))", "penwidth=2.5"]
            } else if walked {
                attributes += ["color=\(quoted(DiagramLabels.offPathColour))", "fontcolor=\(quoted(DiagramLabels.offPathColour))"]
            }
            text += "  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        return text + "}\n"
    }

    /// A dot string, quoted: a backslash and a double quote escaped, lines joined by dot's `\n`.
    public static func quoted(_ lines: [String]) -> String {
        "\"" + lines.map { DiagramLabels.escaped($0, ["\\": "\\\\", "\"": "\\\""]) }.joined(separator: "\\n") + "\""
    }

    /// One line, quoted.
    public static func quoted(_ text: String) -> String { quoted([text]) }

    /// The attributes with a later setting of the same name replacing an earlier one, in place of the first.
    private static func unique(_ attributes: [String]) -> [String] {
        var order: [String] = []
        var values: [String: String] = [:]
        for attribute in attributes {
            let name = String(attribute.prefix { $0 != "=" })
            if values[name] == nil { order.append(name) }
            values[name] = attribute
        }
        return order.compactMap { values[$0] }
    }
}
