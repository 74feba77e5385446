/// How a case is played.
enum PlayMode: String, CaseIterable {
    /// Immediate feedback and `undo`.
    case practice
    /// Feedback only in the final debrief; no `undo`.
    case graded
}
