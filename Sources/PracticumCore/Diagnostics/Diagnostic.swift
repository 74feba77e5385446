/// A problem found in a case: data, not text. `DiagnosticRenderer` turns it into the
/// compiler-style lines a person reads; `--json` output encodes it as is.
public struct Diagnostic: Hashable, Sendable {
    /// Whether the case still loads.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// A secondary location that explains the diagnostic ("first defined here").
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation
        public init(_ message: String, at location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// How many characters the caret line underlines.
    public var length: Int
    /// What the author can do about it, when there is something useful to say.
    public var hint: String?
    public var notes: [Note]

    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, length: Int = 1,
        hint: String? = nil, notes: [Note] = []
    ) {
        self.code = code
        self.severity = code.severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.hint = hint
        self.notes = notes
    }

    /// Whether this diagnostic stops the case from loading.
    public var isError: Bool { severity == .error }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.isError } }

    /// Sorted by file, line and column, errors before warnings at the same place.
    public var inSourceOrder: [Diagnostic] {
        sorted { ($0.location, $1.severity) < ($1.location, $0.severity) }
    }
}

/// A diagnostic can be thrown where one problem stops the work (an unreadable file).
extension Diagnostic: Error {}
