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

    /// A recorder for a new attempt, to be written at `url` with the header `makeHeader` gives (asked for
    /// only at the first step: it needs the case's fingerprint, which is worked out on another thread).
    /// With a `signingKey`, every line is signed with it (see `AttemptChain`).
    public init(newAttemptAt url: URL, signingKey: AttemptKey? = nil, header makeHeader: @escaping () -> AttemptLog.Header) {
        self.url = url
        self.makeHeader = makeHeader
        self.signingKey = signingKey
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
    }

    /// The key the lines are signed with, if any.
    public let signingKey: AttemptKey?

    /// Whether the lines written are signed.
    public var signs: Bool { writer.map { $0.chain != nil } ?? (signingKey != nil) }

    /// Whether the attempt file exists (a step has been written, now or in an earlier run).
    public var hasFile: Bool { writer != nil }

    /// Appends a line; a failure is returned as words to show, and remembered.
    public func record(_ entry: AttemptLog.Entry) -> String? {
        do {
            if writer == nil, let makeHeader {
                writer = try AttemptWriter.create(at: url, header: makeHeader(), signingKey: signingKey)
            }
            try writer!.append(entry)
            written += 1
            return nil
        } catch {
            failure = failure ?? error.message
            return error.message
        }
    }
}
