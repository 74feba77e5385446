import Foundation
import Testing

@testable import PracticumCore

/// The JSON reader behind the JSON form of a case (and attempt files): what it accepts, and what it
/// refuses with a position and a pointer.
@Suite("Reading JSON")
struct JSONReaderTests {
    @Test func valuesOfEveryKindWithTheirPositions() throws {
        let value = try JSONValue.parse("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"é\": \"x\\n\\u00e9\\ud83d\\ude00\\/\"\n}")
        guard case .object(let members) = value.kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "é"])
        #expect(value["a"]?.kind == .array([
            JSONValue(.number("1"), line: 2, column: 9), JSONValue(.number("-2.5e3"), line: 2, column: 12),
            JSONValue(.bool(true), line: 2, column: 20), JSONValue(.bool(false), line: 2, column: 26),
            JSONValue(.null, line: 2, column: 33),
        ]))
        #expect(value["é"]?.kind == .string("x\né😀/"))
        #expect(value["é"]?.line == 3 && value["é"]?.column == 8)
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)).kind == .array([]), "a byte-order mark is skipped")
    }

    @Test(arguments: [
        ("", "the file is empty", 1, 1),
        ("{\"a\": 1, \"a\": 2}", "the key \"a\" appears twice in this object", 1, 10),
        ("[1, 2", "the text ends inside a list", 1, 6),
        ("{\"a\" 1}", "expected ':' after the key \"a\"", 1, 6),
        ("[01]", "a number may not start with 0", 1, 2),
        ("[1.]", "expected digits after the decimal point", 1, 4),
        ("[1e]", "expected digits in the exponent", 1, 4),
        ("[-]", "expected digits after '-'", 1, 3),
        ("[+1]", "expected a value", 1, 2),
        ("[\"a\tb\"]", "a control character (byte 9) inside a string", 1, 4),
        ("[\"a\nb\"]", "the string is not closed on its line", 1, 4),
        ("[\"\\x\"]", "'\\x' is not an escape JSON knows", 1, 5),
        ("[\"\\ud800\"]", "half of a surrogate pair", 1, 9),
        ("[\"\\ud800\\u0041\"]", "cannot follow", 1, 15),
        ("[\"\\u12\"]", "\\u needs four hexadecimal digits", 1, 7),
        ("[1] [2]", "unexpected text after the JSON value", 1, 5),
        ("[NaN]", "expected a value", 1, 2),
        ("{\"a\": [1, {\"b\": 1, \"b\": 2}]}", "the key \"b\" appears twice", 1, 20),
    ])
    func malformedTextIsRefusedWithItsPosition(text: String, message: String, line: Int, column: Int) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.line == line && error.column == column, "\(error)")
        }
    }

    @Test func aRepeatedKeyNamesTheObjectByPointer() {
        #expect(throws: JSONError.self) { try JSONValue.parse("{\"a\": [1, {\"b\": 1, \"b\": 2}]}") }
        do {
            _ = try JSONValue.parse("{\"a\": [1, {\"b\": 1, \"b\": 2}]}")
        } catch {
            #expect(error.pointer == "/a/1")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect(throws: JSONError.self) { try JSONValue.parse([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")]) }
        #expect(throws: JSONError.self) { try JSONValue.parse([UInt8(ascii: "["), 0xC3, UInt8(ascii: "]")]) }
    }

    /// Nesting is bounded, so no document can exhaust the stack; a million brackets is refused at once.
    @Test func deepNestingIsRefusedAtTheLimit() throws {
        let limit = JSONValue.maximumDepth
        _ = try JSONValue.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        for text in [
            String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
            String(repeating: "[", count: 1_000_000),
            String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000),
        ] {
            #expect(throws: JSONError.self) { try JSONValue.parse(text) }
        }
    }

    /// A minified document is one long line; reading it must not count columns from the line's start for
    /// every value (that was quadratic). 200,000 values on one line read correctly.
    @Test func oneLongLineReadsWithRightColumns() throws {
        let items = (0..<200_000).map { "\($0)" }.joined(separator: ",")
        let value = try JSONValue.parse("[" + items + "]")
        guard case .array(let list) = value.kind else {
            Issue.record("not a list")
            return
        }
        #expect(list.count == 200_000)
        #expect(list[199_999].column == 1 + items.count - "199999".count + 1)
    }

    // MARK: Decoding

    struct Sample: Decodable, Equatable {
        var name: String
        var count: Int
        var seed: UInt64?
        var tags: [String]
        var ratio: Double?
    }

    @Test func decodingFollowsTheTypeAndIgnoresUnknownKeys() throws {
        let sample = try JSONValueDecoder().decode(
            Sample.self, from: Array(#"{"name": "n", "count": -3, "tags": ["a"], "extra": {"x": [1]}, "seed": 18446744073709551615}"#.utf8))
        #expect(sample == Sample(name: "n", count: -3, seed: UInt64.max, tags: ["a"], ratio: nil))
    }

    @Test(arguments: [
        (#"{"name": "n", "count": 1.5, "tags": []}"#, "expected a whole number, found 1.5", "/count"),
        (#"{"name": "n", "count": 2e0, "tags": []}"#, "expected a whole number, found 2e0", "/count"),
        (#"{"name": "n", "count": 99999999999999999999, "tags": []}"#, "out of range", "/count"),
        (#"{"name": "n", "count": "3", "tags": []}"#, "expected a whole number, found a string", "/count"),
        (#"{"name": "n", "tags": []}"#, "missing \"count\"", "/"),
        (#"{"name": null, "count": 1, "tags": []}"#, "expected a string, found null", "/name"),
        (#"{"name": "n", "count": 1, "tags": [1]}"#, "expected a string, found the number 1", "/tags/0"),
        (#"{"name": "n", "count": 1, "tags": {}}"#, "expected a list, found an object", "/tags"),
        (#"{"name": "n", "count": 1, "tags": [], "seed": -1}"#, "out of range", "/seed"),
        (#"[]"#, "expected an object, found a list", "/"),
    ])
    func decodingErrorsNameTheValue(text: String, message: String, pointer: String) {
        do {
            _ = try JSONValueDecoder().decode(Sample.self, from: Array(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.pointer == pointer, "\(error)")
        }
    }

    // MARK: The JSON form of a case

    static func exported() throws -> String {
        let result = TestSupport.load(
            TestSupport.minimalHeader + "== a\n* Go\n  phase: engagement\n  quality: 1\n  -> b\n== b [ending: goals-met]\nx\n")
        return String(decoding: ScenarioDocument(try #require(result.scenario)).encoded(), as: UTF8.self)
    }

    @Test func aCaseWithARepeatedKeyIsRefusedWhereTheKeyIs() throws {
        let text = try Self.exported().replacingOccurrences(of: "\"quality\" : 1", with: "\"quality\" : 1, \"quality\" : 2")
        let loaded = TestSupport.loader.loadJSON(Data(text.utf8), file: "case.json")
        #expect(loaded.scenario == nil)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.code == .malformedJSON)
        #expect(diagnostic.message.contains("the key \"quality\" appears twice in this object (at /scenes/0/choices/0)"))
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("\"quality\" : 1, \"quality\"") }
        #expect(diagnostic.location.line == (line ?? -1) + 1)
    }

    @Test func aFractionWhereAWholeNumberBelongsIsNamed() throws {
        let text = try Self.exported().replacingOccurrences(of: "\"quality\" : 1", with: "\"quality\" : 1.5")
        let loaded = TestSupport.loader.loadJSON(Data(text.utf8), file: "case.json")
        #expect(loaded.diagnostics.map(\.message) == [
            "not a Practicum case: expected a whole number, found 1.5 (at /scenes/0/choices/0/quality)"
        ])
    }

    @Test func aWeightsDimensionMustBeOneWord() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.exported().utf8)) as? [String: Any])
        var header = try #require(object["header"] as? [String: Any])
        header["weights"] = [["dimension": "practice 1, ethics", "value": 5]]
        object["header"] = header
        let loaded = TestSupport.loader.loadJSON(try JSONSerialization.data(withJSONObject: object), file: "case.json")
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.contains {
            $0.location.file == "case.json#/header/weights/0/dimension" && $0.message.contains("is not a dimension name")
        })
    }
}
