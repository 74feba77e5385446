import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal
import Testing
@testable import PracticumApp

/// The debrief as a person reads it on a terminal: nothing cut, every line within the width, the first screen
/// within 80x24, quotes intact; on many paths through both bundled cases, in both languages.
@Suite("The debrief on a terminal")
struct DebriefLayoutTests {
    /// Random complete paths through a bundled case (as `simulate` plays them), as choice ids.
    static func paths(of name: String, count: Int) throws -> [String] {
        let content = try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content"))
        let scenario = try #require(
            ScenarioLoader(content: content).load(path: AppTestSupport.root.appendingPathComponent("Scenarios/\(name).scenario").path)
                .scenario)
        var generator = SplitMix64(seed: 7)
        var paths: [String] = []
        for run in 0..<count {
            let engine = Engine(scenario: scenario, order: .shuffled(seed: UInt64(run)))
            var state = engine.autoContinue(engine.start().state).state
            while case .choosing(let shown) = engine.status(of: state), state.path.count < 80 {
                state = engine.autoContinue(try engine.choose(id: shown[Int(generator.next(below: UInt64(shown.count)))].id, in: state).state).state
            }
            paths.append(state.choicesTaken.map(\.description).joined(separator: ","))
        }
        return paths
    }

    @Test(arguments: [("rent-arrears-intake", "en"), ("keluarga-dimas", "id"), ("rent-arrears-intake", "id")])
    func nothingIsCutAndTheFirstScreenFits(name: String, language: String) throws {
        for path in try Self.paths(of: name, count: 10) {
            for width in [80, 60] {
                let run = AppTestSupport.run(
                    ["play", name, "--choices", path, "--lang", language, "--details"], environment: ["COLUMNS": String(width)])
                #expect(run.exitCode == 0, "\(run.errors)")
                let debrief = try #require(run.output.components(separatedBy: String(repeating: "─", count: width) + "\n").last)
                // Every line but the command that plays the attempt again, printed whole so it can be copied.
                for line in debrief.split(separator: "\n") where !line.contains("--choices") {
                    #expect(displayWidth(of: String(line)) <= width, "\(width) columns: \(line)")
                }
                let first = debrief.components(separatedBy: "\n\n" + (language == "en" ? "Scores" : "Skor") + "\n")[0]
                #expect(!first.contains("…"), "the first screen cuts nothing: \(first)")
                if width == 80 {
                    let hint = 3  // the blank line and the two lines of the hint to see the details
                    #expect(first.split(separator: "\n", omittingEmptySubsequences: false).count + 1 + hint <= Debrief.screenLines, "\(first)")
                }
            }
        }
    }

    @Test func anOpeningQuoteSurvivesAShortenedQuotation() throws {
        // The remark is quoted in a review summary and in the reasons: its opening quote stays.
        // A path that hears the remark and never asks about it: the unmet expectation's reason opens with it.
        let run = AppTestSupport.run(["play", "rent-arrears-intake", "--choices", "4,3,3,1,1,4,3,3,1,2,1,4,1,3", "--details"])
        #expect(run.output.contains("not shown: \"Simpler for everybody if I wasn't around\","))
        #expect(!run.output.contains("not shown: Simpler for everybody"))
    }
}
