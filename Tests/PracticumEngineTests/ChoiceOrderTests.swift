import PracticumCore
import PracticumEngine
import Testing

@Suite("Shuffled choice order")
struct ChoiceOrderTests {
    /// A scene of six choices, the third and the last pinned.
    static let scene = Scene(
        name: "hub",
        choices: (1...6).map { number in
            Choice(
                text: "Choice \(number)", phase: "assessment", quality: 1, pinned: number == 3 || number == 6,
                target: "hub")
        })

    @Test func writtenOrderIsTheIdentity() {
        #expect(ChoiceOrder.written.arrangement(of: Self.scene) == [0, 1, 2, 3, 4, 5])
    }

    @Test func aSeedFixesTheOrderAndPinnedChoicesKeepTheirPlace() {
        let order = ChoiceOrder.shuffled(seed: 42)
        let arrangement = order.arrangement(of: Self.scene)
        #expect(arrangement == order.arrangement(of: Self.scene), "the same seed gives the same order")
        #expect(arrangement.sorted() == [0, 1, 2, 3, 4, 5], "a permutation")
        #expect(arrangement[2] == 2 && arrangement[5] == 5, "pinned choices stay where they were written")
    }

    @Test func seedsDiffer() {
        let orders = Set((0..<50).map { ChoiceOrder.shuffled(seed: UInt64($0)).arrangement(of: Self.scene) })
        // Four free choices have 24 orders; fifty seeds should find most of them.
        #expect(orders.count >= 12)
    }

    @Test func theOrderIsTheSameOnEveryPlatformForAGivenSeed() {
        // Pinned by value: SplitMix64 and FNV-1a are specified to the bit, so this never changes.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
        #expect(generator.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(ChoiceOrder.shuffled(seed: 7).arrangement(of: Self.scene) == [1, 4, 2, 3, 0, 5], "a change here would reorder every saved attempt")
    }

    @Test func eachPositionIsAboutEquallyLikely() {
        // 4,000 seeds: each free choice lands first (place 0) about a quarter of the time.
        var firsts: [Int: Int] = [:]
        for seed in 0..<4000 {
            firsts[ChoiceOrder.shuffled(seed: UInt64(seed)).arrangement(of: Self.scene)[0], default: 0] += 1
        }
        #expect(Set(firsts.keys) == [0, 1, 3, 4])
        for count in firsts.values { #expect((850...1150).contains(count), "\(firsts)") }
    }

    @Test func theEngineNumbersChoicesInShownOrderAndTakesThemById() throws {
        let engine = Engine(scenario: Cases.maria, order: .shuffled(seed: 3))
        let written = Engine(scenario: Cases.maria)
        let state = try written.play([1])
        let shown = engine.availableChoices(in: state)
        #expect(shown.map(\.number) == Array(1...shown.count))
        #expect(Set(shown.map(\.id)) == Set(written.availableChoices(in: state).map(\.id)))
        // Taking by number follows the shown order; the path records the choice's id and its shown number.
        let taken = try engine.choose(number: 1, in: state).state
        #expect(taken.path.last?.choice == shown[0].id)
        #expect(taken.path.last?.number == 1)
        // Replay is by id, whatever the order.
        #expect(try written.replay(taken.choicesTaken).choicesTaken == taken.choicesTaken)
    }
}
