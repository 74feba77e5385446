import Foundation
import Testing

/// Text from a case never reaches the terminal raw: an escape sequence in a title, a scene, a choice,
/// feedback or a finding shows as visible symbols in every command.
@Suite("Terminal safety: no escape sequence from a case reaches the terminal")
struct TerminalSafetyTests {
    static let folder: URL = {
        let folder = AppTestSupport.temporaryDirectory()
        let text = """
            title: Evil \u{1B}]0;pwned\u{07} title
            id: evil
            language: en
            level: micro
            client: Someone \u{1B}[2J\u{1B}[?1049h
            objectives:
              - Learn \u{1B}[8mhidden\u{9B}31m [shown by: asked]

            finding f [risk]: A risk \u{1B}[31mred\u{7F}
            var asked = false

            expect asked (major): asked
              because: Ask \u{1B}[5mblink.

            == a
            Hello \u{1B}[2J\u{1B}[?1049h cleared
            * Go \u{1B}[8mhidden
              phase: engagement
              quality: 1
              feedback: Fine \u{1B}[0m.
              -> b
            * Ask \u{1B}c
              phase: assessment
              quality: 2
              reveals: f
              set: asked = true
              -> b
            * Wait \u{1B}[1A
              phase: engagement
              quality: -1
              -> b
            == b [ending: goals-met]
            bye \u{1B}[0m
            """
        try? text.write(to: folder.appendingPathComponent("evil.scenario"), atomically: true, encoding: .utf8)
        return folder
    }()

    static func run(_ arguments: [String]) -> AppRun {
        AppTestSupport.run(arguments, environment: ["PRACTICUM_SCENARIOS": folder.path])
    }

    @Test(arguments: [
        ["play", "evil", "--choices", "1", "--details"],
        ["play", "evil", "--choices", "3", "--mode", "graded"],
        ["list"],
        ["check", "SCENARIO"],
        ["simulate", "evil", "--runs", "5"],
    ])
    func noRawEscapeReachesOutputOrErrors(arguments: [String]) {
        let path = Self.folder.appendingPathComponent("evil.scenario").path
        let run = Self.run(arguments.map { $0 == "SCENARIO" ? path : $0 })
        #expect(!run.output.contains("\u{1B}") && !run.errors.contains("\u{1B}"), "\(arguments)")
        #expect(!run.output.contains("\u{9B}") && !run.output.contains("\u{07}") && !run.output.contains("\u{7F}"))
        #expect(run.output.contains("␛") || arguments == ["check", "SCENARIO"] || run.errors.contains("␛"))
    }

    @Test func replayIsSafeToo() throws {
        let played = Self.run(["play", "evil", "--choices", "2", "--json"])
        #expect(played.output.contains("\\u001b"), "JSON stays escaped")
        let file = AppTestSupport.temporaryDirectory().appendingPathComponent("a.json")
        try played.output.write(to: file, atomically: true, encoding: .utf8)
        let replayed = Self.run(["replay", file.path, "--details"])
        #expect(replayed.exitCode == 0, "\(replayed.errors)")
        #expect(!replayed.output.contains("\u{1B}") && replayed.output.contains("Hello ␛[2J"))
    }
}
