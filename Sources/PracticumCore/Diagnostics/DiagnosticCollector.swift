/// How many diagnostics there are of each severity.
public struct DiagnosticCounts: Hashable, Sendable, Codable {
    public var errors: Int
    public var warnings: Int

    public init(errors: Int = 0, warnings: Int = 0) {
        self.errors = errors
        self.warnings = warnings
    }

    public static let zero = DiagnosticCounts()

    /// Errors and warnings together.
    public var total: Int { errors + warnings }

    /// Counts one more diagnostic of this severity.
    public mutating func add(_ severity: Diagnostic.Severity, count: Int = 1) {
        switch severity {
        case .error: errors += count
        case .warning: warnings += count
        }
    }

    public static func + (lhs: DiagnosticCounts, rhs: DiagnosticCounts) -> DiagnosticCounts {
        DiagnosticCounts(errors: lhs.errors + rhs.errors, warnings: lhs.warnings + rhs.warnings)
    }
}

/// The diagnostics of one file, collected with a bound: at most `limit` are kept, and the rest are only
/// counted, by severity. However broken a file is, what checking it holds in memory stays small.
///
/// Errors are kept before warnings: once the list is full, a new error takes the place of the last
/// warning kept (which is then counted instead). Severity overrides are applied as each diagnostic
/// arrives, so a warning turned off is neither kept nor counted.
///
/// Whether the case loads does not depend on overrides: `stopsLoading` is true when any diagnostic's
/// code is an error by itself (kept or not); a warning turned into an error fails `check` but does not
/// stop `play`.
public struct DiagnosticCollector: Sendable {
    /// The most diagnostics kept per file by default (`check` prints the first 100 of them).
    public static let defaultLimit = 200

    /// The most diagnostics kept.
    public let limit: Int
    /// The project's changes to the severity of warnings.
    public let severities: SeverityOverrides
    /// The diagnostics kept, in the order they came (errors may have displaced later warnings).
    public private(set) var kept: [Diagnostic] = []
    /// The diagnostics found but not kept, by severity (after overrides).
    public private(set) var omitted = DiagnosticCounts.zero
    /// How many diagnostics found, kept or not, have a code that is an error by itself.
    public private(set) var errorsByCode = 0
    /// How many diagnostics the overrides turned off.
    public private(set) var silenced = 0
    /// How many warnings are among `kept`.
    private var keptWarnings = 0

    public init(limit: Int = DiagnosticCollector.defaultLimit, severities: SeverityOverrides = SeverityOverrides()) {
        self.limit = max(0, limit)
        self.severities = severities
    }

    /// Every diagnostic found (after overrides), kept or not.
    public var counts: DiagnosticCounts {
        var counts = omitted
        counts.warnings += keptWarnings
        counts.errors += kept.count - keptWarnings
        return counts
    }

    /// Whether any diagnostic found, kept or not, has a code that is an error by itself: then the case
    /// does not load, whatever the overrides say.
    public var stopsLoading: Bool { errorsByCode > 0 }

    /// Whether any diagnostic found is an error (after overrides).
    public var hasErrors: Bool { counts.errors > 0 }

    /// Whether some diagnostics were found but not kept.
    public var isCut: Bool { omitted.total > 0 }

    /// Adds a diagnostic: kept while there is room, else counted.
    public mutating func append(_ diagnostic: Diagnostic) {
        guard !skips(diagnostic.code, written: diagnostic.severity) else { return }
        if diagnostic.code.severity == .error { errorsByCode += 1 }
        var diagnostic = diagnostic
        diagnostic.severity = severity(of: diagnostic.code, written: diagnostic.severity) ?? diagnostic.severity
        if kept.count >= limit, let last = kept.lastIndex(where: { !$0.isError }) {
            // `skips` let an error in only because a warning can give way to it.
            kept.remove(at: last)
            keptWarnings -= 1
            omitted.warnings += 1
        }
        keep(diagnostic)
    }

    /// Counts a diagnostic with this code and says true when it would not be kept (the list is full and it
    /// cannot take a warning's place, or the overrides turn it off), exactly as `append` would count it;
    /// says false, counting nothing, when it would be kept: then the caller builds it and `append`s it.
    ///
    /// A file with a defect on every line finds millions of diagnostics and keeps 200: asking first spares
    /// building the message, the hint and the location of every one that is only counted.
    public mutating func skips(_ code: DiagnosticCode) -> Bool {
        skips(code, written: code.severity)
    }

    private mutating func skips(_ code: DiagnosticCode, written: Diagnostic.Severity) -> Bool {
        guard let severity = severity(of: code, written: written) else {
            if code.severity == .error { errorsByCode += 1 }
            silenced += 1
            return true
        }
        if kept.count < limit || (severity == .error && keptWarnings > 0) { return false }
        if code.severity == .error { errorsByCode += 1 }
        omitted.add(severity)
        return true
    }

    /// The severity a diagnostic with this code, written with `written`, is counted with after the
    /// overrides (nil: turned off).
    private func severity(of code: DiagnosticCode, written: Diagnostic.Severity) -> Diagnostic.Severity? {
        switch severities[code] {
        case .off?: return nil
        case .error?: return .error
        case .warning?: return .warning
        case nil: return written
        }
    }

    /// Adds each diagnostic in turn.
    public mutating func append<S: Sequence>(contentsOf diagnostics: S) where S.Element == Diagnostic {
        for diagnostic in diagnostics { append(diagnostic) }
    }

    private mutating func keep(_ diagnostic: Diagnostic) {
        kept.append(diagnostic)
        if !diagnostic.isError { keptWarnings += 1 }
    }
}
