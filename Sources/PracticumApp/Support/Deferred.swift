import Foundation

/// A value worked out on another thread from the moment it is created, and waited for only when it is
/// first needed: how play shows its first prompt at once while the case is explored for scoring.
final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Value?

    /// Starts the work on another thread.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
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
