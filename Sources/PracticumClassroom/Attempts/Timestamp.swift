import Foundation

/// Reading the ISO 8601 times that attempt files, a session's due time and `--due` hold, strictly and by hand.
///
/// A time is `YYYY-MM-DDThh:mm`, optionally `:ss` and a fraction of a second (`.f`, up to nine digits), then
/// `Z` or an offset `+hh:mm` / `-hh:mm` (the profile RFC 3339 fixes): `2026-11-27T09:01:10Z` is what Practicum
/// writes, `2026-12-01T17:00+07:00` what an instructor types. Every part is range-checked, the day against its
/// month and year (no 30 February), and nothing may follow the offset. Foundation's parser is not used: it
/// rolls 2026-02-30 over into March and, given a date alone, ignores whatever follows it.
public enum Timestamp {
    /// A time as read.
    public struct Reading: Equatable, Sendable {
        /// Seconds since 1970-01-01T00:00:00Z, fractions included.
        public var seconds: Double
        /// Whether the text was a date alone (`YYYY-MM-DD`, allowed only where asked for); `seconds` is then
        /// its start, midnight UTC.
        public var isDateAlone: Bool
    }

    /// Why a text is not a time, naming the part that is wrong.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Seconds since 1970, or nil when the text is not an ISO 8601 time as described above.
    public static func seconds(_ text: String) -> Double? {
        guard case .success(let reading) = read(text, allowingDateAlone: false) else { return nil }
        return reading.seconds
    }

    /// Reads a time (or, with `allowingDateAlone`, also a date alone), or says which part is wrong.
    public static func read(_ text: String, allowingDateAlone: Bool = false) -> Result<Reading, Problem> {
        var scanner = Scanner(bytes: Array(text.utf8))
        do {
            return .success(try scanner.time(allowingDateAlone: allowingDateAlone))
        } catch {
            return .failure(error)
        }
    }

    /// Whether `year` is a leap year in the proleptic Gregorian calendar.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month (1-12) of a year.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

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

    /// Reads a time from left to right, saying what it expected where the text goes wrong.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        static let form = "YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DDThh:mm+hh:mm"

        func problem(_ message: String) -> Problem { Problem(message: message) }

        /// The character at `index` as the message shows it.
        var found: String {
            guard index < bytes.count else { return "the end" }
            let byte = bytes[index]
            if byte == 0x20 { return "a space" }
            return byte >= 0x21 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : "a character outside printable ASCII"
        }

        /// Exactly `count` digits, named `part` in a message.
        mutating func digits(_ count: Int, _ part: String) throws(Problem) -> Int {
            var value = 0
            for _ in 0..<count {
                guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                    throw problem("the \(part) should be \(count) digits, found \(found) at character \(index + 1) (write \(Self.form))")
                }
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            return value
        }

        mutating func expect(_ byte: UInt8, after part: String) throws(Problem) {
            guard index < bytes.count, bytes[index] == byte else {
                throw problem(
                    "expected '\(Character(UnicodeScalar(byte)))' after the \(part), found \(found) at character \(index + 1) "
                        + "(write \(Self.form))")
            }
            index += 1
        }

        mutating func time(allowingDateAlone: Bool) throws(Problem) -> Reading {
            let year = try digits(4, "year")
            try expect(0x2D, after: "year")
            let month = try digits(2, "month")
            guard (1...12).contains(month) else { throw problem("the month is \(pad(month)); months run from 01 to 12") }
            try expect(0x2D, after: "month")
            let day = try digits(2, "day")
            let length = daysIn(month: month, year: year)
            guard (1...length).contains(day) else {
                throw problem("the day is \(pad(day)), but \(monthNames[month - 1]) \(year) has \(length) days")
            }
            let days = daysFromCivil(year, month, day)
            if allowingDateAlone && index == bytes.count {
                return Reading(seconds: Double(days * 86_400), isDateAlone: true)
            }
            guard index < bytes.count, bytes[index] == 0x54 else {
                throw problem(
                    "expected 'T' and a time after the date, found \(found) at character \(index + 1) "
                        + "(write \(Self.form)\(allowingDateAlone ? ", or a date alone, YYYY-MM-DD" : ""))")
            }
            index += 1
            let hour = try digits(2, "hour")
            guard hour <= 23 else { throw problem("the hour is \(pad(hour)); hours run from 00 to 23") }
            try expect(0x3A, after: "hour")
            let minute = try digits(2, "minute")
            guard minute <= 59 else { throw problem("the minute is \(pad(minute)); minutes run from 00 to 59") }
            var second = 0
            var fraction = 0.0
            if index < bytes.count, bytes[index] == 0x3A {
                index += 1
                second = try digits(2, "second")
                guard second <= 59 else { throw problem("the second is \(pad(second)); seconds run from 00 to 59") }
                if index < bytes.count, bytes[index] == 0x2E {
                    index += 1
                    let start = index
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 9 {
                        fraction += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                    }
                    guard index > start else {
                        throw problem("the fraction of a second after '.' has no digits, at character \(index + 1)")
                    }
                }
            }
            var offset = 0
            guard index < bytes.count else {
                throw problem("the time has no offset: end it with 'Z' (UTC) or an offset such as +07:00")
            }
            switch bytes[index] {
            case 0x5A:
                index += 1
            case 0x2B, 0x2D:
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                let hours = try digits(2, "offset's hours")
                guard hours <= 23 else { throw problem("the offset's hours are \(pad(hours)); they run from 00 to 23") }
                try expect(0x3A, after: "offset's hours")
                let minutes = try digits(2, "offset's minutes")
                guard minutes <= 59 else { throw problem("the offset's minutes are \(pad(minutes)); they run from 00 to 59") }
                offset = sign * (hours * 3600 + minutes * 60)
            default:
                throw problem(
                    "expected 'Z' or an offset such as +07:00 after the time, found \(found) at character \(index + 1)")
            }
            guard index == bytes.count else {
                throw problem("something follows the time at character \(index + 1): nothing may come after its offset")
            }
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Reading(seconds: Double(seconds) + fraction, isDateAlone: false)
        }

        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    }
}
