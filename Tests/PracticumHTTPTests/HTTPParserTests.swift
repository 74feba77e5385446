import Testing

@testable import PracticumHTTP

@Suite struct HTTPParserTests {
    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        HTTPParser.parse(Array(text.utf8), limits: limits)
    }

    private func status(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Int? {
        if case .refused(let status, _) = parse(text, limits: limits) { return status }
        return nil
    }

    @Test func aGetWithQueryAndHeadersIsReadWhole() throws {
        let text = "GET /play/caf%C3%A9?step=2&name=a+b HTTP/1.1\r\nHost: x\r\nCookie:  sid=1 \r\n\r\n"
        guard case .request(let request, let consumed) = parse(text) else {
            Issue.record("not a request: \(parse(text))")
            return
        }
        #expect(consumed == text.utf8.count)
        #expect(request.method == "GET")
        #expect(request.path == "/play/café")
        #expect(request.query.map(\.name) == ["step", "name"])
        #expect(request.queryValue("name") == "a b")
        #expect(request.header("cookie") == "sid=1")
        #expect(request.version == "HTTP/1.1")
        #expect(request.wantsKeepAlive)
    }

    @Test func aPostBodyIsReadByContentLengthAndTheRestIsLeft() throws {
        let text = "POST /choose HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nchoice=a1GET / HTTP/1.1\r\n"
        guard case .request(let request, let consumed) = parse(text) else {
            Issue.record("not a request")
            return
        }
        #expect(request.body == Array("choice=a1".utf8))
        #expect(consumed == text.utf8.count - "GET / HTTP/1.1\r\n".utf8.count)
        #expect(request.form?.first?.value == "a1")
    }

    @Test func bytesFedOneAtATimeGiveTheSameRequest() throws {
        let text = Array("\r\nPOST /a HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nxyz".utf8)
        var parser = HTTPParser()
        for end in 1..<text.count {
            #expect(parser.parse(text[0..<end]) == .needMore, "at \(end)")
        }
        guard case .request(let request, let consumed) = parser.parse(text) else {
            Issue.record("no request at the end")
            return
        }
        #expect(consumed == text.count)
        #expect(request.body == Array("xyz".utf8))
        #expect(request.version == "HTTP/1.0" && request.wantsKeepAlive)
        #expect(HTTPParser.parse(text) == .request(request, consumed: consumed))
    }

    @Test func connectionCloseAndHTTP10WithoutKeepAliveEndTheConnection() throws {
        guard case .request(let close, _) = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive, Close\r\n\r\n"),
            case .request(let old, _) = parse("GET / HTTP/1.0\r\n\r\n")
        else {
            Issue.record("not requests")
            return
        }
        #expect(!close.wantsKeepAlive)
        #expect(!old.wantsKeepAlive)
    }

    @Test func anIncompleteRequestNeedsMore() {
        #expect(parse("GET / HTTP/1.1\r\nHost: x\r\n") == .needMore)
        #expect(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab") == .needMore)
        #expect(parse("") == .needMore)
    }

    @Test func aLongRequestLineIs414EvenBeforeItEnds() {
        let limits = HTTPLimits(requestLineBytes: 64)
        #expect(status("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits) == 414)
        #expect(status("GET /\(String(repeating: "a", count: 100))", limits: limits) == 414)
        #expect(status("GET /\(String(repeating: "a", count: 40)) HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits) == nil)
        #expect(status("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n") == 414)
    }

    @Test func tooManyOrTooLargeHeadersAre431() {
        let many = (0..<101).map { "X-\($0): 1\r\n" }.joined()
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\n\(many)\r\n") == 431)
        let hundred = (0..<99).map { "X-\($0): 1\r\n" }.joined()
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\n\(hundred)\r\n") == nil)
        let big = "X-Big: \(String(repeating: "b", count: 17_000))\r\n"
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\n\(big)\r\n") == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\n\(big)") == 431, "refused before the headers end")
    }

    @Test func aLargeBodyIs413BeforeItArrives() {
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n") == nil)
    }

    @Test func aPostWithoutLengthIs411AndTransferEncodingIs501() {
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\n\r\n") == 411)
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n") == 501)
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: identity\r\n\r\nabc") == 501)
    }

    @Test func otherVersionsAre505AndMalformedOnesAre400() {
        #expect(status("GET / HTTP/2.0\r\nHost: x\r\n\r\n") == 505)
        #expect(status("GET / HTTP/0.9\r\n\r\n") == 505)
        #expect(status("GET / HTTP/1.10\r\nHost: x\r\n\r\n") == 400)
        #expect(status("GET / http/1.1\r\nHost: x\r\n\r\n") == 400)
        #expect(status("GET /\r\n\r\n") == 400)
    }

    @Test func malformedLinesAre400() {
        let refused = [
            "GET / HTTP/1.1\nHost: x\n\n",  // bare LF
            "GET / HTTP/1.1\r\nHost: x\rY: 1\r\n\r\n",  // bare CR
            "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",  // two spaces
            "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",  // not a token
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n",  // obs-fold
            "GET / HTTP/1.1\r\nHost : x\r\n\r\n",  // space before the colon
            "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n",  // a control byte in a value
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",  // no Host
            "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        ]
        for text in refused { #expect(status(text) == 400, "\(text.debugDescription)") }
    }

    @Test func contentLengthMustBeOneDecimalNumber() {
        let refused = [
            "Content-Length: 3\r\nContent-Length: 4", "Content-Length: 3, 4", "Content-Length: -1",
            "Content-Length: +3", "Content-Length: 0x10", "Content-Length: 3.0", "Content-Length:",
            "Content-Length: 99999999999999999999999", "Content-Length: 1 2",
        ]
        for fields in refused {
            #expect(status("POST / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n\r\nabcd") == 400, "\(fields)")
        }
        guard case .request(let request, _) = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\ncontent-length: 3, 3\r\n\r\nabc")
        else {
            Issue.record("identical lengths should be accepted")
            return
        }
        #expect(request.body.count == 3)
    }

    @Test func targetsMustBeOriginFormSafePaths() {
        let refused = [
            "*", "http://example.com/", "example.com:80", "/a#frag", "/%00", "/a%2", "/%ff%fe", "/..", "/a/../b",
            "/a/%2e%2e/b", "/a%2F..%2Fb", "/caf\u{e9}",
        ]
        for target in refused {
            #expect(status("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n") == 400, "\(target)")
        }
        for target in ["/", "/a/b.c/..d", "/a/./b", "/%E2%9C%93?q=a%20b"] {
            #expect(status("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n") == nil, "\(target)")
        }
        #expect(status("GET /a?q=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n") == 400, "a broken query escape")
    }

    @Test func aParserStartsOverAfterEachRequest() {
        var parser = HTTPParser()
        let first = Array("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let second = Array("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        guard case .request(let one, let consumed) = parser.parse(first + second[0..<5]) else {
            Issue.record("no first request")
            return
        }
        #expect(one.path == "/1")
        #expect(consumed == first.count)
        guard case .request(let two, _) = parser.parse(second) else {
            Issue.record("no second request")
            return
        }
        #expect(two.path == "/2")
    }
}
