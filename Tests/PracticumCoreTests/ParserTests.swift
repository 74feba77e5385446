import Testing
@testable import PracticumCore

@Suite("Parser: each construct of the format")
struct ParserTests {
    func scenario(_ body: String, header: String = TestSupport.minimalHeader) throws -> Scenario {
        let result = TestSupport.load(header + body)
        let errors = result.diagnostics.filter(\.isError)
        #expect(errors.isEmpty, "unexpected errors: \(errors.map(\.message))")
        return try #require(result.scenario)
    }

    @Test func headerKeysAndObjectives() throws {
        let header = """
            title: Maria and the eviction notice   // trailing comment
            id: maria-eviction
            language: en
            level: micro
            client: Maria Santos, 34,
              single mother of two
            setting: Walk-in intake // comment
            minutes: 20
            author: Practicum Team
            version: 1
            weights: practice 40, ethics 30
            start: second
            objectives:
              - Explain your role
              - Assess needs and strengths
                before proposing action

            """
        let case_ = try scenario("== first\nHello.\n-> second\n\n== second [ending: goals-met]\nDone.\n", header: header)
        #expect(case_.header.title == "Maria and the eviction notice")
        #expect(case_.header.client == "Maria Santos, 34, single mother of two")
        #expect(case_.header.setting == "Walk-in intake")
        #expect(case_.header.minutes == 20)
        #expect(case_.header.version == "1")
        #expect(case_.header.objectives == ["Explain your role", "Assess needs and strengths before proposing action"])
        #expect(case_.header.weights == [.init(dimension: "practice", value: 40), .init(dimension: "ethics", value: 30)])
        #expect(case_.start == "second")
    }

    @Test func findingsAndVariables() throws {
        let case_ = try scenario("""
            finding eviction: Eviction hearing in 12 days // comment
            var trust = 1
            var called = false
            var debt = -2

            == start
            [if called] Called. {trust} {debt}
            * Ask
              phase: assessment
              quality: +1
              reveals: eviction
              requires: trust >= 1
              -> end
            == end [ending: goals-met]
            End.
            """)
        #expect(case_.findings == [Finding(id: "eviction", text: "Eviction hearing in 12 days")])
        #expect(case_.variables == [
            Variable(name: "trust", initial: .int(1)), Variable(name: "called", initial: .bool(false)),
            Variable(name: "debt", initial: .int(-2)),
        ])
    }

    @Test func paragraphsConditionalLinesAndComments() throws {
        let case_ = try scenario("""
            var trust = 0
            == intake
            // a comment line is not text
            Maria sits down.
            "They said you could help."

            [if trust >= 2] She meets your eyes.
            See https://example.org//path for more.
            -> end

            == end [ending: goals-met]
            Done.
            """)
        let intake = try #require(case_.scene(named: "intake"))
        #expect(intake.paragraphs.count == 2)
        #expect(intake.paragraphs[0].map(\.text) == ["Maria sits down.", "\"They said you could help.\""])
        #expect(intake.paragraphs[1][0].condition == .comparison(.variable("trust"), .greaterOrEqual, .literal(.int(2))))
        #expect(intake.paragraphs[1][0].text == "She meets your eyes.")
        #expect(intake.paragraphs[1][1].text == "See https://example.org//path for more.")
        #expect(intake.next == "end")
    }

    @Test func sceneMarkers() throws {
        let case_ = try scenario("""
            == danger [crisis]
            Safety first.
            -> end
            == end [ending: goals-met]
            Done.
            """)
        #expect(case_.scene(named: "danger")?.isCrisis == true)
        #expect(case_.scene(named: "end")?.ending == "goals-met")
        #expect(case_.scene(named: "danger")?.isEnding == false)
    }

    @Test func choiceWithEveryAttribute() throws {
        let case_ = try scenario("""
            finding eviction: Hearing in 12 days
            finding sister: Sister can host
            var trust = 1
            var called = false

            == intake
            Text.
            * "Let me call your landlord right now;
              we'll sort this out today."
              phase: intervensi  // Indonesian alias
              intervention: advocacy
              quality: -2
              upholds: dignity, client-centered
              violates: self-determination (major), confidentiality (critical)
              reveals: eviction
              addresses: eviction,
                sister
              requires: (trust >= 1 and not called) or visited(intake) or revealed(sister)
              set: trust - 1, called = true, trust + 2
              once
              feedback: You acted before assessing.
                Ask first // this stays text
              -> end
            * Listen
              phase: engagement
              quality: 0
              -> end
            == end [ending: goals-met]
            Done.
            """)
        let choice = try #require(case_.scene(named: "intake")?.choices.first)
        #expect(choice.text == "\"Let me call your landlord right now; we'll sort this out today.\"")
        #expect(choice.phase == "implementation")
        #expect(choice.intervention == "advocacy")
        #expect(choice.quality == -2)
        #expect(choice.upholds == ["dignity", "client-centered"])
        #expect(choice.violates == [
            Violation(principle: "self-determination", severity: .major),
            Violation(principle: "confidentiality", severity: .critical),
        ])
        #expect(choice.reveals == ["eviction"])
        #expect(choice.addresses == ["eviction", "sister"])
        // Printed with parentheses only where precedence needs them ('and' binds tighter than 'or').
        #expect(choice.requires?.description == "trust >= 1 and not called or visited(intake) or revealed(sister)")
        #expect(choice.updates == [
            Assignment(variable: "trust", operation: .add(-1)), Assignment(variable: "called", operation: .assign(.bool(true))),
            Assignment(variable: "trust", operation: .add(2)),
        ])
        #expect(choice.once)
        #expect(choice.feedback == "You acted before assessing. Ask first // this stays text")
        #expect(choice.target == "end")
        #expect(case_.scene(named: "intake")?.choices[1].quality == 0)
    }

    @Test(arguments: [
        ("a and b or c", "a and b or c"),
        ("a or b and c", "a or b and c"),
        ("(a or b) and c", "(a or b) and c"),
        ("not (a and b)", "not (a and b)"),
        ("not a and b", "not a and b"),
        ("n >= -1", "n >= -1"),
        ("n == +2", "n == 2"),
        ("a == true", "a == true"),
        ("visited(x) and not revealed(f)", "visited(x) and not revealed(f)"),
        ("a or (b or c)", "a or (b or c)"),
    ])
    func conditionsPrintAndParseBack(written: String, printed: String) throws {
        let source = SourceText(file: "t", text: written)
        let parsed = try ConditionParser.parse(source, line: 0, range: source.lines[0]).get()
        #expect(parsed.condition.description == printed)
        let again = SourceText(file: "t", text: printed)
        #expect(try ConditionParser.parse(again, line: 0, range: again.lines[0]).get().condition == parsed.condition)
    }

    @Test func qualityZeroAndPlusZeroAreTheSame() throws {
        let case_ = try scenario("""
            == a
            * One
              phase: engagement
              quality: +0
              -> b
            == b [ending: goals-met]
            Done.
            """)
        #expect(case_.scenes[0].choices[0].quality == 0)
    }

    @Test func byteOrderMarkAndWindowsLineEndings() throws {
        let text = "\u{FEFF}" + (TestSupport.minimalHeader + "== a\r\nHi.\r\n-> b\r\n== b [ending: goals-met]\r\nBye.\r\n")
        let result = TestSupport.load(text)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
        #expect(result.scenario?.scene(named: "a")?.paragraphs[0][0].text == "Hi.")
    }
}
