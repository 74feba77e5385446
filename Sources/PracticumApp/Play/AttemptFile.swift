import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine

/// A saved attempt as `replay` reads it: the case id, the mode and the choices, taken from
/// either a `play --json` result or a saved game. Any score in the file is ignored.
struct AttemptFile: Equatable {
    var scenario: String
    /// The fingerprint of the case the attempt was played on, when the file records one.
    var fingerprint: String?
    var mode: PlayMode
    var choices: [ChoiceID]
    /// The seed the attempt's choices were shown in, or nil for written order.
    var seed: UInt64?
    /// The choices undone in practice mode.
    var undone: [UndoneChoice] = []

    /// Why a file is not an attempt.
    struct Problem: Error, Equatable {
        var message: String
    }

    init(
        scenario: String, mode: PlayMode, choices: [ChoiceID], seed: UInt64? = nil, undone: [UndoneChoice] = [],
        fingerprint: String? = nil
    ) {
        self.scenario = scenario
        self.fingerprint = fingerprint
        self.mode = mode
        self.choices = choices
        self.seed = seed
        self.undone = undone
    }

    /// Reads an attempt from JSON data; a problem names what is wrong. The JSON must be well formed with
    /// no key repeated (a forged file cannot carry two paths and have one read).
    init(data: Data) throws(Problem) {
        if Self.isAttemptLog(data) {
            let reading: AttemptLog.Reading
            do {
                reading = try AttemptLog.read(data)
            } catch {
                throw Problem(message: error.description)
            }
            let log = reading.log
            guard let mode = PlayMode(rawValue: log.header.mode) else { throw Problem(message: "an unknown mode") }
            scenario = log.header.caseID
            self.mode = mode
            choices = log.choices
            seed = log.header.seed
            undone = log.undone(in: nil)
            fingerprint = log.header.caseHash
            attempt = reading
            return
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw Problem(message: "not valid JSON (\(error))")
        }
        guard case .object = document.kind else { throw Problem(message: "not a JSON object") }
        guard case .string(let scenario)? = document["scenario"]?.kind, !scenario.isEmpty else {
            throw Problem(message: "no \"scenario\" id")
        }
        self.scenario = scenario
        switch document["fingerprint"]?.kind {
        case nil, .null?: fingerprint = nil
        case .string(let text)?: fingerprint = text
        default: throw Problem(message: "\"fingerprint\" is not a string")
        }
        if case .string(let mode)? = document["mode"]?.kind, let known = PlayMode(rawValue: mode) {
            self.mode = known
        } else {
            mode = .practice
        }
        switch document["seed"]?.kind {
        case nil, .null?:
            seed = nil
        case .number(let text)? where UInt64(text) != nil:
            seed = UInt64(text)
        default:
            throw Problem(message: "\"seed\" is not a whole number from 0 to \(UInt64.max)")
        }
        /// A whole number of at least `minimum`, or nil.
        func whole(_ value: JSONValue?, atLeast minimum: Int) -> Int? {
            guard case .number(let text)? = value?.kind, let number = Int(text), number >= minimum else { return nil }
            return number
        }
        func string(_ value: JSONValue?) -> String? {
            guard case .string(let text)? = value?.kind else { return nil }
            return text
        }
        /// `{"scene": ..., "index": ...}`, index counted from 0.
        func choice(_ value: JSONValue?) -> ChoiceID? {
            guard let value, let scene = string(value["scene"]), let index = whole(value["index"], atLeast: 0) else {
                return nil
            }
            return ChoiceID(scene: scene, index: index)
        }
        if case .array(let list)? = document["undone"]?.kind {
            undone = try list.enumerated().map { index, item throws(Problem) in
                guard let step = whole(item["step"], atLeast: 1), let id = choice(item["choice"]) else {
                    throw Problem(message: "undone choice \(index + 1) is not {\"step\", \"choice\": {\"scene\", \"index\"}}")
                }
                return UndoneChoice(step: step, choice: id, text: string(item["text"]) ?? "")
            }
        }
        if case .array(let path)? = document["path"]?.kind {
            // A `play --json` result: each step's "id" is "scene#n", n counted from 1.
            choices = try path.enumerated().map { index, step throws(Problem) in
                guard let id = string(step["id"]), let choice = Self.parse(id) else {
                    throw Problem(message: "step \(index + 1) has no choice id of the form \"scene#n\"")
                }
                return choice
            }
        } else if case .array(let saved)? = document["choices"]?.kind {
            // A saved game: each choice is {"scene": ..., "index": ...}, index counted from 0.
            choices = try saved.enumerated().map { index, item throws(Problem) in
                guard let id = choice(item) else {
                    throw Problem(message: "choice \(index + 1) is not {\"scene\": ..., \"index\": ...}")
                }
                return id
            }
        } else {
            throw Problem(message: "neither a \"path\" (from play --json) nor \"choices\" (a saved game)")
        }
    }

    /// The attempt file as read, when the file is one (JSON lines, see `AttemptLog`).
    var attempt: AttemptLog.Reading?

    /// Whether the data is an attempt file (JSON lines whose first line is an attempt header) rather than a
    /// single JSON document.
    static func isAttemptLog(_ data: Data) -> Bool {
        let firstLine = data.prefix { $0 != 0x0A }
        guard let value = try? JSONValue.parse(firstLine), case .string("attempt")? = value["type"]?.kind else { return false }
        return true
    }

    /// `scene#n` (n from 1, digits only) as a choice id.
    static func parse(_ text: String) -> ChoiceID? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let digits = text[text.index(after: hash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number >= 1
        else { return nil }
        let scene = String(text[..<hash])
        return scene.isEmpty ? nil : ChoiceID(scene: scene, index: number - 1)
    }
}
