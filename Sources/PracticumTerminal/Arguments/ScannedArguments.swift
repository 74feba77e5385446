/// The result of scanning arguments: which flags were set, the values of options, and the positionals.
///
/// Options are looked up by their long name without dashes, whichever form the user typed.
public struct ScannedArguments: Hashable, Sendable {
    /// The long names of the flags that were given.
    public private(set) var flags: Set<String>
    /// The values given to each option, in the order they appeared, keyed by long name.
    public private(set) var optionValues: [String: [String]]
    /// The arguments that are not options, in order.
    public var positionals: [String]

    /// Creates a result directly, for example to test a command without scanning.
    public init(flags: Set<String> = [], optionValues: [String: [String]] = [:], positionals: [String] = []) {
        self.flags = flags
        self.optionValues = optionValues
        self.positionals = positionals
    }

    /// Whether the flag with this long name was given.
    public func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The last value given to the option with this long name, or nil if it was not given.
    public func value(_ name: String) -> String? {
        optionValues[name]?.last
    }

    /// Every value given to the option with this long name, in order.
    public func values(_ name: String) -> [String] {
        optionValues[name] ?? []
    }

    mutating func setFlag(_ name: String) {
        flags.insert(name)
    }

    mutating func appendValue(_ value: String, for name: String) {
        optionValues[name, default: []].append(value)
    }
}
