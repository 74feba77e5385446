/// The declaration of one command-line option: its names, whether it takes a value, and its help.
public struct OptionSpec: Hashable, Sendable {
    /// Whether an option is a bare switch or carries a value.
    public enum Kind: Hashable, Sendable {
        /// A switch that is either present or absent, like `--json`.
        case flag
        /// An option followed by a value, like `--choices <file>`; `valueName` is shown in help.
        case option(valueName: String)
    }

    /// The long name without dashes, like `"choices"` for `--choices`.
    public var name: String
    /// The one-letter short name, like `"c"` for `-c`, if any.
    public var short: Character?
    /// Whether the option is a flag or takes a value.
    public var kind: Kind
    /// Whether the option may be given more than once.
    public var isRepeatable: Bool
    /// A one-line description for help output.
    public var help: String

    /// Creates an option declaration; `name` is the long name without its leading dashes.
    public init(_ name: String, short: Character? = nil, kind: Kind, repeatable: Bool = false, help: String) {
        self.name = name
        self.short = short
        self.kind = kind
        self.isRepeatable = repeatable
        self.help = help
    }

    /// A flag such as `--json`, present or absent.
    public static func flag(_ name: String, short: Character? = nil, repeatable: Bool = false, help: String)
        -> OptionSpec
    {
        OptionSpec(name, short: short, kind: .flag, repeatable: repeatable, help: help)
    }

    /// An option that takes a value, such as `--choices <file>`.
    public static func option(
        _ name: String, short: Character? = nil, valueName: String, repeatable: Bool = false, help: String
    ) -> OptionSpec {
        OptionSpec(name, short: short, kind: .option(valueName: valueName), repeatable: repeatable, help: help)
    }

    /// Whether the option takes a value.
    public var takesValue: Bool {
        if case .option = kind { return true }
        return false
    }

    /// How the option is written in help, like `-c, --choices <file>` or `    --json`.
    var synopsis: String {
        let shortPart = short.map { "-\($0), " } ?? "    "
        switch kind {
        case .flag: return shortPart + "--" + name
        case .option(let valueName): return shortPart + "--" + name + " <" + valueName + ">"
        }
    }
}
