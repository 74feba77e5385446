import Foundation

/// A name as a small integer: its index in the case's `NameTable`.
struct NameID: Hashable, Sendable {
    var rawValue: Int32

    /// The id as an array index.
    var index: Int { Int(rawValue) }
}

/// Every distinct name a case mentions, each spelling stored once and numbered in order of first use.
///
/// The parser interns names straight from the source bytes: a name met again costs a hash of its
/// few bytes and one byte comparison, no `String` and no `Dictionary` hashing. The checker then keeps
/// what it knows about each name (is it a scene, a variable, a known principle?) in arrays indexed
/// by `NameID`, and the model shares one `String` per name.
struct NameTable: Sendable {
    /// The spelling of each name, by id.
    private(set) var strings: [String] = []
    /// The UTF-8 bytes of every name back to back: name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing with linear probing: 0 is an empty slot, otherwise a name's hash in the high
    /// 32 bits and its id + 1 in the low 32 bits, so that most probes compare no bytes.
    /// The count is a power of two, at least twice the number of names.
    private var slots: [UInt64] = []

    /// Whether some name has a non-ASCII byte. Only then can two different spellings be equal as
    /// strings (canonically equivalent), which `canonicalKeys()` accounts for.
    private(set) var hasNonASCII = false

    /// The number of distinct names.
    var count: Int { strings.count }

    /// The id of a name given as UTF-8 bytes, adding it when it is new.
    mutating func id(for name: UnsafeBufferPointer<UInt8>) -> NameID {
        let hash = Self.hash(name)
        if (strings.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if matches(id, name) { return NameID(rawValue: Int32(id)) }
            }
            slot = (slot + 1) & mask
        }
        let id = strings.count
        if !hasNonASCII && name.contains(where: { $0 >= 0x80 }) { hasNonASCII = true }
        strings.append(String(decoding: name, as: UTF8.self))
        bytes.append(contentsOf: name)
        starts.append(bytes.count)
        slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
        return NameID(rawValue: Int32(id))
    }

    /// The id of a name given as a string, adding it when it is new.
    mutating func id(for name: String) -> NameID {
        var name = name
        return name.withUTF8 { id(for: $0) }
    }

    /// The id of a name already in the table, or nil.
    func existingID(for name: String) -> NameID? {
        var name = name
        return name.withUTF8 { bytes -> NameID? in
            guard !slots.isEmpty else { return nil }
            let hash = Self.hash(bytes)
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while slots[slot] != 0 {
                let entry = slots[slot]
                let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if UInt32(truncatingIfNeeded: entry >> 32) == hash && matches(id, bytes) {
                    return NameID(rawValue: Int32(id))
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// For each name, the id of the first name equal to it as a `String` (Swift compares strings by
    /// canonical equivalence, so `é` written precomposed or decomposed is one name), or nil when
    /// every name is ASCII and each name is its own key.
    func canonicalKeys() -> [Int32]? {
        guard hasNonASCII else { return nil }
        var first: [String: Int32] = [:]
        return strings.enumerated().map { id, string in
            if let earlier = first[string] { return earlier }
            first[string] = Int32(id)
            return Int32(id)
        }
    }

    /// Whether name `id` has exactly these bytes.
    private func matches(_ id: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == name.count else { return false }
        guard let other = name.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            // `start + name.count` is within `bytes`: it is `starts[id + 1]`.
            memcmp(stored.baseAddress! + start, other, name.count) == 0
        }
    }

    /// Doubles the slots (at least 64) and re-inserts every name.
    private mutating func grow() {
        let capacity = Swift.max(64, slots.count * 2)
        var grown = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        slots = grown
    }

    /// FNV-1a (names are a few bytes long, so a byte-at-a-time hash is enough), then a final mix
    /// so that names differing only in their last characters (`scene-1`, `scene-2`) spread over the slots.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        hash ^= hash >> 15
        hash &*= 0x2C1B_3C6D
        return hash ^ (hash >> 12)
    }
}
