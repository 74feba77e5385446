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
}
