/// HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256), for the keys that authenticate a student's attempt
/// lines (see `SessionCodes` in PracticumClassroom).
///
/// ```swift
/// let tag = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
/// tag.hex  // "5bdcc146..."
/// HMACSHA256.constantTimeEqual(tag.bytes, otherTag)  // compares without stopping at the first difference
/// ```
///
/// The SHA-256 underneath does not run in constant time over its input, which is fine here: what must not
/// leak through timing is how much of a tag matched, and `constantTimeEqual` is the comparison to use.
public enum HMACSHA256 {
    /// SHA-256's block size in bytes: keys longer than this are hashed first, shorter ones padded with zeros.
    public static let blockSize = 64

    /// The HMAC-SHA256 of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> SHA256.Digest {
        var block = key.count > blockSize ? SHA256.hash(key).bytes : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(innerDigest.bytes)
        return outer.finalize()
    }

    /// The HMAC-SHA256 of a text's UTF-8 bytes under `key`.
    public static func authenticate(_ message: String, key: [UInt8]) -> SHA256.Digest {
        authenticate(Array(message.utf8), key: key)
    }

    /// Whether two byte strings are equal, taking the same time wherever they differ (only their lengths,
    /// which are public, decide anything early): for comparing a tag or a hash with one an attacker sent.
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

extension SHA256.Digest {
    /// A digest from 64 hexadecimal digits (either case); nil for anything else.
    public init?(hex: String) {
        guard let bytes = HexBytes.decode(hex), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }
}

/// Bytes as hexadecimal digits and back.
public enum HexBytes {
    /// Lowercase hexadecimal digits, two per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of an even number of hexadecimal digits (either case); nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: return digit - 0x30
            case 0x61...0x66: return digit - 0x61 + 10
            case 0x41...0x46: return digit - 0x41 + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
