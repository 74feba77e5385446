import Testing

@Suite("A case id not in the library: the hint")
struct CaseLookupHintTests {
    @Test func aMisspelledIdGetsTheSuggestionAndTheWayToTheList() {
        let run = AppTestSupport.run(["play", "daniels-mvoe"])
        #expect(run.exitCode != 0)
        #expect(run.errors.contains("no case 'daniels-mvoe' in the library"))
        #expect(run.errors.contains("did you mean 'daniels-move'?"))
        #expect(run.errors.contains("run 'practicum list' to see the cases"), "the suggestion must not drop the rest of the hint")
    }

    @Test func anIdLikeNoCaseGetsTheWayToTheList() {
        let run = AppTestSupport.run(["play", "zzzzzzzzzzzz"])
        #expect(run.exitCode != 0)
        #expect(!run.errors.contains("did you mean"))
        #expect(run.errors.contains("run 'practicum list' to see the cases"))
    }
}
