import Foundation
import PracticumCore
import Testing
@testable import PracticumApp

/// A dilemma's two defensible answers, played to the end on a bundled case: both earn Exemplary, and the
/// debrief explains the same trade-off to each student, naming the answer they took, never a winner.
@Suite("The debrief explains a dilemma's trade-off")
struct DilemmaDebriefTests {
    /// The choices of a named path in a bundled case's tests (Scenarios/ID.test).
    static func choices(_ path: String, of caseID: String) throws -> String {
        let plan = try String(
            contentsOf: AppTestSupport.root.appendingPathComponent("Scenarios/\(caseID).test"),
            encoding: .utf8)
        let block = try #require(plan.components(separatedBy: "\n\n").first { $0.contains("name: \(path)\n") })
        let line = try #require(block.split(separator: "\n").first { $0.hasPrefix("choices: ") })
        return String(line.dropFirst("choices: ".count))
    }

    @Test(arguments: [("jordan-after-lunch", "path-b", "path-f"), ("diversi-bayu", "path-a", "path-e")])
    func bothAnswersAreExemplaryAndTheDebriefExplainsTheTradeOff(_ caseID: String, _ one: String, _ other: String) throws {
        let scenario = try #require(
            ScenarioLoader(content: try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content")))
                .load(path: AppTestSupport.root.appendingPathComponent("Scenarios/\(caseID).scenario").path).scenario)
        let tradeOff = try #require(scenario.scenes.compactMap(\.dilemma).first)
        var chosen: [String] = []
        for path in [one, other] {
            let choices = try Self.choices(path, of: caseID)
            let json = AppTestSupport.run(["play", caseID, "--choices", choices, "--mode", "graded", "--json"])
            let score = try #require(AppTestSupport.json(json.output)?["score"] as? [String: Any])
            #expect(score["level"] as? String == "Exemplary", "\(caseID) \(path)")
            // The first screen shows it when there is room, and otherwise names it among the details.
            let summary = AppTestSupport.run(["play", caseID, "--choices", choices, "--mode", "graded", "--lang", "en"])
            let debriefStart = try #require(summary.output.range(of: "Debrief: "))
            #expect(summary.output[debriefStart.lowerBound...].contains("A dilemma: more than one defensible answer"))
            let debrief = AppTestSupport.run(["play", caseID, "--choices", choices, "--mode", "graded", "--lang", "en", "--details"])
            // The trade-off is there whole (wrapped, so compared without line breaks), then what was chosen.
            let flat = debrief.output.replacingOccurrences(of: "\n    ", with: " ").replacingOccurrences(of: "\n", with: " ")
            #expect(flat.contains(String(tradeOff.prefix(60))), "\(caseID) \(path)")
            let you = try #require(flat.range(of: ", you chose: "), "\(caseID) \(path)")
            chosen.append(String(flat[you.upperBound...].prefix(40)))
        }
        #expect(chosen.count == 2 && chosen[0] != chosen[1], "the two students took different answers: \(chosen)")
    }
}
