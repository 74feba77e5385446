import Foundation

/// A value worked out on another thread from the moment it is created, and waited for only when it is
/// first needed: how play shows its first prompt at once while the case is explored for scoring.
final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Value?

    /// Starts the work on the background thread, after any work deferred before it.
    init(_ work: @escaping @Sendable () -> Value) {
        deferredWork.async {
            let value = work()
            self.condition.lock()
            self.result = value
            self.condition.broadcast()
            self.condition.unlock()
        }
    }

    /// A value that is already known.
    init(ready value: Value) {
        result = value
    }

    /// The value, waiting for the work to finish if it has not.
    var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}

/// One thread for all deferred work, taken in the order it was asked for: the thread that shows the case
/// keeps a core of its own on a two-core machine. (No deferred work may wait for a later one.)
private let deferredWork = DispatchQueue(label: "practicum.deferred", qos: .userInitiated)
