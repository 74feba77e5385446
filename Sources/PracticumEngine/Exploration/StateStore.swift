/// The packed states of an exploration, stored back to back in one array and found again by an open-
/// addressing hash table: no allocation per state, and lookups that hash a few integers.
///
/// A state is numbered in the order it was added; `storage(of:)` gives its integers. The hash is seeded
/// per process, so no case can be written to make its states collide.
struct StateStore: Sendable {
    /// Every state's integers, one after another.
    private(set) var words: [Int] = []
    /// `starts[s] ..< starts[s + 1]` are state `s`'s words.
    private(set) var starts: [Int] = [0]
    /// The table: state numbers (-1: empty), a power of two long, at most half full.
    private var table = [Int32](repeating: -1, count: 1024)
    /// Each state's hash, so growing the table need not hash again.
    private var hashes: [UInt64] = []

    private static let seed = UInt64.random(in: 1...UInt64.max)

    /// The number of states.
    var count: Int { hashes.count }

    /// A state's integers.
    func storage(of state: Int) -> ArraySlice<Int> {
        words[starts[state]..<starts[state + 1]]
    }

    /// The state's scene number (its first word).
    func scene(of state: Int) -> Int {
        words[starts[state]]
    }

    static func hash(_ key: [Int]) -> UInt64 {
        var hash = seed ^ UInt64(key.count)
        for word in key {
            hash = (hash ^ UInt64(bitPattern: Int64(word))) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }

    /// The number of the state with these integers, if it is stored.
    func find(_ key: [Int]) -> Int? {
        find(key, hash: Self.hash(key)).found
    }

    /// The state with these integers, or the empty slot where it belongs.
    private func find(_ key: [Int], hash: UInt64) -> (found: Int?, slot: Int) {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let state = Int(table[slot])
            if state < 0 { return (nil, slot) }
            if hashes[state] == hash && words[starts[state]..<starts[state + 1]].elementsEqual(key) { return (state, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// The number of the state with these integers, and whether it was added (false: already stored). At
    /// `limit` states, a new state is not added and the result is nil.
    mutating func insert(_ key: [Int], limit: Int) -> (state: Int, added: Bool)? {
        let hash = Self.hash(key)
        let (found, slot) = find(key, hash: hash)
        if let found { return (found, false) }
        guard count < limit else { return nil }
        let state = count
        words += key
        starts.append(words.count)
        hashes.append(hash)
        table[slot] = Int32(state)
        if count * 2 > table.count { grow() }
        return (state, true)
    }

    /// Forgets the states from `first` on (when an expansion must be undone).
    mutating func removeStates(from first: Int) {
        guard first < count else { return }
        words.removeSubrange(starts[first]...)
        starts.removeSubrange((first + 1)...)
        hashes.removeSubrange(first...)
        rebuild(capacity: table.count)
    }

    private mutating func grow() {
        rebuild(capacity: table.count * 2)
    }

    private mutating func rebuild(capacity: Int) {
        table = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for state in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[state]) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(state)
        }
    }
}
