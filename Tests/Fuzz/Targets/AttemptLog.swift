// Fuzz target: a classroom attempt file (JSON lines) as `grade` judges it: read strictly (a torn last line
// dropped), then every step replayed against a session of the bundled cases, the score worked out again, the
// gradebook row, its CSV and the Markdown debrief. Whatever the bytes, the verdict is one of graded,
// incomplete or rejected, and nothing crashes. Each line the shortcuts for plain step lines and flat objects
// read must read the same through the general JSON reader.
import Foundation
@testable import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumScoring

enum ClassroomFuzz {
    static let roster: Roster = {
        try! Roster(csv: Data("id,name,email\ns1,\"Okafor, Ana\",a@x\ns2,=1+1,b@x\n".utf8))
    }()

    static let session = Session(
        id: "week3", created: "2026-11-27T00:00:00Z", mode: "practice", attempts: 2, policy: .best, feedback: .debrief,
        passMark: 60, due: "2026-11-27T12:00:00Z", homePage: "https://practicum.local/",
        cases: Fuzz.cases.map { Session.Case(id: $0.scenario.id, file: "cases/\($0.scenario.id).scenario", sha256: "", fingerprint: $0.scenario.fingerprint) })

    static let grader = Grader(
        session: session, roster: roster,
        cases: Dictionary(uniqueKeysWithValues: Fuzz.cases.map {
            ($0.scenario.id, Grader.GradedCase(scenario: $0.scenario, fingerprint: $0.scenario.fingerprint, scorer: $0.scorer))
        }))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttemptLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let all = [UInt8](bytes)
    for line in all.split(separator: 0x0A, omittingEmptySubsequences: false) {
        if let shortcut = AttemptLog.plainStep(line) {
            precondition(shortcut == (try? AttemptLog.parsedEntry(line, number: 2)), "the plain-step shortcut read a line otherwise")
        }
        if let shortcut = AttemptLog.plainObject(line) {
            precondition(shortcut == (try? JSONValue.parse(line)), "the flat-object shortcut read a line otherwise")
        }
    }
    if let reading = try? AttemptLog.read(bytes) {
        // What is read writes back as whole lines that read the same.
        let again = try? AttemptLog.read(Data(reading.log.text.utf8))
        precondition(again?.log == reading.log, "an attempt did not read back as written")
        precondition(reading.wholeLength <= size, "whole lines longer than the file")
    }
    let judged = ClassroomFuzz.grader.judge(bytes, file: "s1--fuzz--1.jsonl")
    var book = Gradebook(session: ClassroomFuzz.session, roster: ClassroomFuzz.roster)
    book.add(judged)
    book.add(judged)  // the same attempt twice: both are marked for review
    let csv = book.csv()
    precondition((try? CSVReader.records(csv)) != nil, "the gradebook is not readable CSV")
    for entry in book.entries where entry.counted != nil {
        guard let scenario = Fuzz.cases.first(where: { $0.scenario.id == entry.caseID })?.scenario else { continue }
        let text = StudentDebrief.markdown(entry: entry, scenario: scenario, passMark: 60)
        precondition(!text.contains("\u{1B}"), "an escape sequence in a debrief")
    }
    return 0
}
