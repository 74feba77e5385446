import PracticumCore

/// The interface strings of one language, from Content/strings/LANG.json.
struct Strings {
    let content: ContentLibrary
    let language: String

    /// The string for `key` with `{name}` placeholders filled in.
    func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        content.string(key, language: language, arguments)
    }

    /// The name of a phase in the interface language.
    func phase(_ id: String) -> String {
        content.phase(named: id)?.name(in: language) ?? id
    }

    /// The name of an outcome in the interface language.
    func outcome(_ id: String) -> String {
        content.outcomes.first { $0.id == id }?.name(in: language) ?? id
    }
}
