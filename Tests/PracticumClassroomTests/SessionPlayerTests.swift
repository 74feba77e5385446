import Foundation
import PracticumCore
import PracticumEngine
import Testing
@testable import PracticumClassroom

/// Session play driven through the classroom API alone, as a web front end would: open, choose by id, reopen
/// and go on, the attempts allowed, the feedback policy, and the file written (the format terminal play writes).
@Suite("Session player: open, choose, resume, attempts and feedback through the classroom API")
struct SessionPlayerTests {
    /// start (two choices) -> bridge (only continues) -> second (asks for a reflection) -> end.
    static let scenario = Scenario(
        header: .init(title: "Player", id: "player", language: "en", level: "micro"),
        findings: [Finding(id: "rent", text: "The rent is two months behind.")], variables: [],
        scenes: [
            Scene(
                name: "start", paragraphs: [[TextLine(text: "Ibu Sari sits down.")]],
                choices: [
                    Choice(
                        text: "Ask what brings her in.", phase: "engagement", quality: 1, reveals: ["rent"],
                        feedback: "An open question.", target: "bridge"),
                    Choice(text: "Read out the rules.", phase: "engagement", quality: -1, feedback: "Too soon.", target: "bridge"),
                ]),
            Scene(name: "bridge", paragraphs: [[TextLine(text: "A week passes.")]], next: "second"),
            Scene(
                name: "second", paragraphs: [[TextLine(text: "She comes back.")]],
                choices: [
                    Choice(text: "Plan with her.", phase: "planning", quality: 1, target: "end"),
                    Choice(text: "Plan for her.", phase: "planning", quality: -1, target: "end"),
                ],
                reflect: "Why this step now?"),
            Scene(name: "end", ending: "goals-met", paragraphs: [[TextLine(text: "The case closes.")]]),
        ], start: "start")

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("player-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func session(attempts: Int = 1, feedback: Session.Feedback = .debrief, mode: PlayMode = .graded) -> Session {
        Session(
            id: "week3", created: "2026-12-07T09:00:00Z", mode: mode.rawValue, attempts: attempts, policy: .best,
            feedback: feedback, passMark: 60, due: nil, homePage: "https://practicum.local/",
            cases: [Session.Case(id: "player", file: "cases/player.scenario", sha256: "x", fingerprint: Self.scenario.fingerprint)])
    }

    func open(_ session: Session, student: String = "s1", order: ChoiceOrder = .written) throws -> SessionPlayer.Opening {
        try SessionPlayer.open(
            session: session, folder: folder, sessionCase: session.cases[0], scenario: Self.scenario, student: student,
            newOrder: { order })
    }

    func player(_ opening: SessionPlayer.Opening) throws -> SessionPlayer {
        guard case .playing(let player) = opening else {
            Issue.record("expected an attempt to play, got \(opening)")
            throw SessionPlayer.Failure.notChoosing
        }
        return player
    }

    func lines(_ name: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent("attempts/\(name)"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    @Test func aChoiceIsTakenByIdWrittenToTheFileAndTheNextScreenComesAsData() throws {
        var player = try player(open(session()))
        let first = player.screen()
        #expect(first.step == 0 && first.scene == "start" && !first.ended)
        #expect(first.paragraphs == ["Ibu Sari sits down."])
        #expect(first.choices.map(\.text) == ["Ask what brings her in.", "Read out the rules."])
        #expect(first.choices.map(\.id.description) == ["start#1", "start#2"])
        // Opening and looking leave nothing behind: the file is made with the first choice.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("attempts/s1--player--1.jsonl").path))

        let second = try player.choose(ChoiceID(scene: "start", index: 0))
        // Through the scene that only continues, to the next choice; graded feedback is held for the debrief.
        #expect(second.step == 1 && second.scene == "second")
        #expect(second.paragraphs == ["A week passes.", "She comes back."])
        #expect(second.noted == ["The rent is two months behind."])
        #expect(second.feedback.isEmpty)
        #expect(second.reflectPrompt == "Why this step now?")
        let written = try lines("s1--player--1.jsonl")
        #expect(written.count == 2)
        let header = try AttemptLog.read(Data((written.joined(separator: "\n") + "\n").utf8)).log.header
        #expect(header.student == "s1" && header.session == "week3" && header.mode == "graded" && header.seed == nil)
        #expect(header.caseHash == Self.scenario.fingerprint)
        #expect(written[1].hasPrefix("{\"at\":\"") && written[1].hasSuffix("\"choice\":\"start#1\",\"step\":1,\"type\":\"step\"}"))

        let last = try player.choose(ChoiceID(scene: "second", index: 0), reflection: "She leads.")
        #expect(last.ended && last.outcome == "goals-met" && last.choices.isEmpty)
        #expect(try lines("s1--player--1.jsonl")[2].contains("\"reflection\":\"She leads.\""))
    }

    @Test func aChoiceNotOnOfferIsRefusedAndNothingIsWritten() throws {
        var player = try player(open(session()))
        #expect(throws: SessionPlayer.Failure.notOnOffer(ChoiceID(scene: "second", index: 0))) {
            try player.choose(ChoiceID(scene: "second", index: 0))
        }
        #expect(throws: SessionPlayer.Failure.notOnOffer(ChoiceID(scene: "start", index: 7))) {
            try player.choose(ChoiceID(scene: "start", index: 7))
        }
        #expect(player.state.path.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("attempts/s1--player--1.jsonl").path))
        // Undo is practice mode's.
        #expect(throws: SessionPlayer.Failure.cannotUndo) { try player.undo() }
    }

    @Test func reopeningGoesOnWithTheUnfinishedAttemptInItsOwnOrder() throws {
        do {
            var first = try player(open(session(), order: .shuffled(seed: 7)))
            #expect(first.resumed == nil && first.attemptNumber == 1)
            let shown = first.screen().choices
            _ = try first.choose(shown[1].id)
        }
        // Reopened (another process, a web request after a restart): same attempt, same order, one step in.
        var again = try player(open(session(), order: .written))
        #expect(again.resumed?.steps == 1)
        #expect(again.engine.order == .shuffled(seed: 7))
        #expect(again.screen().scene == "second")
        let expected = Engine(scenario: Self.scenario, order: .shuffled(seed: 7))
        let settled = expected.autoContinue(try expected.replay(again.state.path.map { $0.choice })).state
        #expect(again.screen().choices.map(\.id) == expected.availableChoices(in: settled).map(\.id))
        _ = try again.choose(again.screen().choices[0].id)
        let log = try AttemptLog.read(Data(contentsOf: folder.appendingPathComponent("attempts/s1--player--1.jsonl"))).log
        #expect(log.header.seed == 7)
        #expect(log.choices.count == 2)
        #expect(log.entries.enumerated().allSatisfy { index, entry in
            if case .step(let step, _, _, _) = entry { return step == index + 1 }
            return false
        })
    }

    @Test func attemptsLeftAreCountedAndTheLastFinishedOneIsGivenBackWhenNoneAreLeft() throws {
        func playThrough(_ player: inout SessionPlayer) throws {
            _ = try player.choose(ChoiceID(scene: "start", index: 1))
            _ = try player.choose(ChoiceID(scene: "second", index: 1), reflection: "x")
        }
        // Each player in a scope of its own: an open player holds the attempt's lock until it goes away.
        do {
            var first = try player(open(session(attempts: 2)))
            #expect(first.attemptNumber == 1 && first.attemptsLeft == 1)
            try playThrough(&first)
        }
        do {
            var second = try player(open(session(attempts: 2)))
            #expect(second.attemptNumber == 2 && second.attemptsLeft == 0 && second.resumed == nil)
            try playThrough(&second)
            #expect(second.recorder.url.lastPathComponent == "s1--player--2.jsonl")
        }
        guard case .noAttemptsLeft(let used, let last?) = try open(session(attempts: 2)) else {
            Issue.record("a third attempt was opened")
            return
        }
        #expect(used == 2)
        #expect(last.reading.log.header.student == "s1" && last.state.scene == "end")
        // Another student's attempts are their own.
        #expect(try player(open(session(attempts: 2), student: "s2")).attemptNumber == 1)
    }

    /// A student's attempts are found by their file names (`STUDENT--CASE--N`) and headers; other students'
    /// files are never read, so a web page costs the same with 300 students as with one.
    @Test func aStudentsAttemptsAreReadFromTheirOwnFilesOnly() throws {
        do {
            var first = try player(open(session(attempts: 3)))
            _ = try first.choose(ChoiceID(scene: "start", index: 0))
        }
        let store = AttemptStore(directory: folder.appendingPathComponent(Session.attemptsFolder))
        // Another student's unreadable file would count as one of that student's attempts, never as s1's; a file
        // named for s1 whose header is someone else's is not s1's attempt either.
        try Data("not an attempt\n".utf8).write(to: store.directory.appendingPathComponent("s2--player--1.jsonl"))
        let mine = try Data(contentsOf: store.directory.appendingPathComponent("s1--player--1.jsonl"))
        let someoneElse = String(decoding: mine, as: UTF8.self).replacingOccurrences(of: "\"student\":\"s1\"", with: "\"student\":\"s9\"")
        #expect(someoneElse.contains("\"student\":\"s9\""))
        try someoneElse.write(to: store.directory.appendingPathComponent("s1--player--7.jsonl"), atomically: true, encoding: .utf8)
        let attempts = StudentAttempts(store: store, session: session(attempts: 3), student: "s1", caseID: "player")
        #expect(attempts.readable.map(\.url.lastPathComponent) == ["s1--player--1.jsonl"])
        #expect(attempts.unreadable.isEmpty)
        let theirs = StudentAttempts(store: store, session: session(attempts: 3), student: "s2", caseID: "player")
        #expect(theirs.readable.isEmpty && theirs.unreadable.map(\.url.lastPathComponent) == ["s2--player--1.jsonl"])
        // And reopening goes on with s1's own unfinished attempt.
        let again = try player(open(session(attempts: 3)))
        #expect(again.attemptNumber == 1 && again.resumed?.steps == 1)
    }

    @Test func theFeedbackPolicyDecidesWhatTheScreenCarries() throws {
        var immediate = try player(open(session(feedback: .immediate, mode: .practice), student: "a"))
        #expect(immediate.policy == .init(session(feedback: .immediate)))
        #expect(immediate.policy.afterEachChoice && immediate.policy.debriefShown)
        #expect(try immediate.choose(ChoiceID(scene: "start", index: 1)).feedback == ["Too soon."])
        // Practice mode takes a choice back, and the undo is written.
        #expect(try immediate.undo().scene == "start")
        #expect(immediate.undone.map(\.choice.description) == ["start#2"])
        #expect(try lines("a--player--1.jsonl").last?.contains("\"type\":\"undo\"") == true)

        var debrief = try player(open(session(feedback: .debrief), student: "b"))
        #expect(!debrief.policy.afterEachChoice && debrief.policy.debriefShown)
        #expect(try debrief.choose(ChoiceID(scene: "start", index: 1)).feedback.isEmpty)

        var held = session(feedback: .released)
        #expect(!SessionPlayer.FeedbackPolicy(held).debriefShown && !SessionPlayer.FeedbackPolicy(held).afterEachChoice)
        held.released = true
        #expect(SessionPlayer.FeedbackPolicy(held).debriefShown)
    }

    // MARK: One player of an attempt at a time

    @Test func aSecondPlayerOfTheSameAttemptIsRefusedAndNothingIsLost() throws {
        do {
            var first = try player(open(session(attempts: 2)))
            _ = try first.choose(ChoiceID(scene: "start", index: 0))
            // A second window (here a second player in the same process, as a server would open one) is refused.
            do {
                _ = try open(session(attempts: 2))
                Issue.record("a second player opened the attempt")
            } catch let busy as AttemptLock.Busy {
                #expect(busy.description.hasPrefix("this attempt is open in another window (pid \(getpid()) on "))
                #expect(busy.description.hasSuffix("nothing was changed"))
            }
            // Another student is not held up.
            #expect(try player(open(session(), student: "s2")).attemptNumber == 1)
            // The first player goes on, its file whole.
            let last = try first.choose(ChoiceID(scene: "second", index: 0), reflection: "Hers.")
            #expect(last.ended)
            #expect(try lines("s1--player--1.jsonl").count == 3)
        }
        // Once the first player is gone, the student plays again: a new attempt, the first one whole.
        let again = try player(open(session(attempts: 2)))
        #expect(again.attemptNumber == 2 && again.resumed == nil)
        let log = try AttemptLog.read(Data(contentsOf: folder.appendingPathComponent("attempts/s1--player--1.jsonl"))).log
        #expect(log.choices.map(\.description) == ["start#1", "second#1"])
    }

    @Test func aLockFileLeftBehindBlocksNoOne() throws {
        // What a killed player leaves: the lock file, with its holder's words, and no holder.
        let lockFile = folder.appendingPathComponent("attempts/" + AttemptLock.fileName(student: "s1", caseID: "player"))
        try FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "pid 999999 on lab-07 since 2026-12-01T09:00:00Z\n".write(to: lockFile, atomically: true, encoding: .utf8)
        var player = try player(open(session()))
        _ = try player.choose(ChoiceID(scene: "start", index: 1))
        #expect(try String(contentsOf: lockFile, encoding: .utf8).hasPrefix("pid \(getpid()) on "))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func aLockHeldByAProcessKilledWithSIGKILLIsFreeOnceItIsGone() throws {
        let lockFile = folder.appendingPathComponent("attempts/" + AttemptLock.fileName(student: "s1", caseID: "player"))
        try FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Another process takes the lock, says so, and waits (the shell becomes `sleep`, keeping the locked file).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9>>\"$0\"; /usr/bin/flock -x 9; echo held; exec sleep 600", lockFile.path]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said += chunk
        }
        try #require(String(decoding: said, as: UTF8.self).contains("held"))
        #expect(throws: AttemptLock.Busy.self) { try open(session()) }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        // Gone with its process: the student plays.
        var player = try player(open(session()))
        #expect(try player.choose(ChoiceID(scene: "start", index: 0)).step == 1)
    }
}

/// Session play with a signing key: every line signed, and an unfinished attempt goes on with its chain.
@Suite("Session player: signed attempts")
struct SessionPlayerSigningTests {
    @Test func aPlayerWithAKeySignsEveryLineAndResumingContinuesTheChain() throws {
        let base = try SessionPlayerTests()
        let session = base.session()
        let key = AttemptKey(code: "ABCDE-FGHJK", session: "week3", student: "s1")
        func open() throws -> SessionPlayer {
            try base.player(SessionPlayer.open(
                session: session, folder: base.folder, sessionCase: session.cases[0], scenario: SessionPlayerTests.scenario,
                student: "s1", signingKey: key, newOrder: { .shuffled(seed: 3) }))
        }
        do {
            var player = try open()
            _ = try player.choose(player.screen().choices[0].id)
        }
        var again = try open()
        #expect(again.resumed?.steps == 1)
        let last = try again.choose(again.screen().choices[1].id, reflection: "Together.")
        #expect(last.ended)
        let url = base.folder.appendingPathComponent("attempts/s1--player--1.jsonl")
        let log = try AttemptLog.read(Data(contentsOf: url)).log
        #expect(log.lineMACs.count == 3 && log.lineMACs.allSatisfy { $0 != nil })
        #expect(log.signature(keys: [key]) == .verified)
        #expect(log.signature(keys: [AttemptKey(code: "ABCDE-FGHJK", session: "week3", student: "s2")]) != .verified)
    }
}
