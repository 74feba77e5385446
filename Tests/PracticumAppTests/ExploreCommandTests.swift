import Foundation
import PracticumApp
import Testing

@Suite("practicum explore")
struct ExploreCommandTests {
    static let header = "title: T\nid: t\nlanguage: en\nlevel: micro\n"

    /// `layers` scenes of `width` choices each, every one leading to the next scene; then one ending.
    static func layered(layers: Int, width: Int) -> String {
        var text = header
        for layer in 0..<layers {
            let next = layer + 1 < layers ? "layer-\(layer + 1)" : "end"
            text += "== layer-\(layer)\nLayer \(layer).\n"
            for option in 0..<width {
                text += "* Option \(option + 1) of layer \(layer + 1)\n  phase: engagement\n  quality: \(option)\n  -> \(next)\n"
            }
        }
        return text + "== end [ending: goals-met]\nDone.\n"
    }

    /// A waiting room that can be gone round, a soft lock, and an ending straight from the start.
    static let loopAndLock = header + """
        var key = false
        == start
        * Finish now
          phase: engagement
          quality: 1
          -> early
        * Wait
          phase: engagement
          quality: 1
          -> room
        * Try the locked door
          phase: engagement
          quality: 0
          -> locked
        == room
        * Wait again
          phase: engagement
          quality: 2
          -> room
        * Leave
          phase: termination
          quality: 0
          -> late
        == locked
        * Open
          phase: engagement
          quality: 1
          requires: key
          -> early
        == early [ending: goals-met]
        Early.
        == late [ending: partial]
        Late.
        """

    @Test func fiftyLayersOfThreeChoicesCountExactly() throws {
        let file = try AppTestSupport.caseFile(Self.layered(layers: 50, width: 3), named: "layers.scenario")
        let run = AppTestSupport.run(["explore", file.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("51 states and 150 choices between them: explored completely."))
        #expect(run.output.contains("Paths to an ending: 717897987691852588770249 paths"))
        #expect(run.output.contains("end (goals-met), 1 state: 717897987691852588770249 paths"))
        // The best path takes the highest quality of every layer, the worst the lowest.
        #expect(run.output.contains("Best path: overall 100, Exemplary\n   1. layer-0#3   Option 3 of layer 1"))
        #expect(run.output.contains("Worst path: overall"))
        #expect(run.output.contains("  50. layer-49#1  Option 1 of layer 50"))
        #expect(run.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func loopsAndSoftLocksComeWithTheirPaths() throws {
        let file = try AppTestSupport.caseFile(Self.loopAndLock, named: "loop.scenario")
        let run = AppTestSupport.run(["explore", file.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("Paths to an ending: endless (through a loop); 1 loop-free path"))
        #expect(run.output.contains("Paths to a soft lock: 1 path"))
        #expect(run.output.contains("late (partial), 1 state: endless (through a loop); 0 loop-free paths"))
        #expect(run.output.contains("room (1 state; leads on to an ending; farms quality +2 a round)"))
        #expect(run.output.contains("    reached by:\n      1. start#2  Wait\n    once round:\n      1. room#1  Wait again"))
        #expect(run.output.contains("Soft locks:\n  locked, reached by:\n    1. start#3  Try the locked door"))
        #expect(run.output.contains("Choices no path can take:\n  locked#1 (its 'requires:' never holds there): Open"))
    }

    @Test func aCounterHubIsOneLoopAndItsWorstPathIsNotExact() throws {
        let hub = Self.header + """
            var n = 0
            == hub
            * Up
              phase: engagement
              quality: 1
              requires: n < 5
              set: n + 1
              -> hub
            * Down
              phase: engagement
              quality: 0
              requires: n > -5
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
        let file = try AppTestSupport.caseFile(hub, named: "hub.scenario")
        let run = AppTestSupport.run(["explore", file.path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("hub (11 states; leads on to an ending; farms quality +1 a round)"))
        #expect(run.output.contains("Worst path: overall 15, Emerging (not exact: a loop that costs points could be\n"))
        // The same choice taken again and again is one line.
        #expect(run.output.contains("\n  1-5. hub#2  Down (5 times)\n    6. hub#3  Leave\n"))
    }

    @Test func theJSONObject() throws {
        let file = try AppTestSupport.caseFile(Self.loopAndLock, named: "loop.scenario")
        let run = AppTestSupport.run(["explore", "--json", file.path])
        #expect(run.exitCode == 0)
        let json = try #require(AppTestSupport.json(run.output))
        #expect(
            Set(json.keys) == [
                "scenario", "title", "maxStates", "complete", "states", "edges", "paths", "stuckPaths", "endings", "loops",
                "softLocks", "untakenChoices", "earlyAddresses", "best", "worst",
            ])
        #expect(json["complete"] as? Bool == true)
        #expect(json["maxStates"] as? Int == 200_000)
        let paths = try #require(json["paths"] as? [String: Any])
        #expect(paths["loopFree"] as? String == "1")
        #expect(paths["unbounded"] as? Bool == true)
        let endings = try #require(json["endings"] as? [[String: Any]])
        #expect(endings.map { $0["scene"] as? String } == ["early", "late"])
        let best = try #require(json["best"] as? [String: Any])
        #expect(best["overall"] is Int)
        let step = try #require((best["path"] as? [[String: Any]])?.first)
        #expect(Set(step.keys) == ["id", "scene", "number", "text"])
        let loop = try #require((json["loops"] as? [[String: Any]])?.first)
        #expect(loop["farmsQuality"] as? Bool == true)
        #expect(loop["qualityPerRound"] as? Int == 2)
        let lock = try #require((json["softLocks"] as? [[String: Any]])?.first)
        #expect(((lock["path"] as? [[String: Any]])?.map { $0["id"] as? String }) == ["start#3"])
    }

    @Test func maxStatesStopsAndSaysWhatWasCovered() throws {
        let file = try AppTestSupport.caseFile(Self.layered(layers: 50, width: 3), named: "layers.scenario")
        let run = AppTestSupport.run(["explore", "--max-states", "10", file.path])
        #expect(run.exitCode == ExitCode.incomplete)
        #expect(run.output.contains("stopped at 10 states"))
        #expect(run.output.contains("lower bounds"))
        #expect(run.output.contains("Best and worst path: not searched: the exploration stopped at 10 states"))
        let json = try #require(AppTestSupport.json(AppTestSupport.run(["explore", "--json", "--max-states", "10", file.path]).output))
        #expect(json["complete"] as? Bool == false)
        #expect(json["states"] as? Int == 10)
        #expect(json["best"] == nil)
        #expect(json["scoring"] as? String == "not searched: the exploration stopped at 10 states")
    }

    @Test func badInputIsRefusedWithAMessage() throws {
        let broken = try AppTestSupport.caseFile(Self.header + "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> nowhere\n", named: "broken.scenario")
        let run = AppTestSupport.run(["explore", broken.path])
        #expect(run.exitCode == 1)
        #expect(run.errors.contains("has errors and cannot be explored"))
        let missing = AppTestSupport.run(["explore", "/nonexistent/case.scenario"])
        #expect(missing.exitCode == 1)
        #expect(!missing.errors.isEmpty)
        let zero = AppTestSupport.run(["explore", "--max-states", "0", broken.path])
        #expect(zero.exitCode == ExitCode.usage)
        #expect(zero.errors.contains("--max-states takes a whole number from 1 to"))
        #expect(AppTestSupport.run(["explore"]).exitCode == ExitCode.usage)
    }

    @Test func everyBundledCaseIsExploredCompletely() throws {
        for name in ["rent-arrears-intake", "diversi-bayu"] {
            let run = AppTestSupport.run(["explore", "--json", "Scenarios/\(name).scenario"])
            #expect(run.exitCode == 0, "\(name): \(run.errors)")
            let json = try #require(AppTestSupport.json(run.output))
            #expect(json["complete"] as? Bool == true)
            #expect((json["best"] as? [String: Any])?["overall"] as? Int == 100, "\(name)")
        }
    }
}
