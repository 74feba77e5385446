import PracticumTerminal
import Testing

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("json", "json", 0),
        ("kitten", "sitting", 3),
        ("levle", "level", 2),
        ("chioces", "choices", 2),
        ("flaw", "lawn", 2),
        ("café", "cafe", 1),
        ("cafe\u{301}", "café", 0),  // canonically equivalent characters are equal
        ("😀x", "x", 1),
        ("日本語", "日本", 1),
    ])
    func countsCharacterEdits(a: String, b: String, distance: Int) {
        #expect(EditDistance.between(a, b) == distance)
        #expect(EditDistance.between(b, a) == distance)
    }

    @Test(arguments: [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (9, 4), (12, 5)])
    func toleratesAThirdPlusOneButAtMostHalf(length: Int, tolerance: Int) {
        #expect(EditDistance.typoTolerance(forLength: length) == tolerance)
    }

    @Test(
        arguments: [
            ("levle", ["json", "level"], "level"),
            ("chioces", ["json", "choices", "seed"], "choices"),
            ("jsno", ["json"], "json"),
            ("jsn", ["json"], "json"),
            ("JSON", ["json"], "json"),
            ("cat", ["bat", "hat"], "bat"),  // ties go to the first candidate
            ("choice", ["choices", "chose"], "choices"),
            ("zzzz", ["json", "choices", "level"], nil),
            ("x", ["y"], nil),
            ("ab", ["xy"], nil),
            ("", ["a"], nil),
            ("abc", [], nil),
        ] as [(String, [String], String?)])
    func suggestsOnlyLikelyTypos(word: String, candidates: [String], expected: String?) {
        #expect(closestMatch(to: word, in: candidates) == expected)
    }
}
