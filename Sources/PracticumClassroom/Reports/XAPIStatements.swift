import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

/// An attempt as xAPI 1.0.3 statements, so that a learning record store can take a session's results.
///
/// Per attempt, sharing one `registration` (the attempt's id): `attempted` the case at its start; per
/// choice, `answered` with the scene as a `cmi.interaction` activity of type `choice` (listing its choices
/// the first time the file names the scene),
/// the chosen choice's id as `result.response`, and its phase, quality and ethics flags in
/// `result.extensions`; then, once it reached an ending, `completed` (with its duration) and `passed` or
/// `failed` against the pass mark, with the score (`scaled`, `raw`, `min`, `max`), `success`, `completion`
/// and duration, and the per-dimension scores in `result.extensions`. An attempt that needs review (a
/// critical breach) is never `passed`. The session is a `grouping` context activity, the case a `parent`
/// (its fingerprint is the context's `revision`); the context's `record` extension says where the record comes
/// from (`self-reported`, or `signed` in a session with codes), and a file marked for review (unsigned in a
/// session with codes) is never `passed` either. The actor is an account on the session's home page.
/// Statement ids are derived from the attempt, so grading again gives the same statements.
public enum XAPIStatements {
    static let verbs = "http://adlnet.gov/expapi/verbs/"

    /// The statements of one judged attempt (none for a rejected one), each as compact JSON.
    ///
    /// `described` holds the scenes whose activity was already given in full (with its choices) by earlier
    /// statements of the same file: later answers to such a scene give its id, name and interaction type
    /// only, as an LRS keeps the definition it was given first. Start with an empty one per file.
    public static func statements(
        for judged: Grader.Judged, attempt log: AttemptLog?, session: Session, roster: Roster, scenario: Scenario?,
        passMark: Int, described: inout Described
    ) -> [String] {
        guard let log, let scenario, let student = log.header.student.flatMap(roster.student(id:)) else { return [] }
        switch judged.verdict {
        case .rejected: return []
        case .graded, .incomplete: break
        }
        let pieces = Pieces.of(scenario, session: session)
        let extensions = pieces.extensions
        let registration = uuid(from: "registration\u{0}" + log.header.id)
        // Written by hand with the members in sorted order, as `JSONOut` would write them (once per attempt).
        var actorText = "{\"account\":{\"homePage\":" + JSONText.quote(session.homePage) + ",\"name\":"
            + JSONText.quote(student.id) + "}"
        if !student.name.isEmpty { actorText += ",\"name\":" + JSONText.quote(student.name) }
        actorText += ",\"objectType\":\"Agent\"}"
        /// The context, the same for every statement of the attempt (answers also name the case as parent).
        func contextText(parent: Bool) -> String {
            "{\"contextActivities\":" + (parent ? pieces.activitiesWithParent : pieces.activities) + ",\"extensions\":{"
                + JSONText.quote(extensions + "mode") + ":" + JSONText.quote(log.header.mode) + ","
                + JSONText.quote(extensions + "record") + ":" + JSONText.quote(judged.provenance.rawValue) + "},\"registration\":"
                + JSONText.quote(registration) + ",\"revision\":" + JSONText.quote(log.header.caseHash) + "}"
        }
        let contexts = (plain: contextText(parent: false), withParent: contextText(parent: true))
        var number = 0
        /// What a statement's id is derived from: `statement`, the attempt's id and the statement's number,
        /// separated by NUL bytes; the part before the number is kept from one statement to the next.
        var idInput = Array("statement\u{0}\(log.header.id)\u{0}".utf8)
        let idBase = idInput.count
        /// A statement, written member by member in the sorted order `JSONOut` would give them, from pieces
        /// already written as JSON (the object and the result).
        func statement(_ verb: KeyPath<Pieces, String>, object: String, result: String?, at timestamp: String, parent: Bool = false) -> String {
            number += 1
            var out = "{\"actor\":"
            out.reserveCapacity(actorText.utf8.count + object.utf8.count + (result?.utf8.count ?? 0) + 640)
            out += actorText
            out += ",\"context\":"
            out += parent ? contexts.withParent : contexts.plain
            out += ",\"id\":\""
            idInput.removeSubrange(idBase...)
            idInput += String(number).utf8
            out += uuid(of: idInput)
            out += "\",\"object\":"
            out += object
            if let result {
                out += ",\"result\":"
                out += result
            }
            // Only a time that reads as ISO 8601 goes in (attempt files with any other are refused when read, but an
            // attempt made in memory is not read): otherwise the statement has no timestamp, which xAPI allows.
            if Timestamp.seconds(timestamp) != nil {
                out += ",\"timestamp\":"
                JSONText.appendQuoted(timestamp, to: &out)
            }
            out += ",\"verb\":"
            out += pieces[keyPath: verb]
            out += ",\"version\":\"1.0.3\"}"
            return out
        }

        var list = [statement(\.attempted, object: pieces.caseActivity, result: nil, at: log.header.started)]
        let standing = log.standing
        list.reserveCapacity(standing.count + 3)
        for step in standing {
            // The scene's parts are read where they lie, by its position in the case.
            guard let position = scenario.position(ofScene: step.choice.scene),
                scenario.scenes[position].choices.indices.contains(step.choice.index), let activity = pieces.scenes[position]
            else { continue }
            let first = described.scenes.insert(Described.Scene(pieces: ObjectIdentifier(pieces), position: position)).inserted
            let sceneActivity = first ? activity.full : activity.brief
            var result = "{\"extensions\":"
            if let reflection = step.reflection {
                var members = Pieces.flags(of: scenario.scenes[position].choices[step.choice.index], extensions: extensions)
                members[extensions + "reflection"] = .string(reflection)
                JSONOut.object(members).write(to: &result)
            } else {
                result += pieces.flags[position][step.choice.index]
            }
            result += ",\"response\":"
            JSONText.appendQuoted(step.choice.description, to: &result)
            result += "}"
            list.append(statement(\.answered, object: sceneActivity, result: result, at: step.at, parent: true))
        }
        guard case .graded(let report, _, let finished, _) = judged.verdict else { return list }
        let duration = isoDuration(from: log.header.started, to: finished)
        list.append(statement(
            \.completed, object: pieces.caseActivity,
            result: "{\"completion\":true,\"duration\":" + JSONText.quote(duration) + "}", at: finished))
        // A file marked for review (unsigned in a session with codes) neither passes nor stands until reviewed.
        let needsReview = report.needsReview || judged.reviewReason != nil
        let passed = report.overall >= passMark && !needsReview
        // Members in sorted order, as `JSONOut` would write them; the dimensions sorted by name.
        let dimensions = report.dimensions.map { ($0.key.rawValue, $0.value) }.sorted { $0.0 < $1.0 }
            .map { JSONText.quote($0.0) + ":" + String($0.1) }.joined(separator: ",")
        let result = "{\"completion\":true,\"duration\":" + JSONText.quote(duration) + ",\"extensions\":{"
            + JSONText.quote(extensions + "dimensions") + ":{" + dimensions + "},"
            + JSONText.quote(extensions + "level") + ":" + JSONText.quote(report.level.rawValue) + ","
            + JSONText.quote(extensions + "needsReview") + ":" + (needsReview ? "true" : "false")
            + "},\"score\":{\"max\":100,\"min\":0,\"raw\":" + String(report.overall) + ",\"scaled\":"
            + JSONOut.double(Double(report.overall) / 100).text + "},\"success\":" + (passed ? "true" : "false") + "}"
        list.append(statement(passed ? \.passed : \.failed, object: pieces.caseActivity, result: result, at: finished))
        return list
    }

    /// The scene activities a statements file has already defined in full (see `statements`): start each file
    /// with an empty one.
    public struct Described {
        struct Scene: Hashable {
            let pieces: ObjectIdentifier
            let position: Int
        }
        var scenes: Set<Scene> = []

        public init() {}
    }

    /// The parts of every statement about a case that do not change from attempt to attempt, written once.
    /// A class: one is shared by every attempt at the case, behind a lock.
    final class Pieces: @unchecked Sendable {
        let extensions: String
        let caseActivity: String
        let activities: String
        let activitiesWithParent: String
        /// Each scene with choices as an activity, by the scene's position in the case: its IRI, and its
        /// definition in full (with the choices) and in brief (name and interaction type); nil for a scene
        /// without choices.
        let scenes: [(id: String, full: String, brief: String)?]
        /// Each choice's phase, quality and ethics flags, written once, by scene position and choice.
        let flags: [[String]]
        /// Each verb, written once.
        let attempted: String, answered: String, completed: String, passed: String, failed: String

        static func flags(of choice: Choice, extensions: String) -> [String: JSONOut] {
            var members: [String: JSONOut] = [extensions + "phase": .string(choice.phase), extensions + "quality": .int(choice.quality)]
            if !choice.violates.isEmpty {
                members[extensions + "violates"] = .array(choice.violates.map {
                    .object(["principle": .string($0.principle), "severity": .string("\($0.severity)")])
                })
            }
            if !choice.upholds.isEmpty { members[extensions + "upholds"] = .array(choice.upholds.map { .string($0) }) }
            return members
        }

        private static let lock = NSLock()
        nonisolated(unsafe) private static var made: [String: Pieces] = [:]

        static func of(_ scenario: Scenario, session: Session) -> Pieces {
            // A session has one case per id (and one version of it).
            let key = session.id + "\u{0}" + session.homePage + "\u{0}" + scenario.id
            lock.lock()
            defer { lock.unlock() }
            if let known = made[key] { return known }
            let pieces = Pieces(scenario, session: session)
            made[key] = pieces
            return pieces
        }

        private init(_ scenario: Scenario, session: Session) {
            let home = session.homePage.hasSuffix("/") ? session.homePage : session.homePage + "/"
            extensions = home + "practicum/xapi/"
            let caseIRI = home + "practicum/cases/" + XAPIStatements.percent(scenario.id)
            let language = scenario.header.language == "id" ? "id-ID" : "en-US"
            caseActivity = JSONOut.object([
                "objectType": .string("Activity"), "id": .string(caseIRI),
                "definition": .object([
                    "name": .object([language: .string(scenario.header.title)]),
                    "type": .string("http://adlnet.gov/expapi/activities/simulation"),
                ]),
            ]).text
            let grouping = JSONOut.array([.object([
                "objectType": .string("Activity"), "id": .string(home + "practicum/sessions/" + XAPIStatements.percent(session.id)),
            ])])
            activities = JSONOut.object(["grouping": grouping]).text
            activitiesWithParent = JSONOut.object([
                "grouping": grouping, "parent": .array([.object(["objectType": .string("Activity"), "id": .string(caseIRI)])]),
            ]).text
            var scenes: [(id: String, full: String, brief: String)?] = []
            for scene in scenario.scenes {
                guard !scene.choices.isEmpty else {
                    scenes.append(nil)
                    continue
                }
                let id = caseIRI + "/scenes/" + XAPIStatements.percent(scene.name)
                var definition: [String: JSONOut] = [
                    "name": .object([language: .string(scene.name)]),
                    "type": .string("http://adlnet.gov/expapi/activities/cmi.interaction"),
                    "interactionType": .string("choice"),
                ]
                let brief = JSONOut.object(["objectType": .string("Activity"), "id": .string(id), "definition": .object(definition)]).text
                definition["choices"] = .array(scene.choices.indices.map { index in
                    .object([
                        "id": .string(ChoiceID(scene: scene.name, index: index).description),
                        "description": .object([language: .string(scene.choices[index].text)]),
                    ])
                })
                let full = JSONOut.object(["objectType": .string("Activity"), "id": .string(id), "definition": .object(definition)]).text
                scenes.append((id, full, brief))
            }
            self.scenes = scenes
            let extensionHome = extensions
            flags = scenario.scenes.map { scene in
                scene.choices.map { JSONOut.object(Pieces.flags(of: $0, extensions: extensionHome)).text }
            }
            func verb(_ name: String) -> String {
                JSONOut.object([
                    "id": .string(XAPIStatements.verbs + name), "display": .object(["en-US": .string(name)]),
                ]).text
            }
            attempted = verb("attempted")
            answered = verb("answered")
            completed = verb("completed")
            passed = verb("passed")
            failed = verb("failed")
        }
    }

    /// A UUID (version 5 layout, from SHA-256) that is always the same for the same text.
    static func uuid(from text: String) -> String {
        uuid(of: Array(text.utf8))
    }

    /// The UUID of `uuid(from:)` for text given as its UTF-8 bytes.
    static func uuid(of text: [UInt8]) -> String {
        let digest = SHA256.hash(text).bytes
        return String(unsafeUninitializedCapacity: 36) { out in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            for index in 0..<16 {
                var byte = digest[index]
                if index == 6 { byte = (byte & 0x0F) | 0x50 }
                if index == 8 { byte = (byte & 0x3F) | 0x80 }
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = digits.utf8Start[Int(byte >> 4)]
                out[position + 1] = digits.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// ISO 8601 duration between two ISO 8601 times (`PT12M30S`); `PT0S` when either cannot be read.
    static func isoDuration(from start: String, to end: String) -> String {
        guard let from = Timestamp.seconds(start), let to = Timestamp.seconds(end), to > from else { return "PT0S" }
        var seconds = Int((to - from).rounded())
        let hours = seconds / 3600
        seconds %= 3600
        let minutes = seconds / 60
        seconds %= 60
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if seconds > 0 || text == "PT" { text += "\(seconds)S" }
        return text
    }

    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }
}
