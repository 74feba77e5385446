import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends the lines of one attempt file, each written (so that it survives the process being killed) and
/// flushed to the disk (`fsync`, so that it survives a power cut) before `append` returns: a step is confirmed
/// to the student only once it is safe.
///
/// With a `flushInterval`, a line written sooner than that after the last flush is flushed with a later line,
/// by `flush()`, or when the writer goes away, instead of at once: terminal play sets it, and flushes before it
/// waits for a person, so a person's every step is still on the disk before the next prompt, while 10,000 steps
/// from a pipe no longer wait for 10,000 flushes (14-30 s on this machine's disk).
///
/// A class, not a struct: it owns an open file descriptor, closed when the writer goes away.
public final class AttemptWriter {
    /// Why an attempt file could not be written, in words for the student or instructor.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The file written.
    public let url: URL
    private let descriptor: Int32
    /// The chain that signs each line, when the attempt is played with a key (see `AttemptChain`).
    public private(set) var chain: AttemptChain?

    /// Seconds after a flush during which a line is written without a flush of its own; 0, the default, flushes
    /// every line.
    public var flushInterval: Double = 0
    /// Whether a line is written but not yet flushed to the disk.
    public private(set) var hasUnflushedLines = false
    /// How many times the file was flushed (for tests).
    public private(set) var flushes = 0
    /// When the file was last flushed, in nanoseconds of `clock`; nil before the first flush.
    private var lastFlush: UInt64?
    /// A monotonic clock in nanoseconds (a test sets its own).
    var clock: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }

    private init(url: URL, descriptor: Int32, chain: AttemptChain?) {
        self.url = url
        self.descriptor = descriptor
        self.chain = chain
    }

    deinit {
        if hasUnflushedLines { _ = fsync(descriptor) }
        close(descriptor)
    }

    /// Flushes to the disk any line written since the last flush.
    public func flush() throws(Failure) {
        guard hasUnflushedLines else { return }
        try sync()
    }

    /// Creates a new attempt file with its header line, every line signed with `signingKey` when there is one;
    /// refuses to replace a file already there.
    ///
    /// The file appears under its name only with its header on the disk: the header is written and flushed
    /// under a hidden temporary name (which `AttemptStore` never lists) and then linked to the real name. A
    /// process killed while creating it used to leave an empty file, which counted as a used attempt that
    /// cannot be read (in a session of one attempt, the student could not play the case again).
    public static func create(
        at url: URL, header: AttemptLog.Header, signingKey: AttemptKey? = nil
    ) throws(Failure) -> AttemptWriter {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(message: "cannot make the folder '\(directory.path)': \(reason(error))")
        }
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(message: "cannot create '\(url.path)': \(String(cString: strerror(EEXIST)))")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).creating")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(message: "cannot create '\(url.path)': \(String(cString: strerror(errno)))")
        }
        defer { unlink(temporary.path) }
        let writer = AttemptWriter(url: url, descriptor: descriptor, chain: signingKey.map { AttemptChain(key: $0) })
        try writer.writeLine(AttemptLog.line(for: header)) { AttemptLog.line(for: header, mac: $0) }
        // link, unlike rename, never replaces a file that is there already.
        guard link(temporary.path, url.path) == 0 else {
            throw Failure(message: "cannot create '\(url.path)': \(String(cString: strerror(errno)))")
        }
        // The new file's name must survive a crash too: flush the folder that holds it.
        syncDirectory(directory)
        return writer
    }

    /// Opens an attempt file to go on writing it. A last line cut short (`Reading.wholeLength` shorter than
    /// the file) is cut off first, so that the next line starts on a line of its own. With a `chain`, each line
    /// written goes on signing from where the file's last line left it.
    public static func resume(at url: URL, wholeLength: Int, chain: AttemptChain? = nil) throws(Failure) -> AttemptWriter {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(message: "cannot open '\(url.path)' to go on: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, Int(status.st_size) > wholeLength {
            guard ftruncate(descriptor, off_t(wholeLength)) == 0, fsync(descriptor) == 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Failure(message: "cannot cut the unfinished last line of '\(url.path)': \(reason)")
            }
        }
        return AttemptWriter(url: url, descriptor: descriptor, chain: chain)
    }

    /// Appends one entry (signed, when the writer has a chain) and flushes it to the disk.
    public func append(_ entry: AttemptLog.Entry) throws(Failure) {
        try writeLine(AttemptLog.line(for: entry)) { AttemptLog.line(for: entry, mac: $0) }
    }

    /// Writes a line: `canonical` as it is, or, with a chain, `signed(mac)`; the chain moves on only once the
    /// line is on the disk.
    private func writeLine(_ canonical: String, signed: (String) -> String) throws(Failure) {
        guard let chain else { return try writeLine(canonical) }
        let mac = chain.mac(for: canonical)
        try writeLine(signed(mac))
        self.chain?.advance(to: mac)
    }

    private func writeLine(_ line: String) throws(Failure) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot write to '\(url.path)': \(String(cString: strerror(errno)))")
            }
            written += result
        }
        if flushInterval > 0, let lastFlush, clock() &- lastFlush < UInt64(flushInterval * 1_000_000_000) {
            hasUnflushedLines = true
            return
        }
        try sync()
    }

    private func sync() throws(Failure) {
        guard fsync(descriptor) == 0 else {
            throw Failure(message: "cannot flush '\(url.path)' to the disk: \(String(cString: strerror(errno)))")
        }
        hasUnflushedLines = false
        flushes += 1
        lastFlush = clock()
    }

    private static func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
