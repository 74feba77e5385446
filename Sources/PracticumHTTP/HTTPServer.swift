#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A small HTTP/1.1 server on POSIX sockets: it accepts connections, reads each request with
/// ``HTTPParser`` within ``HTTPLimits``, hands it to the handler and writes the handler's response with
/// `Content-Length`, `Date` and `Connection` added.
///
/// **Why a thread per connection.** Each accepted connection gets its own thread that reads with blocking
/// `recv` behind `poll` (for the timeouts) and calls the handler directly. The handler (the classroom's
/// play, which appends to an attempt file and fsyncs it) is blocking, synchronous code, so an event loop
/// would still need a pool of threads to run it, and Dispatch's global pool alone would starve once a few
/// dozen connections sat in blocking reads. A thread per connection is the simplest design that keeps
/// every connection's reads, deadlines and handler call in one straight line of code, and the numbers fit:
/// the class is at most a few hundred keep-alive clients (the cap is ``HTTPLimits/maxConnections``), an idle
/// thread costs a few pages of real memory (its stack is reserved, not touched), and a request answered by
/// a waiting thread has no hand-over to another one. Each thread `poll`s its socket and a wake pipe, so
/// ``stop()`` reaches every connection at once.
///
/// Per connection: an idle limit (no byte of a next request: closed without a word), a total time per
/// request from its first byte (408 and a close: no slowloris), a cap on requests, a cap on open
/// connections (the next one gets a short 503). Anything the server itself cannot do (a handler's header
/// with a line break in it, a status out of range) becomes a 500 or a closed connection, never a crash.
/// SIGPIPE never fires: sends use MSG_NOSIGNAL (Linux) or SO_NOSIGPIPE (macOS).
public final class HTTPServer: Sendable {
    /// The address asked for (`127.0.0.1`, `::1`, `0.0.0.0`, or a name that resolves).
    public let host: String
    /// The port asked for (0 for any free one; ``start()`` returns the one bound).
    public let port: UInt16
    public let limits: HTTPLimits
    private let handler: HTTPHandler
    private let state = ServerState()

    /// The stack reserved for each connection's thread (the handler runs on it); only touched pages cost.
    static let threadStackBytes = 4 << 20

    public init(host: String, port: UInt16, limits: HTTPLimits = .init(), handler: @escaping HTTPHandler) {
        self.host = host
        self.port = port
        self.limits = limits
        self.handler = handler
    }

    /// Binds, listens and starts accepting; returns the bound port. Throws ``HTTPSocketError`` (with the
    /// errno text) when the address is not valid or in use, or when the server was already started.
    @discardableResult
    public func start() throws -> UInt16 {
        try state.begin()
        do {
            let (listener, bound) = try listen()
            var pipeEnds: [Int32] = [0, 0]
            guard pipe(&pipeEnds) == 0 else {
                let error = HTTPSocketError.system("make the stop pipe")
                close(listener)
                throw error
            }
            let wakeRead = pipeEnds[0]
            state.running(listener: listener, wakeRead: wakeRead, wakeWrite: pipeEnds[1])
            guard Socket.spawnThread(stackBytes: 1 << 20, { [self] in acceptLoop(listener, wake: wakeRead) }) else {
                close(listener)
                state.acceptLoopEnded()
                throw HTTPSocketError(operation: "start the accept thread", code: 0, message: "no thread could be made")
            }
            return bound
        } catch {
            state.failedToStart()
            throw error
        }
    }

    /// Closes the listener and every connection (a request being answered is finished first). Idempotent.
    public func stop() {
        state.stop()
    }

    /// Blocks until the server has stopped and every connection is closed (at once if it never started).
    public func wait() {
        state.waitUntilStopped()
    }

    /// The number of connections open now (for tests and the benchmark).
    public var openConnections: Int { state.openConnections }

    // MARK: Listening and accepting

    private func listen() throws -> (Int32, UInt16) {
        let name = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let addresses = try Socket.addresses(host: host, port: port, passive: true)
        guard let (family, address) = addresses.first else {
            throw HTTPSocketError(operation: "use the address \(name)", code: 0, message: "it names no address")
        }
        let fd = socket(family, Socket.stream, 0)
        guard fd >= 0 else { throw HTTPSocketError.system("make a socket for \(name)") }
        Socket.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
        let bound = address.withUnsafeBytes { raw in
            bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        guard bound == 0 else {
            let error = HTTPSocketError.system("bind \(name)")
            close(fd)
            throw error
        }
        guard systemListen(fd, 512) == 0 else {
            let error = HTTPSocketError.system("listen on \(name)")
            close(fd)
            throw error
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let error = HTTPSocketError.system("read the bound port of \(name)")
            close(fd)
            throw error
        }
        let boundFamily = Int32(storage.ss_family)
        let port: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if boundFamily == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        return (fd, port)
    }

    private func acceptLoop(_ listener: Int32, wake: Int32) {
        defer {
            close(listener)
            state.acceptLoopEnded()
        }
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno != EINTR { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
            }
            if fd < 0 {
                // Out of descriptors: let the connections in hand finish rather than spin.
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            let peer = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Socket.numericHost($0, length: length) }
            }
            Socket.prepareConnection(fd, sendTimeout: limits.requestTimeout)
            guard state.admit(limit: limits.maxConnections) else {
                refuseOverCapacity(fd)
                continue
            }
            let started = Socket.spawnThread(stackBytes: Self.threadStackBytes) { [self] in
                serve(fd, peer: peer, wake: wake)
                close(fd)
                state.connectionEnded()
            }
            if !started {
                refuseOverCapacity(fd)
                state.connectionEnded()
            }
        }
    }

    /// A connection over the cap: a short 503 without waiting for its request, and a close.
    private func refuseOverCapacity(_ fd: Int32) {
        let response = HTTPResponse(
            status: 503, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "1")],
            body: Array("503 Service Unavailable: too many connections\n".utf8))
        var time = timeval(seconds: 0.2)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        _ = Socket.sendAll(fd, Self.serialize(response, keepAlive: false, includeBody: true))
        shutdown(fd, Int32(SHUT_WR))
        close(fd)
    }

    // MARK: One connection

    private func serve(_ fd: Int32, peer: String, wake: Int32) {
        var buffer: [UInt8] = []
        var parser = HTTPParser(limits: limits)
        var served = 0
        while true {
            // Wait for the next request (bytes already in the buffer are a pipelined one).
            var requestStart: Double? = buffer.isEmpty ? nil : Socket.monotonicSeconds()
            let request: HTTPRequest
            reading: while true {
                switch parser.parse(buffer) {
                case .request(let complete, let consumed):
                    buffer.removeFirst(consumed)
                    request = complete
                    break reading
                case .refused(let status, let reason):
                    refuse(fd, status: status, reason: reason, wake: wake)
                    return
                case .needMore:
                    let deadline = requestStart.map { $0 + limits.requestTimeout }
                        ?? Socket.monotonicSeconds() + limits.idleTimeout
                    switch Socket.receive(fd, into: &buffer, deadline: deadline, wake: wake) {
                    case .bytes:
                        if requestStart == nil { requestStart = Socket.monotonicSeconds() }
                    case .timedOut:
                        // Idle between requests: close quietly. Mid-request: too slow.
                        if requestStart != nil {
                            refuse(fd, status: 408, reason: "the request did not arrive in time", wake: wake)
                        }
                        return
                    case .closed, .woken, .failed:
                        return
                    }
                }
            }
            served += 1
            let keepAlive = request.wantsKeepAlive && served < limits.requestsPerConnection && !state.isStopping
            let response = handler(request, peer)
            let bytes = Self.serialize(response, keepAlive: keepAlive, includeBody: request.method != "HEAD")
            guard Socket.sendAll(fd, bytes) else { return }
            if !keepAlive {
                lingeringClose(fd, wake: wake)
                return
            }
        }
    }

    /// Answers a refused request with its status and a line of text, then closes.
    private func refuse(_ fd: Int32, status: Int, reason: String, wake: Int32) {
        let response = HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
            body: Array("\(status) \(HTTPResponse.reason(for: status)): \(reason)\n".utf8))
        guard Socket.sendAll(fd, Self.serialize(response, keepAlive: false, includeBody: true)) else { return }
        lingeringClose(fd, wake: wake)
    }

    /// Ends the writing side and reads (and drops) what the client still sends for up to a second, so a
    /// client whose request was not read in full gets the response rather than a reset.
    private func lingeringClose(_ fd: Int32, wake: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = Socket.monotonicSeconds() + 1
        var drained: [UInt8] = []
        while drained.count < 1 << 20 {
            guard case .bytes = Socket.receive(fd, into: &drained, deadline: deadline, wake: wake) else { return }
            drained.removeAll(keepingCapacity: true)
        }
    }

    // MARK: Writing responses

    /// The response as bytes on the wire: the status line, the handler's headers (without the three the
    /// server owns), `Content-Length`, `Date`, `Connection`, the body. A response the server cannot write
    /// safely (a status outside 200-599, a header name that is not a token, a value with a control byte)
    /// becomes a 500.
    static func serialize(_ response: HTTPResponse, keepAlive: Bool, includeBody: Bool) -> [UInt8] {
        let owned: Set<String> = ["content-length", "date", "connection", "transfer-encoding"]
        let safe =
            (200...599).contains(response.status)
            && response.headers.allSatisfy { field in
                !field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte)
                    && field.value.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }
            }
        let response =
            safe
            ? response
            : HTTPResponse(
                status: 500, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Array("500 Internal Server Error: the response could not be written\n".utf8))
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(for: response.status))\r\n"
        for field in response.headers where !owned.contains(field.name.lowercased()) {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\nDate: \(httpDate())\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += response.body }
        return bytes
    }

    /// Now as an IMF-fixdate (`Mon, 07 Dec 2026 14:05:09 GMT`).
    static func httpDate(_ seconds: time_t = time(nil)) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

/// `listen(2)`, under a name the server's own `listen()` does not hide.
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.listen(fd, backlog)
    #else
    Darwin.listen(fd, backlog)
    #endif
}
