import Testing
@testable import PracticumCore

@Suite("concurrentMap: every core, map's order")
struct ConcurrentMapTests {
    @Test func theResultsAreMapsInItsOrder() {
        for count in [0, 1, 2, 7, 1_000] {
            let numbers = Array(0..<count)
            #expect(numbers.concurrentMap { $0 * $0 + 1 } == numbers.map { $0 * $0 + 1 })
        }
        // A slice keeps its own indices: each element is its own, not the one at the same offset of the base.
        let words = ["a", "bb", "ccc", "dddd", "eeeee"]
        #expect(words[2...].concurrentMap(\.count) == [3, 4, 5])
    }
}
