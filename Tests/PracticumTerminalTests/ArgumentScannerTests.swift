import Testing

import PracticumTerminal

private let scanner = ArgumentScanner(options: [
    .flag("json", short: "j", help: "Print the result as JSON."),
    .option("choices", short: "c", valueName: "file", help: "Read the choices from a file, one per line."),
    .option("seed", valueName: "n", help: "Seed the random generator."),
    .option("tag", valueName: "name", repeatable: true, help: "Only run cases with this tag."),
    .flag("verbose", short: "v", repeatable: true, help: "Say more."),
])

@Suite struct ArgumentScannerTests {
    @Test(
        arguments: [
            ([], ScannedArguments()),
            (["--json"], ScannedArguments(flags: ["json"])),
            (["-j"], ScannedArguments(flags: ["json"])),
            (["--choices", "a.txt"], ScannedArguments(optionValues: ["choices": ["a.txt"]])),
            (["--choices=a.txt"], ScannedArguments(optionValues: ["choices": ["a.txt"]])),
            (["-c", "a.txt"], ScannedArguments(optionValues: ["choices": ["a.txt"]])),
            (["--choices="], ScannedArguments(optionValues: ["choices": [""]])),
            (["--choices=a=b"], ScannedArguments(optionValues: ["choices": ["a=b"]])),
            (["--choices", "-"], ScannedArguments(optionValues: ["choices": ["-"]])),
            (["--seed", "-3"], ScannedArguments(optionValues: ["seed": ["-3"]])),
            (
                ["case.yaml", "--json", "other"],
                ScannedArguments(flags: ["json"], positionals: ["case.yaml", "other"])
            ),
            (["--", "--json", "-c"], ScannedArguments(positionals: ["--json", "-c"])),
            (["--json", "--", "--"], ScannedArguments(flags: ["json"], positionals: ["--"])),
            (["-"], ScannedArguments(positionals: ["-"])),
            (["-7"], ScannedArguments(positionals: ["-7"])),
            (["--tag", "a", "--tag=b"], ScannedArguments(optionValues: ["tag": ["a", "b"]])),
            (["-v", "--verbose"], ScannedArguments(flags: ["verbose"])),
        ] as [([String], ScannedArguments)])
    func scansValidArguments(arguments: [String], expected: ScannedArguments) throws {
        #expect(try scanner.scan(arguments) == expected)
    }

    @Test(
        arguments: [
            (["--chioces", "x"], ArgumentError.unknownOption("--chioces", suggestion: "--choices")),
            (["--chioces=x"], .unknownOption("--chioces", suggestion: "--choices")),
            (["--JSON"], .unknownOption("--JSON", suggestion: "--json")),
            (["-json"], .unknownOption("-json", suggestion: "--json")),
            (["--zzzz"], .unknownOption("--zzzz", suggestion: nil)),
            (["-x"], .unknownOption("-x", suggestion: nil)),
            (["--choices"], .missingValue(option: "--choices")),
            (["-c"], .missingValue(option: "-c")),
            (["--choices", "--json"], .missingValue(option: "--choices")),
            (["--choices", "--"], .missingValue(option: "--choices")),
            (["--json=yes"], .unexpectedValue(flag: "--json")),
            (["--json="], .unexpectedValue(flag: "--json")),
            (["--seed", "1", "--seed", "2"], .repeatedOption("--seed")),
            (["--json", "-j"], .repeatedOption("-j")),
        ] as [([String], ArgumentError)])
    func rejectsInvalidArguments(arguments: [String], expected: ArgumentError) {
        #expect(throws: expected) { try scanner.scan(arguments) }
    }

    @Test func stopsAtTheFirstError() {
        #expect(throws: ArgumentError.unknownOption("--nope", suggestion: nil)) {
            try scanner.scan(["--nope", "--choices"])
        }
    }

    @Test(arguments: [
        (
            ArgumentError.unknownOption("--chioces", suggestion: "--choices"),
            "unknown option '--chioces'; did you mean '--choices'?"
        ),
        (.unknownOption("-x", suggestion: nil), "unknown option '-x'"),
        (.missingValue(option: "--choices"), "option '--choices' needs a value"),
        (.unexpectedValue(flag: "--json"), "flag '--json' does not take a value"),
        (.repeatedOption("--seed"), "option '--seed' may be given only once"),
    ])
    func describesErrorsInOneLine(error: ArgumentError, message: String) {
        #expect(error.description == message)
        #expect("\(error)" == message)
    }

    @Test func readsValuesByLongName() throws {
        let scanned = try scanner.scan(["-c", "one.txt", "--tag", "a", "--tag=b", "case.yaml"])
        #expect(scanned.value("choices") == "one.txt")
        #expect(scanned.values("choices") == ["one.txt"])
        #expect(scanned.value("tag") == "b")
        #expect(scanned.values("tag") == ["a", "b"])
        #expect(scanned.value("seed") == nil)
        #expect(scanned.values("seed") == [])
        #expect(scanned.flag("json") == false)
        #expect(scanned.positionals == ["case.yaml"])
    }

    @Test func rendersAlignedHelp() {
        let expected = """
              -j, --json            Print the result as JSON.
              -c, --choices <file>  Read the choices from a file, one per line.
                  --seed <n>        Seed the random generator.
                  --tag <name>      Only run cases with this tag. (repeatable)
              -v, --verbose         Say more. (repeatable)
            """
        #expect(scanner.helpText() == expected)
    }

    @Test func wrapsHelpUnderItsColumn() {
        let expected = """
              -j, --json            Print the result as
                                    JSON.
              -c, --choices <file>  Read the choices
                                    from a file, one
                                    per line.
                  --seed <n>        Seed the random
                                    generator.
                  --tag <name>      Only run cases with
                                    this tag.
                                    (repeatable)
              -v, --verbose         Say more.
                                    (repeatable)
            """
        #expect(scanner.helpText(width: 43) == expected)
    }

    @Test func rendersNoHelpForNoOptions() {
        #expect(ArgumentScanner(options: []).helpText() == "")
    }

    @Test func optionSpecKnowsWhetherItTakesAValue() {
        #expect(OptionSpec.flag("json", help: "").takesValue == false)
        #expect(OptionSpec.option("seed", valueName: "n", help: "").takesValue)
        #expect(OptionSpec.option("seed", valueName: "n", help: "").kind == .option(valueName: "n"))
    }
}
