import PracticumCore

/// Collects, step by step, the evidence a path gives for the accreditation
/// competencies: lifecycle.json names one per phase, the rubric one per
/// dimension (ethics: CSWE EPAS 2022 Competency 1).
///
/// A step is evidence only when it was sound (positive quality) and breached
/// nothing; a step with a breach, an unsound action or a premature one is a
/// concern, and never evidence as well.
struct CompetencyLedger {
    private struct Entry {
        var id: String
        var sources: [String] = []
        var steps: [Int] = []
        var concerns: [Int] = []
        var unmet: [String] = []
    }

    /// Entries in report order: the dimensions' competencies, then the phases' in cycle order.
    private var entries: [Entry] = []
    private var byCompetency: [String: Int] = [:]
    private var phaseCompetency: [String: String] = [:]
    private var dimensionCompetency: [Dimension: String] = [:]
    private let content: ContentLibrary
    private let language: String

    init(rules: ScoringRules, rubric: Rubric, content: ContentLibrary, language: String) {
        self.content = content
        self.language = language
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
            entries.append(Entry(id: competency, sources: [source]))
        }
    }

    private mutating func note(_ competency: String?, step: Int, concern: Bool) {
        guard let competency, let position = byCompetency[competency] else { return }
        if concern {
            if entries[position].concerns.last != step { entries[position].concerns.append(step) }
            entries[position].steps.removeAll { $0 == step }
        } else if entries[position].concerns.last != step && entries[position].steps.last != step {
            entries[position].steps.append(step)
        }
    }

    /// Records one step: its phase's competency, and ethics when it upheld or breached a principle.
    mutating func record(step: Int, choice: Choice, judgements: [Judgement]) {
        let breach = !choice.violates.isEmpty
        let premature = judgements.contains { if case .premature = $0.kind { return true } else { return false } }
        let concern = breach || premature || choice.quality < 0
        let evidence = choice.quality > 0 && !concern
        if concern || evidence { note(phaseCompetency[choice.phase], step: step, concern: concern) }
        if breach {
            note(dimensionCompetency[.ethics], step: step, concern: true)
        } else if !choice.upholds.isEmpty && choice.quality > 0 {
            note(dimensionCompetency[.ethics], step: step, concern: false)
        }
    }

    /// Records an unmet expectation against the competency of what it rests on (ethics when it names none).
    mutating func recordUnmet(_ expectation: Expectation) {
        let competency: String?
        switch expectation.basis {
        case .phase(let phase)?: competency = phaseCompetency[phase]
        case .principle?, nil: competency = dimensionCompetency[.ethics]
        }
        guard let competency, let position = byCompetency[competency] else { return }
        entries[position].unmet.append(expectation.name)
    }

    /// The competencies with evidence or concerns, in report order, named in the report's language.
    func competencies() -> [CompetencyEvidence] {
        entries.filter { !$0.steps.isEmpty || !$0.concerns.isEmpty || !$0.unmet.isEmpty }.map {
            CompetencyEvidence(
                id: $0.id, competency: content.competency(named: $0.id)?.name(in: language) ?? $0.id,
                sources: $0.sources, steps: $0.steps, concerns: $0.concerns, unmetExpectations: $0.unmet)
        }
    }
}
