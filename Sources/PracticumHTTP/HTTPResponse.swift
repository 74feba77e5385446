/// A response for the server to write: a status, header fields and a body. The server adds
/// `Content-Length`, `Date` and `Connection` itself; everything else (content type, cookies, security
/// headers) is the handler's.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code (200, 303, 400, ...).
    public var status: Int
    /// The header fields, in order (names as they should be written).
    public var headers: [(name: String, value: String)]
    /// The body's bytes.
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header field with this name (any case), if there is one.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The standard reason phrase for a status code ("OK", "Bad Request", ...).
    public static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 303: "See Other"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }
}

/// What answers requests: called once per request, from any of the server's threads at once, so it must be
/// safe to call concurrently. `peer` is the client's address as text (for rate limits and logs).
public typealias HTTPHandler = @Sendable (_ request: HTTPRequest, _ peer: String) -> HTTPResponse
