import PracticumCore
import Testing

@testable import PracticumEngine

/// The case diagram `practicum graph` draws: its nodes and edges, a walk laid over it, and its dot and Mermaid
/// text, escaping included. (Whether Graphviz draws it is Tests/Graph/render-bundled.sh, run by hand.)
@Suite struct CaseDiagramTests {
    /// A visit in five scenes: a start, a crisis scene, a scene that only continues, a `once` choice that
    /// loops, a choice that requires something, and two endings; one scene is called `end`.
    static let visit = Scenario(
        header: Header(title: #"Mr "Q" & <the> \ flat"#, id: "flat", language: "en", level: "micro"),
        findings: [], variables: [Variable(name: "trust", initial: .int(0))],
        scenes: [
            Scene(
                name: "door",
                choices: [
                    Choice(text: "Knock and wait.", phase: "engagement", quality: 1, updates: [Assignment(variable: "trust", operation: .add(1))], once: true, target: "door"),
                    Choice(
                        text: "Go in.", phase: "assessment", quality: 2,
                        requires: .comparison(.variable("trust"), .greaterOrEqual, .literal(.int(1))), target: "hall"),
                    Choice(text: "Leave.", phase: "termination", quality: -1, target: "end"),
                ]),
            Scene(name: "hall", next: "kitchen"),
            Scene(
                name: "kitchen", isCrisis: true,
                choices: [
                    Choice(text: "Open the window.", phase: "implementation", quality: 2, target: "safe"),
                    Choice(text: "Wait.", phase: "assessment", quality: -2, target: "end"),
                ]),
            Scene(name: "safe", ending: "goals-met"),
            Scene(name: "end", ending: "harm"),
        ], start: "door")

    @Test func nodesAndEdgesFollowTheWrittenCase() {
        let diagram = CaseDiagram(Self.visit)
        #expect(diagram.nodes.map(\.name) == ["door", "hall", "kitchen", "safe", "end"])
        #expect(diagram.nodes.map(\.role) == [.choosing, .continuing, .choosing, .ending(outcome: "goals-met"), .ending(outcome: "harm")])
        #expect(diagram.nodes.map(\.isStart) == [true, false, false, false, false])
        #expect(diagram.nodes.map(\.isCrisis) == [false, false, true, false, false])
        #expect(diagram.edges.map { "\($0.from)->\($0.to)" } == ["door->door", "door->hall", "door->end", "hall->kitchen", "kitchen->safe", "kitchen->end"])
        #expect(diagram.edges[0].kind == .choice(number: 1, phase: "engagement", requires: nil, once: true))
        #expect(diagram.edges[3].kind == .continuation)
        let labels = DiagramLabels(outcomeNames: ["harm": "Harm"], phaseNames: ["assessment": "Assessment"])
        #expect(labels.lines(for: diagram.edges[0]) == ["1 · engagement", "once"])
        #expect(labels.lines(for: diagram.edges[1]) == ["2 · Assessment", "if trust >= 1"])
        #expect(labels.lines(for: diagram.edges[3]) == ["continue"])
        #expect(labels.lines(for: diagram.nodes[0]) == ["door", "(start)"])
        #expect(labels.lines(for: diagram.nodes[2]) == ["kitchen", "[crisis]"])
        #expect(labels.lines(for: diagram.nodes[4]) == ["end", "ending: Harm"])
        #expect(labels.lines(for: diagram.nodes[3]) == ["safe", "ending: goals-met"], "an outcome not named shows its id")
    }

    @Test func aWalkMarksItsScenesAndEdgesWithTheirSteps() throws {
        let engine = Engine(scenario: Self.visit)
        // Knock (1), then "Go in" is shown as 1 (the `once` knock is gone), then open the window.
        let path = try DiagramPath([.number(1), .number(1), .id(ChoiceID(scene: "kitchen", index: 0))], engine: engine)
        #expect(path.moves == [.choice(ChoiceID(scene: "door", index: 0)), .choice(ChoiceID(scene: "door", index: 1)), .continuation(from: "hall"), .choice(ChoiceID(scene: "kitchen", index: 0))])
        #expect(path.scenes == ["door", "door", "hall", "kitchen", "safe"])
        #expect(path.outcome == "goals-met")
        let marked = CaseDiagram(Self.visit).marking(path)
        #expect(marked.nodes.filter(\.onPath).map(\.name) == ["door", "hall", "kitchen", "safe"])
        #expect(marked.edges.map(\.onPath) == [true, true, false, true, true, false])
        #expect(marked.edges.map(\.steps) == [[1], [2], [], [], [3], []])
        #expect(DiagramLabels().lines(for: marked.edges[4]) == ["1 · implementation", "step 3"])
    }

    @Test func aWalkThatCannotBeTakenSaysWhichStepAndWhatWasOnOffer() {
        let engine = Engine(scenario: Self.visit)
        // Only two choices are on offer at the door ("Go in" requires trust): 2 is "Leave", 3 is nothing.
        #expect(throws: DiagramPath.Failure.self) { try DiagramPath([.number(3)], engine: engine) }
        do {
            _ = try DiagramPath([.number(3)], engine: engine)
        } catch {
            guard case .notOffered(let step, let scene, let asked, let offered) = error else {
                Issue.record("expected notOffered, got \(error)")
                return
            }
            #expect(step == 1 && scene == "door" && asked == .number(3))
            #expect(offered.map(\.id.description) == ["door#1", "door#3"], "'Go in' requires trust")
        }
        do {
            _ = try DiagramPath([.number(2), .number(1)], engine: engine)
            Issue.record("a walk past an ending was taken")
        } catch {
            #expect(error == .ended(step: 2, scene: "end", outcome: "harm", remaining: 1))
        }
    }

    @Test func dotHasOneStatementPerSceneAndEdgeWithEndingsShapedByOutcome() {
        let dot = DotRendering.render(CaseDiagram(Self.visit), labels: DiagramLabels(outcomeNames: ["goals-met": "Goals met"]))
        let lines = dot.split(separator: "\n").map(String.init)
        #expect(lines.first == #"digraph "flat" {"#)
        #expect(lines.last == "}")
        #expect(lines.contains { $0.hasPrefix(#"  "door" [label="door\n(start)""#) && $0.contains("penwidth=2") })
        #expect(lines.contains { $0.hasPrefix(##"  "kitchen" ["##) && $0.contains("peripheries=2") && $0.contains(##"color="#c62828""##) })
        #expect(lines.contains { $0.hasPrefix(##"  "safe" [label="safe\nending: Goals met", shape=ellipse"##) && $0.contains(##"fillcolor="#c8e6c9""##) })
        #expect(lines.contains { $0.hasPrefix(##"  "end" ["##) && $0.contains("shape=hexagon") && $0.contains(##"fillcolor="#ffcdd2""##) })
        #expect(lines.contains(#"  "hall" -> "kitchen" [label="continue", style=dashed];"#))
        #expect(lines.contains(#"  "door" -> "hall" [label="2 · assessment\nif trust >= 1"];"#))
        #expect(lines.filter { $0.contains(" -> ") }.count == 6)
        #expect(!dot.contains("#1f6feb"), "no walk, no blue")
    }

    @Test func dotQuotesBackslashesQuotesNewlinesAndHidesControlAndBidiCharacters() {
        #expect(DotRendering.quoted(#"Mr "Q" \N"#) == #""Mr \"Q\" \\N""#)
        #expect(DotRendering.quoted(["a", "b"]) == #""a\nb""#)
        #expect(DotRendering.quoted("a\nb\u{1B}[2J") == "\"a b\u{241B}[2J\"")
        #expect(DotRendering.quoted("x\u{202E}y\u{2067}z") == "\"x<U+202E>y<U+2067>z\"")
        #expect(DotRendering.quoted("Bu Rina · 🙂 é") == "\"Bu Rina · 🙂 é\"", "other Unicode is kept")
        let dot = DotRendering.render(CaseDiagram(Self.visit))
        #expect(dot.contains(#"label="Mr \"Q\" & <the> \\ flat (flat)""#))
    }

    @Test func mermaidNamesNodesByPositionAndEscapesWhatItReads() {
        let mermaid = MermaidRendering.render(CaseDiagram(Self.visit))
        let lines = mermaid.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == ["---", #"title: "Mr \"Q\" & <the> \\ flat (flat)""#, "---", "flowchart TD"])
        #expect(lines.contains(#"  s0("door<br>(start)")"#))
        #expect(lines.contains(#"  s2[["kitchen<br>[crisis]"]]"#))
        #expect(lines.contains(#"  s3((("safe<br>ending: goals-met")))"#))
        #expect(lines.contains(#"  s4{{"end<br>ending: harm"}}"#), "a scene called end is a node named s4")
        #expect(lines.contains(#"  s0 -->|"2 · assessment<br>if trust #gt;= 1"| s1"#))
        #expect(lines.contains(#"  s1 -.->|"continue"| s2"#))
        #expect(lines.contains("  class s3 ending_goals_met") && lines.contains("  class s4 ending_harm"))
        #expect(lines.contains("  class s2 crisis"))
        #expect(!mermaid.contains("linkStyle"), "no walk, no link styles")
        #expect(MermaidRendering.quoted([#"a "b" #1 & <c> | `d` 50%"#, "e"]) == #""a #quot;b#quot; #35;1 #amp; #lt;c#gt; #124; #96;d#96; 50#37;<br>e""#)
        #expect(MermaidRendering.quoted(["x\u{202B}y\u{7}"]) == "\"x#lt;U+202B#gt;y\u{2407}\"")
    }

    @Test func aWalkIsBlueInBothPicturesAndTheRestGrey() throws {
        let path = try DiagramPath([.number(1), .number(1), .number(1)], engine: Engine(scenario: Self.visit))
        let marked = CaseDiagram(Self.visit).marking(path)
        let dot = DotRendering.render(marked)
        #expect(dot.contains(##"  "door" -> "hall" [label="2 · assessment\nif trust >= 1\nstep 2", color="#1f6feb""##))
        #expect(dot.contains(##"  "door" -> "end" [label="3 · termination", color="#a0a0a0""##))
        #expect(dot.contains(#"  "safe" ["#) && dot.split(separator: "\n").first { $0.contains(#""safe" ["#) }?.contains("penwidth=3") == true)
        let mermaid = MermaidRendering.render(marked)
        #expect(mermaid.contains("  linkStyle 0,1,3,4 stroke:#1f6feb"))
        #expect(mermaid.contains("  style s3 stroke:#1f6feb"))
        #expect(!mermaid.contains("  style s4 "), "the harm ending is off the walk")
    }
}
