/// How a case is played. Attempt headers and session manifests write it as its raw value (`practice`,
/// `graded`).
public enum PlayMode: String, CaseIterable, Sendable {
    /// Immediate feedback and `undo`.
    case practice
    /// Feedback only in the final debrief; no `undo`.
    case graded
}

extension AttemptLog.Header {
    /// The attempt's mode; nil for a mode this version does not know (reading a file refuses those).
    public var playMode: PlayMode? { PlayMode(rawValue: mode) }
}

extension Session {
    /// The session's mode; nil for a mode this version does not know (reading a manifest refuses those).
    public var playMode: PlayMode? { PlayMode(rawValue: mode) }
}
