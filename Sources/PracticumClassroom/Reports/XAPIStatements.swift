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
/// (its fingerprint is the context's `revision`). The actor is an account on the session's home page.
/// Statement ids are derived from the attempt, so grading again gives the same statements.
public enum XAPIStatements {
    static let verbs = "http://adlnet.gov/expapi/verbs/"

    /// The statements of one judged attempt (none for a rejected one), each as compact JSON.
    ///
    /// `described` holds the scenes whose activity was already given in full (with its choices) by earlier
    /// statements of the same file: later answers to such a scene give its id, name and interaction type
    /// only, as an LRS keeps the definition it was given first. Start with an empty set per file.
    public static func statements(
        for judged: Grader.Judged, attempt log: AttemptLog?, session: Session, roster: Roster, scenario: Scenario?,
        passMark: Int, described: inout Set<String>
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
        var actorText = "{\"account\":{\"homePage\":" + AttemptLog.quote(session.homePage) + ",\"name\":"
            + AttemptLog.quote(student.id) + "}"
        if !student.name.isEmpty { actorText += ",\"name\":" + AttemptLog.quote(student.name) }
        actorText += ",\"objectType\":\"Agent\"}"
        /// The context, the same for every statement of the attempt (answers also name the case as parent).
        func contextText(parent: Bool) -> String {
            "{\"contextActivities\":" + (parent ? pieces.activitiesWithParent : pieces.activities) + ",\"extensions\":{"
                + AttemptLog.quote(extensions + "mode") + ":" + AttemptLog.quote(log.header.mode) + "},\"registration\":"
                + AttemptLog.quote(registration) + ",\"revision\":" + AttemptLog.quote(log.header.caseHash) + "}"
        }
        let contexts = (plain: contextText(parent: false), withParent: contextText(parent: true))
        var number = 0
        /// A statement, written member by member in the sorted order `JSONOut` would give them, from pieces
        /// already written as JSON (the object and the result).
        func statement(_ verb: String, object: String, result: String?, at timestamp: String, parent: Bool = false) -> String {
            number += 1
            var out = "{\"actor\":"
            out.reserveCapacity(actorText.utf8.count + object.utf8.count + (result?.utf8.count ?? 0) + 640)
            out += actorText
            out += ",\"context\":"
            out += parent ? contexts.withParent : contexts.plain
            out += ",\"id\":\""
            out += uuid(from: "statement\u{0}\(log.header.id)\u{0}\(number)")
            out += "\",\"object\":"
            out += object
            if let result {
                out += ",\"result\":"
                out += result
            }
            out += ",\"timestamp\":"
            out += AttemptLog.quote(timestamp)
            out += ",\"verb\":"
            out += pieces.verbs[verb]!
            out += ",\"version\":\"1.0.3\"}"
            return out
        }

        var list = [statement("attempted", object: pieces.caseActivity, result: nil, at: log.header.started)]
        list.reserveCapacity(log.standing.count + 3)
        for step in log.standing {
            guard let scene = scenario.scene(named: step.choice.scene), scene.choices.indices.contains(step.choice.index),
                let activity = pieces.scenes[scene.name]
            else { continue }
            let sceneActivity = described.insert(activity.id).inserted ? activity.full : activity.brief
            var result = "{\"extensions\":"
            if let reflection = step.reflection {
                var members = Pieces.flags(of: scene.choices[step.choice.index], extensions: extensions)
                members[extensions + "reflection"] = .string(reflection)
                JSONOut.object(members).write(to: &result)
            } else {
                result += pieces.flags[step.choice]
                    ?? JSONOut.object(Pieces.flags(of: scene.choices[step.choice.index], extensions: extensions)).text
            }
            result += ",\"response\":"
            result += AttemptLog.quote(step.choice.description)
            result += "}"
            list.append(statement("answered", object: sceneActivity, result: result, at: step.at, parent: true))
        }
        guard case .graded(let report, _, let finished, _) = judged.verdict else { return list }
        let duration = isoDuration(from: log.header.started, to: finished)
        list.append(statement(
            "completed", object: pieces.caseActivity,
            result: "{\"completion\":true,\"duration\":" + AttemptLog.quote(duration) + "}", at: finished))
        let passed = report.overall >= passMark && !report.needsReview
        var dimensions: [String: JSONOut] = [:]
        for (dimension, score) in report.dimensions { dimensions[dimension.rawValue] = .int(score) }
        let result = JSONOut.object([
            "score": .object([
                "scaled": .double(Double(report.overall) / 100), "raw": .int(report.overall), "min": .int(0), "max": .int(100),
            ]),
            "success": .bool(passed), "completion": .bool(true), "duration": .string(duration),
            "extensions": .object([
                extensions + "dimensions": .object(dimensions), extensions + "level": .string(report.level.rawValue),
                extensions + "needsReview": .bool(report.needsReview),
            ]),
        ])
        list.append(statement(passed ? "passed" : "failed", object: pieces.caseActivity, result: result.text, at: finished))
        return list
    }

    /// The parts of every statement about a case that do not change from attempt to attempt, written once.
    /// A class: one is shared by every attempt at the case, behind a lock.
    final class Pieces: @unchecked Sendable {
        let extensions: String
        let caseActivity: String
        let activities: String
        let activitiesWithParent: String
        /// Each scene with choices as an activity: its IRI, and its definition in full (with the choices) and
        /// in brief (name and interaction type).
        let scenes: [String: (id: String, full: String, brief: String)]
        let verbs: [String: String]
        /// Each choice's phase, quality and ethics flags, written once.
        let flags: [ChoiceID: String]

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
            var scenes: [String: (id: String, full: String, brief: String)] = [:]
            for scene in scenario.scenes where !scene.choices.isEmpty {
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
                scenes[scene.name] = (id, full, brief)
            }
            self.scenes = scenes
            var flags: [ChoiceID: String] = [:]
            for scene in scenario.scenes {
                for (index, choice) in scene.choices.enumerated() {
                    flags[ChoiceID(scene: scene.name, index: index)] = JSONOut.object(Pieces.flags(of: choice, extensions: extensions)).text
                }
            }
            self.flags = flags
            var verbs: [String: String] = [:]
            for verb in ["attempted", "answered", "completed", "passed", "failed"] {
                verbs[verb] = JSONOut.object([
                    "id": .string(XAPIStatements.verbs + verb), "display": .object(["en-US": .string(verb)]),
                ]).text
            }
            self.verbs = verbs
        }
    }

    /// A UUID (version 5 layout, from SHA-256) that is always the same for the same text.
    static func uuid(from text: String) -> String {
        var bytes = Array(SHA256.hash(text.utf8).bytes.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
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
