import PracticumCore
import PracticumEngine
import PracticumScoring
import Testing

@Suite("The worst path: the best path's search, mirrored")
struct WorstPathTests {
    /// Three meetings, three choices each, of mixed quality, phases and breaches; every path ends.
    static let threeMeetings = Support.header("three-meetings") + """
        finding debt: Rent is owed

        == first
        * Introduce yourself and what stays confidential.
          phase: engagement
          quality: +2
          upholds: informed-consent
          -> second
        * Start with the forms.
          phase: assessment
          quality: 0
          -> second
        * Tell her what she must do.
          phase: implementation
          quality: -2
          violates: self-determination (major)
          -> second

        == second
        * Ask about the letters.
          phase: assessment
          quality: +2
          reveals: debt
          -> third
        * Talk about the weather.
          phase: engagement
          quality: 0
          -> third
        * Call the landlord without asking her.
          phase: implementation
          quality: -2
          violates: confidentiality (major)
          -> third

        == third
        * Agree a payment plan together.
          phase: planning
          quality: +2
          addresses: debt
          -> good
        * Leave a leaflet.
          phase: termination
          quality: 0
          -> partial
        * Close the file.
          phase: termination
          quality: -1
          -> partial

        == good [ending: goals-met]
        A plan she can pay.
        == partial [ending: partial]
        The letters stay on the table.
        """

    /// Every path from the start to where no choice is offered, by depth-first search on the engine.
    static func allPaths(of scenario: Scenario, depth: Int = 12) throws -> [[ChoiceID]] {
        let engine = Engine(scenario: scenario)
        var found: [[ChoiceID]] = []
        func visit(_ path: [ChoiceID]) throws {
            let state = try engine.replay(path)
            let offered = engine.availableChoices(in: state)
            if offered.isEmpty || path.count == depth {
                found.append(path)
                return
            }
            for choice in offered { try visit(path + [choice.id]) }
        }
        try visit([])
        return found
    }

    @Test func theWorstPathScoresNoHigherThanAnyPath() throws {
        let scorer = try Support.scorer(Self.threeMeetings)
        let paths = try Self.allPaths(of: scorer.scenario)
        #expect(paths.count == 27)
        let scores = try paths.map { try scorer.score($0).overall }
        let worst = scorer.worstPath()
        #expect(worst.isExact)
        #expect(worst.path.count == 3)
        #expect(try scorer.score(worst.path).overall == scores.min())
        #expect(try scorer.score(scorer.bestPath()).overall == scores.max())
        // Here the worst path takes the lowest-quality choice of every meeting.
        #expect(worst.path == Support.path("first#3", "second#3", "third#3"))
    }

    @Test func aLoopThatCostsMakesTheWorstPathInexactButItStillEnds() throws {
        // Knocking again is a decision that loses credit each time: a path could knock for ever.
        let scorer = try Support.scorer(
            Support.header("knock") + """
                == door
                * Knock again.
                  phase: engagement
                  quality: -1
                  -> door
                * Say who you are.
                  phase: engagement
                  quality: 2
                  -> done
                == done [ending: goals-met]
                Done.
                """)
        let worst = scorer.worstPath()
        #expect(!worst.isExact)
        // The search keeps no memory here that a later step reads, so knocking again leads back to the same node:
        // a loop of one node that costs. The path goes round it once, then leaves, and so it ends; scored as an
        // attempt (77: practice 50) it is below the best path, which leaves at once (100).
        #expect(worst.path == Support.path("door#1", "door#2"))
        #expect(try scorer.score(worst.path).overall < scorer.score(Support.path("door#2")).overall)
        #expect(try scorer.score(scorer.bestPath()).overall == 100)
    }

    @Test func aCostlyLoopOfSeveralScenesIsGoneRoundOnce() throws {
        // Stepping out to the hall and back costs twice, and no memory tells the second visit from the first.
        let scorer = try Support.scorer(
            Support.header("hall") + """
                == door
                * Step back into the hall.
                  phase: engagement
                  quality: -1
                  -> hall
                * Say who you are.
                  phase: engagement
                  quality: 2
                  -> done
                == hall
                * Wait in the hall.
                  phase: engagement
                  quality: -1
                  -> hall
                * Go back to the door.
                  phase: engagement
                  quality: 0
                  -> door
                == done [ending: goals-met]
                Done.
                """)
        let worst = scorer.worstPath()
        #expect(!worst.isExact)
        let once = Support.path("door#1", "hall#2", "door#2")
        #expect(try scorer.score(worst.path).overall <= scorer.score(once).overall)
        #expect(try scorer.score(worst.path).overall < scorer.score(Support.path("door#2")).overall)
        #expect(worst.path.last == Support.path("door#2")[0])
    }
}
