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

extension ClassroomFuzz {
    static let codes: SessionCodes = {
        var codes = SessionCodes(session: "week3")
        codes.add(student: "s1")
        codes.add(student: "s2")
        return codes
    }()
    static let key = codes.signingKey(student: "s1")!
    static let graderWithCodes = Grader(session: session, roster: roster, cases: grader.cases, codes: codes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttemptLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let all = [UInt8](bytes)
    for line in all.split(separator: 0x0A, omittingEmptySubsequences: false) {
        if let shortcut = AttemptLog.plainStep(line) {
            precondition(shortcut == (try? AttemptLog.parsedEntry(line, number: 2)), "the plain-step shortcut read a line otherwise")
        }
        if let shortcut = AttemptLog.plainSignedStep(line) {
            let general = try? AttemptLog.parsedSignedEntry(line, number: 2)
            precondition(shortcut.0 == general?.0 && shortcut.mac == general?.mac, "the signed-step shortcut read a line otherwise")
        }
        if let shortcut = AttemptLog.plainObject(line) {
            precondition(shortcut == (try? JSONValue.parse(line)), "the flat-object shortcut read a line otherwise")
        }
    }
    // The streamed reader, fed the bytes in pieces cut where the input says, gives the whole-file reader's reading
    // or its problem, word for word; read with its reflections capped, the same standing steps and reflections.
    var whole: Result<AttemptLog.Reading, AttemptLog.Problem>
    do {
        whole = .success(try AttemptLog.read(bytes: all))
    } catch {
        whole = .failure(error)
    }
    let cut = size == 0 ? 0 : Int(all[0]) % (size + 1)
    let middle = (cut + size) / 2
    let pieces = [Array(all[..<cut]), Array(all[cut..<middle]), Array(all[middle...])]
    var streamed: Result<AttemptLog.Reading, AttemptLog.Problem>
    do {
        streamed = .success(try AttemptLog.read(pieces: pieces))
    } catch {
        streamed = .failure(error)
    }
    precondition(streamed == whole, "the streamed reader read the bytes otherwise than the whole-file reader")
    if case .success(let reading) = whole {
        let capped = try? AttemptLog.read(pieces: pieces, reflections: .capped).log
        precondition(
            capped?.standing.map(\.reflection) == reading.log.standing.map(\.reflection)
                && capped?.choices == reading.log.choices,
            "the capped reading's standing steps differ")
    }
    if let reading = try? AttemptLog.read(bytes) {
        // What is read writes back as whole lines that read the same (unsigned: the macs are not written back),
        // and signed with a key, reads back the same and verifies under it.
        let again = try? AttemptLog.read(Data(reading.log.text.utf8))
        precondition(
            again?.log.header == reading.log.header && again?.log.entries == reading.log.entries && again?.log.lineMACs == [],
            "an attempt did not read back as written")
        let signed = try? AttemptLog.read(Data(reading.log.signedText(key: ClassroomFuzz.key).utf8))
        precondition(signed?.log.entries == reading.log.entries, "a signed attempt did not read back as written")
        precondition(signed?.log.signature(keys: [ClassroomFuzz.key]) == .verified, "a signed attempt did not verify")
        _ = reading.log.signature(keys: [ClassroomFuzz.key])
        precondition(reading.wholeLength <= size, "whole lines longer than the file")
    }
    // With codes too: whatever the macs, a verdict, and nothing counted that does not verify.
    let withCodes = ClassroomFuzz.graderWithCodes.judge(bytes, file: "s1--fuzz--1.jsonl")
    if case .graded = withCodes.verdict, withCodes.provenance != .signed {
        precondition(withCodes.reviewReason != nil, "an unsigned attempt graded without review in a session with codes")
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
