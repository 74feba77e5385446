import Foundation
import Testing

/// Practicum installed as docs/install.md describes it: the executable copied into a folder of its own with
/// Content/ and Scenarios/ beside it, run from somewhere else entirely with no `--content`, `--scenarios` or
/// `PRACTICUM_*` to point the way. It must find both folders beside itself (through its own path, as the
/// process reports it), not in the working directory nor in the source tree.
@Suite("An installed folder")
struct InstalledFolderTests {

    @Test func theExecutableFindsContentAndScenariosBesideItselfFromAnyWorkingDirectory() throws {
        let built = try AppTestSupport.requireExecutable()
        let install = AppTestSupport.temporaryDirectory().appendingPathComponent("practicum-test-linux")
        let elsewhere = AppTestSupport.temporaryDirectory()
        let files = FileManager.default
        try files.createDirectory(at: install, withIntermediateDirectories: true)
        try files.copyItem(at: built, to: install.appendingPathComponent("practicum"))
        try files.copyItem(
            at: AppTestSupport.root.appendingPathComponent("Content"), to: install.appendingPathComponent("Content"))
        try files.copyItem(at: AppTestSupport.library, to: install.appendingPathComponent("Scenarios"))

        let process = Process()
        process.executableURL = install.appendingPathComponent("practicum")
        process.arguments = ["list", "--json"]
        process.currentDirectoryURL = elsewhere
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": elsewhere.path, "XDG_STATE_HOME": elsewhere.path, "NO_COLOR": "1",
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let shown = output.fileHandleForReading.readDataToEndOfFile()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "\(String(decoding: said, as: UTF8.self))")
        struct Case: Decodable {
            var id: String
            var path: String
        }
        let cases = try JSONDecoder().decode([Case].self, from: shown)
        // The copied library, and only it: the fixture case, read from the folder beside the executable.
        #expect(cases.map(\.id) == ["okafor-referral"])
        let expected = install.appendingPathComponent("Scenarios/okafor-referral.scenario").resolvingSymlinksInPath()
        #expect(cases.map { URL(fileURLWithPath: $0.path).resolvingSymlinksInPath().path } == [expected.path])
    }
}
