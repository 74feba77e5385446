/// Cross-checks between the files of Content/, so that a typo in one file is
/// reported when Content/ is loaded rather than silently changing scores.
extension ContentLibrary {
    /// A problem in Content/: which file and what is wrong.
    public struct ConsistencyProblem: Hashable, Sendable {
        public var file: String
        public var message: String
    }

    /// Every inconsistency found: duplicate ids, duplicate phase orders, unknown phase ids in order rules.
    public var consistencyProblems: [ConsistencyProblem] {
        var problems: [ConsistencyProblem] = []
        func duplicates(_ ids: [String], file: String, what: String) {
            var seen: Set<String> = []
            for id in ids where !seen.insert(id).inserted {
                problems.append(.init(file: file, message: "\(what) '\(id)' is listed twice"))
            }
        }
        duplicates(phases.flatMap { [$0.id] + $0.aliases }, file: "lifecycle.json", what: "phase id or alias")
        duplicates(phases.map { String($0.order) }, file: "lifecycle.json", what: "phase order")
        duplicates(principles.map(\.id), file: "principles.json", what: "principle")
        duplicates(interventions.map(\.id), file: "interventions.json", what: "intervention")
        duplicates(outcomes.map(\.id), file: "outcomes.json", what: "outcome")
        duplicates(levels.map(\.id), file: "levels.json", what: "level")
        duplicates(languages.map(\.id), file: "languages.json", what: "language")
        duplicates(competencies.map(\.id), file: "competencies.json", what: "competency")
        let competencyIDs = Set(competencies.map(\.id))
        for phase in phases {
            if let competency = phase.competency, !competency.isEmpty, !competencyIDs.contains(competency) {
                problems.append(
                    .init(
                        file: "lifecycle.json",
                        message: "phase '\(phase.id)' names unknown competency '\(competency)'; competencies.json lists \(competencyIDs.sorted().joined(separator: ", "))"))
            }
        }
        let phaseIDs = Set(phases.map(\.id))
        for phase in phases {
            for earlier in phase.requiresEarlier where !phaseIDs.contains(earlier) {
                problems.append(
                    .init(
                        file: "lifecycle.json",
                        message: "phase '\(phase.id)' names unknown phase '\(earlier)' in requiresEarlier"))
            }
        }
        if phases.isEmpty { problems.append(.init(file: "lifecycle.json", message: "no phases are listed")) }
        return problems
    }
}
