import PracticumCore
import PracticumEngine
import Testing

@Suite("Scene text")
struct TextTests {
    let engine = Engine(scenario: Cases.maria)

    @Test func linesWhoseConditionFailsAreLeftOutAndEmptyParagraphsDropped() {
        #expect(
            engine.paragraphs(of: engine.start().state) == [
                "Maria sits at the edge of her chair.",
                "Trust is 1; {nobody} stays {as written and {1} too.",
            ])
    }

    @Test func linesWhoseConditionHoldsJoinWithOneSpace() throws {
        // Back at the intake is impossible, so use a case with the same scene and trust 2.
        var scenario = Cases.maria
        scenario.variables[0].initial = .int(2)
        let engine = Engine(scenario: scenario)
        #expect(
            engine.paragraphs(of: engine.start().state) == [
                "Maria sits at the edge of her chair. She meets your eyes.",
                "Trust is 2; {nobody} stays {as written and {2} too.",
            ])
    }

    @Test func placeholdersShowCurrentValues() throws {
        let engine = Engine(scenario: Cases.hub)
        let state = try engine.play([3, 3])
        #expect(engine.paragraphs(of: state) == ["You have listened 2 times."])
    }

    @Test(arguments: [
        ("{n}", "7"), ("{n}{n}", "77"), ("{", "{"), ("}", "}"), ("{}", "{}"), ("{ n }", "{ n }"),
        ("a {n", "a {n"), ("{x} {n}", "{x} 7"), ("{{n}}", "{7}"), ("{flag} is {flag}", "true is true"),
        ("Hari ke-{n}, ibu Siti", "Hari ke-7, ibu Siti"), ("no braces", "no braces"),
    ])
    func interpolation(_ written: String, shows expected: String) throws {
        let scenario = Scenario(
            header: Cases.header("text"), findings: [],
            variables: [Variable(name: "n", initial: .int(7)), Variable(name: "flag", initial: .bool(true))],
            scenes: [Scene(name: "only", ending: "partial", paragraphs: [[TextLine(text: written)]])],
            start: "only"
        )
        let engine = Engine(scenario: scenario)
        #expect(engine.paragraphs(of: engine.start().state) == [expected])
    }
}
