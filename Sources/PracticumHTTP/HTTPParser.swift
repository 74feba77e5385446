/// The sizes and times the server allows a client. The defaults suit a class of a few hundred students on
/// one machine; a test uses small ones.
public struct HTTPLimits: Sendable, Equatable {
    /// The longest request line (method, target and version, without its CRLF); longer is 414.
    public var requestLineBytes: Int
    /// The most bytes of header fields after the request line (CRLFs included); more is 431.
    public var headerBytes: Int
    /// The most header fields; more is 431.
    public var headerFields: Int
    /// The longest body; a longer `Content-Length` is 413, before any of the body is read.
    public var bodyBytes: Int
    /// Seconds a kept-alive connection may wait for the first byte of its next request; then it is closed.
    public var idleTimeout: Double
    /// Seconds from a request's first byte until its headers and body have all arrived; then 408 and a close.
    public var requestTimeout: Double
    /// The most connections open at once; the next one gets a short 503 and is closed.
    public var maxConnections: Int
    /// The most requests on one connection; the last is answered with `Connection: close`.
    public var requestsPerConnection: Int

    public init(
        requestLineBytes: Int = 8 * 1024, headerBytes: Int = 16 * 1024, headerFields: Int = 100,
        bodyBytes: Int = 64 * 1024, idleTimeout: Double = 15, requestTimeout: Double = 30,
        maxConnections: Int = 1000, requestsPerConnection: Int = 1000
    ) {
        self.requestLineBytes = requestLineBytes
        self.headerBytes = headerBytes
        self.headerFields = headerFields
        self.bodyBytes = bodyBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.requestsPerConnection = requestsPerConnection
    }
}

/// What the parser makes of the bytes it has been given so far.
public enum HTTPParseResult: Sendable, Equatable {
    /// No complete request yet, and nothing wrong so far: read more bytes and parse again.
    case needMore
    /// A complete request, read from the first `consumed` bytes; what follows belongs to the next request.
    case request(HTTPRequest, consumed: Int)
    /// The request is refused with this status (400, 411, 413, 414, 431, 501 or 505); the connection cannot
    /// go on, since where the next request would start is not known.
    case refused(status: Int, reason: String)
}

/// An incremental HTTP/1.1 request parser that trusts nothing: give it every byte received and not yet
/// consumed, again each time more arrive, and it answers `.needMore`, a request (with how many bytes it
/// took) or a refusal. It does no I/O, so the tests and the fuzz target drive it with any bytes split at any
/// point.
///
/// It remembers how far it has scanned for the end of the headers, so trickled bytes are not rescanned; that
/// memory is only valid while each call's bytes begin with the previous call's. After a request or a refusal
/// it starts over.
///
/// Strict on purpose (the only clients are browsers and our own tools): lines end in CRLF, no obs-fold, no
/// space before a header's colon, no control bytes, no `Transfer-Encoding` (501; nothing here needs
/// chunked), a `POST`/`PUT`/`PATCH` needs a `Content-Length` (411), an HTTP/1.1 request needs one `Host`.
/// The target must be origin-form (`/path?query`); its path must percent-decode to UTF-8 without NUL and
/// without `..` segments.
public struct HTTPParser: Sendable {
    public let limits: HTTPLimits

    /// Where the scan for the end of the headers goes on from.
    private var scanned = 0
    /// The start of the line being scanned, the end of the request line (nil until seen) and the fields so far.
    private var lineStart = 0
    private var requestLineEnd: Int?
    private var fieldLines = 0
    /// Where the headers end (just past the empty line) once found.
    private var headersEnd: Int?

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Parses one request from a fresh parser: the whole of `bytes` as the only call.
    public static func parse(_ bytes: some Collection<UInt8>, limits: HTTPLimits = HTTPLimits()) -> HTTPParseResult {
        var parser = HTTPParser(limits: limits)
        return parser.parse(bytes)
    }

    /// Parses the bytes received and not yet consumed (the previous call's bytes and any that came since).
    public mutating func parse(_ bytes: some Collection<UInt8>) -> HTTPParseResult {
        let buffer = Array(bytes)
        let result = scan(buffer)
        switch result {
        case .needMore: break
        case .request, .refused: self = HTTPParser(limits: limits)
        }
        return result
    }

    private mutating func scan(_ buffer: [UInt8]) -> HTTPParseResult {
        if scanned > buffer.count { self = HTTPParser(limits: limits) }
        if headersEnd == nil {
            while scanned < buffer.count {
                let byte = buffer[scanned]
                scanned += 1
                if byte != lf, scanned >= 2, scanned - 2 >= lineStart, buffer[scanned - 2] == cr {
                    return refuse(400, "a CR not followed by LF")
                }
                if byte == lf {
                    // A line ends: it must end in CRLF.
                    guard scanned >= 2, buffer[scanned - 2] == cr, scanned - 2 >= lineStart else {
                        return refuse(400, "a line ends in a bare LF")
                    }
                    let lineLength = scanned - 2 - lineStart
                    if requestLineEnd == nil {
                        if lineLength == 0 {
                            // Empty lines before a request line are skipped (RFC 9112, 2.2), within the budget.
                            lineStart = scanned
                            if scanned > limits.requestLineBytes { return refuse(414, "too many empty lines") }
                            continue
                        }
                        if lineLength > limits.requestLineBytes { return refuse(414, "the request line is too long") }
                        requestLineEnd = scanned
                    } else if lineLength == 0 {
                        headersEnd = scanned
                        break
                    } else {
                        fieldLines += 1
                        if fieldLines > limits.headerFields { return refuse(431, "too many header fields") }
                    }
                    lineStart = scanned
                }
                if let requestLineEnd {
                    if scanned - requestLineEnd > limits.headerBytes { return refuse(431, "the header fields are too large") }
                } else if scanned - lineStart > limits.requestLineBytes + 2 {
                    return refuse(414, "the request line is too long")
                }
            }
        }
        guard let headersEnd, let requestLineEnd else { return .needMore }
        return finish(buffer, requestLineEnd: requestLineEnd, headersEnd: headersEnd)
    }

    private func finish(_ buffer: [UInt8], requestLineEnd: Int, headersEnd: Int) -> HTTPParseResult {
        // The request line starts after any skipped empty lines.
        var lineStartIndex = 0
        while lineStartIndex + 1 < requestLineEnd, buffer[lineStartIndex] == cr, buffer[lineStartIndex + 1] == lf {
            lineStartIndex += 2
        }
        let requestLine = buffer[lineStartIndex..<(requestLineEnd - 2)]
        let parts = requestLine.split(separator: sp, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return refuse(400, "the request line is not 'METHOD /target HTTP/1.1'") }
        let (methodBytes, target, versionBytes) = (parts[0], parts[1], parts[2])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(isTokenByte) else { return refuse(400, "a malformed method") }
        guard let version = checkedVersion(versionBytes) else { return refuse(400, "a malformed HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return refuse(505, "only HTTP/1.0 and 1.1") }
        guard let first = target.first, first == slash else { return refuse(400, "the target is not origin-form") }
        guard target.allSatisfy({ $0 > sp && $0 < del && $0 != hash }) else {
            return refuse(400, "the target holds a byte it may not")
        }
        let targetText = String(decoding: target, as: UTF8.self)
        let pieces = targetText.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = FormEncoding.percentDecode(pieces[0], plusIsSpace: false) else {
            return refuse(400, "the path does not percent-decode to UTF-8")
        }
        guard !path.utf8.contains(0) else { return refuse(400, "the path holds a NUL") }
        guard !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." }) else {
            return refuse(400, "the path has a '..' segment")
        }
        var query: [(name: String, value: String)] = []
        if pieces.count > 1 {
            guard let fields = FormEncoding.decode(String(pieces[1])) else {
                return refuse(400, "the query does not percent-decode to UTF-8")
            }
            query = fields
        }

        var headers: [(name: String, value: String)] = []
        var lineStart = requestLineEnd
        while lineStart < headersEnd - 2 {
            var lineEnd = lineStart
            while buffer[lineEnd] != cr { lineEnd += 1 }
            let line = buffer[lineStart..<lineEnd]
            lineStart = lineEnd + 2
            guard let colon = line.firstIndex(of: colon) else { return refuse(400, "a header line without a colon") }
            let name = line[line.startIndex..<colon]
            if let first = line.first, first == sp || first == tab { return refuse(400, "an obs-folded header line") }
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
                return refuse(400, "a malformed header name (or a space before its colon)")
            }
            var value = line[(colon + 1)...]
            while let first = value.first, first == sp || first == tab { value = value.dropFirst() }
            while let last = value.last, last == sp || last == tab { value = value.dropLast() }
            guard value.allSatisfy({ $0 >= sp && $0 != del || $0 == tab }) else {
                return refuse(400, "a control byte in a header value")
            }
            headers.append((String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
        }

        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            return refuse(501, "Transfer-Encoding is not supported; send a Content-Length")
        }
        let hosts = headers.filter { $0.name == "host" }
        if version == "HTTP/1.1" && hosts.count != 1 || hosts.count > 1 {
            return refuse(400, "an HTTP/1.1 request needs exactly one Host")
        }
        var length: Int?
        for field in headers where field.name == "content-length" {
            for item in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = item.utf8.drop(while: { $0 == sp || $0 == tab }).reversed()
                    .drop(while: { $0 == sp || $0 == tab }).reversed()
                guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= zero && $0 <= nine }) else {
                    return refuse(400, "a Content-Length that is not a decimal number")
                }
                let value = digits.reduce(0) { $0 * 10 + Int($1 - zero) }
                if let length, length != value { return refuse(400, "two differing Content-Lengths") }
                length = value
            }
        }
        let method = String(decoding: methodBytes, as: UTF8.self)
        if length == nil && ["POST", "PUT", "PATCH"].contains(method) {
            return refuse(411, "a \(method) needs a Content-Length")
        }
        let bodyLength = length ?? 0
        if bodyLength > limits.bodyBytes { return refuse(413, "the body is larger than \(limits.bodyBytes) bytes") }
        guard buffer.count - headersEnd >= bodyLength else { return .needMore }
        let body = Array(buffer[headersEnd..<(headersEnd + bodyLength)])
        let request = HTTPRequest(
            method: method, path: path, query: query, headers: headers, body: body, version: version)
        return .request(request, consumed: headersEnd + bodyLength)
    }

    private func checkedVersion(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = Array(bytes)
        guard text.count == 8, text.starts(with: Array("HTTP/".utf8)), text[6] == UInt8(ascii: "."),
            (zero...nine).contains(text[5]), (zero...nine).contains(text[7])
        else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    private func refuse(_ status: Int, _ reason: String) -> HTTPParseResult {
        .refused(status: status, reason: reason)
    }
}

private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let sp = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let del: UInt8 = 0x7F
private let hash = UInt8(ascii: "#")
private let slash = UInt8(ascii: "/")
private let colon = UInt8(ascii: ":")
private let zero = UInt8(ascii: "0")
private let nine = UInt8(ascii: "9")

/// A `tchar` of RFC 9110: what a method or a header name is made of.
private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), zero...nine: true
    default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}
