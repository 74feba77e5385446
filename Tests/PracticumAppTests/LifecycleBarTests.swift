import Foundation
import Testing

/// The lifecycle bar above each prompt of interactive play: the phase of the last standing step in brackets, the
/// other phases acted in ticked. It is kept up to date at each choice and undo (reading the whole path at every
/// prompt made a long attempt grow with its square), so it must follow undos and resumed attempts exactly.
@Suite struct LifecycleBarTests {
    let caseID = "okafor-referral"

    /// The bars shown, in order, each on one line (the text wraps them at 80 columns).
    static func bars(_ output: String) -> [String] {
        output.components(separatedBy: "Lifecycle: ").dropFirst().map { block in
            block.components(separatedBy: "\n\n")[0].replacingOccurrences(of: "\n  ", with: " ")
        }
    }

    @Test func theBarFollowsEveryChoiceAndUndo() throws {
        // An engagement step, an assessment step, then both taken back.
        let run = AppTestSupport.fixture(["play", caseID], input: ["2", "1", "undo", "undo"])
        let bars = Self.bars(run.output)
        try #require(bars.count == 5, "\(run.output)")
        #expect(bars[0].hasPrefix("Engagement > Assessment >"))
        #expect(bars[1].hasPrefix("[Engagement] > Assessment >"))
        #expect(bars[2].hasPrefix("Engagement ✓ > [Assessment] >"))
        #expect(bars[3].hasPrefix("[Engagement] > Assessment >"), "the assessment step was undone: \(bars[3])")
        #expect(bars[4].hasPrefix("Engagement > Assessment >"), "every step was undone: \(bars[4])")
        #expect(!bars[4].contains("✓"))
    }

    @Test func aResumedAttemptShowsThePhasesAlreadyActedIn() {
        let state = AppTestSupport.temporaryDirectory()
        let first = AppTestSupport.fixture(["play", caseID], input: ["2", "1", "quit"], state: state)
        #expect(first.output.contains("Progress saved."))
        let resumed = AppTestSupport.fixture(["play", caseID, "--resume"], input: ["quit"], state: state)
        let bars = Self.bars(resumed.output)
        #expect(bars.first?.hasPrefix("Engagement ✓ > [Assessment] >") == true, "\(resumed.output)")
    }

    /// Practice feedback after an undo judges the path as it stands: taking the strongest option again after
    /// undoing it is full credit, not a repeat of a choice no longer taken.
    @Test func feedbackAfterAnUndoJudgesThePathAsItStands() {
        let run = AppTestSupport.fixture(["play", caseID], input: ["2", "undo", "2"])
        let credit = "100% Practice: The strongest option on offer at this point (quality +2):"
        #expect(run.output.components(separatedBy: credit).count == 3, "\(run.output)")
    }

    /// A tick means acted in, not acted soundly (the debrief may say a ticked phase was never covered soundly):
    /// help says so, in both languages and both modes.
    @Test func helpSaysWhatATickMeans() {
        for mode in ["practice", "graded"] {
            let english = AppTestSupport.fixture(["play", caseID, "--mode", mode], input: ["help"])
            // The help is wrapped at 80 columns: read it as one line.
            #expect(english.output.replacingOccurrences(of: "\n", with: " ").contains("a tick says you acted there, not that you acted soundly"), "\(mode)")
            let indonesian = AppTestSupport.fixture(["play", caseID, "--mode", mode, "--lang", "id"], input: ["bantuan"])
            #expect(indonesian.output.replacingOccurrences(of: "\n", with: " ").contains("centang berarti Anda bertindak di tahap itu"), "\(mode)")
        }
    }
}
