import Testing

@testable import PracticumHTTP

@Suite struct FormEncodingTests {
    @Test func decodesPlusAndPercentEscapes() throws {
        let fields = try #require(FormEncoding.decode("choice=ask-open&reason=because+I%27m+sure%21&&flag"))
        #expect(fields.map(\.name) == ["choice", "reason", "flag"])
        #expect(fields.map(\.value) == ["ask-open", "because I'm sure!", ""])
    }

    @Test func refusesBrokenEscapesAndBytesThatAreNotUTF8() {
        #expect(FormEncoding.decode("a=%4") == nil)
        #expect(FormEncoding.decode("a=%zz") == nil)
        #expect(FormEncoding.decode("a=%ff%fe") == nil)
    }

    @Test func encodingRoundTripsAnyText() throws {
        let fields = [(name: "nama", value: "Bu Warsih & anak-anak = 3 ✓"), (name: "x y", value: "+%")]
        let decoded = try #require(FormEncoding.decode(FormEncoding.encode(fields)))
        #expect(decoded.map(\.name) == fields.map(\.name))
        #expect(decoded.map(\.value) == fields.map(\.value))
    }

    @Test func cookiesAreReadFromEveryCookieHeaderFirstNameWinning() {
        let request = HTTPRequest(
            method: "GET", path: "/",
            headers: [(name: "cookie", value: "sid=abc; theme=dark"), (name: "cookie", value: "sid=other;lang=id")])
        #expect(request.cookies == ["sid": "abc", "theme": "dark", "lang": "id"])
        #expect(request.header("Cookie") == "sid=abc; theme=dark")
    }
}
