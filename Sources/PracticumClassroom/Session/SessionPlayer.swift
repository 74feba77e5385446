import Foundation
import PracticumCore
import PracticumEngine

/// A student's attempts at one case of a session, as the session's attempts folder holds them.
public struct StudentAttempts {
    /// Files that read, oldest first.
    public var readable: [(url: URL, reading: AttemptLog.Reading)]
    /// Files named for this student and case that cannot be read: they count as used attempts.
    public var unreadable: [(url: URL, problem: AttemptLog.Problem)]

    /// How many attempts the student has used (readable or not).
    public var count: Int { readable.count + unreadable.count }

    /// Every attempt file in the store that is this student's at this case in this session: the files named
    /// `STUDENT--CASE--...` (as `AttemptStore.newFileURL` names a session's attempts) whose header says so too.
    /// Only those files are read, so the cost does not grow with the class (a web page of 300 students used
    /// to read all 300 students' files).
    public init(store: AttemptStore, session: Session, student: String, caseID: String) {
        readable = []
        unreadable = []
        let prefix = "\(student)--\(caseID)--"
        for entry in store.entries(named: prefix) {
            switch entry.reading {
            case .success(let reading):
                let header = reading.log.header
                if header.student == student && header.caseID == caseID && header.session == session.id {
                    readable.append((entry.url, reading))
                }
            case .failure(let problem):
                if entry.name.hasPrefix(prefix) { unreadable.append((entry.url, problem)) }
            }
        }
    }
}

/// One student's play of one case of a session, as any front end drives it: opened for (session, student),
/// it finds the attempt to go on with or starts a new one within the attempts allowed, takes choices by id,
/// appends each confirmed choice to the attempt file (the same lines terminal play writes, each flushed to the
/// disk before the choice is confirmed) and answers with the next screen as data, with only the feedback the
/// session's policy allows.
///
/// While a player is open it holds its attempt's lock (`AttemptLock`), so a second player of the same student
/// and case, in this process or another, is refused until this one goes away.
public struct SessionPlayer {
    /// What `open` found.
    public enum Opening {
        /// An attempt to play: the unfinished one, or a new one.
        case playing(SessionPlayer)
        /// Every attempt allowed is used and none is unfinished; `last` is the latest attempt when it reached an
        /// ending (for showing its debrief again), settled in its ending.
        case noAttemptsLeft(used: Int, last: FinishedAttempt?)
    }

    /// An attempt that reached an ending.
    public struct FinishedAttempt {
        public var reading: AttemptLog.Reading
        public var engine: Engine
        /// The state in its ending (after any scenes that only continue).
        public var state: CaseState
    }

    /// What the student may be shown, from the session's settings.
    public struct FeedbackPolicy: Equatable, Sendable {
        /// Whether each choice's feedback follows it (`--feedback immediate`).
        public var afterEachChoice: Bool
        /// Whether the debrief at the end may be shown (not while the instructor holds it back).
        public var debriefShown: Bool

        /// A policy as given.
        public init(afterEachChoice: Bool, debriefShown: Bool) {
            self.afterEachChoice = afterEachChoice
            self.debriefShown = debriefShown
        }

        /// The policy a session's settings give.
        public init(_ session: Session) {
            afterEachChoice = session.feedback == .immediate
            debriefShown = !(session.feedback == .released && !session.released)
        }
    }

    /// What the student sees next, as data for a front end to render.
    public struct Screen: Equatable, Sendable {
        /// A choice on offer, in the attempt's order.
        public struct Choice: Equatable, Sendable {
            /// Its number as shown (from 1, in the attempt's order).
            public var number: Int
            /// Its id, which `choose` takes.
            public var id: ChoiceID
            public var text: String
        }

        /// Standing steps so far.
        public var step: Int
        /// The scene the student is in (after any scenes that only continue).
        public var scene: String
        /// The text since the last choice: the paragraphs of every scene passed through, in order.
        public var paragraphs: [String]
        /// What the last choice changed: findings new to the case notes, and to the plan (their text).
        public var noted: [String]
        public var planned: [String]
        /// The last choice's feedback, when the policy shows feedback after each choice; otherwise empty.
        public var feedback: [String]
        /// The choices on offer; empty at an ending or when stuck.
        public var choices: [Choice]
        /// The scene's question for a few written sentences before choosing (format v1.2), if any.
        public var reflectPrompt: String?
        /// The ending's outcome id, once the case has ended.
        public var outcome: String?
        /// Whether the case has no way forward (a fault in the case).
        public var stuck: Bool

        /// Whether the case reached an ending.
        public var ended: Bool { outcome != nil }
    }

    /// Why a choice was not taken. Nothing is written when a choice is refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The choice is not on offer at this step.
        case notOnOffer(ChoiceID)
        /// The case is not waiting for a choice (it ended, or is stuck).
        case notChoosing
        /// Undo is for practice mode, and needs a step to take back.
        case cannotUndo
        /// The attempt file could not be written: the choice is not taken.
        case notSaved(String)

        public var description: String {
            switch self {
            case .notOnOffer(let id): return "choice \(id) is not on offer here"
            case .notChoosing: return "the case is not waiting for a choice"
            case .cannotUndo: return "there is no choice to take back"
            case .notSaved(let reason): return "the choice could not be saved, so it was not taken: \(reason)"
            }
        }
    }

    public let session: Session
    public let sessionCase: Session.Case
    public let student: String
    public let mode: PlayMode
    public let policy: FeedbackPolicy
    /// The engine in the attempt's order (its seed, or the written order).
    public let engine: Engine
    /// Where the attempt stands: replayed from its file, or the start. A scene that only continues is left
    /// for the front end to show (`screen()` passes through it).
    public private(set) var state: CaseState
    /// Writes the attempt file (made at the first step of a new attempt).
    public let recorder: AttemptRecorder
    /// The choices taken back so far (practice mode).
    public private(set) var undone: [UndoneChoice]
    /// Where each standing step started, so that undo need not replay the path.
    private var trail: UndoTrail
    /// What the last choice taken did, as the engine said it (for a front end that renders events itself).
    public private(set) var lastEvents: [Event] = []
    /// When an unfinished attempt was gone on with: its standing steps then, and whether a last line cut
    /// short (a crash while writing) was dropped.
    public let resumed: (steps: Int, droppedTornLine: Bool)?
    /// Which of the student's attempts at this case this is (from 1).
    public let attemptNumber: Int
    /// Files of this student and case that cannot be read (each counts as an attempt used), kept as they are.
    public let unreadableFiles: [URL]
    /// The attempt's lock, held for as long as the player exists.
    private let lock: AttemptLock

    /// Attempts the student has after this one.
    public var attemptsLeft: Int { max(0, session.attempts - attemptNumber) }

    /// Opens the student's play of a case: the unfinished attempt if the latest one is unfinished (whatever
    /// the attempts allowed), else a new one if any are left, else `noAttemptsLeft`. `newOrder` is asked only
    /// for a new attempt (the order its choices are shown in; its seed goes in the header).
    ///
    /// The caller checks first that the student is on the roster and that `scenario` is the session's
    /// verified copy of `sessionCase`. Throws `AttemptLock.Busy` when another player has this attempt open,
    /// and `AttemptWriter.Failure` when an unfinished attempt cannot be opened to go on.
    ///
    /// With a `signingKey` (the student's, in a session with codes: `SessionCodes.signingKey(student:)`, or
    /// `AttemptKey(code:session:student:)` from the code the student typed), every line written is signed with
    /// it, and an unfinished signed attempt goes on with its chain (see `AttemptChain`).
    public static func open(
        session: Session, folder: URL, sessionCase: Session.Case, scenario: Scenario, student: String,
        signingKey: AttemptKey? = nil, newOrder: () -> ChoiceOrder
    ) throws -> Opening {
        let store = AttemptStore(directory: folder.appendingPathComponent(Session.attemptsFolder))
        // The lock first, so that no other player starts or appends an attempt of this student and case while
        // this one decides which attempt to play.
        let lock = try AttemptLock.acquire(
            store.directory.appendingPathComponent(AttemptLock.fileName(student: student, caseID: scenario.id)))
        let mine = StudentAttempts(store: store, session: session, student: student, caseID: scenario.id)
        let mode = session.playMode ?? .graded
        if let (url, reading) = mine.readable.last, reading.log.header.caseHash == sessionCase.fingerprint {
            let log = reading.log
            let engine = Engine(scenario: scenario, order: log.header.seed.map { .shuffled(seed: $0) } ?? .written)
            if let state = try? engine.replay(log.choices) {
                let settled = engine.autoContinue(state).state
                if case .ended = engine.status(of: settled) {
                    if mine.count >= session.attempts {
                        return .noAttemptsLeft(used: mine.count, last: FinishedAttempt(reading: reading, engine: engine, state: settled))
                    }
                } else {
                    return .playing(SessionPlayer(
                        session: session, sessionCase: sessionCase, student: student, mode: mode, engine: engine,
                        state: state, recorder: try AttemptRecorder(resuming: url, reading: reading, signingKey: signingKey),
                        undone: log.undone(in: scenario), resumed: (log.choices.count, reading.droppedTornLine),
                        attemptNumber: mine.count, unreadableFiles: mine.unreadable.map(\.url), lock: lock))
                }
            }
        }
        guard mine.count < session.attempts else { return .noAttemptsLeft(used: mine.count, last: nil) }
        let engine = Engine(scenario: scenario, order: newOrder())
        let url = store.newFileURL(caseID: scenario.id, mode: mode.rawValue, student: student, number: mine.count + 1)
        let header = AttemptLog.Header(
            caseID: scenario.id, caseHash: sessionCase.fingerprint, seed: engine.order.seed, mode: mode.rawValue,
            student: student, session: session.id)
        return .playing(SessionPlayer(
            session: session, sessionCase: sessionCase, student: student, mode: mode, engine: engine,
            state: engine.start().state, recorder: AttemptRecorder(newAttemptAt: url, signingKey: signingKey) { header }, undone: [], resumed: nil,
            attemptNumber: mine.count + 1, unreadableFiles: mine.unreadable.map(\.url), lock: lock))
    }

    private init(
        session: Session, sessionCase: Session.Case, student: String, mode: PlayMode, engine: Engine, state: CaseState,
        recorder: AttemptRecorder, undone: [UndoneChoice], resumed: (steps: Int, droppedTornLine: Bool)?,
        attemptNumber: Int, unreadableFiles: [URL], lock: AttemptLock
    ) {
        self.session = session
        self.sessionCase = sessionCase
        self.student = student
        self.mode = mode
        policy = FeedbackPolicy(session)
        self.engine = engine
        self.state = state
        trail = UndoTrail(engine: engine, along: state)
        self.recorder = recorder
        self.undone = undone
        self.resumed = resumed
        self.attemptNumber = attemptNumber
        self.unreadableFiles = unreadableFiles
        self.lock = lock
    }

    // MARK: Playing

    /// The screen where the attempt stands, passing through scenes that only continue.
    public func screen() -> Screen {
        screen(from: state, after: [])
    }

    /// Takes the choice with this id (with the student's written reasons, when the scene asks), appends it to
    /// the attempt file and flushes it to the disk, and returns the next screen. A choice not on offer, or one
    /// that cannot be written, is not taken and changes nothing. A reflection longer than
    /// `ReflectionCaps.perReflection` is kept cut, with the marker.
    public mutating func choose(_ id: ChoiceID, reflection: String? = nil) throws(Failure) -> Screen {
        // The state is moved on where it is: a new state beside the old one would copy the whole path at every
        // step. Passing the scenes that only continue first changes nothing the student has not been shown.
        if case .continuing = engine.status(of: state) { state = settled(state).state }
        guard case .choosing(let offered) = engine.status(of: state) else { throw .notChoosing }
        guard let pick = offered.first(where: { $0.id == id }), engine.leadsToAScene(pick) else { throw .notOnOffer(id) }
        if let problem = recorder.record(
            .step(
                step: state.path.count + 1, choice: id, at: AttemptLog.timestamp(),
                reflection: reflection.map { ReflectionCaps.cut($0, to: ReflectionCaps.perReflection) }))
        {
            throw .notSaved(problem)
        }
        trail.willTake(in: state)
        do {
            lastEvents = try engine.take(offered: pick, in: &state)
        } catch {
            trail.notTaken()
            // Not reached: a target scene the case lacks is the one way a choice on offer fails, and
            // `leadsToAScene` ruled it out above.
            throw .notOnOffer(id)
        }
        return screen(from: state, after: lastEvents)
    }

    /// Takes back the last choice (practice mode only), records the undo and returns the screen before it.
    public mutating func undo() throws(Failure) -> Screen {
        if case .continuing = engine.status(of: state) { state = settled(state).state }
        guard mode == .practice, let last = state.path.last else { throw .cannotUndo }
        // Taken back where it is, from the trail; replayed only when the trail has no mark for the step.
        guard let undo = trail.undo(of: state, engine: engine) else { throw .cannotUndo }
        let step = state.path.count
        if let problem = recorder.record(.undo(step: step, at: AttemptLog.timestamp())) { throw .notSaved(problem) }
        undone.append(UndoneChoice(step: step, choice: last.choice, text: last.text))
        trail.apply(undo, to: &state)
        lastEvents = []
        return screen()
    }

    /// The state after any scenes that only continue, with the paragraphs and events passed on the way.
    private func settled(_ start: CaseState) -> (state: CaseState, paragraphs: [String], events: [Event]) {
        Self.settled(start, engine: engine)
    }

    private static func settled(_ start: CaseState, engine: Engine) -> (state: CaseState, paragraphs: [String], events: [Event]) {
        var state = start
        var paragraphs = engine.paragraphs(of: state)
        var events: [Event] = []
        var passed = 0
        while case .continuing = engine.status(of: state), passed < engine.scenario.scenes.count,
            let next = try? engine.continue(from: state)
        {
            state = next.state
            events += next.events
            paragraphs += engine.paragraphs(of: state)
            passed += 1
        }
        return (state, paragraphs, events)
    }

    private func screen(from start: CaseState, after choiceEvents: [Event]) -> Screen {
        Self.screen(engine: engine, from: start, after: choiceEvents, policy: policy)
    }

    /// The screen a play of `engine` shows at `start` (passing through scenes that only continue) after a choice
    /// whose events were `choiceEvents`, with the feedback `policy` allows: what `screen()` and `choose` answer,
    /// for a front end that plays a case in memory without a session (the web's library mode).
    public static func screen(engine: Engine, from start: CaseState, after choiceEvents: [Event], policy: FeedbackPolicy) -> Screen {
        let (state, paragraphs, passedEvents) = settled(start, engine: engine)
        let scenario = engine.scenario
        var noted: [String] = []
        var planned: [String] = []
        var feedback: [String] = []
        for event in choiceEvents + passedEvents {
            switch event {
            case .revealed(let finding): noted.append(scenario.finding(named: finding)?.text ?? finding)
            case .addressed(let finding): planned.append(scenario.finding(named: finding)?.text ?? finding)
            case .feedback(let text) where policy.afterEachChoice: feedback.append(text)
            default: continue
            }
        }
        var choices: [Screen.Choice] = []
        var outcome: String?
        var stuck = false
        switch engine.status(of: state) {
        case .choosing(let offered):
            choices = offered.map { Screen.Choice(number: $0.number, id: $0.id, text: $0.choice.text) }
        case .ended(let ending): outcome = ending
        case .stuck, .continuing: stuck = true
        }
        return Screen(
            step: state.path.count, scene: state.scene, paragraphs: paragraphs, noted: noted, planned: planned,
            feedback: feedback, choices: choices,
            reflectPrompt: choices.isEmpty ? nil : scenario.scene(named: state.scene)?.reflect, outcome: outcome,
            stuck: stuck)
    }
}

extension AttemptStore {
    /// The latest solo attempt at a case in a mode, as play judges it.
    public enum SoloAttempt {
        /// No attempt, or the latest one reached an ending.
        case none
        /// An attempt that can go on from `state`.
        case resumable(url: URL, reading: AttemptLog.Reading, engine: Engine, state: CaseState)
        /// An attempt played on another version of the case.
        case changed(url: URL, steps: Int, recorded: String)
        /// An attempt file that cannot be read.
        case unreadable(url: URL, problem: AttemptLog.Problem)
        /// An attempt whose steps this case no longer has.
        case doesNotFit(url: URL, steps: Int, reason: String)
    }

    /// The latest solo attempt (not a session's) at this case in this mode, by when it was last written, judged
    /// against the case (`fingerprint` is asked for only when there is one).
    public func latestSolo(scenario: Scenario, mode: PlayMode, fingerprint: () -> String) -> SoloAttempt {
        // Solo attempts are named CASE--MODE--TIME, so only this case's files are read.
        let prefix = "\(scenario.id)--\(mode.rawValue)--"
        // Only the newest files are read, down to the first that is this case's: older attempts are not read.
        let latest = self.latest(named: prefix) { entry in
            switch entry.reading {
            case .success(let reading): return reading.log.header.caseID == scenario.id && reading.log.header.mode == mode.rawValue
                && reading.log.header.session == nil
            case .failure: return entry.name.hasPrefix(prefix)
            }
        }
        guard let latest else { return .none }
        let reading: AttemptLog.Reading
        switch latest.reading {
        case .failure(let problem): return .unreadable(url: latest.url, problem: problem)
        case .success(let read): reading = read
        }
        let log = reading.log
        guard log.header.caseHash == fingerprint() else {
            return .changed(url: latest.url, steps: log.choices.count, recorded: log.header.caseHash)
        }
        let engine = Engine(scenario: scenario, order: log.header.seed.map { .shuffled(seed: $0) } ?? .written)
        do {
            let state = try engine.replay(log.choices)
            if case .ended = engine.status(of: engine.autoContinue(state).state) { return .none }
            return .resumable(url: latest.url, reading: reading, engine: engine, state: state)
        } catch {
            return .doesNotFit(url: latest.url, steps: log.choices.count, reason: "\(error)")
        }
    }
}
