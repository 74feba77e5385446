import Dispatch

/// Keeps the Ctrl-C signal source alive for the life of the process.
public enum InterruptSource {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Holds on to a signal source so it is not cancelled when it goes out of scope.
    public static func keep(_ source: any DispatchSourceSignal) {
        sources.append(source)
    }
}
