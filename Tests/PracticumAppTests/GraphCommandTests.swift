import Foundation
import Testing

/// `practicum graph`: the picture of a case in dot and Mermaid, a path drawn over it, and its refusals.
@Suite struct GraphCommandTests {
    static let okafor = AppTestSupport.library.appendingPathComponent("okafor-referral.scenario").path

    @Test func everyBundledCaseIsDrawnInBothFormats() throws {
        let folder = AppTestSupport.root.appendingPathComponent("Scenarios")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scenario") }.sorted()
        #expect(cases.count >= 12)
        for name in cases {
            let path = folder.appendingPathComponent(name).path
            let dot = AppTestSupport.run(["graph", path])
            #expect(dot.exitCode == 0, "\(name): \(dot.errors)")
            #expect(dot.output.hasPrefix("digraph \"") && dot.output.hasSuffix("}\n"), "\(name)")
            let scenes = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("== ") }.count
            // One node statement per scene: the lines `  "name" [label=...`.
            #expect(dot.output.split(separator: "\n").filter { $0.hasPrefix("  \"") && !$0.contains(" -> ") }.count == scenes, "\(name)")
            let mermaid = AppTestSupport.run(["graph", path, "--format", "mermaid"])
            #expect(mermaid.exitCode == 0, "\(name): \(mermaid.errors)")
            #expect(mermaid.output.contains("\nflowchart TD\n"), "\(name)")
            #expect(mermaid.output.split(separator: "\n").filter { $0.hasPrefix("  s") && !$0.contains("-->") && !$0.contains("-.->") }.count == scenes, "\(name)")
        }
    }

    @Test func aPathIsDrawnInBlueWithItsSteps() {
        let run = AppTestSupport.run(["graph", Self.okafor, "--path", "1,1"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let onPath = run.output.split(separator: "\n").filter { $0.contains(" -> ") && $0.contains("#1f6feb") }
        #expect(onPath.count >= 2)
        #expect(onPath.contains { $0.contains("\\nstep 1\"") } && onPath.contains { $0.contains("\\nstep 2\"") })
        #expect(run.output.contains("#a0a0a0"), "the edges off the path are grey")
    }

    @Test func aPathThatCannotBeTakenNamesTheStepAndWhatWasOnOffer() {
        let run = AppTestSupport.run(["graph", Self.okafor, "--path", "1,9"])
        #expect(run.exitCode == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("--path step 2 (scene '"))
        #expect(run.errors.contains("there is no choice 9;"))
        #expect(run.errors.contains("  1. "), "the choices on offer are listed")
        let long = AppTestSupport.run(["graph", Self.okafor, "--path", String(repeating: "1,", count: 60) + "1"])
        #expect(long.exitCode == 1)
        #expect(long.errors.contains("the case has already ended in scene '"))
        let syntax = AppTestSupport.run(["graph", Self.okafor, "--path", "1,,2"])
        #expect(syntax.exitCode == 64)
        #expect(syntax.errors.contains("--path: '' (item 2) is not a choice number or a choice id"))
    }

    @Test func theOutputOptionWritesAFileAndSaysSo() throws {
        let folder = AppTestSupport.temporaryDirectory()
        let run = AppTestSupport.inFolder(["graph", Self.okafor, "--format", "mermaid", "--output", "case.mmd"], in: folder)
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("Wrote mermaid for okafor-referral"))
        let written = try String(contentsOf: folder.appendingPathComponent("case.mmd"), encoding: .utf8)
        #expect(written == AppTestSupport.run(["graph", Self.okafor, "--format", "mermaid"]).output)
        let intoFolder = AppTestSupport.inFolder(["graph", Self.okafor, "--output", "."], in: folder)
        #expect(intoFolder.exitCode == 1 && intoFolder.errors.contains("is a folder"))
        let nowhere = AppTestSupport.inFolder(["graph", Self.okafor, "--output", "no/such/x.dot"], in: folder)
        #expect(nowhere.exitCode == 1 && nowhere.errors.contains("no such folder"))
    }

    @Test func badInputIsRefusedWithAReason() throws {
        let format = AppTestSupport.run(["graph", Self.okafor, "--format", "svg"])
        #expect(format.exitCode == 64 && format.errors.contains("unknown format 'svg'; use 'dot' or 'mermaid'"))
        let none = AppTestSupport.run(["graph"])
        #expect(none.exitCode == 64 && none.errors.contains("name one case to draw"))
        let missing = AppTestSupport.run(["graph", "nowhere.scenario"])
        #expect(missing.exitCode == 1 && missing.errors.contains("no such file"))
        let broken = try AppTestSupport.caseFile("title: Broken\n", named: "broken.scenario")
        let run = AppTestSupport.run(["graph", broken.path])
        #expect(run.exitCode == 1 && run.errors.contains("has errors and cannot be drawn"))
        #expect(run.output.isEmpty)
    }

    @Test func anIndonesianCaseShowsItsPhasesAndOutcomesInIndonesian() {
        let path = AppTestSupport.root.appendingPathComponent("Scenarios/keluarga-dimas.scenario").path
        let run = AppTestSupport.run(["graph", path])
        #expect(run.exitCode == 0)
        #expect(run.output.contains(" · Asesmen"))
        #expect(run.output.contains("ending: Tujuan tercapai"))
    }
}
