import Foundation
import Testing
@testable import PracticumCore

/// Issue 17, item 1: the checker kept every diagnostic (a 12 MB file of `{x}` lines took 2.57 GB). A file's
/// diagnostics are now collected with a bound; the rest are counted, and the counts stay exact.
@Suite("Diagnostics: a bounded number per file")
struct DiagnosticBoundTests {
    static let here = SourceLocation(file: "t.scenario", line: 1, column: 1)

    static func warning(_ line: Int) -> Diagnostic {
        Diagnostic(.unusedVariable, "w\(line)", at: SourceLocation(file: "t.scenario", line: line, column: 1))
    }

    static func error(_ line: Int) -> Diagnostic {
        Diagnostic(.malformedLine, "e\(line)", at: SourceLocation(file: "t.scenario", line: line, column: 1))
    }

    @Test func keepsTheLimitAndCountsTheRestBySeverity() {
        var collector = DiagnosticCollector(limit: 3)
        for line in 1...5 { collector.append(Self.error(line)) }
        for line in 6...8 { collector.append(Self.warning(line)) }
        #expect(collector.kept.map(\.message) == ["e1", "e2", "e3"])
        #expect(collector.omitted == DiagnosticCounts(errors: 2, warnings: 3))
        #expect(collector.counts == DiagnosticCounts(errors: 5, warnings: 3))
        #expect(collector.isCut && collector.hasErrors && collector.stopsLoading)
    }

    @Test func anErrorTakesThePlaceOfTheLastWarningKept() {
        var collector = DiagnosticCollector(limit: 3)
        for line in 1...3 { collector.append(Self.warning(line)) }
        collector.append(Self.error(4))
        collector.append(Self.error(5))
        #expect(collector.kept.map(\.message) == ["w1", "e4", "e5"])
        #expect(collector.omitted == DiagnosticCounts(errors: 0, warnings: 2))
        // With no warning left to give way, a further error is counted.
        collector.append(Self.error(6))
        collector.append(Self.error(7))
        #expect(collector.kept.map(\.message) == ["e4", "e5", "e6"])
        #expect(collector.counts == DiagnosticCounts(errors: 4, warnings: 3))
    }

    @Test func overridesApplyAsDiagnosticsArrive() {
        var collector = DiagnosticCollector(
            limit: 10, severities: SeverityOverrides([.unusedVariable: .error, .answerTell: .off]))
        collector.append(Self.warning(1))
        collector.append(Diagnostic(.answerTell, "tell", at: Self.here))
        collector.append(Diagnostic(.softLock, "stuck", at: Self.here))
        #expect(collector.kept.map(\.code) == [.unusedVariable, .softLock])
        #expect(collector.kept[0].severity == .error)
        #expect(collector.counts == DiagnosticCounts(errors: 1, warnings: 1))
        #expect(collector.silenced == 1)
        // A warning turned into an error fails `check`, but the case still loads.
        #expect(collector.hasErrors && !collector.stopsLoading)
    }

    /// Generated like the reproducers (a defect on every line; lines of `{x}`), small enough for a
    /// unit test: the count kept, the counts of the rest, and the case refused all the same.
    @Test(arguments: [500, 5_000])
    func aCaseWithADefectOnEveryLineKeepsTwoHundred(scenes: Int) {
        let text = DefectGenerator.defectOnEveryLine(scenes: scenes)
        let result = TestSupport.load(text)
        let all = TestSupport.loadKeepingAll(text)
        #expect(result.scenario == nil)
        #expect(result.diagnostics.count == DiagnosticCollector.defaultLimit)
        #expect(result.omitted.total == all.diagnostics.count - DiagnosticCollector.defaultLimit)
        let allErrors = all.diagnostics.filter(\.isError).count
        #expect(result.diagnostics.filter(\.isError).count + result.omitted.errors == allErrors)
        #expect(allErrors >= 5 * scenes, "\(allErrors) errors for \(scenes) scenes")
        // The ones kept come first in the file (errors before warnings).
        #expect(result.diagnostics.allSatisfy { $0.isError })
    }

    @Test func linesOfPlaceholdersAreCountedNotKept() {
        let text = DefectGenerator.placeholderLines(20_000)
        let result = TestSupport.load(text)
        let all = TestSupport.loadKeepingAll(text)
        #expect(all.diagnostics.filter { $0.code == .unknownVariable }.count == 20_000)
        #expect(result.diagnostics.count == DiagnosticCollector.defaultLimit)
        #expect(result.diagnostics.count + result.omitted.total == all.diagnostics.count)
        #expect(result.omitted.errors == all.diagnostics.filter(\.isError).count - DiagnosticCollector.defaultLimit)
    }

    @Test func aCaseFileOverTheLineCapIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("practicum-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tall.scenario")
        try Data(repeating: 0x0A, count: ScenarioLoader.maximumLines + 1).write(to: file)
        let result = TestSupport.loader.load(path: file.path)
        #expect(result.diagnostics.map(\.code) == [.unreadableFile])
        #expect(result.diagnostics.first?.message.hasSuffix("has 1000001 lines; a case file may have at most 1000000") == true)
        // At the cap the file is read.
        try Data(repeating: 0x0A, count: ScenarioLoader.maximumLines).write(to: file)
        #expect(!TestSupport.loader.load(path: file.path).diagnostics.contains { $0.code == .unreadableFile })
        #expect(ScenarioLoader.lineCount(Data("a\nb".utf8)) == 2)
        #expect(ScenarioLoader.lineCount(Data("a\nb\n".utf8)) == 2)
        #expect(ScenarioLoader.lineCount(Data()) == 0)
    }

    @Test func aCaseFileOverTheSizeCapIsRefusedUnread() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("practicum-cap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.scenario")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(ScenarioLoader.maximumFileSize + 1))
        try handle.close()
        let result = TestSupport.loader.load(path: file.path)
        #expect(result.scenario == nil)
        #expect(result.diagnostics.map(\.code) == [.unreadableFile])
        #expect(result.diagnostics.first?.message.hasSuffix("is 32.0 MiB; a case file may be at most 32 MiB") == true)
    }
}

/// The generated inputs of issue 17's reproducers; practicum-bench makes the same at megabyte sizes.
enum DefectGenerator {
    /// A header, then scenes in which every line but the `==` and `*` lines is wrong: an unknown variable, an
    /// unknown phase, a quality out of range, an unknown attribute and an unknown scene.
    static func defectOnEveryLine(scenes: Int) -> String {
        var text = "title: Defects\nid: defects\nlanguage: en\nlevel: micro\n\n"
        for index in 0..<scenes {
            text += "== s\(index)\nText {x\(index)}.\n* Go\n  phase: engagment\n  quality: 9\n  qualty: 1\n  -> nowhere-\(index)\n"
        }
        return text
    }

    /// A scene of `count` lines of `{x}`, each an unknown variable.
    static func placeholderLines(_ count: Int) -> String {
        "title: Braces\nid: braces\nlanguage: en\nlevel: micro\n\n== a\n" + String(repeating: "{x}\n", count: count)
    }
}
