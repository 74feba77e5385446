import Foundation
import Testing

@testable import PracticumHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server over real sockets on 127.0.0.1, port 0. Time limits are small (a second or less) and the
/// only waits are generous timeouts: nothing here asserts how fast anything is.
@Suite struct HTTPServerTests {
    /// Answers with what it was asked: `METHOD PATH BODY-LENGTH`, and the peer in a header.
    static let echo: HTTPHandler = { request, peer in
        HTTPResponse(
            status: 200, headers: [("Content-Type", "text/plain"), ("X-Peer", peer), ("Content-Length", "999")],
            body: Array("\(request.method) \(request.path) \(request.body.count)".utf8))
    }

    private func withServer(
        limits: HTTPLimits = HTTPLimits(), handler: @escaping HTTPHandler = HTTPServerTests.echo,
        _ body: (HTTPServer, LoopbackClient) throws -> Void
    ) throws {
        let server = HTTPServer(host: "127.0.0.1", port: 0, limits: limits, handler: handler)
        let port = try server.start()
        defer {
            server.stop()
            server.wait()
        }
        try body(server, LoopbackClient(port: port, timeout: 10))
    }

    @Test func aRequestIsAnsweredWithTheServersOwnFraming() throws {
        try withServer { _, client in
            let response = try client.send(method: "POST", path: "/a%20b", body: Array("choice=1".utf8))
            #expect(response.status == 200)
            #expect(response.text == "POST /a b 8")
            #expect(response.header("content-length") == "11", "the handler's own Content-Length is replaced")
            #expect(response.headers.filter { $0.name == "content-length" }.count == 1)
            #expect(response.header("connection") == "close")
            #expect(response.header("x-peer") == "127.0.0.1")
            let date = try #require(response.header("date"))
            #expect(date.hasSuffix(" GMT") && date.count == 29, "\(date)")
        }
    }

    @Test func everyRefusalIsAnsweredWithItsStatusAndAClose() throws {
        let limits = HTTPLimits(requestLineBytes: 256, headerBytes: 512, headerFields: 10, bodyBytes: 100)
        let refusals: [(String, Int)] = [
            ("GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "b", count: 600))\r\n\r\n", 431),
            ("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<11).map { "X-\($0): 1\r\n" }.joined() + "\r\n", 431),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nHost: x\r\n\r\n", 411),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("GET / HTTP/1.1\nHost: x\n\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: 1\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{7}b\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -2\r\n\r\nab", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
            ("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET /a/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET /%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("\u{1}\u{2}\u{3}\r\n\r\n", 400),
        ]
        try withServer(limits: limits) { _, client in
            for (text, status) in refusals {
                let connection = try client.connect()
                try connection.write(Array(text.utf8))
                let response = try connection.readResponse()
                #expect(response.status == status, "\(text.prefix(60).debugDescription)")
                #expect(response.header("connection") == "close")
                #expect(connection.waitForClose(), "the server closes after a refusal")
            }
            #expect(try client.send(path: "/still-up").status == 200)
        }
    }

    @Test func slowlorisIsCutAtTheRequestTimeEvenWhileBytesTrickle() throws {
        try withServer(limits: HTTPLimits(idleTimeout: 5, requestTimeout: 1)) { _, client in
            let connection = try client.connect()
            try connection.write(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8))
            // A header byte every 0.2 s for up to 6 s: each read is quick, but the request never completes.
            var trickled = 0
            while trickled < 30 && !connection.isReadable(within: 0.2) {
                try connection.write(Array("X-\(trickled): 1\r\n".utf8))
                trickled += 1
            }
            #expect(trickled < 30, "the server answered while the bytes still trickled")
            let response = try connection.readResponse()
            #expect(response.status == 408)
            #expect(connection.waitForClose())
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosed() throws {
        try withServer(limits: HTTPLimits(idleTimeout: 0.5)) { server, client in
            let connection = try client.connect()
            let response = try connection.send(path: "/")
            #expect(response.header("connection") == "keep-alive")
            #expect(connection.waitForClose(), "closed after the idle time")
            // A connection that never sends a byte is closed the same way, without a response.
            let silent = try client.connect()
            #expect(silent.waitForClose())
        }
    }

    @Test func aConnectionOverTheCapGets503AndTheCapFreesUp() throws {
        try withServer(limits: HTTPLimits(maxConnections: 2)) { server, client in
            let first = try client.connect()
            let second = try client.connect()
            #expect(try first.send(path: "/1").status == 200)
            #expect(try second.send(path: "/2").status == 200)
            let third = try client.connect()
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("connection") == "close")
            #expect(third.waitForClose())
            first.close()
            // Once the first connection's thread has ended, a new one is served.
            var answered = false
            for _ in 0..<100 where !answered {
                if server.openConnections < 2, let response = try? client.send(path: "/3") {
                    answered = response.status == 200
                }
                if !answered { usleep(50_000) }
            }
            #expect(answered)
            #expect(try second.send(path: "/still-kept").status == 200)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withServer { _, client in
            let connection = try client.connect()
            for number in 1...5 {
                let response = try connection.send(method: "POST", path: "/\(number)", body: Array(repeating: 65, count: number))
                #expect(response.text == "POST /\(number) \(number)")
                #expect(response.header("connection") == "keep-alive")
            }
            let last = try connection.send(path: "/last", keepAlive: false)
            #expect(last.header("connection") == "close")
            #expect(connection.waitForClose())
        }
    }

    @Test func theRequestCapPerConnectionEndsTheConnection() throws {
        try withServer(limits: HTTPLimits(requestsPerConnection: 3)) { _, client in
            let connection = try client.connect()
            #expect(try connection.send(path: "/1").header("connection") == "keep-alive")
            #expect(try connection.send(path: "/2").header("connection") == "keep-alive")
            #expect(try connection.send(path: "/3").header("connection") == "close")
            #expect(connection.waitForClose())
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { _, client in
            let connection = try client.connect()
            try connection.write(
                LoopbackClient.request(method: "POST", path: "/one", body: Array("abc".utf8))
                    + LoopbackClient.request(method: "GET", path: "/two")
                    + LoopbackClient.request(method: "GET", path: "/three", keepAlive: false))
            #expect(try connection.readResponse().text == "POST /one 3")
            #expect(try connection.readResponse().text == "GET /two 0")
            #expect(try connection.readResponse().text == "GET /three 0")
            #expect(connection.waitForClose())
        }
    }

    @Test func aClientThatLeavesMidBodyDoesNotHurtTheNext() throws {
        try withServer { server, client in
            for _ in 0..<5 {
                let connection = try client.connect()
                try connection.write(Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf".utf8))
                connection.close()
            }
            #expect(try client.send(method: "POST", path: "/next", body: [1, 2]).text == "POST /next 2")
        }
    }

    @Test func headAnswersWithTheLengthButNoBody() throws {
        try withServer { _, client in
            let connection = try client.connect()
            try connection.write(Array("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            try connection.write(LoopbackClient.request(method: "GET", path: "/g"))
            // The HEAD's head says 9 bytes, but none follow: the client reads it as a head alone.
            let head = try connection.readResponse(bodyless: true)
            #expect(head.status == 200 && head.header("content-length") == "9" && head.body.isEmpty)
            #expect(try connection.readResponse().text == "GET /g 0")
        }
    }

    @Test func aResponseTheServerCannotWriteSafelyBecomes500() throws {
        let injecting: HTTPHandler = { request, _ in
            request.path == "/status"
                ? HTTPResponse(status: 42)
                : HTTPResponse(status: 200, headers: [("X-Note", "a\r\nSet-Cookie: stolen=1")], body: [1])
        }
        try withServer(handler: injecting) { _, client in
            let injected = try client.send(path: "/header")
            #expect(injected.status == 500)
            #expect(injected.header("set-cookie") == nil)
            #expect(try client.send(path: "/status").status == 500)
        }
    }

    @Test func manyConcurrentKeepAliveClientsAreAllAnswered() throws {
        try withServer { _, client in
            let clients = 50
            let requests = 20
            let answered = Counter()
            let group = DispatchGroup()
            for number in 0..<clients {
                group.enter()
                Thread {
                    defer { group.leave() }
                    guard let connection = try? client.connect() else { return }
                    for request in 0..<requests {
                        let path = "/c\(number)/r\(request)"
                        guard let response = try? connection.send(path: path, keepAlive: request < requests - 1),
                            response.text == "GET \(path) 0"
                        else { return }
                        answered.add()
                    }
                }.start()
            }
            #expect(group.wait(timeout: .now() + 120) == .success)
            #expect(answered.value == clients * requests)
        }
    }

    @Test func threeHundredKeptAliveClientsAreOpenAtOnceAndAllAnswered() throws {
        try withServer { server, client in
            let clients = 300
            let answered = Counter()
            let allConnected = DispatchGroup()
            let release = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            for number in 0..<clients {
                allConnected.enter()
                done.enter()
                Thread {
                    defer { done.leave() }
                    let connection = try? client.connect()
                    let first = try? connection?.send(path: "/c\(number)/first")
                    if first?.status == 200 { answered.add() }
                    allConnected.leave()
                    release.wait()
                    for request in 0..<3 {
                        let path = "/c\(number)/\(request)"
                        if let response = try? connection?.send(path: path), response.text == "GET \(path) 0" {
                            answered.add()
                        }
                    }
                }.start()
            }
            #expect(allConnected.wait(timeout: .now() + 120) == .success)
            #expect(server.openConnections == clients, "every client holds its connection open")
            for _ in 0..<clients { release.signal() }
            #expect(done.wait(timeout: .now() + 120) == .success)
            #expect(answered.value == clients * 4)
        }
    }

    @Test func stopClosesKeptAliveConnectionsAndWaitReturns() throws {
        let server = HTTPServer(host: "127.0.0.1", port: 0, handler: Self.echo)
        let client = LoopbackClient(port: try server.start(), timeout: 10)
        let connection = try client.connect()
        #expect(try connection.send(path: "/").status == 200)
        server.stop()
        #expect(connection.waitForClose())
        server.wait()
        server.stop()
        #expect(server.openConnections == 0)
        #expect(throws: HTTPSocketError.self) { try client.connect() }
        #expect(throws: HTTPSocketError.self) { try server.start() }
    }

    @Test func anAddressInUseOrNotValidIsAClearError() throws {
        try withServer { _, client in
            let second = HTTPServer(host: "127.0.0.1", port: client.port, handler: Self.echo)
            let error = try #require(throws: HTTPSocketError.self) { try second.start() }
            #expect(error.code == EADDRINUSE)
            #expect(error.description.contains("bind 127.0.0.1:\(client.port)"), "\(error)")
            second.wait()
        }
        let invalid = HTTPServer(host: "300.1.2.3", port: 0, handler: Self.echo)
        #expect(throws: HTTPSocketError.self) { try invalid.start() }
    }

    @Test func anIPv6LoopbackWorksWhereTheMachineHasOne() throws {
        let server = HTTPServer(host: "::1", port: 0, handler: Self.echo)
        let port: UInt16
        do {
            port = try server.start()
        } catch let error as HTTPSocketError where error.code == EADDRNOTAVAIL || error.code == EAFNOSUPPORT {
            return  // no IPv6 loopback on this machine
        }
        defer {
            server.stop()
            server.wait()
        }
        let response = try LoopbackClient(host: "::1", port: port).send(path: "/six")
        #expect(response.text == "GET /six 0")
        #expect(response.header("x-peer") == "::1")
    }

    @Test func theDateIsAnIMFFixdate() {
        #expect(HTTPServer.httpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPServer.httpDate(1_796_652_309) == "Mon, 07 Dec 2026 14:05:09 GMT")
    }
}

/// A count shared by threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
