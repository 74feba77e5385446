import Foundation
import PracticumCore

extension Rubric {
    /// The rubric's file name inside Content/.
    public static let fileName = "rubric.json"

    /// The top-level keys `rubric.json` may hold (besides `about` and keys starting with `_`).
    static let fileKeys = [
        "weights", "levels", "severities", "outcomes", "premature", "coverage", "monitoring", "unplannedRisk",
        "gatekeeping", "competencies", "explorationLimit",
    ]

    /// Keys of the first scoring model that no longer mean anything, with what replaced them.
    static let retiredKeys = [
        "groundedGoal": "planning is now the share of planning decisions made on assessment evidence",
        "ungroundedGoal": "planning is now the share of planning decisions made on assessment evidence",
        "unaddressedNeed": "planning is now the share of planning decisions made on assessment evidence",
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
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw fail("it is not valid JSON (\(error))")
        }
        guard case .object(let members) = document.kind else { throw fail("the top level must be an object") }
        for key in members.map(\.key).sorted() where key != "about" && !key.hasPrefix("_") && !fileKeys.contains(key) {
            if let replaced = retiredKeys[key] {
                throw fail("'\(key)' is no longer used (\(replaced)); remove it")
            }
            throw fail("unknown key '\(key)'; the keys are \(fileKeys.joined(separator: ", "))")
        }
        let raw: RubricFile
        do {
            raw = try JSONValueDecoder().decode(RubricFile.self, from: document)
        } catch {
            throw fail(error.description)
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
        func severity(_ name: String, at place: String) throws(RubricError) -> Violation.Severity {
            guard let severity = Violation.Severity(rawValue: name) else {
                throw fail("unknown severity '\(name)' in \(place); the severities are \(severityNames.joined(separator: ", "))")
            }
            return severity
        }
        for name in raw.severities.keys.sorted() { _ = try severity(name, at: "severities") }
        for name in severityNames where raw.severities[name] == nil {
            throw fail("severities has no cost for '\(name)'")
        }
        let levelNames = Level.allCases.map(\.rawValue).joined(separator: ", ")
        var levels: [Band] = []
        for (position, band) in raw.levels.enumerated() {
            guard let level = Level(rawValue: band.level) else {
                throw fail("unknown level '\(band.level)' at levels[\(position)]; the levels are \(levelNames)")
            }
            levels.append(Band(level: level, min: band.min))
        }
        var competencies: [Dimension: String] = [:]
        for (name, id) in (raw.competencies ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let dimension = Dimension(rawValue: name) else {
                throw fail("unknown dimension '\(name)' in competencies; the dimensions are \(dimensionNames)")
            }
            competencies[dimension] = id
        }
        func gate(_ written: GateFile, at place: String) throws(RubricError) -> Gate {
            var cap: Level?
            if let name = written.cap {
                guard let level = Level(rawValue: name) else {
                    throw fail("unknown level '\(name)' in \(place).cap; the levels are \(levelNames)")
                }
                cap = level
            }
            return Gate(cap: cap, review: written.review ?? false)
        }
        var gatekeeping = Gatekeeping()
        let writtenGates = raw.gatekeeping ?? [:]
        for kind in writtenGates.keys.sorted() where !["breach", "expectation", "outcome", "risk"].contains(kind) {
            throw fail("unknown gatekeeping kind '\(kind)'; the kinds are breach, expectation, outcome, risk")
        }
        for (name, written) in (writtenGates["risk"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard name == "open" else {
                throw fail("unknown key '\(name)' in gatekeeping.risk; it takes 'open' (a revealed risk left open where the attempt ends)")
            }
            gatekeeping.openRisk = try gate(written, at: "gatekeeping.risk.open")
        }
        for (name, written) in (writtenGates["breach"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            gatekeeping.breach[try severity(name, at: "gatekeeping.breach")] = try gate(written, at: "gatekeeping.breach.\(name)")
        }
        for (name, written) in (writtenGates["expectation"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            gatekeeping.expectation[try severity(name, at: "gatekeeping.expectation")] =
                try gate(written, at: "gatekeeping.expectation.\(name)")
        }
        for (name, written) in (writtenGates["outcome"] ?? [:]).sorted(by: { $0.key < $1.key }) {
            gatekeeping.outcome[name] = try gate(written, at: "gatekeeping.outcome.\(name)")
        }
        let rubric = Rubric(
            weights: weights, levels: levels,
            severities: Severities(
                minor: raw.severities["minor"]!, major: raw.severities["major"]!,
                critical: raw.severities["critical"]!),
            outcomes: raw.outcomes, premature: raw.premature, coverage: raw.coverage, monitoring: raw.monitoring,
            unplannedRisk: try severity(raw.unplannedRisk ?? "major", at: "unplannedRisk"),
            gatekeeping: raw.gatekeeping == nil ? .standard : gatekeeping, competencies: competencies,
            explorationLimit: raw.explorationLimit ?? 200_000)
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
            if weight > 1000 { throw fail("weight of '\(dimension.rawValue)' is \(weight); weights are at most 1000") }
        }
        if weights.values.reduce(0, +) <= 0 { throw fail("the weights add up to 0; at least one must be positive") }
        let numbers: [(String, Int)] = [
            ("severities.minor", severities.minor), ("severities.major", severities.major),
            ("severities.critical", severities.critical), ("premature", premature), ("coverage", coverage),
            ("monitoring", monitoring),
        ]
        for (key, value) in numbers where value < 0 {
            throw fail("'\(key)' is \(value); write costs and credits as positive numbers (the model applies the sign)")
        }
        for (key, value) in numbers where value > 1000 {
            throw fail("'\(key)' is \(value); costs and credits are at most 1000")
        }
        for (outcome, value) in outcomes.sorted(by: { $0.key < $1.key }) where value < 0 || value > 1000 {
            throw fail("outcome '\(outcome)' has value \(value); outcome values run from 0 to 1000")
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
        for (dimension, id) in competencies where id.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("competencies.\(dimension.rawValue) is empty")
        }
    }

    /// Checks the rubric against Content/: every outcome valued (and gated outcomes known), every
    /// competency a dimension names listed in competencies.json.
    public func validate(against content: ContentLibrary, file: String = Rubric.fileName) throws(RubricError) {
        try validate(file: file)
        try validate(outcomes: Set(content.outcomes.map(\.id)), file: file)
        if !content.competencies.isEmpty {
            for (dimension, id) in competencies.sorted(by: { $0.key < $1.key }) where content.competency(named: id) == nil {
                throw RubricError(
                    file: file,
                    problem: "competencies.\(dimension.rawValue) names '\(id)', which Content/competencies.json does not list")
            }
        }
    }

    private func validate(outcomes known: Set<String>, file: String) throws(RubricError) {
        for outcome in outcomes.keys.sorted() where !known.contains(outcome) {
            let listed = known.sorted().joined(separator: ", ")
            throw RubricError(file: file, problem: "unknown outcome '\(outcome)' in outcomes; outcomes.json lists \(listed)")
        }
        for outcome in known.sorted() where outcomes[outcome] == nil {
            throw RubricError(file: file, problem: "outcomes has no value for '\(outcome)'")
        }
        for outcome in gatekeeping.outcome.keys.sorted() where !known.contains(outcome) {
            let listed = known.sorted().joined(separator: ", ")
            throw RubricError(
                file: file, problem: "unknown outcome '\(outcome)' in gatekeeping.outcome; outcomes.json lists \(listed)")
        }
    }

    /// The outcome ids in `outcomes.json` beside the rubric, or nil when that file cannot be read.
    private static func outcomeIDs(in directory: URL) -> Set<String>? {
        let url = directory.appendingPathComponent("outcomes.json")
        struct Outcomes: Decodable {
            struct Outcome: Decodable { var id: String }
            var outcomes: [Outcome]
        }
        guard let data = FileManager.default.contents(atPath: url.path),
            let file = try? JSONValueDecoder().decode(Outcomes.self, from: data)
        else { return nil }
        return Set(file.outcomes.map(\.id))
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
    var unplannedRisk: String?
    var gatekeeping: [String: [String: GateFile]]?
    var competencies: [String: String]?
    var explorationLimit: Int?

    struct BandFile: Decodable {
        var level: String
        var min: Int
    }
}

/// One gate as written: `{"cap": "Developing", "review": true}`.
private struct GateFile: Decodable {
    var cap: String?
    var review: Bool?
}
