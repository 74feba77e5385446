#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A minimal HTTP/1.1 client for tests and the benchmark: it connects to a host and port, writes requests
/// (or any raw bytes), and reads responses framed by `Content-Length`, each within a timeout. It is not a
/// general client: no chunked bodies, no redirects, no TLS.
public struct LoopbackClient: Sendable {
    public var host: String
    public var port: UInt16
    /// Seconds allowed for connecting and for each response (or close) to arrive.
    public var timeout: Double

    public init(host: String = "127.0.0.1", port: UInt16, timeout: Double = 10) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// A response as read from the wire.
    public struct Response: Sendable, Equatable {
        public var status: Int
        /// The header fields in order, names lowercased.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        /// The first header field with this name (any case).
        public func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.name == lowered }?.value
        }

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }

        public static func == (lhs: Response, rhs: Response) -> Bool {
            lhs.status == rhs.status && lhs.body == rhs.body && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
        }
    }

    /// Opens a connection.
    public func connect() throws -> Connection {
        let addresses = try Socket.addresses(host: host, port: port, passive: false)
        var lastError = HTTPSocketError(operation: "connect to \(host):\(port)", code: 0, message: "no address")
        for (family, address) in addresses {
            let fd = socket(family, Socket.stream, 0)
            guard fd >= 0 else {
                lastError = .system("make a socket")
                continue
            }
            Socket.prepareConnection(fd, sendTimeout: timeout)
            let connected = address.withUnsafeBytes { raw in
                systemConnect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            if connected == 0 { return Connection(fd: fd, timeout: timeout) }
            lastError = .system("connect to \(host):\(port)")
            close(fd)
        }
        throw lastError
    }

    /// One request on a connection of its own (`Connection: close`), and its response.
    public func send(
        method: String = "GET", path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) throws -> Response {
        let connection = try connect()
        defer { connection.close() }
        return try connection.send(method: method, path: path, headers: headers, body: body, keepAlive: false)
    }

    /// One open connection. Not for use from two threads at once.
    public final class Connection {
        private var fd: Int32
        private let timeout: Double
        private var buffer: [UInt8] = []

        init(fd: Int32, timeout: Double) {
            self.fd = fd
            self.timeout = timeout
        }

        deinit { close() }

        /// Writes a request (with `Host`, `Content-Length` when there is a body, and `Connection: close`
        /// unless `keepAlive`) and reads its response.
        public func send(
            method: String = "GET", path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
            keepAlive: Bool = true
        ) throws -> Response {
            try write(LoopbackClient.request(method: method, path: path, headers: headers, body: body, keepAlive: keepAlive))
            return try readResponse()
        }

        /// Writes raw bytes (a malformed request, half a request, two pipelined ones).
        public func write(_ bytes: [UInt8]) throws {
            guard fd >= 0, Socket.sendAll(fd, bytes) else { throw HTTPSocketError.system("send") }
        }

        /// Reads one response (its status line, headers and `Content-Length` bytes of body; only the head
        /// when `bodyless`, as for a `HEAD` request).
        public func readResponse(bodyless: Bool = false) throws -> Response {
            let deadline = Socket.monotonicSeconds() + timeout
            var headEnd: Int?
            while true {
                if headEnd == nil, let end = buffer.firstRange(of: [13, 10, 13, 10]) { headEnd = end.upperBound }
                if let headEnd {
                    var response = try Self.head(buffer[0..<headEnd])
                    let length = bodyless ? 0 : Int(response.header("content-length") ?? "0") ?? 0
                    if buffer.count - headEnd >= length {
                        response.body = Array(buffer[headEnd..<(headEnd + length)])
                        buffer.removeFirst(headEnd + length)
                        return response
                    }
                }
                try fill(until: deadline, what: "read the response")
            }
        }

        /// Waits for the server to close the connection; true when it did within the timeout (bytes that
        /// arrive first are dropped).
        public func waitForClose() -> Bool {
            let deadline = Socket.monotonicSeconds() + timeout
            while true {
                switch Socket.receive(fd, into: &buffer, deadline: deadline, wake: -1) {
                case .bytes: buffer.removeAll()
                case .closed, .failed: return true
                case .timedOut, .woken: return false
                }
            }
        }

        /// Whether a byte of a response (or the server's close) arrives within `seconds`; a byte already read
        /// and not yet taken counts.
        public func isReadable(within seconds: Double) -> Bool {
            guard buffer.isEmpty, fd >= 0 else { return true }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            return poll(&fds, 1, Int32(max(0, seconds * 1000))) != 0
        }

        /// Closes the connection (idempotent).
        public func close() {
            if fd >= 0 {
                #if canImport(Glibc)
                _ = Glibc.close(fd)
                #else
                _ = Darwin.close(fd)
                #endif
                fd = -1
            }
        }

        private func fill(until deadline: Double, what: String) throws {
            guard fd >= 0 else { throw HTTPSocketError(operation: what, code: EBADF, message: "the connection is closed") }
            switch Socket.receive(fd, into: &buffer, deadline: deadline, wake: -1) {
            case .bytes: return
            case .closed: throw HTTPSocketError(operation: what, code: 0, message: "the server closed the connection")
            case .timedOut: throw HTTPSocketError(operation: what, code: ETIMEDOUT, message: "no response in time")
            case .woken, .failed: throw HTTPSocketError.system(what)
            }
        }

        private static func head(_ bytes: ArraySlice<UInt8>) throws -> Response {
            let text = String(decoding: bytes, as: UTF8.self)
            var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            guard !lines.isEmpty else { throw malformed }
            let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
                throw malformed
            }
            let headers = try lines.map { line -> (name: String, value: String) in
                guard let colon = line.firstIndex(of: ":") else { throw malformed }
                return (
                    line[..<colon].lowercased(),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                )
            }
            return Response(status: status, headers: headers, body: [])
        }

        private static let malformed = HTTPSocketError(
            operation: "read the response", code: 0, message: "the response is not HTTP/1.x")
    }

    /// A request's bytes as ``Connection/send(method:path:headers:body:keepAlive:)`` writes them.
    public static func request(
        method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        keepAlive: Bool = true
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(fd, address, length)
    #else
    Darwin.connect(fd, address, length)
    #endif
}
