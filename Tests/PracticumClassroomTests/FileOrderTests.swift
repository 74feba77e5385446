import Foundation
import Testing

@testable import PracticumClassroom

/// Grading takes the files of `attempts/` in numeric order, and which of two copies counts depends on it: the
/// shortcut for plain names must give Foundation's order exactly.
@Suite("The numeric order of attempt files")
struct FileOrderTests {
    @Test func namesAsPracticumWritesThemSortByTheirNumbers() {
        let names = ["s10--case--2.jsonl", "s2--case--10.jsonl", "s2--case--2.jsonl", "s1--case--1.jsonl", "S1--case--1.jsonl"]
        #expect(names.sorted(by: AttemptStore.precedesNumerically)
            == ["S1--case--1.jsonl", "s1--case--1.jsonl", "s2--case--2.jsonl", "s2--case--10.jsonl", "s10--case--2.jsonl"])
    }

    @Test func theShortcutAgreesWithFoundationOnEveryPairItTakes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZz09-_.1s2--3".utf8) + Array("0123456789".utf8)
        func name() -> String {
            let length = Int.random(in: 0...8, using: &generator)
            return String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
        }
        var taken = 0
        for _ in 0..<20_000 {
            let left = name(), right = name()
            let foundation = left.compare(right, options: .numeric) == .orderedAscending
            #expect(AttemptStore.precedesNumerically(left, right) == foundation, "\(left) before \(right)?")
            if AttemptStore.plainNumericOrder(left, right) != nil { taken += 1 }
        }
        #expect(taken > 5_000, "most random plain names take the shortcut")
        let many = (0..<2_000).map { _ in name() }
        #expect(AttemptStore.sortedNumerically(many) == many.sorted { $0.compare($1, options: .numeric) == .orderedAscending })
        // Names the shortcut leaves to Foundation.
        let long = "s1--kasus--18446744073709551617.jsonl"  // past 64 bits: Foundation's sum wraps around
        #expect(AttemptStore.precedesNumerically(long, "s1--kasus--2.jsonl")
            == (long.compare("s1--kasus--2.jsonl", options: .numeric) == .orderedAscending))
        #expect(AttemptStore.sortedNumerically(["s1--kasus--2.jsonl", long, "s1--kasus--12345678901234567890.jsonl"])
            == ["s1--kasus--2.jsonl", long, "s1--kasus--12345678901234567890.jsonl"].sorted {
                $0.compare($1, options: .numeric) == .orderedAscending
            })
        for (left, right) in [("s01", "s1"), ("é", "e"), ("a b", "a"), ("s007", "s7"), (long, "s1")] {
            #expect(AttemptStore.plainNumericOrder(left, right) == nil)
            #expect(AttemptStore.precedesNumerically(left, right) == (left.compare(right, options: .numeric) == .orderedAscending))
        }
    }
}
