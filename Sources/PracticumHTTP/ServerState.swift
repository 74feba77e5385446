#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The server's mutable state, behind one lock: the phase, the open connections, the stop pipe.
final class ServerState: @unchecked Sendable {
    private enum Phase { case idle, starting, running, stopping, stopped }
    private let condition = NSCondition()
    private var phase = Phase.idle
    private var connections = 0
    private var acceptLoopRunning = false
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    func begin() throws {
        try locked {
            guard phase == .idle else {
                throw HTTPSocketError(operation: "start the server", code: 0, message: "it was already started")
            }
            phase = .starting
        }
    }

    func running(listener: Int32, wakeRead: Int32, wakeWrite: Int32) {
        locked {
            self.wakeRead = wakeRead
            self.wakeWrite = wakeWrite
            acceptLoopRunning = true
            phase = .running
        }
    }

    func failedToStart() {
        locked {
            if !acceptLoopRunning { finishLocked() }
        }
    }

    var isStopping: Bool { locked { phase == .stopping || phase == .stopped } }
    var openConnections: Int { locked { connections } }

    /// Counts a new connection in, unless the cap is reached or the server is stopping.
    func admit(limit: Int) -> Bool {
        locked {
            guard phase == .running, connections < limit else { return false }
            connections += 1
            return true
        }
    }

    func connectionEnded() {
        locked {
            connections -= 1
            finishIfDoneLocked()
        }
    }

    func acceptLoopEnded() {
        locked {
            acceptLoopRunning = false
            if phase == .running || phase == .starting { phase = .stopping }
            finishIfDoneLocked()
        }
    }

    func stop() {
        locked {
            switch phase {
            case .idle: phase = .stopped
            case .starting, .running:
                phase = .stopping
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
                finishIfDoneLocked()
            case .stopping, .stopped: break
            }
        }
    }

    func waitUntilStopped() {
        condition.lock()
        defer { condition.unlock() }
        while phase != .stopped && phase != .idle { condition.wait() }
    }

    private func finishIfDoneLocked() {
        if phase == .stopping && !acceptLoopRunning && connections == 0 { finishLocked() }
    }

    private func finishLocked() {
        if wakeRead >= 0 { close(wakeRead) }
        if wakeWrite >= 0 { close(wakeWrite) }
        wakeRead = -1
        wakeWrite = -1
        phase = .stopped
        condition.broadcast()
    }
}
