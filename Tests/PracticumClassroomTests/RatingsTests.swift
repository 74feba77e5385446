import Testing
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
