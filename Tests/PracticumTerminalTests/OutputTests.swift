import Foundation
import Testing

@testable import PracticumTerminal

@Suite struct OutputTests {
    @Test func capturesWhatIsWritten() {
        let output = CapturedOutput()
        output.write("a")
        output.write("b\n")
        output.writeLine("c")
        output.writeLine()
        #expect(output.text == "ab\nc\n\n")
        #expect(output.lines == ["ab", "c", ""])
    }

    @Test func startsEmpty() {
        let output = CapturedOutput()
        #expect(output.text == "")
        #expect(output.lines == [])
    }

    @Test func sharesOneBufferAcrossCopiesAndTasks() async {
        let output = CapturedOutput()
        let writer: any TextOutput = output
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask { writer.write("x") }
            }
        }
        #expect(output.text == String(repeating: "x", count: 50))
    }

    @Test func writesAllBytesToADescriptor() throws {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        let text = "Selamat datang, Ibu Siti — 日本 😀\n"
        writeAll(text, to: descriptors[1])
        close(descriptors[1])
        let data = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile()
        #expect(String(decoding: data, as: UTF8.self) == text)
    }

    @Test func playsScriptedLinesThenEnds() {
        var input = ScriptedInput(lines: ["1", "", "quit"])
        #expect(input.readLine() == "1")
        #expect(input.readLine() == "")
        #expect(input.remaining == ["quit"])
        #expect(input.readLine() == "quit")
        #expect(input.readLine() == nil)
        #expect(input.readLine() == nil)
    }

    @Test func readsThroughTheProtocol() {
        var input: any LineInput = ScriptedInput(lines: ["yes"])
        #expect(input.readLine() == "yes")
        #expect(input.readLine() == nil)
    }
}
