import Foundation
import PracticumCore
import PracticumEngine

/// A saved attempt as `replay` reads it: the case id, the mode and the choices, taken from
/// either a `play --json` result or a saved game. Any score in the file is ignored.
struct AttemptFile: Equatable {
    var scenario: String
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

    init(scenario: String, mode: PlayMode, choices: [ChoiceID], seed: UInt64? = nil, undone: [UndoneChoice] = []) {
        self.scenario = scenario
        self.mode = mode
        self.choices = choices
        self.seed = seed
        self.undone = undone
    }

    /// Reads an attempt from JSON data; a problem names what is wrong.
    init(data: Data) throws(Problem) {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem(message: "not a JSON object")
        }
        guard let scenario = object["scenario"] as? String, !scenario.isEmpty else {
            throw Problem(message: "no \"scenario\" id")
        }
        self.scenario = scenario
        mode = (object["mode"] as? String).flatMap(PlayMode.init(rawValue:)) ?? .practice
        struct SeedField: Decodable { var seed: UInt64? }
        guard let seedField = try? JSONDecoder().decode(SeedField.self, from: data) else {
            throw Problem(message: "\"seed\" is not a whole number from 0 to \(UInt64.max)")
        }
        seed = seedField.seed
        if let list = object["undone"] as? [Any] {
            undone = try list.enumerated().map { index, item throws(Problem) in
                guard let item = item as? [String: Any], let step = item["step"] as? Int, step >= 1,
                    let choice = item["choice"] as? [String: Any], let scene = choice["scene"] as? String,
                    let position = choice["index"] as? Int, position >= 0
                else {
                    throw Problem(message: "undone choice \(index + 1) is not {\"step\", \"choice\": {\"scene\", \"index\"}}")
                }
                return UndoneChoice(
                    step: step, choice: ChoiceID(scene: scene, index: position), text: item["text"] as? String ?? "")
            }
        }
        if let path = object["path"] as? [Any] {
            // A `play --json` result: each step's "id" is "scene#n", n counted from 1.
            choices = try path.enumerated().map { index, step throws(Problem) in
                guard let id = (step as? [String: Any])?["id"] as? String, let choice = Self.parse(id) else {
                    throw Problem(message: "step \(index + 1) has no choice id of the form \"scene#n\"")
                }
                return choice
            }
        } else if let saved = object["choices"] as? [Any] {
            // A saved game: each choice is {"scene": ..., "index": ...}, index counted from 0.
            choices = try saved.enumerated().map { index, item throws(Problem) in
                guard let item = item as? [String: Any], let scene = item["scene"] as? String,
                    let position = item["index"] as? Int, position >= 0
                else {
                    throw Problem(message: "choice \(index + 1) is not {\"scene\": ..., \"index\": ...}")
                }
                return ChoiceID(scene: scene, index: position)
            }
        } else {
            throw Problem(message: "neither a \"path\" (from play --json) nor \"choices\" (a saved game)")
        }
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
