/// Why a rubric could not be used: the file, and what is wrong in it.
public struct RubricError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rubric file's path (or a name such as `rubric.json` when it was not read from disk).
    public var file: String
    /// What is wrong, naming the key: `weights has no value for 'outcome'`.
    public var problem: String
    /// Whether the file could not be read at all.
    public var isMissing: Bool

    /// Creates an error about a file.
    public init(file: String, problem: String, isMissing: Bool = false) {
        self.file = file
        self.problem = problem
        self.isMissing = isMissing
    }

    /// One message a person can act on.
    public var description: String {
        if isMissing {
            return "Rubric file not found: \(file). Restore Content/rubric.json (docs/scoring.md lists its fields)."
        }
        return "Rubric file \(file) is malformed: \(problem). See docs/scoring.md for each field."
    }
}
