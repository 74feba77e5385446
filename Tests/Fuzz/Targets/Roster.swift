// Fuzz target: CSV as the roster and the ratings readers take it: the records or an error with its line and
// column, never a crash; and whatever fields are read, written out again they read back the same (after a
// formula-like cell gets its neutralising quote).
import Foundation
import PracticumClassroom

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    _ = try? Roster(csv: bytes)
    _ = try? Ratings(csv: bytes, session: RosterFuzz.session, roster: RosterFuzz.roster)
    guard let records = try? CSVReader.records(bytes) else { return 0 }
    var writer = CSVWriter()
    for record in records { writer.append(texts: record.fields) }
    guard let back = try? CSVReader.records(writer.text) else { fatalError("written CSV did not read back") }
    let expected = records.map { $0.fields.map(CSVWriter.cellText) }.filter { $0 != [""] }
    precondition(back.map(\.fields) == expected, "CSV did not read back as written")
    return 0
}

enum RosterFuzz {
    static let roster = try! Roster(csv: Data("id,name\ns1,Ana\ns2,Budi\n".utf8))
    static let session = Session(
        id: "week3", created: "2026-11-27T00:00:00Z", mode: "graded", attempts: 1, policy: .best, feedback: .debrief,
        passMark: 60, due: nil, homePage: "https://practicum.local/",
        cases: [Session.Case(id: "a", file: "cases/a.scenario", sha256: "", fingerprint: "")])
}
