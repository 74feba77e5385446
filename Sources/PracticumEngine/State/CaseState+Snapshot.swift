import PracticumCore

extension CaseState {
    /// What decides the rest of play from a state: everything in it except the
    /// path, and without the order in which scenes were visited and findings
    /// revealed or addressed (no condition can read an order).
    ///
    /// Two states with equal snapshots offer the same choices, show the same
    /// text and lead to the same futures, which is what exploration relies on.
    public struct Snapshot: Hashable, Sendable {
        /// The name of the current scene.
        public var scene: String
        /// The current value of every case variable.
        public var variables: [String: Value]
        /// The scenes entered so far.
        public var visitedScenes: Set<String>
        /// The `once` choices already taken.
        public var usedOnceChoices: Set<ChoiceID>
        /// The findings in the case notes.
        public var revealedFindings: Set<String>
        /// The findings in the intervention plan.
        public var addressedFindings: Set<String>

        /// Creates a snapshot from its parts.
        public init(
            scene: String, variables: [String: Value], visitedScenes: Set<String>,
            usedOnceChoices: Set<ChoiceID>, revealedFindings: Set<String>, addressedFindings: Set<String>
        ) {
            self.scene = scene
            self.variables = variables
            self.visitedScenes = visitedScenes
            self.usedOnceChoices = usedOnceChoices
            self.revealedFindings = revealedFindings
            self.addressedFindings = addressedFindings
        }
    }

    /// The state without its path and without order: the key exploration remembers states by.
    public var memoryKey: Snapshot {
        Snapshot(
            scene: scene, variables: variables, visitedScenes: Set(visitedScenes),
            usedOnceChoices: usedOnceChoices, revealedFindings: Set(revealedFindings),
            addressedFindings: Set(addressedFindings)
        )
    }
}
