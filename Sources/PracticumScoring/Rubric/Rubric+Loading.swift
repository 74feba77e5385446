import Foundation
import PracticumCore

extension Rubric {
    /// The rubric's file name inside Content/.
    public static let fileName = "rubric.json"

    /// The top-level keys `rubric.json` may hold (besides `about` and keys starting with `_`).
    static let fileKeys = [
        "weights", "levels", "severities", "outcomes", "premature", "coverage", "monitoring", "groundedGoal",
        "ungroundedGoal", "unaddressedNeed", "competencies", "explorationLimit",
    ]

    /// Reads and checks `rubric.json` in a Content/ folder.
    ///
    /// When the folder also holds `outcomes.json`, the rubric must give a value
    /// to every outcome listed there and to no other.
    public static func load(from contentDirectory: URL) throws(RubricError) -> Rubric {
        let url = contentDirectory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RubricError(file: url.path, problem: "the file cannot be read", isMissing: true)
        }
        return try decode(data, file: url.path, knownOutcomes: outcomeIDs(in: contentDirectory))
    }

    /// Decodes and checks rubric JSON; `knownOutcomes`, when given, are the outcome ids that need values.
    public static func decode(_ data: Data, file: String = fileName, knownOutcomes: Set<String>? = nil)
        throws(RubricError) -> Rubric
    {
        func fail(_ problem: String) -> RubricError { RubricError(file: file, problem: problem) }
        let top: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw fail("the top level must be an object")
            }
            top = object
        } catch let error as RubricError {
            throw error
        } catch {
            throw fail("it is not valid JSON (\(JSONErrorDescription.describe(error)))")
        }
        for key in top.keys.sorted() where key != "about" && !key.hasPrefix("_") && !fileKeys.contains(key) {
            throw fail("unknown key '\(key)'; the keys are \(fileKeys.joined(separator: ", "))")
        }
        let raw: RubricFile
        do {
            raw = try JSONDecoder().decode(RubricFile.self, from: data)
        } catch {
            throw fail(JSONErrorDescription.describe(error))
        }

        let dimensionNames = Dimension.allCases.map(\.rawValue).joined(separator: ", ")
        var weights: [Dimension: Int] = [:]
        for (name, value) in raw.weights.sorted(by: { $0.key < $1.key }) {
            guard let dimension = Dimension(rawValue: name) else {
                throw fail("unknown dimension '\(name)' in weights; the dimensions are \(dimensionNames)")
            }
            weights[dimension] = value
        }
        let severityNames = Violation.Severity.allCases.map(\.rawValue)
        for name in raw.severities.keys.sorted() where !severityNames.contains(name) {
            throw fail(
                "unknown severity '\(name)' in severities; the severities are \(severityNames.joined(separator: ", "))")
        }
        for name in severityNames where raw.severities[name] == nil {
            throw fail("severities has no cost for '\(name)'")
        }
        var levels: [Band] = []
        for (position, band) in raw.levels.enumerated() {
            guard let level = Level(rawValue: band.level) else {
                let names = Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown level '\(band.level)' at levels[\(position)]; the levels are \(names)")
            }
            levels.append(Band(level: level, min: band.min))
        }
        var competencies: [Dimension: String] = [:]
        for (name, text) in (raw.competencies ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let dimension = Dimension(rawValue: name) else {
                throw fail("unknown dimension '\(name)' in competencies; the dimensions are \(dimensionNames)")
            }
            competencies[dimension] = text
        }
        let rubric = Rubric(
            weights: weights, levels: levels,
            severities: Severities(
                minor: raw.severities["minor"]!, major: raw.severities["major"]!,
                critical: raw.severities["critical"]!),
            outcomes: raw.outcomes, premature: raw.premature, coverage: raw.coverage, monitoring: raw.monitoring,
            groundedGoal: raw.groundedGoal, ungroundedGoal: raw.ungroundedGoal, unaddressedNeed: raw.unaddressedNeed,
            competencies: competencies, explorationLimit: raw.explorationLimit ?? 200_000)
        try rubric.validate(file: file)
        if let knownOutcomes {
            try rubric.validate(outcomes: knownOutcomes, file: file)
        }
        return rubric
    }

    /// Checks what loading checks: every dimension weighted, nothing negative,
    /// a positive total weight, and the four level bands in order from 0.
    public func validate(file: String = Rubric.fileName) throws(RubricError) {
        func fail(_ problem: String) -> RubricError { RubricError(file: file, problem: problem) }
        for dimension in Dimension.allCases {
            guard let weight = weights[dimension] else {
                throw fail("weights has no value for '\(dimension.rawValue)'")
            }
            if weight < 0 { throw fail("weight of '\(dimension.rawValue)' is \(weight); weights cannot be negative") }
        }
        if weights.values.reduce(0, +) <= 0 { throw fail("the weights add up to 0; at least one must be positive") }
        let numbers: [(String, Int)] = [
            ("severities.minor", severities.minor), ("severities.major", severities.major),
            ("severities.critical", severities.critical), ("premature", premature), ("coverage", coverage),
            ("monitoring", monitoring), ("groundedGoal", groundedGoal), ("ungroundedGoal", ungroundedGoal),
            ("unaddressedNeed", unaddressedNeed),
        ]
        for (key, value) in numbers where value < 0 {
            throw fail("'\(key)' is \(value); write costs and credits as positive numbers (the model applies the sign)")
        }
        for (outcome, value) in outcomes.sorted(by: { $0.key < $1.key }) where value < 0 {
            throw fail("outcome '\(outcome)' has value \(value); outcome values cannot be negative")
        }
        if explorationLimit < 1 { throw fail("explorationLimit is \(explorationLimit); it must be at least 1") }
        let expected = Level.allCases
        guard levels.map(\.level) == expected else {
            let names = expected.map(\.rawValue).joined(separator: ", ")
            let found = levels.map(\.level.rawValue).joined(separator: ", ")
            throw fail("levels must list \(names), once each and in that order; found \(found)")
        }
        if levels[0].min != 0 {
            throw fail("the first level band ('Emerging') must start at min 0, not \(levels[0].min)")
        }
        for (lower, upper) in zip(levels, levels.dropFirst()) where upper.min <= lower.min {
            let higher = "'\(upper.level.rawValue)' starts at \(upper.min)"
            throw fail("level bands out of order: \(higher), which is not above '\(lower.level.rawValue)' at \(lower.min)")
        }
        if let top = levels.last, top.min > 100 {
            throw fail("'\(top.level.rawValue)' starts at \(top.min), above the highest score of 100")
        }
        for (dimension, text) in competencies where text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("competencies.\(dimension.rawValue) is empty")
        }
    }

    /// Checks the outcome values against the outcomes Content/ lists: each needs a value, none may be unknown.
    public func validate(against content: ContentLibrary, file: String = Rubric.fileName) throws(RubricError) {
        try validate(file: file)
        try validate(outcomes: Set(content.outcomes.map(\.id)), file: file)
    }

    private func validate(outcomes known: Set<String>, file: String) throws(RubricError) {
        for outcome in outcomes.keys.sorted() where !known.contains(outcome) {
            let listed = known.sorted().joined(separator: ", ")
            throw RubricError(file: file, problem: "unknown outcome '\(outcome)' in outcomes; outcomes.json lists \(listed)")
        }
        for outcome in known.sorted() where outcomes[outcome] == nil {
            throw RubricError(file: file, problem: "outcomes has no value for '\(outcome)'")
        }
    }

    /// The outcome ids in `outcomes.json` beside the rubric, or nil when that file cannot be read.
    private static func outcomeIDs(in directory: URL) -> Set<String>? {
        let url = directory.appendingPathComponent("outcomes.json")
        guard let data = FileManager.default.contents(atPath: url.path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = object["outcomes"] as? [[String: Any]]
        else { return nil }
        return Set(list.compactMap { $0["id"] as? String })
    }
}

/// `rubric.json` as written, before its names are checked.
private struct RubricFile: Decodable {
    var weights: [String: Int]
    var levels: [BandFile]
    var severities: [String: Int]
    var outcomes: [String: Int]
    var premature: Int
    var coverage: Int
    var monitoring: Int
    var groundedGoal: Int
    var ungroundedGoal: Int
    var unaddressedNeed: Int
    var competencies: [String: String]?
    var explorationLimit: Int?

    struct BandFile: Decodable {
        var level: String
        var min: Int
    }
}
