import Foundation
import Testing
@testable import PracticumApp

/// Commands look their options up by name (`arguments.value("lang")`); nothing in the compiler ties such a
/// name to the `OptionSpec`s the command declares, so this test does: a misspelt or undeclared name would
/// otherwise read nil for ever, silently.
@Suite("Command line: every option looked up is declared")
struct OptionNamesTests {
    /// `arguments.value("x")`, `.values("x")`, `.flag("x")`: the name looked up.
    static let lookup = try! NSRegularExpression(pattern: #"\.(value|values|flag)\("([^"]*)"\)"#)

    /// The option names looked up in a source file.
    static func lookups(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return lookup.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 2), in: text).map { String(text[$0]) }
        }
    }

    static let commandsFolder = AppTestSupport.root.appendingPathComponent("Sources/PracticumApp/Commands")

    /// Each command's files: `NameCommand.swift` and its extensions `NameCommand+Part.swift`.
    static func files(of command: any Command.Type) throws -> [URL] {
        let type = String(describing: command)
        return try FileManager.default.contentsOfDirectory(at: commandsFolder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent == type + ".swift" || $0.lastPathComponent.hasPrefix(type + "+") }
    }

    @Test func everyLookupNamesAnOptionTheCommandDeclares() throws {
        var checked = 0
        for command in Practicum.commands {
            let declared = Set(command.options.map(\.name) + [Practicum.helpOption.name])
            for file in try Self.files(of: command) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for name in Self.lookups(in: text) {
                    checked += 1
                    #expect(declared.contains(name), "\(file.lastPathComponent) looks up --\(name), which \(command.name) does not declare")
                }
            }
        }
        // The scan found the lookups (a moved folder or a changed spelling of the lookup would find none).
        #expect(checked > 60)
    }

    /// Every file of the commands folder that looks an option up belongs to a command of the table, so none
    /// escapes the check above.
    @Test func everyFileThatLooksUpOptionsBelongsToACommand() throws {
        let owned = Set(try Practicum.commands.flatMap { try Self.files(of: $0) }.map(\.lastPathComponent))
        for file in try FileManager.default.contentsOfDirectory(at: Self.commandsFolder, includingPropertiesForKeys: nil) {
            let text = try String(contentsOf: file, encoding: .utf8)
            if !Self.lookups(in: text).isEmpty {
                #expect(owned.contains(file.lastPathComponent), "\(file.lastPathComponent) looks up options but is no command's file")
            }
        }
    }

    @Test func theScanSeesALookup() {
        #expect(Self.lookups(in: #"let x = arguments.value("lang"); if arguments.flag("json") {}"#) == ["lang", "json"])
    }
}

/// Whole-number options are read one way (`WholeNumberOption`): digits only, in range, and a refusal that
/// names the option, the range and the value.
@Suite("Command line: whole-number options")
struct WholeNumberOptionTests {
    @Test(arguments: [
        (["simulate", "Scenarios/rent-arrears-intake.scenario", "--runs", "0"], "--runs takes a whole number from 1 to 100000, got '0'"),
        (["simulate", "Scenarios/rent-arrears-intake.scenario", "--runs", "+5"], "--runs takes a whole number from 1 to 100000, got '+5'"),
        (["play", "Scenarios/rent-arrears-intake.scenario", "--seed", "-1"], "--seed takes a whole number from 0 to 18446744073709551615, got '-1'"),
        (["check", "--explore-limit", "+5", "Scenarios/rent-arrears-intake.scenario"], "--explore-limit takes a positive whole number, got '+5'"),
        (["check", "--explore-limit", "0", "Scenarios/rent-arrears-intake.scenario"], "--explore-limit takes a positive whole number, got '0'"),
    ])
    func aValueThatIsNotDigitsInRangeIsRefused(arguments: [String], message: String) {
        let run = AppTestSupport.run(arguments)
        #expect(run.exitCode == 64, "\(run.errors)")
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func theParserTakesDigitsInRangeOnly() throws {
        #expect(try WholeNumberOption.parse("42", option: "n", range: 1...100) == 42)
        #expect(try WholeNumberOption.parse(nil, option: "n", range: 1...100) == nil)
        #expect(try WholeNumberOption.parse("18446744073709551615", option: "seed", range: 0...UInt64.max) == UInt64.max)
        for bad in ["", " 4", "4 ", "1_000", "٣", "101", "-0"] {
            #expect(throws: CommandError.self) { try WholeNumberOption.parse(bad, option: "n", range: 1...100) }
        }
    }
}
