import PracticumCore

/// The one way a command reads a whole-number option (`--runs`, `--seed`, `--attempts`, `--pass-mark`,
/// `--explore-limit`): ASCII digits only (no sign, no spaces, no separators), within a range; anything else
/// is a usage error that names the option, the range and what was given.
enum WholeNumberOption {
    /// The option's value as a number in `range`, or nil when the option was not given.
    static func parse<Number: FixedWidthInteger>(
        _ text: String?, option: String, range: ClosedRange<Number>
    ) throws(CommandError) -> Number? {
        guard let text else { return nil }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Number(text),
            range.contains(number)
        else {
            let limits =
                range == 1...Number.max
                ? "a positive whole number" : "a whole number from \(range.lowerBound) to \(range.upperBound)"
            throw .usage("--\(option) takes \(limits), got '\(VisibleText.make(text, keepNewlines: false))'")
        }
        return number
    }
}
