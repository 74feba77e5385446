extension Value {
    /// Reads a literal from UTF-8 bytes exactly as `init?(literal:)` reads its string, without making
    /// a string for the common short forms (`true`, `false`, `2`, `+1`, `-3`).
    init?(literal bytes: UnsafeBufferPointer<UInt8>) {
        if let value = Self.fastLiteral(bytes) {
            self = value
        } else {
            // Everything else (long numbers, odd signs, text) goes through the one definition.
            guard let value = Value(literal: String(decoding: bytes, as: UTF8.self)) else { return nil }
            self = value
        }
    }

    /// `true`, `false`, or an optional `+`, an optional sign and 1 to 18 ASCII digits (which cannot
    /// overflow); nil for anything else, which the slow path then decides.
    private static func fastLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let count = bytes.count
        if count == 4 && bytes[0] == 0x74 && bytes[1] == 0x72 && bytes[2] == 0x75 && bytes[3] == 0x65 {
            return .bool(true)
        }
        if count == 5 && bytes[0] == 0x66 && bytes[1] == 0x61 && bytes[2] == 0x6C && bytes[3] == 0x73
            && bytes[4] == 0x65
        {
            return .bool(false)
        }
        var index = 0
        // `init?(literal:)` drops one leading '+', then `Int` accepts one more sign.
        if index < count && bytes[index] == 0x2B { index += 1 }
        var negative = false
        if index < count && (bytes[index] == 0x2B || bytes[index] == 0x2D) {
            negative = bytes[index] == 0x2D
            index += 1
        }
        let digits = count - index
        guard digits >= 1 && digits <= 18 else { return nil }
        var number = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            number = number * 10 + Int(digit)
            index += 1
        }
        return .int(negative ? -number : number)
    }
}
