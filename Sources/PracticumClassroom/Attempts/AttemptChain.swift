import PracticumCore

/// The chain of MACs that signs an attempt file's lines with a student's `AttemptKey`.
///
/// Each line carries `"mac"`: the HMAC-SHA256, under the key, of the previous line's mac (empty for the header),
/// a line break, and the line's canonical text without its mac (the line as `AttemptLog.line(for:)` writes it).
/// So a line cannot be changed, dropped, reordered or moved in from another attempt without the chain breaking
/// at it, and no one without the key can make a line that verifies. (Lines cut off at the end leave a chain that
/// still verifies: what a signed file proves is that every line in it was written, in that order, by someone
/// who had the key.)
public struct AttemptChain: Sendable {
    public let key: AttemptKey
    /// The last line's mac; empty before the header.
    public private(set) var previous: String

    /// A chain signing with `key`, going on after a line whose mac was `previous` (empty for a new file).
    public init(key: AttemptKey, previous: String = "") {
        self.key = key
        self.previous = previous
    }

    /// The mac of a line's canonical text after the line whose mac was `previous`, as 64 hex digits.
    public static func mac(_ canonical: String, previous: String, key: AttemptKey) -> String {
        HMACSHA256.authenticate(Array((previous + "\n" + canonical).utf8), key: key.bytes).hex
    }

    /// The mac the next line would carry (the chain does not move until `advance`).
    public func mac(for canonical: String) -> String {
        Self.mac(canonical, previous: previous, key: key)
    }

    /// Moves the chain past a line written with this mac.
    public mutating func advance(to mac: String) {
        previous = mac
    }
}

extension AttemptLog {
    /// What an attempt's macs show under a student's keys.
    public enum Signature: Equatable, Sendable, CustomStringConvertible {
        /// No line carries a mac: written without a key (or by hand).
        case unsigned
        /// Every line carries a mac and the chain verifies under one of the keys.
        case verified
        /// The chain breaks at this line (1-based), for the reason given.
        case broken(line: Int, reason: String)

        /// The words for a grading log: where and why the chain breaks.
        public var description: String {
            switch self {
            case .unsigned: return "unsigned"
            case .verified: return "signed"
            case .broken(let line, let reason): return "line \(line): \(reason)"
            }
        }
    }

    /// Whether any line of the attempt carries a mac.
    public var isSigned: Bool { lineMACs.contains { $0 != nil } }

    /// Checks the attempt's chain of macs against a student's keys (each line may be signed by any of them: a
    /// student given a new code part-way through an attempt goes on with the new key).
    public func signature(keys: [AttemptKey]) -> Signature {
        guard isSigned else { return .unsigned }
        let lines = [Self.line(for: header)] + entries.map { Self.line(for: $0) }
        var previous = ""
        for (index, canonical) in lines.enumerated() {
            guard index < lineMACs.count, let mac = lineMACs[index] else {
                return .broken(line: index + 1, reason: "the line carries no mac, though others do (a line added by hand)")
            }
            guard let given = HexBytes.decode(mac), given.count == 32 else {
                return .broken(line: index + 1, reason: "its mac is not 64 hexadecimal digits")
            }
            let fits = keys.contains { key in
                HMACSHA256.constantTimeEqual(HexBytes.decode(AttemptChain.mac(canonical, previous: previous, key: key)) ?? [], given)
            }
            guard fits else {
                return .broken(
                    line: index + 1,
                    reason: index == 0
                        ? "the header's mac does not match it (the header was changed, or signed with another student's key)"
                        : "its mac does not follow the line before (the line was changed, or a line was left out, moved or "
                            + "brought in from another attempt)")
            }
            previous = mac
        }
        return .verified
    }
}
