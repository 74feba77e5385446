// The cases the benchmark measures: a large realistic case, a case of hubs for exploration, and the
// hostile inputs of issue 7, written as the issue describes them.

/// Builds a `.scenario` text with `scenes` scenes, each with text, an [if] line and three choices.
///
/// As written for the load benchmark, every scene reveals findings and raises `trust`, which a `requires:`
/// reads, so its states grow without bound and exploration stops at its budget. With `explorable`, the same
/// text keeps its states few: findings are revealed and addressed in the first scene only and `trust` is
/// set to 2 rather than raised, so exploration covers the whole case (a few states per scene).
func generateCase(scenes: Int, explorable: Bool = false) -> String {
    var text = """
        title: Generated benchmark case
        id: bench-case
        language: en
        level: mezzo
        client: A generated family used to measure the parser
        minutes: 600
        objectives:
          - Measure the parser

        finding need: A generated need // revealed in every scene
        finding strength: A generated strength
        var trust = 1
        var called = false

        """
    let phases = ["engagement", "assessment", "planning", "implementation", "evaluation", "termination"]
    for index in 0..<scenes {
        let next = index + 1 < scenes ? "scene-\(index + 1)" : "end"
        let notes = !explorable || index == 0
        let reveal = notes ? "reveals: need" : "intervention: individual-counseling"
        let raise = explorable ? "set: trust = 2" : "set: trust + 1"
        let strength = notes ? "reveals: strength\n  addresses: need" : "upholds: dignity"
        text += """

            == scene-\(index)
            The family arrives for session \(index). The room is quiet; the youngest child draws while the adults
            talk about the week, the rent, the school letters and the hospital appointment on Thursday.

            [if trust >= 2 and not called] The mother meets your eyes and says the week was hard. Trust is {trust}.

            * Reflect what you heard and ask what they would like from today's session,
              in their own words.
              phase: \(phases[index % phases.count])
              quality: +2
              upholds: dignity, client-centered
              \(reveal)
              \(raise)
              feedback: Reflecting first keeps the family at the centre of the work.
              -> \(next)
            * Tell them what the agency will do next.
              phase: implementation
              intervention: case-management
              quality: -1
              violates: self-determination (minor)
              requires: trust < 5 or visited(scene-0)
              -> \(next)
            * Ask about the strengths they have drawn on before.
              phase: assessment
              quality: 1
              \(strength)
              once
              set: called = true
              -> \(next)

            """
    }
    text += "\n== end [ending: goals-met]\nThe work ends well.\n"
    return text
}

/// The header every generated case starts with.
private func header(_ id: String) -> String {
    "title: Generated \(id)\nid: \(id)\nlanguage: en\nlevel: micro\n"
}

/// A case of `hubs` hub scenes in a row. Each hub has `questions` `once` questions that return to it and
/// reveal findings, a "listen" choice raising `trust` (read by a `requires:`) up to 4, and a way on; the
/// last leads to two endings. States multiply with the questions asked, the trust reached and the
/// findings revealed: what exploration must handle in a real case, in bulk.
func generateHubCase(hubs: Int, questions: Int) -> String {
    var text = header("hubs") + "var trust = 0\n"
    for finding in 0..<questions { text += "finding f\(finding): Finding \(finding)\n" }
    for hub in 0..<hubs {
        let next = hub + 1 < hubs ? "hub-\(hub + 1)" : "close"
        text += "\n== hub-\(hub)\nThe session goes on. Trust is {trust}.\n"
        for question in 0..<questions {
            text += """
                * Ask question \(question) of hub \(hub).
                  phase: assessment
                  quality: \(question % 3)
                  reveals: f\(question)
                  once
                  -> hub-\(hub)

                """
        }
        text += """
            * Listen.
              phase: engagement
              quality: 1
              requires: trust < 4
              set: trust + 1
              -> hub-\(hub)
            * Move on.
              phase: planning
              quality: 1
              addresses: f\(hub % questions)
              -> \(next)

            """
    }
    text += """

        == close
        * Close well.
          phase: termination
          quality: 2
          requires: trust >= 2
          -> good
        * Close.
          phase: termination
          quality: 0
          -> partial
        == good [ending: goals-met]
        Done.
        == partial [ending: partial]
        Done.

        """
    return text
}

/// The counter hub of issue 16: a counter `n` bounded at +-`bound`, an Up choice of positive quality (a loop
/// that farms points), a Down choice, and a way out that needs the counter back at 0 or below. Every value
/// of the counter is one state of one cycle, about 2 x `bound` + 1 states in all, and the best way on from
/// a high counter is a long walk down: the case the scoring search once relaxed round after round.
/// `--choices 1,2,3` (Up, Down, Leave) plays it to its ending.
func generateCounterHub(bound: Int) -> String {
    header("counter-hub") + """
        var n = 0

        == hub
        N is {n}.
        * Up
          phase: engagement
          quality: 1
          requires: n < \(bound)
          set: n + 1
          -> hub
        * Down
          phase: engagement
          quality: 0
          requires: n > -\(bound)
          set: n - 1
          -> hub
        * Leave
          phase: termination
          quality: 1
          requires: n <= 0
          -> end

        == end [ending: goals-met]
        End.

        """
}

/// `layers` scenes of `width` choices each, every choice leading to the next scene, then one ending: one state
/// per scene and `width`^`layers` distinct paths (50 layers of 3 choices: 717897987691852588770249), which
/// `explore` must count exactly, in a pass over the 51 states.
func generateLayeredCase(layers: Int, width: Int) -> String {
    var text = header("layered")
    for layer in 0..<layers {
        let next = layer + 1 < layers ? "layer-\(layer + 1)" : "end"
        text += "\n== layer-\(layer)\nLayer \(layer + 1).\n"
        for option in 0..<width {
            text += "* Option \(option + 1) of layer \(layer + 1)\n  phase: engagement\n  quality: \(option)\n  -> \(next)\n"
        }
    }
    return text + "\n== end [ending: goals-met]\nDone.\n"
}

/// A hostile input: its name, what the issue said it did, and its text.
struct HostileInput {
    var name: String
    var file: String
    var text: String
}

/// The inputs issue 7 found to crash, hang or run away with memory, plus those found since.
func hostileInputs() -> [HostileInput] {
    var inputs: [HostileInput] = []
    func add(_ name: String, _ file: String, _ text: String) { inputs.append(HostileInput(name: name, file: file, text: text)) }
    let scene = "== a\n* Go\n  phase: engagement\n  quality: 1\n"
    add("20,000 '(' in a requires:", "parens.scenario",
        header("t") + scene + "  requires: " + String(repeating: "(", count: 20_000) + "true\n  -> a\n")
    add("20,000 '(' in an [if] line", "parens-if.scenario",
        header("t") + "== a\n[if " + String(repeating: "(", count: 20_000) + "true] x\n* Go\n  phase: engagement\n  quality: 1\n  -> a\n")
    add("'t and t and ...' 87,000 times", "conjunction.scenario",
        header("t") + "var t = true\n" + scene + "  requires: "
            + Array(repeating: "t", count: 87_000).joined(separator: " and ") + "\n  -> b\n== b [ending: goals-met]\nx\n")
    add("'not ' 150,000 times", "negations.scenario",
        header("t") + "var t = true\n" + scene + "  requires: " + String(repeating: "not ", count: 150_000) + "t\n  -> b\n== b [ending: goals-met]\nx\n")
    add("weight 9223372036854775807", "weight.scenario",
        header("t") + "weights: practice 9223372036854775807\n" + scene + "  -> b\n== b [ending: goals-met]\nx\n")
    add("a 30 KB line of 10,000 '{x}'", "braces.scenario",
        header("t") + "== a\n" + String(repeating: "{x}", count: 10_000) + "\n")
    add("a line of 10,000 tabs", "tabs.scenario", header("t") + "== a\n* Go\n" + String(repeating: "\t", count: 10_000) + "\n")
    add("100,000 lines of 'x'", "lines.scenario", String(repeating: "x\n", count: 100_000))
    for count in [10_000, 30_000] {
        var chain = header("t")
        for index in 0..<count { chain += "== c\(index)\nText \(index).\n-> c\(index + 1)\n" }
        chain += "== c\(count)\n* End\n  phase: termination\n  quality: 1\n  -> end\n== end [ending: goals-met]\nDone.\n"
        add("\(count / 1000),000 chained continuation scenes", "chain-\(count).scenario", chain)
    }
    var wide = header("t")
    for index in 0..<20_000 {
        wide += "== s\(index)\nScene \(index).\n"
        for (letter, quality) in [("A", 1), ("B", 0), ("C", -1)] {
            wide += "* \(letter)\n  phase: engagement\n  quality: \(quality)\n  -> \(index + 1 < 20_000 ? "s\(index + 1)" : "end")\n"
        }
    }
    add("20,000 scenes of three choices", "wide.scenario", wide + "== end [ending: goals-met]\nDone.\n")
    var once = header("t") + "== hub\nHub.\n"
    for index in 0..<30 { once += "* Q\(index)\n  phase: assessment\n  quality: 1\n  once\n  -> hub\n" }
    add("30 once choices in one scene", "once.scenario", once + "* Leave\n  phase: termination\n  quality: 1\n  -> end\n== end [ending: goals-met]\nEnd.\n")
    for bound in [10_000, 30_000, 1_000_000] {
        add("a counter loop bounded at +/-\(bound)", "counter-\(bound).scenario", header("t") + """
            var n = 0
            == hub
            N is {n}.
            * Up
              phase: engagement
              quality: 1
              requires: n < \(bound)
              set: n + 1
              -> hub
            * Down
              phase: engagement
              quality: 0
              requires: n > -\(bound)
              set: n - 1
              -> hub
            * Leave
              phase: termination
              quality: 1
              -> end
            == end [ending: goals-met]
            End.

            """)
    }
    var plain = header("t")
    for index in 0..<10_000 {
        plain += "== s\(index)\nText.\n* Go\n  phase: engagement\n  quality: 1\n  -> \(index + 1 < 10_000 ? "s\(index + 1)" : "end")\n"
    }
    add("10,000 plain scenes", "plain.scenario", plain + "== end [ending: goals-met]\nDone.\n")
    var typos = header("t")
    for index in 0..<5_000 {
        typos += "== scene-number-\(index)\nText.\n* Go\n  phase: engagement\n  quality: 1\n  -> scene-numbr-\(index)x\n"
    }
    add("5,000 misspelt scene names (found by fuzzing)", "typos.scenario", typos + "== end [ending: goals-met]\nx\n")
    add("a million nested JSON lists", "deep.json", String(repeating: "[", count: 1_000_000))
    add("a JSON list of a million numbers", "numbers.json", "[" + Array(repeating: "1", count: 1_000_000).joined(separator: ",") + "]")
    return inputs
}

/// Issue 17's reproducers for the diagnostics a checker keeps: a case of about `bytes` bytes with a defect on
/// every line but the `==` and `*` lines (an unknown variable, phase, attribute and scene, a quality out of
/// range), and a scene of `{x}` lines (each an unknown variable). `DiagnosticBoundTests` checks the same
/// shapes at unit-test sizes.
func generateDefectCase(bytes: Int) -> String {
    var text = "title: Defects\nid: defects\nlanguage: en\nlevel: micro\n\n"
    var index = 0
    while text.utf8.count < bytes {
        text += "== s\(index)\nText {x\(index)}.\n* Go\n  phase: engagment\n  quality: 9\n  qualty: 1\n  -> nowhere-\(index)\n"
        index += 1
    }
    return text
}

/// A scene of `{x}` lines filling about `bytes` bytes.
func generatePlaceholderLines(bytes: Int) -> String {
    let header = "title: Braces\nid: braces\nlanguage: en\nlevel: micro\n\n== a\n"
    return header + String(repeating: "{x}\n", count: max(0, bytes - header.utf8.count) / 4)
}
