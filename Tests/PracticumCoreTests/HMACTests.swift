import Testing

@testable import PracticumCore

/// HMAC-SHA256 against the test vectors of RFC 4231 (cases 1-4, 6 and 7; case 5 is about truncated tags,
/// which Practicum does not use), and the constant-time comparison.
@Suite("HMAC-SHA256")
struct HMACTests {
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(UInt8(1)...UInt8(25)), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array(("This is a test using a larger than block-size key and a larger than block-size data. The key needs "
             + "to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: [UInt8], message: [UInt8], tag: String) {
        #expect(HMACSHA256.authenticate(message, key: key).hex == tag)
    }

    @Test func aKeyOfExactlyOneBlockIsUsedAsItIs() {
        // 64 bytes: neither hashed nor padded. Python's hmac gives this tag for the same key and message.
        let key = [UInt8](repeating: 0x42, count: 64)
        #expect(HMACSHA256.authenticate("abc", key: key).hex == "50f0e0ea48e489e346ef8a73ee3054aec3bd4a48b35f3462c60fb5238071027c")
        #expect(HMACSHA256.authenticate("abc", key: key) != HMACSHA256.authenticate("abc", key: key + [0]))
    }

    @Test func constantTimeEqualComparesEveryByte() {
        #expect(HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEqual([9, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(HMACSHA256.constantTimeEqual([], []))
    }

    @Test func hexRoundTrips() {
        let bytes: [UInt8] = [0, 1, 0xab, 0xff, 0x7f]
        #expect(HexBytes.encode(bytes) == "0001abff7f")
        #expect(HexBytes.decode("0001ABff7f") == bytes)
        #expect(HexBytes.decode("abc") == nil)
        #expect(HexBytes.decode("zz") == nil)
        #expect(SHA256.Digest(hex: SHA256.hash(bytes).hex) == SHA256.hash(bytes))
    }
}
