import Testing
import Foundation
@testable import PracticumClassroom

@Suite("Ratings: how far an instructor and the model agree")
struct RatingsTests {
    /// The textbook example: 50 items rated yes (0) or no (1) by two raters; 20 both yes, 15 both no, 5 and
    /// 10 split. Observed agreement 0.7, chance 0.5, kappa 0.4.
    @Test func kappaIsAgreementBeyondChance() throws {
        let pairs = Array(repeating: (0, 0), count: 20) + Array(repeating: (0, 1), count: 5)
            + Array(repeating: (1, 0), count: 10) + Array(repeating: (1, 1), count: 15)
        let agreement = Ratings.agreement(pairs, levels: 4)
        #expect(agreement.pairs == 50)
        #expect(abs(agreement.exact - 0.7) < 1e-9)
        #expect(abs(try #require(agreement.kappa) - 0.4) < 1e-9)
        #expect(agreement.withinOne == 1)
    }

    @Test func perfectAndOppositeRaters() throws {
        let same = Ratings.agreement([(0, 0), (1, 1), (2, 2), (3, 3)], levels: 4)
        #expect(same.exact == 1 && same.kappa == 1)
        let apart = Ratings.agreement([(0, 3), (3, 0)], levels: 4)
        #expect(apart.exact == 0 && apart.withinOne == 0 && (apart.kappa ?? 0) < 0)
        // Everyone at one level on both sides: chance agreement is 1, and kappa says nothing.
        #expect(Ratings.agreement([(2, 2), (2, 2)], levels: 4).kappa == nil)
        #expect(Ratings.agreement([], levels: 4).pairs == 0)
    }
}

@Suite("Ratings: the file review keeps")
struct RatingsFileTests {
    func session(cases: [String]) -> Session {
        Session(
            id: "week3", created: "2026-11-27T09:00:00Z", mode: "graded", attempts: 1, policy: .best, feedback: .debrief,
            passMark: 60, due: nil, homePage: "https://practicum.local/",
            cases: cases.map { Session.Case(id: $0, file: "cases/\($0).scenario", sha256: "", fingerprint: "") })
    }

    let roster = try! Roster(csv: Data("id,name\ns1,Ana\ns2,Budi\ns3,Citra\n".utf8))

    @Test func whatIsWrittenReadsBackTheSameEvenACommentThatLooksLikeAFormula() throws {
        let one = session(cases: ["okafor"])
        var ratings = Ratings()
        ratings.set(.init(student: "s3", caseID: "okafor", level: .developing, comment: "=asked, then \"left\""))
        ratings.set(.init(student: "s1", caseID: "okafor", level: .competent, comment: ""))
        let text = ratings.csv(session: one, roster: roster)
        #expect(text.hasPrefix("id,level,comment\r\ns1,Competent,\r\ns3,"), "roster order, no case column for one case")
        #expect(text.contains("'=asked"), "neutralised for a spreadsheet")
        let read = try Ratings(csv: Data(text.utf8), session: one, roster: roster)
        #expect(read.ratings == ratings.ratings)
    }

    @Test func aSecondRatingForTheSameAttemptReplacesTheFirstAndOthersStay() throws {
        let two = session(cases: ["okafor", "dimas"])
        var ratings = Ratings()
        ratings.set(.init(student: "s2", caseID: "dimas", level: .emerging, comment: "first look"))
        ratings.set(.init(student: "s2", caseID: "okafor", level: .exemplary, comment: ""))
        ratings.set(.init(student: "s2", caseID: "dimas", level: .competent, comment: "second look"))
        let text = ratings.csv(session: two, roster: roster)
        #expect(text == "id,case,level,comment\r\ns2,okafor,Exemplary,\r\ns2,dimas,Competent,second look\r\n")
        #expect(try Ratings(csv: Data(text.utf8), session: two, roster: roster).ratings == ratings.ratings)
    }

    @Test func levelsAreReadInEnglishOrIndonesianWhateverTheirCase() {
        #expect(Ratings.level(named: "COMPETENT") == .competent)
        #expect(Ratings.level(named: "Mulai  Berkembang") == .emerging)
        #expect(Ratings.level(named: "sedang berkembang") == .developing)
        #expect(Ratings.level(named: "Teladan") == .exemplary && Ratings.level(named: "kompeten") == .competent)
        #expect(Ratings.level(named: "berkembang") == nil && Ratings.level(named: "excellent") == nil)
    }

    /// Issue 17: a header naming a column twice used the first silently; the ratings hold no numbers, so a
    /// level written as a number at or past the ends of the whole numbers is a level that is not one, named
    /// with its line; a field's hidden characters are shown in the message, never raw.
    @Test(arguments: [
        ("id,level,comment,level\ns1,competent,,emerging\n", "line 1: the column 'level' is named twice (columns 2 and 4)"),
        ("ID,level, id \ns1,competent,s2\n", "line 1: the column ' id ' is named twice (columns 1 and 3)"),
        ("id,level,Comment,COMMENT\ns1,competent,a,b\n", "line 1: the column 'COMMENT' is named twice (columns 3 and 4)"),
        ("id,level\ns1,9223372036854775807\n", "line 2: the level '9223372036854775807' is not one of"),
        ("id,level\ns1,-9223372036854775808\n", "line 2: the level '-9223372036854775808' is not one of"),
        ("id,level\ns1,99999999999999999999999999\n", "line 2: the level '99999999999999999999999999' is not one of"),
        ("id,level\ns1\u{202E}\u{1B},competent\n", "line 2: 's1<U+202E>␛' is not on the session's roster"),
        ("id,level\ns1,comp\u{200B}etent\n", "line 2: the level 'comp<U+200B>etent' is not one of"),
    ])
    func aBadHeaderOrLevelIsRefusedWithItsLine(csv: String, words: String) {
        do {
            _ = try Ratings(csv: Data(csv.utf8), session: session(cases: ["okafor"]), roster: roster)
            Issue.record("read: \(csv)")
        } catch {
            #expect(error.message.hasPrefix(words), "\(error.message)")
            #expect(!error.message.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" || $0 == "\u{200B}" })
        }
    }

    @Test func emptyColumnNamesMayRepeat() throws {
        let read = try Ratings(csv: Data("id,,level,\ns1,x,competent,y\n".utf8), session: session(cases: ["okafor"]), roster: roster)
        #expect(read.rating(student: "s1", caseID: "okafor")?.level == .competent)
    }
}
