// The little of the POSIX socket API the server and the loopback client use, behind names that read the
// same on Linux (Glibc) and macOS (Darwin).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A failure of the server's or the client's own socket work, with the errno text.
public struct HTTPSocketError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What was being done ("bind 127.0.0.1:8080", "connect", "read the response").
    public var operation: String
    /// The errno value (0 when the failure was not a system call's).
    public var code: Int32
    /// The explanation: `strerror`'s text, or ours.
    public var message: String

    public init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    /// An error from the errno a failed call just left.
    static func system(_ operation: String, _ code: Int32 = errno) -> HTTPSocketError {
        HTTPSocketError(operation: operation, code: code, message: String(cString: strerror(code)))
    }

    public var description: String { "cannot \(operation): \(message)" }
}

enum Socket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    static let noSignal = Int32(MSG_NOSIGNAL)
    static let tcpLevel = Int32(IPPROTO_TCP)
    #else
    static let stream = SOCK_STREAM
    static let noSignal: Int32 = 0  // SO_NOSIGPIPE is set on each socket instead
    static let tcpLevel = IPPROTO_TCP
    #endif

    /// The addresses `host` and `port` name (numeric or resolvable), for a listener when `passive`.
    static func addresses(host: String, port: UInt16, passive: Bool) throws -> [(family: Int32, address: Data)] {
        var hints = addrinfo()
        hints.ai_socktype = stream
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw HTTPSocketError(
                operation: "use the address \(host)", code: status, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var found: [(Int32, Data)] = []
        var next: UnsafeMutablePointer<addrinfo>? = list
        while let entry = next {
            if let address = entry.pointee.ai_addr {
                found.append((entry.pointee.ai_family, Data(bytes: address, count: Int(entry.pointee.ai_addrlen))))
            }
            next = entry.pointee.ai_next
        }
        return found
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Options every connected socket gets: no SIGPIPE (macOS), no Nagle delay, and a send timeout so a
    /// client that never reads cannot hold a thread in `send` for ever.
    static func prepareConnection(_ fd: Int32, sendTimeout: Double) {
        #if canImport(Darwin)
        setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1)
        #endif
        setOption(fd, tcpLevel, TCP_NODELAY, 1)
        var time = timeval(seconds: sendTimeout)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        // Blocking I/O (accept on macOS hands down the listener's O_NONBLOCK).
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Writes all of `bytes`; false when the peer is gone, the send timed out or anything else failed.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + sent, bytes.count - sent, noSignal)
            }
            if count > 0 {
                sent += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// How a wait for bytes ended.
    enum Received {
        case bytes(Int)
        case closed
        case timedOut
        case woken
        case failed
    }

    /// Waits until `fd` has bytes (read into `buffer`), the deadline passes, or `wake` becomes readable.
    static func receive(_ fd: Int32, into buffer: inout [UInt8], deadline: Double, wake: Int32) -> Received {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { return .timedOut }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(wake >= 0 ? 2 : 1), Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed
            }
            if ready == 0 { continue }
            if wake >= 0 && fds[1].revents != 0 { return .woken }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return .bytes(count)
            }
            if count == 0 { return .closed }
            if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
            return .failed
        }
    }

    /// The numeric text of a socket address (`127.0.0.1`, `::1`).
    static func numericHost(_ address: UnsafePointer<sockaddr>, length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return "?" }
        return String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Seconds on a clock that only goes forward.
    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs `work` on a new detached thread with a stack of `stackBytes`; false when no thread could be made.
    static func spawnThread(stackBytes: Int, _ work: @escaping @Sendable () -> Void) -> Bool {
        final class Work {
            let run: @Sendable () -> Void
            init(_ run: @escaping @Sendable () -> Void) { self.run = run }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackBytes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Work(work)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        #else
        var thread: pthread_t?
        let status = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        #endif
        if status != 0 {
            Unmanaged<Work>.fromOpaque(context).release()
            return false
        }
        return true
    }
}

extension timeval {
    init(seconds: Double) {
        let whole = max(0, seconds.rounded(.down))
        #if canImport(Glibc)
        self.init(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1e6))
        #else
        self.init(tv_sec: Int(whole), tv_usec: Int32((seconds - whole) * 1e6))
        #endif
    }
}
