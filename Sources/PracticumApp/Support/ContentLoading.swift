import Foundation
import PracticumCore
import PracticumTerminal

extension AppContext {
    /// Loads Content/, honouring `--content DIR`; a missing or broken Content/ is a clear error.
    func loadContent(explicit: String?) throws(CommandError) -> ContentLibrary {
        do {
            let directory = try locator.contentDirectory(explicit: explicit)
            return try ContentLoader.load(from: directory)
        } catch {
            throw CommandError(error.description)
        }
    }

    /// Writes diagnostics to standard error, quoting source lines, coloured on a terminal; after `limit`
    /// of them, a line says how many more there are (counting `omitted`, those found but not kept).
    func report(
        _ diagnostics: [Diagnostic], source: String?, file: String, limit: Int = DiagnosticRenderer.defaultLimit,
        omitted: Int = 0
    ) {
        let renderer = DiagnosticRenderer(sources: source.map { [file: $0] } ?? [:], colored: colorErrors)
        errors.write(renderer.render(diagnostics, limit: limit, omitted: omitted))
    }
}

/// Options several commands share.
enum CommonOptions {
    static let content = OptionSpec.option(
        "content", valueName: "dir", help: "Read Content/ from this folder (default: found automatically).")
    static let scenarios = OptionSpec.option(
        "scenarios", valueName: "dir", help: "Read the case library from this folder (default: Scenarios/).")
    static let json = OptionSpec.flag("json", help: "Print machine-readable JSON.")
}

/// JSON output shared by the commands: sorted keys, no escaped slashes, every hidden character escaped
/// (`JSONText`), a final newline.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return JSONText.escapingHidden(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
