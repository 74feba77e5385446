import Foundation

/// Reading the ISO 8601 times attempt files hold, quickly: `2026-11-27T09:01:10Z` (what Practicum writes) is
/// read by hand; anything else (another offset, fractions of a second) by Foundation's parser.
enum Timestamp {
    /// Seconds since 1970, or nil when the text is not an ISO 8601 time.
    static func seconds(_ text: String) -> Double? {
        let b = Array(text.utf8)
        if b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A {
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard b[index] >= 0x30 && b[index] <= 0x39 else { return nil }
                    value = value * 10 + Int(b[index] - 0x30)
                }
                return value
            }
            if let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
                let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
                hour < 24, minute < 60, second < 61
            {
                return Double(daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
            }
            return nil
        }
        return parser.withLock { formatter in formatter.date(from: text)?.timeIntervalSince1970 }
    }

    private static let parser = LockedFormatter()

    /// A time as `2026-11-27T09:01:10Z` (UTC, the second it falls in), as `ISO8601DateFormatter` with
    /// `.withInternetDateTime` writes it, without making one.
    static func text(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let second = whole - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = String(year)
        let padded = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(padded)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    /// The date of a day counted from 1970-01-01 (the inverse of `daysFromCivil`, Howard Hinnant's algorithm).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// One `ISO8601DateFormatter`, made once and used under a lock (making one is slow).
final class LockedFormatter: @unchecked Sendable {
    private let lock = NSLock()
    private let formatter = ISO8601DateFormatter()

    func withLock<T>(_ body: (ISO8601DateFormatter) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(formatter)
    }
}
