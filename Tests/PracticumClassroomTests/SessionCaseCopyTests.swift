import Foundation
import PracticumCore
import Testing

@testable import PracticumClassroom

/// `Session.verifiedCopy`: every front end (terminal play, serve, grade) plays only a session's own copy of a
/// case that is byte for byte the one the session was made with and loads to the same case.
@Suite struct SessionCaseCopyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func made() throws -> (session: Session, folder: URL, loader: ScenarioLoader, source: Data) {
        let content = try ContentLoader.load(from: Self.root.appendingPathComponent("Content"))
        let loader = ScenarioLoader(content: content)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("copies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        let source = try Data(
            contentsOf: Self.root.appendingPathComponent("Tests/PracticumAppTests/Fixtures/Library/okafor-referral.scenario"))
        try source.write(to: folder.appendingPathComponent("cases/okafor-referral.scenario"))
        let scenario = try #require(loader.load(path: folder.appendingPathComponent("cases/okafor-referral.scenario").path).scenario)
        let session = Session(
            id: "w1", created: "2026-12-01T08:00:00Z", mode: "graded", attempts: 1, policy: .best, feedback: .debrief,
            passMark: 60, due: nil, homePage: "https://lms.example/",
            cases: [.init(id: "okafor-referral", file: "cases/okafor-referral.scenario", sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
        return (session, folder, loader, source)
    }

    @Test func theCopyTheSessionWasMadeWithLoads() throws {
        let (session, folder, loader, _) = try made()
        let scenario = try session.verifiedCopy(of: session.cases[0], in: folder, loader: loader)
        #expect(scenario.id == "okafor-referral")
    }

    @Test func aChangedOrMissingCopyIsRefusedAsChanged() throws {
        let (session, folder, loader, source) = try made()
        let file = folder.appendingPathComponent("cases/okafor-referral.scenario")
        try (source + Data("\n# one more line\n".utf8)).write(to: file)
        #expect(throws: Session.CaseCopyProblem.changed(caseID: "okafor-referral", file: "cases/okafor-referral.scenario")) {
            try session.verifiedCopy(of: session.cases[0], in: folder, loader: loader)
        }
        try FileManager.default.removeItem(at: file)
        #expect(throws: Session.CaseCopyProblem.changed(caseID: "okafor-referral", file: "cases/okafor-referral.scenario")) {
            try session.verifiedCopy(of: session.cases[0], in: folder, loader: loader)
        }
    }

    @Test func theRightBytesThatLoadToAnotherCaseAreRefused() throws {
        var (session, folder, loader, _) = try made()
        session.cases[0].fingerprint = "0000"
        #expect(throws: Session.CaseCopyProblem.loadsDifferently(caseID: "okafor-referral")) {
            try session.verifiedCopy(of: session.cases[0], in: folder, loader: loader)
        }
        #expect(throws: Session.CaseCopyProblem.loadsDifferently(caseID: "okafor-referral")) {
            try session.verifiedCopy(of: session.cases[0], in: folder) { _ in nil }
        }
    }
}
