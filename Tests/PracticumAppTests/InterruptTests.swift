import Foundation
import PracticumCore
import PracticumTerminal
import Testing
@testable import PracticumApp

/// Ctrl-C during play: the notice says progress is saved, wrapped to the terminal's width, in the
/// interface's language, and the process exits 130.
@Suite("Ctrl-C: a notice wrapped like other text", .serialized)
struct InterruptTests {

    @Test(arguments: [("en", "Progress saved."), ("id", "Kemajuan tersimpan.")])
    func theNoticeIsWrappedAtWordBoundaries(language: String, opening: String) throws {
        let content = try ContentLoader.load(from: AppTestSupport.root.appendingPathComponent("Content"))
        let strings = Strings(content: content, language: language)
        let text = strings("play.saved", ["command": "swift run practicum play rent-arrears-intake --mode graded --resume"])
        let notice = InterruptNotice(text, terminal: TerminalInfo(environment: ["COLUMNS": "40"], isTTY: { _ in true }, windowColumns: { nil }))
        let rendered = notice.rendered()
        #expect(rendered.hasPrefix("\n" + opening))
        #expect(rendered.hasSuffix("\n"))
        let lines = rendered.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 40 }, "\(rendered)")
        // Wrapping moves words between lines and cuts none.
        #expect(lines.joined(separator: " ") == text)
        // At most 80 columns, however wide the terminal.
        let wide = InterruptNotice(text, terminal: TerminalInfo(environment: ["COLUMNS": "200"], isTTY: { _ in true }, windowColumns: { nil }))
        #expect(wide.rendered().split(separator: "\n").allSatisfy { displayWidth(of: $0) <= 80 })
    }

    /// The real executable, interrupted at a prompt.
    @Test(arguments: [("en", "Progress saved."), ("id", "Kemajuan tersimpan.")])
    func ctrlCAtAPromptSaysSoWrappedAndExits130(language: String, opening: String) throws {
        let executable = try AppTestSupport.requireExecutable()
        let work = AppTestSupport.temporaryDirectory()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["play", "okafor-referral", "--lang", language]
        process.currentDirectoryURL = AppTestSupport.root
        process.environment = [
            "PRACTICUM_SCENARIOS": AppTestSupport.library.path,
            "PRACTICUM_CONTENT": AppTestSupport.root.appendingPathComponent("Content").path,
            "XDG_STATE_HOME": work.path, "HOME": work.path, "COLUMNS": "36", "NO_COLOR": "1",
        ]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Make one choice, then interrupt at the next prompt.
        var buffer = Data()
        var sent = false
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            let prompts = String(decoding: buffer, as: UTF8.self).components(separatedBy: ") >").count - 1
            if prompts == 1 && !sent {
                input.fileHandleForWriting.write(Data("2\n".utf8))
                sent = true
            } else if prompts == 2 {
                kill(process.processIdentifier, SIGINT)
                break
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "status \(process.terminationStatus)")
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.hasPrefix("\n" + opening), "\(said)")
        let lines = said.split(separator: "\n")
        #expect(lines.count > 2, "wrapped: \(said)")
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 36 }, "\(said)")
        #expect(said.contains("--resume"))
    }
}
