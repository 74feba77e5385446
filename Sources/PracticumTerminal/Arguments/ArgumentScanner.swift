/// A scanner of command-line arguments against a declared list of options.
///
/// Accepted forms:
///
///     --flag            a flag
///     --option value    an option and its value (the value may not look like an option,
///     --option=value    unless it is a number such as -3; use the = form for anything else)
///     -x, -x value      short forms of the above
///     --                ends the options: everything after it is positional
///     -                 a positional (conventionally standard input)
///     anything else     a positional
public struct ArgumentScanner: Hashable, Sendable {
    /// The declared options, in the order help lists them.
    public let options: [OptionSpec]

    /// Creates a scanner for these options; long and short names must be unique.
    public init(options: [OptionSpec]) {
        precondition(
            Set(options.map { $0.name }).count == options.count, "ArgumentScanner: duplicate long option name")
        let shorts = options.compactMap { $0.short }
        precondition(Set(shorts).count == shorts.count, "ArgumentScanner: duplicate short option name")
        self.options = options
    }

    /// Sorts `arguments` (without the program name) into flags, option values and positionals.
    public func scan(_ arguments: [String]) throws(ArgumentError) -> ScannedArguments {
        var result = ScannedArguments()
        var seen: Set<String> = []
        var index = arguments.startIndex
        var optionsEnded = false

        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !Self.looksLikeOption(argument) {
                result.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }

            let (spec, spelled, inlineValue) = try resolve(argument)
            if seen.contains(spec.name) && !spec.isRepeatable {
                throw .repeatedOption(spelled)
            }
            seen.insert(spec.name)

            switch spec.kind {
            case .flag:
                if inlineValue != nil { throw .unexpectedValue(flag: spelled) }
                result.setFlag(spec.name)
            case .option:
                if let inlineValue {
                    result.appendValue(inlineValue, for: spec.name)
                } else if index < arguments.endIndex, !Self.looksLikeOption(arguments[index]) {
                    result.appendValue(arguments[index], for: spec.name)
                    index += 1
                } else {
                    throw .missingValue(option: spelled)
                }
            }
        }
        return result
    }

    /// The help block for the options: one aligned row per option, help text wrapped to `width`.
    public func helpText(width: Int = 80) -> String {
        let column = (options.map { displayWidth(of: $0.synopsis) }.max() ?? 0) + 4
        var lines: [String] = []
        for option in options {
            let left = "  " + option.synopsis
            let padded = left + String(repeating: " ", count: column - displayWidth(of: left))
            let help = option.isRepeatable ? option.help + " (repeatable)" : option.help
            lines += TextWrapper.wrap(
                help, width: width, indent: String(repeating: " ", count: column), firstIndent: padded)
        }
        return lines.joined(separator: "\n")
    }

    /// Finds the declared option for an option-like argument, and splits off an `=value`.
    private func resolve(_ argument: String) throws(ArgumentError) -> (OptionSpec, String, String?) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw .unknownOption("--" + name, suggestion: suggestion(for: name))
            }
            return (spec, "--" + name, inlineValue)
        }
        let body = argument.dropFirst()
        if body.count == 1, let spec = options.first(where: { $0.short == body.first }) {
            return (spec, argument, nil)
        }
        // "-json" is most likely "--json" with a dash missing.
        throw .unknownOption(argument, suggestion: body.count > 1 ? suggestion(for: String(body)) : nil)
    }

    private func suggestion(for name: String) -> String? {
        closestMatch(to: name, in: options.map { $0.name }).map { "--" + $0 }
    }

    /// Whether an argument is an option (or `--`) rather than a positional or a value.
    /// A lone `-` and negative numbers such as `-3` are not options.
    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-" && Double(argument) == nil
    }
}
