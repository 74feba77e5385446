import Foundation
import Testing

/// A case whose variables sit at the 64-bit limits, through every command an author and a student run: a
/// clear result and the documented exit code (docs/cli.md), never a crash. An update that would pass an end
/// stops at that end (docs/scenario-format.md, "Whole numbers").
@Suite("Cases at the 64-bit limits: check, simulate, play")
struct NumberLimitsTests {
    static let limits = """
        title: At the limits
        id: at-the-limits
        language: en
        level: micro
        var high = 9223372036854775807
        var low = -9223372036854775808
        var mark = 0
        == start
        High {high}, low {low}.
        * Push both past their ends
          phase: engagement
          quality: 2
          set: high + 9223372036854775807, low - 9223372036854775807, mark = -9223372036854775808
          -> middle
        * Step back from both ends
          phase: engagement
          quality: 1
          set: high - 1, low + 1, mark = 9223372036854775807
          -> middle
        == middle
        High {high}, low {low}, mark {mark}.
        * Finish at the ends
          phase: termination
          quality: 2
          requires: high == 9223372036854775807 and low == -9223372036854775808 and mark < -9223372036854775807
          -> done
        * Finish inside
          phase: termination
          quality: 1
          requires: high < 9223372036854775807 and low > -9223372036854775808 and mark >= 9223372036854775807
          -> done
        == done [ending: goals-met]
        Ended at {high}, {low}, {mark}.

        """

    @Test func checkFindsNoErrorAndEveryChoiceOnOffer() throws {
        let file = try AppTestSupport.caseFile(Self.limits, named: "limits.scenario")
        let run = AppTestSupport.run(["check", file.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("✓ ") && run.output.contains("limits.scenario: "), "\(run.output)")
        #expect(!run.errors.contains("error:"))
        // Both finishing choices are reachable: the kernel saturates exactly as play does.
        #expect(!run.errors.contains("impossible-choice"), "\(run.errors)")
    }

    @Test func simulateGivesAVerdict() throws {
        let file = try AppTestSupport.caseFile(Self.limits, named: "limits.scenario")
        let run = AppTestSupport.run(["simulate", file.path, "--runs", "5"])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("Verdict: "))
    }

    @Test(arguments: [
        ("1,1", "Ended at 9223372036854775807, -9223372036854775808, -9223372036854775808."),
        ("2,1", "Ended at 9223372036854775806, -9223372036854775807, 9223372036854775807."),
    ])
    func scriptedPlayStopsAtTheEnds(choices: String, ending: String) throws {
        let file = try AppTestSupport.caseFile(Self.limits, named: "limits.scenario")
        let run = AppTestSupport.run(["play", file.path, "--choices", choices, "--mode", "graded"])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains(ending), "\(run.output)")
        #expect(run.output.contains("Debrief: At the limits"))
    }

    /// The reproducer of issue 16 (a counter from Int.max that can also be set to Int.min) is a warning now.
    @Test func aRunawayCounterAcrossTheWholeRangeIsAWarning() throws {
        let text = """
            title: Runaway
            id: runaway
            language: en
            level: micro
            var x = 9223372036854775807
            == a
            At {x}.
            * Down
              phase: engagement
              quality: 1
              set: x - 1
              requires: x >= -9223372036854775808
              -> a
            * Floor
              phase: engagement
              quality: 1
              set: x = -9223372036854775808
              -> a
            * Stop
              phase: termination
              quality: 1
              -> end
            == end [ending: goals-met]
            Done.

            """
        let file = try AppTestSupport.caseFile(text, named: "runaway.scenario")
        let run = AppTestSupport.run(["check", "--explore-limit", "1000", file.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.errors.contains("[exploration-limit]"))
        #expect(run.errors.contains("'x' (from -9223372036854775808 to 9223372036854775807)"))
    }

    @Test func aNumberPastTheLimitsIsAnErrorWithItsLine() throws {
        let file = try AppTestSupport.caseFile(
            Self.limits.replacingOccurrences(of: "high - 1,", with: "high - 9223372036854775808,"),
            named: "past.scenario")
        let run = AppTestSupport.run(["check", file.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains(
            "past.scenario:18:15: error: '9223372036854775808' does not fit a case's whole numbers, which run from "
                + "-9223372036854775808 to 9223372036854775807 [invalid-number]"), "\(run.errors)")
    }
}
