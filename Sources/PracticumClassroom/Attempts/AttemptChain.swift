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
    ///
    /// Needs the lines as written: a log read with its reflections cut (`ReflectionKeeping.capped`) no longer
    /// has them, and is read with its chains checked as it streams by instead (`Reading.signatures`); asked
    /// here, it is never `verified`.
    public func signature(keys: [AttemptKey]) -> Signature {
        guard isSigned else { return .unsigned }
        guard !reflectionsAreCapped else {
            return .broken(line: 0, reason: "the attempt was read with its reflections cut, so its macs cannot be checked")
        }
        var check = ChainCheck(header: header, keys: keys)
        check.take(mac: lineMACs.first ?? nil, line: 1)
        for (index, entry) in entries.enumerated() where check.isChecking {
            check.take(entry: entry, mac: index + 1 < lineMACs.count ? lineMACs[index + 1] : nil, line: index + 2)
        }
        return check.signature
    }

    /// One chain of macs checked line by line as the lines come (by `signature(keys:)`, and by the streamed
    /// reader, which keeps no line once it is read): the lines after a header, each of which may be signed by
    /// any of `keys`.
    struct ChainCheck: Sendable {
        /// The header whose canonical line the chain starts from (for a suspected copy, the header as read with
        /// another student named).
        let header: Header
        let keys: [AttemptKey]
        private var previous = ""
        private var anyMAC = false
        private var broken: (line: Int, reason: String)?

        init(header: Header, keys: [AttemptKey]) {
            self.header = header
            self.keys = keys
        }

        /// Whether the chain still holds, so that the next line's mac is worth working out.
        var isChecking: Bool { broken == nil }

        /// What the lines taken so far show: `unsigned` while no line has carried a mac.
        var signature: Signature {
            guard anyMAC else { return .unsigned }
            if let broken { return .broken(line: broken.line, reason: broken.reason) }
            return .verified
        }

        /// Takes the header's line (`line` 1), carrying `mac`.
        mutating func take(mac: String?, line: Int) {
            let header = self.header
            take(mac: mac, line: line) { AttemptLog.line(for: header) }
        }

        /// Takes an entry's line, carrying `mac`.
        mutating func take(entry: Entry, mac: String?, line: Int) {
            take(mac: mac, line: line) { AttemptLog.line(for: entry) }
        }

        /// Takes the next line: its mac, and its canonical text, worked out only while the chain holds.
        private mutating func take(mac: String?, line: Int, canonical: () -> String) {
            if mac != nil { anyMAC = true }
            guard broken == nil else { return }
            guard let mac else {
                broken = (line, "the line carries no mac, though others do (a line added by hand)")
                return
            }
            guard let given = HexBytes.decode(mac), given.count == 32 else {
                broken = (line, "its mac is not 64 hexadecimal digits")
                return
            }
            let text = canonical()
            let fits = keys.contains { key in
                HMACSHA256.constantTimeEqual(HexBytes.decode(AttemptChain.mac(text, previous: previous, key: key)) ?? [], given)
            }
            guard fits else {
                broken = (
                    line,
                    line == 1
                        ? "the header's mac does not match it (the header was changed, or signed with another student's key)"
                        : "its mac does not follow the line before (the line was changed, or a line was left out, moved or "
                            + "brought in from another attempt)"
                )
                return
            }
            previous = mac
        }
    }
}
