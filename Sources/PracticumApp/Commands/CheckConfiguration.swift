import Foundation
import PracticumCore

/// Finds and reads the severity overrides `check` applies: the file `--config` names, else a
/// `practicum-check.conf` in the folder of each case (read once per folder).
struct CheckConfiguration {
    /// The file given with `--config`, read once; nil when none was given.
    private let explicit: (path: String, overrides: SeverityOverrides)?
    /// The overrides found in each folder so far (nil: the folder has none).
    private var byFolder: [String: (path: String, overrides: SeverityOverrides)?] = [:]

    /// Reads the `--config` file now, so that a broken one stops `check` before any case is read.
    init(explicit path: String?, context: AppContext) throws(CommandError) {
        if let path {
            let fullPath = context.url(forPath: path).path
            guard FileManager.default.fileExists(atPath: fullPath) else {
                throw .usage("--config: no such file '\(path)'")
            }
            explicit = (path, try Self.read(fullPath, shownAs: path))
        } else {
            explicit = nil
        }
    }

    /// The overrides for a case file, and the file they came from (nil when there are none).
    mutating func overrides(forCase fullPath: String, shownAs path: String) throws(CommandError) -> (
        path: String?, overrides: SeverityOverrides
    ) {
        if let explicit { return (explicit.path, explicit.overrides) }
        let folder = URL(fileURLWithPath: fullPath).deletingLastPathComponent()
        if let known = byFolder[folder.path] { return (known?.path, known?.overrides ?? SeverityOverrides()) }
        let candidate = folder.appendingPathComponent(SeverityOverrides.fileName).path
        var found: (path: String, overrides: SeverityOverrides)?
        if FileManager.default.fileExists(atPath: candidate) {
            let typedFolder = (path as NSString).deletingLastPathComponent
            let shownPath = typedFolder.isEmpty ? SeverityOverrides.fileName : typedFolder + "/" + SeverityOverrides.fileName
            found = (shownPath, try Self.read(candidate, shownAs: shownPath))
        }
        byFolder[folder.path] = .some(found)
        return (found?.path, found?.overrides ?? SeverityOverrides())
    }

    /// Reads one file; every line that cannot be used is named in the error.
    static func read(_ fullPath: String, shownAs path: String) throws(CommandError) -> SeverityOverrides {
        guard let data = FileManager.default.contents(atPath: fullPath), data.count <= 1_048_576,
            let text = String(validating: data, as: UTF8.self)
        else {
            throw CommandError("cannot read '\(path)': it must be UTF-8 text of at most 1 MiB")
        }
        switch SeverityOverrides.parse(text) {
        case .success(let overrides):
            return overrides
        case .failure(let failure):
            let lines = failure.problems.prefix(20).map { "\(path):\($0.line): \($0.message)" }
            let more = failure.problems.count > 20 ? "\n... and \(failure.problems.count - 20) more" : ""
            throw CommandError(
                "the severity overrides cannot be used:\n" + lines.joined(separator: "\n") + more,
                hint: "each line is 'CODE = error', 'CODE = warning' or 'CODE = off', for a code that is a warning; see 'practicum explain'")
        }
    }
}
