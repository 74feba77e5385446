import Foundation
import PracticumCore
import Testing
@testable import PracticumClassroom

/// `AttemptStore.latest(named:where:)` finds what `entries(named:)` would end its matches with, reading the files
/// newest first and no further than the first match (play's start no longer reads every earlier attempt).
@Suite struct LatestAttemptTests {
    static func write(_ text: String, named name: String, in folder: URL, modified: Date) throws {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
    }

    static func header(caseID: String, mode: String) -> String {
        AttemptLog.line(for: AttemptLog.Header(id: "h", caseID: caseID, caseHash: "sha256:00", seed: 1, mode: mode)) + "\n"
    }

    @Test func theLatestMatchIsTheLastOfAllTheMatches() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latest-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let base = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<8 {
                let kind = Int.random(in: 0..<4, using: &generator)
                let text: String
                switch kind {
                case 0: text = Self.header(caseID: "c", mode: "practice")
                case 1: text = Self.header(caseID: "other", mode: "practice")
                case 2: text = Self.header(caseID: "c", mode: "graded")
                default: text = "not an attempt\n"
                }
                // Some files share a time, so the order by name counts too.
                let modified = base.addingTimeInterval(Double(Int.random(in: 0..<4, using: &generator)))
                try Self.write(text, named: "c--practice--\(index).jsonl", in: folder, modified: modified)
            }
            let store = AttemptStore(directory: folder)
            let matches = { (entry: AttemptStore.Entry) -> Bool in
                switch entry.reading {
                case .success(let reading): return reading.log.header.caseID == "c" && reading.log.header.mode == "practice"
                case .failure: return true
                }
            }
            let expected = store.entries(named: "c--").filter(matches).last
            let found = store.latest(named: "c--", where: matches)
            #expect(found?.url == expected?.url, "round \(round)")
            #expect(store.latest(named: "none--", where: matches) == nil)
        }
    }
}
