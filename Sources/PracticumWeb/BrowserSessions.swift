import Foundation

/// The browsers the app knows, each by the random token of its cookie: who signed in with it (nobody yet,
/// on the sign-in page and in library mode), the CSRF token its forms carry, when it expires, and a notice
/// waiting to be shown on the next page (what just happened, after a POST's redirect).
///
/// Bounded: at most `capacity` browsers; when full, the one used least recently goes (one not signed in
/// before one signed in), so a flood of new visitors cannot grow memory nor push every student out at once.
struct BrowserSessions {
    struct Browser {
        /// The cookie's value: 128 random bits, hex.
        var token: String
        /// The token every form of this browser carries (128 random bits, hex).
        var csrf: String
        /// The student signed in, from the sign-in form checked by the server; nil when nobody is.
        var student: String?
        var expires: Date
        var lastUsed: Date
        /// What just happened, for the next page's status region.
        var notice: String?
        var noticeIsError = false
    }

    let capacity: Int
    let lifetime: TimeInterval
    private(set) var browsers: [String: Browser] = [:]

    init(capacity: Int, lifetime: TimeInterval) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    /// The browser with this token, if it is known and has not expired (an expired one is forgotten).
    mutating func browser(token: String?, now: Date) -> Browser? {
        guard let token, let found = browsers[token] else { return nil }
        guard found.expires > now else {
            browsers[token] = nil
            return nil
        }
        browsers[token]?.lastUsed = now
        return found
    }

    /// A new browser (a new token and CSRF token), signed in as `student` or nobody.
    mutating func add(student: String?, now: Date) -> Browser {
        if browsers.count >= capacity { evictOne(now: now) }
        let browser = Browser(
            token: Self.randomToken(), csrf: Self.randomToken(), student: student, expires: now.addingTimeInterval(lifetime),
            lastUsed: now)
        browsers[browser.token] = browser
        return browser
    }

    mutating func remove(token: String) { browsers[token] = nil }

    mutating func setNotice(_ notice: String?, isError: Bool = false, token: String) {
        browsers[token]?.notice = notice
        browsers[token]?.noticeIsError = isError
    }

    /// The waiting notice, taken (it is shown once).
    mutating func takeNotice(token: String) -> (text: String, isError: Bool)? {
        guard let notice = browsers[token]?.notice else { return nil }
        browsers[token]?.notice = nil
        return (notice, browsers[token]?.noticeIsError ?? false)
    }

    private mutating func evictOne(now: Date) {
        // Expired ones first; then the least recently used of those not signed in; then of all.
        let expired = browsers.values.filter { $0.expires <= now }.map(\.token)
        if !expired.isEmpty {
            for token in expired { browsers[token] = nil }
            return
        }
        let anonymous = browsers.values.filter { $0.student == nil }
        let pool = anonymous.isEmpty ? Array(browsers.values) : anonymous
        if let oldest = pool.min(by: { $0.lastUsed < $1.lastUsed }) { browsers[oldest.token] = nil }
    }

    /// 128 bits from the system's cryptographic generator, as 32 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Failed sign-ins, counted per key (a peer address, a student id) over a sliding window: a key with
/// `allowed` failures in the window is refused until the oldest leaves it. Bounded: old keys are dropped when
/// there are many.
struct FailureLog {
    let allowed: Int
    let window: TimeInterval
    let capacity: Int
    private var failures: [String: [Date]] = [:]

    init(allowed: Int, window: TimeInterval, capacity: Int = 10_000) {
        self.allowed = allowed
        self.window = window
        self.capacity = capacity
    }

    func isLimited(_ key: String, now: Date) -> Bool {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }.count >= allowed
    }

    mutating func record(_ key: String, now: Date) {
        if failures.count >= capacity {
            failures = failures.filter { _, times in times.contains { now.timeIntervalSince($0) < window } }
            if failures.count >= capacity, let any = failures.keys.first { failures[any] = nil }
        }
        var times = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        times.append(now)
        // Only the last `allowed` matter.
        failures[key] = Array(times.suffix(allowed))
    }

    mutating func clear(_ key: String) { failures[key] = nil }
}
