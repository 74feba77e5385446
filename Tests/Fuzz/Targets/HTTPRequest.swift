// Fuzz target: bytes as a client could send them to the server, fed to HTTPParser in pieces split at
// pseudo-random points (the first byte picks the limits, the second seeds the splits). Invariants: the
// parser never consumes more than it was given, nor nothing; fed in pieces it answers exactly what it answers
// to the same bytes at once; a request's body is as long as its Content-Length says; its path is decoded,
// starts with "/", holds no NUL and no ".." segment; a refusal is one of the statuses the server sends.
import PracticumHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let limits =
        data[0] & 1 == 0
        ? HTTPLimits()
        : HTTPLimits(requestLineBytes: 64, headerBytes: 256, headerFields: 8, bodyBytes: 128)
    var random = UInt64(data[1]) &+ 0x9E37_79B9_7F4A_7C15
    let stream = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    var parser = HTTPParser(limits: limits)
    var buffer: [UInt8] = []
    var offset = 0
    while offset < stream.count {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let piece = 1 + Int((random >> 33) % 64)
        buffer += stream[offset..<min(stream.count, offset + piece)]
        offset += piece
        parsing: while true {
            let result = parser.parse(buffer)
            precondition(result == HTTPParser.parse(buffer, limits: limits), "in pieces the parser answered otherwise")
            switch result {
            case .needMore:
                break parsing
            case .refused(let status, _):
                precondition([400, 411, 413, 414, 431, 501, 505].contains(status), "refused with \(status)")
                return 0
            case .request(let request, let consumed):
                precondition(consumed > 0 && consumed <= buffer.count, "consumed \(consumed) of \(buffer.count)")
                check(request, limits: limits)
                buffer.removeFirst(consumed)
            }
        }
    }
    return 0
}

private func check(_ request: HTTPRequest, limits: HTTPLimits) {
    let lengths = request.headers.filter { $0.name == "content-length" }
        .flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }
        .map { item -> Int? in
            var digits = item
            while digits.first == " " || digits.first == "\t" { digits.removeFirst() }
            while digits.last == " " || digits.last == "\t" { digits.removeLast() }
            return Int(digits)
        }
    precondition(lengths.allSatisfy { $0 == request.body.count }, "the body is not as long as Content-Length")
    precondition(!lengths.isEmpty || request.body.isEmpty, "a body without a Content-Length")
    precondition(request.body.count <= limits.bodyBytes, "a body over the limit")
    precondition(request.path.hasPrefix("/"), "a path that does not start with /")
    precondition(!request.path.utf8.contains(0), "a NUL in the path")
    precondition(!request.path.split(separator: "/").contains(".."), "a '..' segment")
    precondition(request.version == "HTTP/1.1" || request.version == "HTTP/1.0", "version \(request.version)")
    precondition(request.headers.count <= limits.headerFields, "more header fields than the limit")
    _ = request.form
    _ = request.cookies
    _ = request.wantsKeepAlive
}
