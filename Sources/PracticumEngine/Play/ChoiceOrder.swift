import PracticumCore

/// The order in which each scene shows its choices: as written, or shuffled by a seed.
///
/// A shuffled order is a pure function of the seed and the scene's name, so the
/// same seed shows every scene the same way on every visit, in every replay and
/// on every machine. Choices marked `pinned` keep their written place; the others
/// are shuffled among the remaining places. Which choices are on offer is decided
/// afterwards, so a choice that is not on offer leaves no gap: the shown numbers
/// always run from 1.
public enum ChoiceOrder: Hashable, Sendable {
    /// Every scene shows its choices in written order (scripts, tests and test plans rely on it).
    case written
    /// Each scene shows its choices in an order drawn from this seed and the scene's name.
    case shuffled(seed: UInt64)

    /// The seed, when the order is shuffled.
    public var seed: UInt64? {
        if case .shuffled(let seed) = self { return seed }
        return nil
    }

    /// The written positions of a scene's choices in the order they are shown.
    public func arrangement(of scene: Scene) -> [Int] {
        let count = scene.choices.count
        guard case .shuffled(let seed) = self, count > 1 else { return Array(0..<count) }
        let free = scene.choices.indices.filter { !scene.choices[$0].pinned }
        guard free.count > 1 else { return Array(0..<count) }
        var generator = SplitMix64(seed: seed ^ Self.fingerprint(of: scene.name))
        var shuffled = free
        // Fisher-Yates, with a generator of our own so that every platform draws the same order.
        for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
            let other = Int(generator.next(below: UInt64(index + 1)))
            shuffled.swapAt(index, other)
        }
        var arrangement = Array(0..<count)
        for (place, written) in zip(free, shuffled) { arrangement[place] = written }
        return arrangement
    }

    /// FNV-1a over the name's UTF-8 bytes: a stable 64-bit fingerprint (Swift's `Hasher` is seeded per process).
    static func fingerprint(of name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, well-mixed generator whose output is
/// fixed by its seed on every platform, which `SystemRandomNumberGenerator` is not.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0 ..< bound`, without modulo bias (Lemire's method); `bound` must be positive.
    public mutating func next(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
