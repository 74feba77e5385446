import Foundation
import PracticumCore
import PracticumTerminal
import Testing
@testable import PracticumApp

@Suite("practicum guide and panduan")
struct GuideTests {
    @Test func theWholeGuideHasEverySection() {
        let run = AppTestSupport.run(["guide"])
        #expect(run.exitCode == 0, "\(run.errors)")
        for title in [
            "The Practicum learner's guide", "The intervention cycle", "Ethics: the principles and where they come from",
            "Kinds of intervention", "How scoring works", "Monitoring", "Informed consent", "Crisis intervention",
        ] {
            #expect(run.output.contains(title), "\(title)")
        }
        #expect(!run.output.contains("{{") && !run.output.contains("**") && !run.output.contains("{#"))
        #expect(run.output.split(separator: "\n").allSatisfy { displayWidth(of: String($0)) <= 80 })
    }

    @Test func panduanIsTheIndonesianGuideWithIndonesianSectionNames() {
        let run = AppTestSupport.run(["panduan", "etika"])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("Etika: prinsip dan sumbernya"))
        #expect(run.output.contains("Harkat dan martabat manusia"))
        #expect(!run.output.contains("Siklus intervensi"), "one section only")
        #expect(AppTestSupport.run(["guide", "ethics", "--lang", "id"]).output == run.output)
        #expect(AppTestSupport.run(["panduan", "--lang", "en", "scoring"]).output.contains("How scoring works"))
    }

    @Test func anUnknownSectionOrLanguageIsAUsageError() {
        let section = AppTestSupport.run(["panduan", "siklsu"])
        #expect(section.exitCode == ExitCode.usage)
        #expect(section.errors.contains("no section 'siklsu' in the guide; did you mean 'siklus'?"))
        #expect(section.errors.contains("cycle / siklus"))
        let language = AppTestSupport.run(["guide", "--lang", "fr"])
        #expect(language.exitCode == ExitCode.usage)
        #expect(language.errors.contains("unknown --lang 'fr'"))
        #expect(AppTestSupport.run(["guide", "cycle", "ethics"]).exitCode == ExitCode.usage)
    }

    static func context(input: [String]) -> (AppContext, CapturedOutput) {
        let output = CapturedOutput()
        let environment = ["COLUMNS": "80"]
        let context = AppContext(
            output: output, errors: CapturedOutput(), input: ScriptedInput(lines: input), environment: environment,
            terminal: TerminalInfo(environment: environment, isTTY: { _ in false }, windowColumns: { nil }),
            workingDirectory: AppTestSupport.root, executable: nil, inputIsTerminal: true)
        return (context, output)
    }

    @Test func thePagerShowsAScreenfulAtATimeAndStopsWhenAsked() {
        let text = (1...50).map { "line \($0)" }.joined(separator: "\n")
        var (context, output) = Self.context(input: ["", "q"])
        Pager(prompt: "-- more --").show(text, interactive: true, context: &context)
        #expect(output.text.contains("line 44\n-- more --") && !output.text.contains("line 45"))
        (context, output) = Self.context(input: ["", ""])
        Pager(prompt: "-- more --").show(text, interactive: true, context: &context)
        #expect(output.text.contains("line 50") && output.text.components(separatedBy: "-- more --").count == 3)
        (context, output) = Self.context(input: [])
        Pager(prompt: "-- more --").show(text, interactive: true, context: &context)
        #expect(output.text.contains("line 22\n-- more --") && !output.text.contains("line 23"), "input closed: stop")
        (context, output) = Self.context(input: [])
        Pager(prompt: "-- more --").show(text, interactive: false, context: &context)
        #expect(output.text == text + "\n")
    }
}
