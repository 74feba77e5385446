import Foundation
import PracticumCore
import PracticumEngine

/// Writes the attempt being played, step by step, to its attempt file: each line is on the disk before
/// the next scene is shown. The file is made at the first step, so opening a case and leaving at once
/// leaves nothing behind. A write that fails is said at once and remembered, so that play never reports
/// as saved what was not.
///
/// A class, not a struct: play, its interrupt message and the command that reports at the end share one
/// (and so do a `SessionPlayer` and the front end that drives it).
public final class AttemptRecorder {
    /// The attempt's first line, made and written with its first step.
    private var makeHeader: (() -> AttemptLog.Header)?
    /// The attempt file: where it is, or will be once the first step is taken.
    public let url: URL
    private var writer: AttemptWriter?
    /// The first failure to write, if any; nil while everything taken is on the disk.
    public private(set) var failure: String?
    /// How many lines (steps and undos) were written in this run.
    public private(set) var written = 0
    /// How many steps and undos the file held when this run began.
    private let entriesBefore: Int
    /// Seconds after a flush during which a line is written without a flush of its own (see
    /// `AttemptWriter.flushInterval`); 0, the default, flushes every line before `record` returns.
    public var flushInterval: Double = 0 {
        didSet { writer?.flushInterval = flushInterval }
    }

    /// Whether the file holds as many steps and undos as an attempt may (`AttemptLog.maximumEntries`): a file
    /// with more could not be read back, so nothing more is written, and a front end takes no further step.
    public var isFull: Bool { entriesBefore + written >= AttemptLog.maximumEntries }

    /// Why nothing more is written to a full attempt file, in words for the student.
    public static let fullMessage =
        "this attempt already holds \(AttemptLog.maximumEntries) steps and undos, the most an attempt file can hold; "
        + "everything up to here is saved"

    /// A recorder for a new attempt, to be written at `url` with the header `makeHeader` gives (asked for
    /// only at the first step: it needs the case's fingerprint, which is worked out on another thread).
    /// With a `signingKey`, every line is signed with it (see `AttemptChain`).
    public init(newAttemptAt url: URL, signingKey: AttemptKey? = nil, header makeHeader: @escaping () -> AttemptLog.Header) {
        self.url = url
        self.makeHeader = makeHeader
        self.signingKey = signingKey
        entriesBefore = 0
    }

    /// A recorder that goes on writing an attempt file already there, after its last whole line. With a
    /// `signingKey`, a signed file goes on signing from its last line's mac; an unsigned file stays unsigned (a
    /// chain begun part-way would not verify, and grading tells an unsigned file for what it is).
    public init(resuming url: URL, reading: AttemptLog.Reading, signingKey: AttemptKey? = nil) throws(AttemptWriter.Failure) {
        self.url = url
        self.signingKey = signingKey
        let log = reading.log
        let chain = signingKey.flatMap { key in log.isSigned ? log.lineMACs.last.flatMap { $0 }.map { AttemptChain(key: key, previous: $0) } : nil }
        writer = try AttemptWriter.resume(at: url, wholeLength: reading.wholeLength, chain: chain)
        entriesBefore = log.entries.count
    }

    /// The key the lines are signed with, if any.
    public let signingKey: AttemptKey?

    /// Whether the lines written are signed.
    public var signs: Bool { writer.map { $0.chain != nil } ?? (signingKey != nil) }

    /// Whether the attempt file exists (a step has been written, now or in an earlier run).
    public var hasFile: Bool { writer != nil }

    /// Appends a line; a failure is returned as words to show, and remembered.
    /// A full file (`isFull`) is not written: the message says why, and is not remembered as a failure, since
    /// everything before it is on the disk.
    public func record(_ entry: AttemptLog.Entry) -> String? {
        guard !isFull else { return Self.fullMessage }
        do {
            if writer == nil, let makeHeader {
                writer = try AttemptWriter.create(at: url, header: makeHeader(), signingKey: signingKey)
                writer!.flushInterval = flushInterval
            }
            try writer!.append(entry)
            written += 1
            return nil
        } catch {
            failure = failure ?? error.message
            return error.message
        }
    }

    /// Flushes to the disk any line written but not yet flushed (see `flushInterval`); a failure is returned as
    /// words to show, and remembered.
    @discardableResult
    public func flush() -> String? {
        do {
            try writer?.flush()
            return nil
        } catch {
            failure = failure ?? error.message
            return error.message
        }
    }
}
