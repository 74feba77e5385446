import Foundation

/// Loads a case from a `.scenario` file or its JSON form, parses and checks it.
public struct ScenarioLoader: Sendable {
    public let content: ContentLibrary

    public init(content: ContentLibrary) {
        self.content = content
    }

    /// Reads and checks a file; a file that cannot be read is reported as a diagnostic, never thrown.
    public func load(path: String) -> LoadResult {
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
        return load(text: text, file: path)
    }

    /// Parses and checks `.scenario` text.
    public func load(text: String, file: String) -> LoadResult {
        let (syntax, parseDiagnostics) = ScenarioParser.parse(text, file: file)
        let result = ScenarioChecker(content: content).check(syntax)
        let diagnostics = parseDiagnostics + result.diagnostics
        return LoadResult(scenario: diagnostics.hasErrors ? nil : result.scenario, diagnostics: diagnostics, source: text)
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
        let result = ScenarioChecker(content: content).check(syntax)
        let diagnostics = reader.diagnostics + result.diagnostics
        return LoadResult(scenario: diagnostics.hasErrors ? nil : result.scenario, diagnostics: diagnostics, source: nil)
    }
}

/// A loaded case, or why it could not be loaded.
public struct LoadResult: Sendable {
    /// The case, when it has no errors (it may have warnings).
    public var scenario: Scenario?
    public var diagnostics: [Diagnostic]
    /// The file's text, for quoting lines in diagnostics.
    public var source: String?

    public init(scenario: Scenario?, diagnostics: [Diagnostic], source: String?) {
        self.scenario = scenario
        self.diagnostics = diagnostics
        self.source = source
    }
}
