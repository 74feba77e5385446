/// SHA-256 (FIPS 180-4), written here because the package takes no dependencies and Foundation on
/// Linux has no digest API. It identifies a version of a case in attempt files; it is not used for
/// secrets, so it makes no attempt to run in constant time.
///
/// ```swift
/// var hash = SHA256()
/// hash.update(Array("abc".utf8))
/// hash.finalize().hex  // "ba7816bf..."
/// SHA256.hash(Array("abc".utf8)).hex  // the same, in one call
/// ```
public struct SHA256: Sendable {
    /// A finished digest: 32 bytes.
    public struct Digest: Hashable, Sendable, CustomStringConvertible {
        public let bytes: [UInt8]

        /// The digest as 64 lowercase hexadecimal digits.
        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            text.reserveCapacity(64)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 15)])
            }
            return String(decoding: text, as: UTF8.self)
        }

        public var description: String { hex }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The eight working words of the hash (H0…H7), kept inline: hashing allocates nothing for its state.
    private struct Words {
        var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
    }

    private var state = Words()
    /// Bytes not yet hashed (fewer than 64).
    private var pending: [UInt8] = []
    /// The message length so far, in bytes.
    private var length: UInt64 = 0

    /// A hash of nothing yet.
    public init() {}

    /// The digest of an array of bytes (not generic, so that callers in other modules get the fast path).
    public static func hash(_ bytes: [UInt8]) -> Digest {
        var hash = SHA256()
        return bytes.withUnsafeBufferPointer { hash.oneShot($0) }
    }

    /// The digest of some bytes.
    public static func hash(_ bytes: some Sequence<UInt8>) -> Digest {
        var hash = SHA256()
        if let digest = bytes.withContiguousStorageIfAvailable({ hash.oneShot($0) }) { return digest }
        hash.update(Array(bytes))
        return hash.finalize()
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBufferPointer { compress($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        bytes.withUnsafeBufferPointer { buffer in
            while start + 64 <= buffer.count {
                compress(buffer.baseAddress! + start)
                start += 64
            }
        }
        if start < bytes.count { pending += bytes[start...] }
    }

    /// Pads the message and returns its digest.
    public mutating func finalize() -> Digest {
        let tail = pending
        pending = []
        return tail.withUnsafeBufferPointer { finish(tail: $0) }
    }

    /// The digest of a whole message given at once (a fresh hash): full blocks are hashed where they lie,
    /// and only the padded tail is copied, onto the stack.
    private mutating func oneShot(_ bytes: UnsafeBufferPointer<UInt8>) -> Digest {
        length = UInt64(bytes.count)
        var start = 0
        while start + 64 <= bytes.count {
            compress(bytes.baseAddress! + start)
            start += 64
        }
        return finish(tail: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// Hashes the last bytes (fewer than 64) with the padding and the length, and gives the digest.
    private mutating func finish(tail: UnsafeBufferPointer<UInt8>) -> Digest {
        let bits = length &* 8
        let padded = tail.count < 56 ? 64 : 128
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padded) { block in
            block.initialize(repeating: 0)
            for index in tail.indices { block[index] = tail[index] }
            block[tail.count] = 0x80
            for index in 0..<8 { block[padded - 1 - index] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * index)) }
            compress(UnsafePointer(block.baseAddress!))
            if padded == 128 { compress(UnsafePointer(block.baseAddress! + 64)) }
        }
        let words = state
        let bytes = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            func put(_ word: UInt32, at position: Int) {
                buffer[position] = UInt8(word >> 24)
                buffer[position + 1] = UInt8(truncatingIfNeeded: word >> 16)
                buffer[position + 2] = UInt8(truncatingIfNeeded: word >> 8)
                buffer[position + 3] = UInt8(truncatingIfNeeded: word)
            }
            put(words.h0, at: 0)
            put(words.h1, at: 4)
            put(words.h2, at: 8)
            put(words.h3, at: 12)
            put(words.h4, at: 16)
            put(words.h5, at: 20)
            put(words.h6, at: 24)
            put(words.h7, at: 28)
            count = 32
        }
        return Digest(bytes: bytes)
    }

    /// Hashes one 64-byte block.
    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        // The message schedule lives on the stack: hashing many short texts (statement ids) allocates nothing.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            for index in 0..<16 {
                let offset = 4 * index
                schedule[index] =
                    UInt32(block[offset]) << 24 | UInt32(block[offset + 1]) << 16 | UInt32(block[offset + 2]) << 8
                    | UInt32(block[offset + 3])
            }
            for index in 16..<64 {
                let early = schedule[index - 15]
                let late = schedule[index - 2]
                let sigma0 = early.rotatedRight(7) ^ early.rotatedRight(18) ^ (early >> 3)
                let sigma1 = late.rotatedRight(17) ^ late.rotatedRight(19) ^ (late >> 10)
                schedule[index] = schedule[index - 16] &+ sigma0 &+ schedule[index - 7] &+ sigma1
            }
            var a = state.h0, b = state.h1, c = state.h2, d = state.h3
            var e = state.h4, f = state.h5, g = state.h6, h = state.h7
            Self.roundConstants.withUnsafeBufferPointer { constants in
                for index in 0..<64 {
                    let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choose = (e & f) ^ (~e & g)
                    let first = h &+ sum1 &+ choose &+ constants[index] &+ schedule[index]
                    let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let second = sum0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ first
                    d = c
                    c = b
                    b = a
                    a = first &+ second
                }
            }
            state.h0 &+= a
            state.h1 &+= b
            state.h2 &+= c
            state.h3 &+= d
            state.h4 &+= e
            state.h5 &+= f
            state.h6 &+= g
            state.h7 &+= h
        }
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
