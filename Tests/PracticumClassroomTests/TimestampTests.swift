import Foundation
import Testing

@testable import PracticumClassroom

/// Times are read strictly (issue 17): Foundation's parser rolled 30 February into March, read a date and
/// ignored what followed it, and let text that is not a time reach an xAPI `timestamp`.
@Suite("Reading ISO 8601 times strictly")
struct TimestampTests {
    @Test func theFormsPracticumAndInstructorsWriteAreRead() {
        #expect(Timestamp.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.seconds("2026-11-27T09:01:10Z") == 1_795_770_070)
        #expect(Timestamp.seconds("2026-12-01T17:00+07:00") == Timestamp.seconds("2026-12-01T10:00:00Z"))
        #expect(Timestamp.seconds("2026-12-01T09:30:00-00:30") == Timestamp.seconds("2026-12-01T10:00:00Z"))
        #expect(Timestamp.seconds("2026-12-01T10:00:00.25Z") == Timestamp.seconds("2026-12-01T10:00:00Z")! + 0.25)
        #expect(Timestamp.seconds("2028-02-29T12:00:00Z") != nil, "a leap day")
        #expect(Timestamp.seconds("2000-02-29T12:00:00Z") != nil, "2000 was a leap year")
        let date = Timestamp.read("2026-12-01", allowingDateAlone: true)
        #expect(date == .success(.init(seconds: Timestamp.seconds("2026-12-01T00:00:00Z")!, isDateAlone: true)))
    }

    @Test(arguments: [
        ("2026-02-30T10:00:00Z", "the day is 30, but February 2026 has 28 days"),
        ("2100-02-29T10:00:00Z", "the day is 29, but February 2100 has 28 days"),
        ("2026-04-31T10:00:00Z", "the day is 31, but April 2026 has 30 days"),
        ("2026-00-10T10:00:00Z", "the month is 00; months run from 01 to 12"),
        ("2026-12-01T25:61+99:99", "the hour is 25; hours run from 00 to 23"),
        ("2026-12-01T23:61Z", "the minute is 61; minutes run from 00 to 59"),
        ("2026-12-01T23:59:60Z", "the second is 60; seconds run from 00 to 59"),
        ("2026-12-01T23:59+99:00", "the offset's hours are 99; they run from 00 to 23"),
        ("2026-12-01T23:59-05:99", "the offset's minutes are 99; they run from 00 to 59"),
        ("2026-12-01T23:59", "the time has no offset"),
        ("2026-12-01T23:59:00.Z", "the fraction of a second after '.' has no digits"),
        ("2026-12-01 23:59Z", "expected 'T' and a time after the date, found a space at character 11"),
        ("2026-11-27T09:01:10Z=1+2<script>", "something follows the time at character 21"),
        ("=1+2<script>", "the year should be 4 digits, found '=' at character 1"),
        ("27/11/2026 09:11", "the year should be 4 digits, found '/' at character 3"),
        ("2026-12-01", "expected 'T' and a time after the date, found the end"),
        ("", "the year should be 4 digits, found the end"),
    ])
    func anImpossibleOrMalformedTimeIsRefusedNamingThePart(text: String, words: String) {
        guard case .failure(let problem) = Timestamp.read(text) else {
            Issue.record("'\(text)' was read as a time")
            return
        }
        #expect(problem.message.contains(words), "\(problem.message)")
        #expect(Timestamp.seconds(text) == nil)
    }

    @Test func aDateAloneIsStillCheckedAgainstItsMonth() {
        guard case .failure(let problem) = Timestamp.read("2026-02-30", allowingDateAlone: true) else {
            Issue.record("30 February was read")
            return
        }
        #expect(problem.message == "the day is 30, but February 2026 has 28 days")
    }
}
