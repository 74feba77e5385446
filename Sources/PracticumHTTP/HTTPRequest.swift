/// One HTTP/1.1 request as the server has read and checked it: the request line within its limit, the
/// headers parsed, and the whole body (never longer than the server's body limit) read.
///
/// This module knows nothing about Practicum: it is a small HTTP/1.1 server on POSIX sockets, written on
/// the toolchain alone, that hands each request to a handler and writes the handler's response.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, as sent (`GET`, `POST`, ...).
    public var method: String
    /// The path, percent-decoded, without the query (always starts with `/`).
    public var path: String
    /// The query's fields, percent-decoded (`+` is a space), in the order sent.
    public var query: [(name: String, value: String)]
    /// The header fields in the order sent; names are lowercased.
    public var headers: [(name: String, value: String)]
    /// The body's bytes (empty when there is none).
    public var body: [UInt8]
    /// The protocol version from the request line: `HTTP/1.1` or `HTTP/1.0`.
    public var version: String

    /// A request, as the parser or a test makes it.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], version: String = "HTTP/1.1"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// Whether the client wants the connection kept open after this request: HTTP/1.1 unless a
    /// `Connection` header says `close`, HTTP/1.0 only when one says `keep-alive`.
    public var wantsKeepAlive: Bool {
        let tokens = headers.filter { $0.name == "connection" }.flatMap {
            $0.value.lowercased().split(separator: ",").map { $0.trimmingSpaces }
        }
        if tokens.contains("close") { return false }
        return version == "HTTP/1.1" || tokens.contains("keep-alive")
    }

    /// The first header field with this name (any case), if there is one.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    /// The first query field with this name.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The cookies the `Cookie` headers carry, by name (the first of a name wins).
    public var cookies: [String: String] {
        var found: [String: String] = [:]
        for field in headers where field.name == "cookie" {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingSpaces
                if found[name] == nil { found[name] = parts[1].trimmingSpaces }
            }
        }
        return found
    }

    /// The body read as an `application/x-www-form-urlencoded` form, in the order sent; nil when the body
    /// is not valid UTF-8 or not a well-formed form.
    public var form: [(name: String, value: String)]? {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        return FormEncoding.decode(text)
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.version == rhs.version && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.query.elementsEqual(rhs.query, by: { $0 == $1 })
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
