import Foundation

extension Session {
    /// What releasing a session's debriefs did.
    public enum Release: Equatable, Sendable {
        /// The debriefs were held and are now released: `session.json` says so.
        case released
        /// They were released before; nothing was written.
        case alreadyReleased
        /// The session does not hold its debriefs (its feedback is `immediate` or `debrief`); nothing was written.
        case nothingHeld
    }

    /// Releases the debriefs of a session whose feedback is `released`: marks it released and writes its
    /// `session.json` into `folder`. Students then see their debriefs, at the terminal and in `serve`. Every
    /// front end that releases (`session release`, the instructor's page) does it through here.
    public mutating func release(folder: URL) throws(Problem) -> Release {
        guard feedback == .released else { return .nothingHeld }
        guard !released else { return .alreadyReleased }
        var changed = self
        changed.released = true
        try changed.write(folder: folder)
        self = changed
        return .released
    }
}
