import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine

/// A generated class for the grading benchmark: a session folder of one case, a roster, and attempt files
/// played through the engine (random choices, so every step was on offer), some cut short and some forged.
enum ClassGenerator {
    /// Writes the session into `folder` and returns how many attempt files it holds.
    @discardableResult
    static func makeSession(
        in folder: URL, caseFile: URL, scenario: Scenario, students: Int, attemptsEach: Int
    ) throws -> Int {
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        for sub in ["cases", "attempts", "results"] {
            try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var roster = "id,name,email\n"
        for index in 0..<students { roster += "s\(index),Student \(index),s\(index)@kampus.ac.id\n" }
        try roster.write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let source = try Data(contentsOf: caseFile)
        try source.write(to: folder.appendingPathComponent("cases/\(scenario.id).scenario"))
        var session = Session(
            id: "bench", created: "2026-11-27T00:00:00Z", mode: "graded", attempts: attemptsEach, policy: .best,
            feedback: .debrief, passMark: 60, due: nil, homePage: "https://practicum.local/",
            cases: [Session.Case(id: scenario.id, file: "cases/\(scenario.id).scenario", sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
        session.studentKeys = (0..<students).map { session.studentKey("s\($0)") }
        try session.write(folder: folder)

        var generator = SplitMix64(seed: 7)
        var written = 0
        for student in 0..<students {
            for number in 1...attemptsEach {
                let seed = generator.next()
                let engine = Engine(scenario: scenario, order: .shuffled(seed: seed))
                var state = engine.autoContinue(engine.start().state).state
                var log = AttemptLog(header: AttemptLog.Header(
                    id: String(format: "%016llx-%04x", generator.next(), written), caseID: scenario.id,
                    caseHash: scenario.fingerprint, seed: seed, mode: "graded", student: "s\(student)", session: "bench",
                    started: "2026-11-27T09:00:00Z"))
                let stopEarly = generator.next() % 10 == 0
                var step = 0
                while step < 60 {
                    let choices = engine.availableChoices(in: state)
                    guard !choices.isEmpty, !(stopEarly && step == 5) else { break }
                    let chosen = choices[Int(generator.next() % UInt64(choices.count))]
                    guard let next = try? engine.choose(id: chosen.id, in: state) else { break }
                    state = engine.autoContinue(next.state).state
                    step += 1
                    log.entries.append(.step(step: step, choice: chosen.id, at: "2026-11-27T09:\(String(format: "%02d", min(step, 59))):00Z", reflection: nil))
                }
                var text = log.text
                if generator.next() % 50 == 0 { text = text.replacingOccurrences(of: "\"step\":2,", with: "\"step\":7,") }
                try text.write(
                    to: folder.appendingPathComponent("attempts/s\(student)--\(scenario.id)--\(number).jsonl"), atomically: false,
                    encoding: .utf8)
                written += 1
            }
        }
        return written
    }
}

extension ClassGenerator {
    /// A session of the counter hub (`generateCounterHub`) and `students` students, each with one graded
    /// attempt at the attempt file caps (issue 17): 9,999 steps round the loop (Up, Down, ..., then Leave),
    /// every step with a reflection of `reflectionBytes` bytes, so a file of about 64.9 MB with the default
    /// 6,400 bytes, just under `AttemptStore.maximumFileSize` (with 0, no reflection: 0.75 MB a file). The files
    /// are written line by line, never held whole. Returns the size of one file.
    @discardableResult
    static func makeCapsSession(
        in folder: URL, caseFile: URL, scenario: Scenario, students: Int, reflectionBytes: Int = 6_400
    ) throws -> Int {
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        for sub in ["cases", "attempts", "results"] {
            try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var roster = "id,name,email\n"
        for index in 0..<students { roster += "s\(index),Student \(index),s\(index)@kampus.ac.id\n" }
        try roster.write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let source = try Data(contentsOf: caseFile)
        try source.write(to: folder.appendingPathComponent("cases/\(scenario.id).scenario"))
        let session = Session(
            id: "caps", created: "2026-11-27T00:00:00Z", mode: "graded", attempts: 1, policy: .best,
            feedback: .debrief, passMark: 60, due: nil, homePage: "https://practicum.local/",
            cases: [Session.Case(id: scenario.id, file: "cases/\(scenario.id).scenario", sha256: Session.sha256(source), fingerprint: scenario.fingerprint)])
        try session.write(folder: folder)
        // Printable ASCII words, so the line is as the writer writes it and the reflection is as long in characters.
        let words = "I would check what the client wants first, then agree the next step with her. "
        let reflection = String(String(repeating: words, count: reflectionBytes / words.utf8.count + 1).utf8.prefix(reflectionBytes))!
        var size = 0
        for student in 0..<students {
            let header = AttemptLog.Header(
                id: "caps-\(student)", caseID: scenario.id, caseHash: scenario.fingerprint, seed: nil, mode: "graded",
                student: "s\(student)", session: session.id, started: "2026-11-27T09:00:00Z")
            let url = folder.appendingPathComponent("attempts/s\(student)--\(scenario.id)--1.jsonl")
            _ = fm.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var chunk = AttemptLog.line(for: header) + "\n"
            for step in 1...9_999 {
                let choice = ChoiceID(scene: "hub", index: step == 9_999 ? 2 : (step % 2 == 1 ? 0 : 1))
                let at = "2026-11-27T\(String(format: "%02d:%02d:%02d", 9 + step / 3600, step / 60 % 60, step % 60))Z"
                chunk += AttemptLog.line(
                    for: .step(step: step, choice: choice, at: at, reflection: reflectionBytes > 0 ? reflection : nil)) + "\n"
                if chunk.utf8.count > 1 << 20 || step == 9_999 {
                    try handle.write(contentsOf: Data(chunk.utf8))
                    size += chunk.utf8.count
                    chunk = ""
                }
            }
        }
        return size / students
    }
}
