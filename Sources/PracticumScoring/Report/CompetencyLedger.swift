import PracticumCore

/// Collects, step by step, the evidence a path gives for the accreditation
/// competencies: lifecycle.json names one per phase, the rubric one per
/// dimension (ethics: CSWE EPAS 2022 Competency 1).
struct CompetencyLedger {
    private struct Entry {
        var competency: String
        var sources: [String] = []
        var steps: [Int] = []
        var concerns: [Int] = []
    }

    /// Entries in report order: the dimensions' competencies, then the phases' in cycle order.
    private var entries: [Entry] = []
    private var byCompetency: [String: Int] = [:]
    private var phaseCompetency: [String: String] = [:]
    private var dimensionCompetency: [Dimension: String] = [:]

    init(rules: ScoringRules, rubric: Rubric) {
        for dimension in Dimension.allCases {
            if let competency = rubric.competencies[dimension] {
                dimensionCompetency[dimension] = competency
                add(competency, source: dimension.rawValue)
            }
        }
        for phase in rules.phases {
            if let competency = phase.competency, !competency.isEmpty {
                phaseCompetency[phase.id] = competency
                add(competency, source: phase.id)
            }
        }
    }

    private mutating func add(_ competency: String, source: String) {
        if let position = byCompetency[competency] {
            if !entries[position].sources.contains(source) { entries[position].sources.append(source) }
        } else {
            byCompetency[competency] = entries.count
            entries.append(Entry(competency: competency, sources: [source]))
        }
    }

    /// Records one step: its phase's competency, and the competency of each dimension it has items in;
    /// a premature action, or points lost in that dimension, is a concern.
    mutating func record(step: Int, phase: String, judgements: [Judgement]) {
        func note(_ competency: String?, concern: Bool) {
            guard let competency, let position = byCompetency[competency] else { return }
            if entries[position].steps.last != step { entries[position].steps.append(step) }
            if concern && entries[position].concerns.last != step { entries[position].concerns.append(step) }
        }
        let premature = judgements.contains { if case .premature = $0.kind { return true } else { return false } }
        note(phaseCompetency[phase], concern: premature)
        for dimension in Dimension.allCases {
            let own = judgements.filter { $0.dimension == dimension }
            if !own.isEmpty { note(dimensionCompetency[dimension], concern: own.contains { $0.points < 0 }) }
        }
    }

    /// The competencies with evidence, in report order.
    func competencies() -> [CompetencyEvidence] {
        entries.filter { !$0.steps.isEmpty }.map {
            CompetencyEvidence(competency: $0.competency, sources: $0.sources, steps: $0.steps, concerns: $0.concerns)
        }
    }
}
