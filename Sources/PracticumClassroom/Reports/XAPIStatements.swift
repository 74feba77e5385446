import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring

/// An attempt as xAPI 1.0.3 statements, so that a learning record store can take a session's results.
///
/// Per attempt, sharing one `registration` (the attempt's id): `attempted` the case at its start; per
/// choice, `answered` with the scene as a `cmi.interaction` activity of type `choice` listing its choices,
/// the chosen choice's id as `result.response`, and its phase, quality and ethics flags in
/// `result.extensions`; then, once it reached an ending, `completed` (with its duration) and `passed` or
/// `failed` against the pass mark, with the score (`scaled`, `raw`, `min`, `max`), `success`, `completion`
/// and duration, and the per-dimension scores in `result.extensions`. An attempt that needs review (a
/// critical breach) is never `passed`. The session is a `grouping` context activity, the case a `parent`
/// (its fingerprint is the context's `revision`). The actor is an account on the session's home page.
/// Statement ids are derived from the attempt, so grading again gives the same statements.
public enum XAPIStatements {
    static let verbs = "http://adlnet.gov/expapi/verbs/"

    /// The statements of one judged attempt (none for a rejected one), each as a JSON object.
    public static func statements(
        for judged: Grader.Judged, attempt log: AttemptLog?, session: Session, roster: Roster, scenario: Scenario?,
        passMark: Int
    ) -> [[String: Any]] {
        guard let log, let scenario, let student = log.header.student.flatMap(roster.student(id:)) else { return [] }
        switch judged.verdict {
        case .rejected: return []
        case .graded, .incomplete: break
        }
        let home = session.homePage.hasSuffix("/") ? session.homePage : session.homePage + "/"
        let extensions = home + "practicum/xapi/"
        let caseIRI = home + "practicum/cases/" + percent(scenario.id)
        let registration = uuid(from: "registration\u{0}" + log.header.id)
        var actor: [String: Any] = ["objectType": "Agent", "account": ["homePage": session.homePage, "name": student.id]]
        if !student.name.isEmpty { actor["name"] = student.name }
        let language = scenario.header.language == "id" ? "id-ID" : "en-US"
        let caseActivity: [String: Any] = [
            "objectType": "Activity", "id": caseIRI,
            "definition": [
                "name": [language: scenario.header.title], "type": "http://adlnet.gov/expapi/activities/simulation",
            ] as [String: Any],
        ]
        func context(parent: Bool) -> [String: Any] {
            var activities: [String: Any] = ["grouping": [["objectType": "Activity", "id": home + "practicum/sessions/" + percent(session.id)]]]
            if parent { activities["parent"] = [["objectType": "Activity", "id": caseIRI]] }
            return [
                "registration": registration, "revision": log.header.caseHash, "contextActivities": activities,
                "extensions": [extensions + "mode": log.header.mode],
            ]
        }
        var number = 0
        func statement(_ verb: String, object: [String: Any], result: [String: Any]?, at timestamp: String, parent: Bool = false) -> [String: Any] {
            number += 1
            var statement: [String: Any] = [
                "id": uuid(from: "statement\u{0}\(log.header.id)\u{0}\(number)"), "version": "1.0.3", "actor": actor,
                "verb": ["id": verbs + verb, "display": ["en-US": verb]], "object": object,
                "context": context(parent: parent), "timestamp": timestamp,
            ]
            if let result { statement["result"] = result }
            return statement
        }

        var list = [statement("attempted", object: caseActivity, result: nil, at: log.header.started)]
        for step in log.standing {
            guard let scene = scenario.scene(named: step.choice.scene), scene.choices.indices.contains(step.choice.index) else { continue }
            let choice = scene.choices[step.choice.index]
            let object: [String: Any] = [
                "objectType": "Activity", "id": caseIRI + "/scenes/" + percent(scene.name),
                "definition": [
                    "name": [language: scene.name], "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                    "interactionType": "choice",
                    "choices": scene.choices.indices.map { index in
                        ["id": ChoiceID(scene: scene.name, index: index).description, "description": [language: scene.choices[index].text]]
                    },
                ] as [String: Any],
            ]
            var flags: [String: Any] = [extensions + "phase": choice.phase, extensions + "quality": choice.quality]
            if !choice.violates.isEmpty {
                flags[extensions + "violates"] = choice.violates.map { ["principle": $0.principle, "severity": "\($0.severity)"] }
            }
            if !choice.upholds.isEmpty { flags[extensions + "upholds"] = choice.upholds }
            if let reflection = step.reflection { flags[extensions + "reflection"] = reflection }
            list.append(statement(
                "answered", object: object, result: ["response": step.choice.description, "extensions": flags], at: step.at,
                parent: true))
        }
        guard case .graded(let report, _, let finished, _) = judged.verdict else { return list }
        let duration = isoDuration(from: log.header.started, to: finished)
        list.append(statement("completed", object: caseActivity, result: ["completion": true, "duration": duration], at: finished))
        let passed = report.overall >= passMark && !report.needsReview
        var dimensions: [String: Int] = [:]
        for (dimension, score) in report.dimensions { dimensions[dimension.rawValue] = score }
        let result: [String: Any] = [
            "score": ["scaled": Double(report.overall) / 100, "raw": report.overall, "min": 0, "max": 100],
            "success": passed, "completion": true, "duration": duration,
            "extensions": [
                extensions + "dimensions": dimensions, extensions + "level": report.level.rawValue,
                extensions + "needsReview": report.needsReview,
            ] as [String: Any],
        ]
        list.append(statement(passed ? "passed" : "failed", object: caseActivity, result: result, at: finished))
        return list
    }

    /// One statement as compact JSON with sorted keys.
    public static func json(_ statement: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A UUID (version 5 layout, from SHA-256) that is always the same for the same text.
    static func uuid(from text: String) -> String {
        var bytes = Array(SHA256.hash(Array(text.utf8)).bytes.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    /// ISO 8601 duration between two ISO 8601 times (`PT12M30S`); `PT0S` when either cannot be read.
    static func isoDuration(from start: String, to end: String) -> String {
        let formatter = ISO8601DateFormatter()
        guard let from = formatter.date(from: start), let to = formatter.date(from: end), to > from else { return "PT0S" }
        var seconds = Int(to.timeIntervalSince(from).rounded())
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
