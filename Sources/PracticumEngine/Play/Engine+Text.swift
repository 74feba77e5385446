import PracticumCore

extension Engine {
    /// The current scene's text as the student sees it now, one string per paragraph.
    ///
    /// A paragraph is its lines whose `[if ...]` condition holds, joined by a
    /// single space; a paragraph with no line shown is left out. `{name}` shows
    /// the variable's current value; an unknown name or a lone brace is shown
    /// as written.
    public func paragraphs(of state: CaseState) -> [String] {
        guard let scene = scenario.scene(named: state.scene) else { return [] }
        return scene.paragraphs.compactMap { lines in
            let shown = lines.compactMap { line -> String? in
                if let condition = line.condition, !evaluate(condition, in: state) { return nil }
                let text = interpolate(line.text, in: state)
                return text.isEmpty ? nil : text
            }
            return shown.isEmpty ? nil : shown.joined(separator: " ")
        }
    }

    /// The text with every `{name}` of a known variable replaced by its value.
    func interpolate(_ text: String, in state: CaseState) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            let name = rest[afterOpen...].prefix { $0 != "}" && $0 != "{" }
            let close = name.endIndex
            if close < rest.endIndex, rest[close] == "}", let value = state.variables[String(name)] {
                result += value.description
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }
}
