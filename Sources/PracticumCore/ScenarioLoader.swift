import Foundation

/// Loads a case from a `.scenario` file or its JSON form, parses and checks it.
///
/// However broken a file is, the diagnostics kept stay bounded (`diagnosticLimit`, the rest counted) and a
/// case file larger than `maximumFileSize` is refused unread.
public struct ScenarioLoader: Sendable {
    public let content: ContentLibrary
    /// The project's changes to the severity of warnings (`practicum-check.conf`); none by default.
    public var severities: SeverityOverrides
    /// The most diagnostics kept per file; the rest are counted.
    public var diagnosticLimit: Int

    /// The largest case file read: 32 MiB, about 500 times the largest bundled case (and above the 20 MB case
    /// practicum-bench checks).
    public static let maximumFileSize = 32 * 1_048_576

    public init(
        content: ContentLibrary, severities: SeverityOverrides = SeverityOverrides(),
        diagnosticLimit: Int = DiagnosticCollector.defaultLimit
    ) {
        self.content = content
        self.severities = severities
        self.diagnosticLimit = diagnosticLimit
    }

    /// The most lines a `.scenario` file may have: about 500 times a bundled case, and above the 600,000 of
    /// the 20,000-scene case practicum-bench checks. A line costs up to about 445 bytes once parsed and
    /// checked (a file of `== NAME` lines, each a scene), so this cap (with the size cap) keeps `check` near
    /// or under half a gigabyte and two seconds on any file; at 2,000,000 that file took 890 MB
    /// (docs/robustness.md, docs/decisions.md).
    public static let maximumLines = 1_000_000

    /// An empty collector with this loader's limit and overrides.
    public func collector() -> DiagnosticCollector {
        DiagnosticCollector(limit: diagnosticLimit, severities: severities)
    }

    /// Reads and checks a file; a file that cannot be read is reported as a diagnostic, never thrown.
    public func load(path: String) -> LoadResult {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > Self.maximumFileSize
        {
            return LoadResult(
                scenario: nil,
                diagnostics: [
                    Diagnostic(
                        .unreadableFile,
                        "'\(path)' is \(Self.megabytes(size)) MiB; a case file may be at most \(Self.maximumFileSize / 1_048_576) MiB",
                        at: .file(path), hint: "split the case into smaller ones")
                ], source: nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a folder" : "it cannot be read"
            return LoadResult(
                scenario: nil, diagnostics: [Diagnostic(.unreadableFile, "cannot open '\(path)': \(reason)", at: .file(path))],
                source: nil)
        }
        if path.lowercased().hasSuffix(".json") {
            return loadJSON(data, file: path)
        }
        // One copy, validated as it is made.
        guard let text = String(validating: data, as: UTF8.self) else {
            return LoadResult(
                scenario: nil,
                diagnostics: [
                    Diagnostic(
                        .unreadableFile, "'\(path)' is not UTF-8 text", at: .file(path),
                        hint: "save the file as UTF-8 in your editor")
                ], source: nil)
        }
        let lines = Self.lineCount(data)
        if lines > Self.maximumLines {
            return LoadResult(
                scenario: nil,
                diagnostics: [
                    Diagnostic(
                        .unreadableFile, "'\(path)' has \(lines) lines; a case file may have at most \(Self.maximumLines)",
                        at: .file(path), hint: "split the case into smaller ones")
                ], source: nil)
        }
        return load(text: text, file: path)
    }

    /// How many lines the bytes hold (line breaks, plus one for a last line without one).
    static func lineCount(_ data: Data) -> Int {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            var count = 0
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                count += 1
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
            }
            return buffer[buffer.count - 1] == 0x0A ? count : count + 1
        }
    }

    /// A size in MiB with one decimal.
    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Parses and checks `.scenario` text.
    public func load(text: String, file: String) -> LoadResult {
        var collector = collector()
        InvisibleCharacters.check(text, file: file, into: &collector)
        let (syntax, parsed) = ScenarioParser.parse(text, file: file, collecting: collector)
        let (scenario, checked) = ScenarioChecker(content: content).check(syntax, collecting: parsed)
        return LoadResult(scenario: scenario, collected: checked, source: text)
    }

    /// Decodes and checks the JSON form.
    ///
    /// JSON that is malformed, repeats a key, nests too deeply or has a value of the wrong type is one
    /// diagnostic at its line and column, naming the value's JSON pointer.
    public func loadJSON(_ data: Data, file: String) -> LoadResult {
        let document: ScenarioDocument
        do {
            document = try JSONValueDecoder().decode(ScenarioDocument.self, from: data)
        } catch {
            let message = error.message + (error.pointer.map { " (at \($0))" } ?? "")
            return LoadResult(
                scenario: nil,
                diagnostics: [
                    Diagnostic(
                        .malformedJSON, "not a Practicum case: \(message)",
                        at: SourceLocation(file: file, line: error.line, column: error.column))
                ], source: String(data: data, encoding: .utf8))
        }
        var reader = DocumentReader(file: file)
        let syntax = reader.syntax(of: document)
        var collector = collector()
        collector.append(contentsOf: reader.diagnostics)
        let (scenario, checked) = ScenarioChecker(content: content).check(syntax, collecting: collector)
        return LoadResult(scenario: scenario, collected: checked, source: nil)
    }
}

/// A loaded case, or why it could not be loaded.
public struct LoadResult: Sendable {
    /// The case, when it has no errors (it may have warnings).
    public var scenario: Scenario?
    public var diagnostics: [Diagnostic]
    /// The file's text, for quoting lines in diagnostics.
    public var source: String?

    /// The diagnostics found but not kept (beyond the loader's `diagnosticLimit`), by severity.
    public var omitted: DiagnosticCounts
    /// What was collected, for adding more diagnostics under the same bound and overrides.
    public var collected: DiagnosticCollector?

    public init(scenario: Scenario?, diagnostics: [Diagnostic], source: String?) {
        self.scenario = scenario
        self.diagnostics = diagnostics
        self.source = source
        omitted = .zero
        collected = nil
    }

    /// A result from a collector: its kept diagnostics, and a count of the rest.
    public init(scenario: Scenario?, collected: DiagnosticCollector, source: String?) {
        self.scenario = scenario
        diagnostics = collected.kept
        omitted = collected.omitted
        self.collected = collected
        self.source = source
    }
}
