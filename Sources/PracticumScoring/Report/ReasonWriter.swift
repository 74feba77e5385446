import PracticumCore

/// Puts judgements into words a student reads, from the `score.*` strings of
/// Content/ and the names Content/ and the case give to phases, principles,
/// findings and outcomes, in one language.
struct ReasonWriter: Sendable {
    let content: ContentLibrary
    let scenario: Scenario
    let rubric: Rubric
    /// The language asked for when Content/ has its `score.*` strings, otherwise English,
    /// so that a sentence and the names inside it are never in two languages.
    let language: String

    init(content: ContentLibrary, scenario: Scenario, rubric: Rubric, language: String) {
        self.content = content
        self.scenario = scenario
        self.rubric = rubric
        self.language = content.strings[language]?["score.practice.plus1"] != nil ? language : "en"
    }

    /// The item for a judgement made at a step (1-based) or about the whole path (nil).
    func item(for judgement: Judgement, step: Int?, choiceText: String?) -> ScoreItem {
        ScoreItem(
            step: step, choiceText: choiceText, dimension: judgement.dimension, points: Double(judgement.points),
            reason: reason(for: judgement.kind), basis: judgement.basis)
    }

    /// The sentence for a judgement.
    func reason(for kind: Judgement.Kind) -> String {
        switch kind {
        case .quality(let quality):
            let key: String
            switch quality {
            case 2...: key = "score.practice.plus2"
            case 1: key = "score.practice.plus1"
            case 0: key = "score.practice.zero"
            case -1: key = "score.practice.minus1"
            default: key = "score.practice.minus2"
            }
            return text(key, ["quality": signed(quality)])
        case .repeated(let quality):
            return text("score.practice.repeat", ["quality": signed(quality)])
        case .premature(let phase, let missing):
            return text("score.lifecycle.premature", ["phase": phaseName(phase), "missing": phaseList(missing)])
        case .crisisExempt(let phase, let missing):
            return text("score.lifecycle.crisis", ["phase": phaseName(phase), "missing": phaseList(missing)])
        case .returned(let phase):
            return text("score.lifecycle.return", ["phase": phaseName(phase)])
        case .optionalPhase(let phase, let credited):
            return text(
                credited ? "score.lifecycle.optional" : "score.lifecycle.optionalLate", ["phase": phaseName(phase)])
        case .coverage(let phase):
            return text("score.lifecycle.coverage", ["phase": phaseName(phase)])
        case .missedPhase(let phase):
            return text("score.lifecycle.missed", ["phase": phaseName(phase)])
        case .breach(let principle, let severity):
            return text(
                severity == .critical ? "score.ethics.critical" : "score.ethics.breach",
                [
                    "severity": text("score.severity.\(severity.rawValue)"), "principle": principleName(principle),
                    "standards": standards(of: principle),
                ])
        case .upheld(let principle):
            return text(
                "score.ethics.upheld", ["principle": principleName(principle), "standards": standards(of: principle)])
        case .grounded(let finding):
            return text("score.planning.grounded", ["finding": findingText(finding)])
        case .ungrounded(let finding):
            return text("score.planning.ungrounded", ["finding": findingText(finding)])
        case .unaddressed(let finding):
            return text("score.planning.unaddressed", ["finding": findingText(finding)])
        case .outcome(let outcome):
            let name = content.outcomes.first { $0.id == outcome }?.name(in: language) ?? outcome
            return text("score.outcome.ending", ["outcome": name, "value": String(rubric.outcomes[outcome] ?? 0)])
        case .incomplete:
            return text("score.outcome.incomplete")
        }
    }

    private func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        content.string(key, language: language, arguments)
    }

    private func signed(_ number: Int) -> String {
        number > 0 ? "+\(number)" : String(number)
    }

    /// A phase's name as it reads mid-sentence: `implementation`.
    private func phaseName(_ id: String) -> String {
        (content.phase(named: id)?.name(in: language) ?? id).lowercased()
    }

    /// Phases joined with the language's "or": `engagement or assessment`.
    private func phaseList(_ ids: [String]) -> String {
        ids.map(phaseName).joined(separator: " \(text("score.or")) ")
    }

    /// A principle's name as it reads mid-sentence: `confidentiality`, `informed consent`.
    private func principleName(_ id: String) -> String {
        let name = content.principle(named: id)?.name(in: language) ?? id
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The sourced standards of a principle (without their own notes in parentheses), in
    /// parentheses with a leading space, or nothing.
    private func standards(of id: String) -> String {
        let sourced = (content.principle(named: id)?.standards ?? [])
            .filter { !$0.reference.lowercased().hasPrefix("not yet sourced") }
            .map { "\($0.code) \($0.reference.components(separatedBy: " (").first ?? $0.reference)" }
        return sourced.isEmpty ? "" : " (\(sourced.joined(separator: "; ")))"
    }

    /// The finding as the case notes say it.
    private func findingText(_ id: String) -> String {
        scenario.finding(named: id)?.text ?? id
    }
}
