import Foundation
import Testing

/// `simulate` with the naive policies, its verdict and `--strict`; `check`'s `gameable` warning and its note
/// when errors keep it from playing the case.
@Suite("simulate and check: policies that skip the case")
struct SimulateAndCheckTests {
    static let okafor = "Tests/PracticumAppTests/Fixtures/Library/okafor-referral.scenario"

    @Test func simulateListsEveryPolicyAndEndsWithAVerdict() {
        let run = AppTestSupport.run(["simulate", "Scenarios/rent-arrears-intake.scenario", "--runs", "9", "--strict"])
        #expect(run.exitCode == 0, "\(run.output)\(run.errors)")
        for policy in ["first", "random", "vocabulary", "question", "no-warning", "no-authority", "mirror", "composite", "ceiling"] {
            #expect(run.output.contains("\n\(policy) "), "\(policy)")
        }
        #expect(run.output.contains("Verdict: fit to grade: no policy that skips the case reaches Competent"))
        let lines = run.output.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
    }

    @Test func strictExitsOneWhenAPolicyReachesCompetentAndSaysWhich() throws {
        let run = AppTestSupport.run(["simulate", Self.okafor, "--runs", "9", "--strict"])
        #expect(run.exitCode == 1)
        // The verdict is wrapped to the terminal's width, continuation lines indented.
        let verdict = run.output.replacingOccurrences(of: "\n  ", with: " ")
        #expect(verdict.contains("Verdict: not fit to grade: a student who never reads the case reaches Competent or above: longest"))
        // Without --strict the same verdict, and success.
        #expect(AppTestSupport.run(["simulate", Self.okafor, "--runs", "9"]).exitCode == 0)
        let json = try #require(AppTestSupport.json(AppTestSupport.run(["simulate", Self.okafor, "--runs", "9", "--json", "--strict"]).output))
        #expect(json["passes"] as? Bool == false)
        let rows = try #require(json["policies"] as? [[String: Any]])
        #expect(rows.first { $0["policy"] as? String == "composite" }?["reading"] as? String == "naive")
    }

    @Test func checkWarnsGameableWithThePolicyAndItsMedian() {
        let run = AppTestSupport.run(["check", Self.okafor])
        #expect(run.exitCode == 0)
        #expect(run.errors.contains("warning: a student who never reads the case reaches Exemplary by the longest policy"))
        #expect(run.errors.contains("[gameable]"))
        #expect(run.errors.contains("median "))
        // --no-explore skips the checks that play the case.
        #expect(!AppTestSupport.run(["check", "--no-explore", Self.okafor]).errors.contains("gameable"))
    }

    @Test func checkSaysWhenErrorsKeptItFromPlayingTheCase() throws {
        let file = try AppTestSupport.caseFile(
            "title: T\nid: t\nlanguage: en\nlevel: micro\n== a\n* Go\n  phase: engagement\n  quality: 1\n  -> nowhere\n",
            named: "broken.scenario")
        let run = AppTestSupport.run(["check", file.path])
        #expect(run.exitCode == 1)
        #expect(run.output.contains("1 error (the checks that play the case, such as soft locks and gameable policies, run once these are fixed)"))
        let json = try #require(AppTestSupport.json(AppTestSupport.run(["check", "--json", file.path]).output))
        #expect((json["files"] as? [[String: Any]])?.first?["played"] as? Bool == false)
    }

    @Test func checkSaysWhenACaseIsTooLargeForThePolicies() throws {
        var text = "title: Long\nid: long\nlanguage: en\nlevel: micro\n"
        for number in 1...301 {
            text += "== s\(number)\nStep \(number).\n* Go on\n  phase: engagement\n  quality: +1\n  -> \(number == 301 ? "end" : "s\(number + 1)")\n"
        }
        text += "== end [ending: goals-met]\nDone.\n"
        let file = try AppTestSupport.caseFile(text, named: "long.scenario")
        let run = AppTestSupport.run(["check", file.path])
        #expect(run.output.contains("(the gameable policies were not played: 302 scenes; run 'practicum simulate' on it)"), "\(run.output)")
        let json = try #require(AppTestSupport.json(AppTestSupport.run(["check", "--json", file.path]).output))
        #expect((json["files"] as? [[String: Any]])?.first?["played"] as? Bool == false)
    }
}
