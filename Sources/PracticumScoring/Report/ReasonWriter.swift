import Foundation
import PracticumCore

/// Puts judgements into words a student reads, from the `score.*` strings of
/// Content/ and the names Content/ and the case give to phases, principles,
/// findings, outcomes and choices, in one language.
struct ReasonWriter: Sendable {
    let content: ContentLibrary
    let scenario: Scenario
    let rubric: Rubric
    /// The language asked for when Content/ has its `score.*` strings, otherwise English,
    /// so that a sentence and the names inside it are never in two languages.
    let language: String
    /// Each principle's sourced standards as a reason cites them, worked out once.
    private let citedStandards: [String: String]
    /// The short summaries that do not depend on the step (an unmet expectation by name, an unplanned risk by
    /// finding, an outcome by id), worked out once: grading writes one for every gated attempt.
    private var stepFreeSummaries: [Judgement.Kind: String] = [:]
    /// Each choice's text as a reason quotes it (shortened), scene by scene in written order, worked out once.
    private let quotedChoices: [[String]]
    /// The words of each judgement already put into words (with its gate's sentence), shared by copies.
    private let reasons = ReasonCache()

    /// The longest a quoted choice text runs before it is cut with "…".
    static let quoteLimit = 70

    init(content: ContentLibrary, scenario: Scenario, rubric: Rubric, language: String) {
        self.content = content
        self.scenario = scenario
        self.rubric = rubric
        self.language = content.strings[language]?["score.practice.best"] != nil ? language : "en"
        var cited: [String: String] = [:]
        for principle in content.principles {
            let sourced = principle.standards
                .filter { !$0.reference.lowercased().hasPrefix("not yet sourced") && $0.applies(to: scenario.header.language) }
                .map { "\($0.code) \(Self.citation($0.reference))" }
            cited[principle.id] = sourced.isEmpty ? "" : " (\(sourced.joined(separator: "; ")))"
        }
        citedStandards = cited
        quotedChoices = scenario.scenes.map { scene in scene.choices.map { Self.shortened($0.text, to: Self.quoteLimit) } }
        var summaries: [Judgement.Kind: String] = [:]
        var kinds: [Judgement.Kind] = scenario.findings.flatMap {
            [.unplannedRisk(finding: $0.id, open: false), .unplannedRisk(finding: $0.id, open: true), .openRisk(finding: $0.id)]
        }
        kinds += scenario.expectations.map { .unmetExpectation(name: $0.name, severity: $0.severity) }
        kinds += content.outcomes.map { .outcome($0.id) }
        for kind in kinds where summaries[kind] == nil { summaries[kind] = summary(for: kind, step: nil) }
        stepFreeSummaries = summaries
    }

    /// The item for a judgement made at a step (1-based) or about the whole path (nil).
    func item(for judgement: Judgement, step: Int?, choiceText: String?) -> ScoreItem {
        let reason = reasons.value(
            for: ReasonCache.Key(kind: judgement.kind, gate: judgement.gate, countedWith: judgement.countedWith, step: judgement.countedWith == nil ? nil : step)
        ) {
            var reason = self.reason(for: judgement.kind)
            if let gate = judgement.gate, let sentence = self.sentence(for: gate) { reason += " " + sentence }
            if let charged = judgement.countedWith {
                reason += " " + text("score.countedOnce", ["with": summary(for: charged, step: step)])
            }
            return reason
        }
        var stronger: String?
        if case .decision(let credit, _, let option?, _) = judgement.kind, credit < 1 - 1e-9 {
            stronger = fullChoiceText(option)
        }
        return ScoreItem(
            step: step, choiceText: choiceText, dimension: judgement.dimension, points: judgement.points,
            outOf: judgement.outOf, reason: reason, basis: judgement.basis(in: scenario), gate: judgement.gate,
            gateSummary: judgement.gate == nil ? nil : summary(for: judgement.kind, step: step), stronger: stronger,
            kind: judgement.itemKind, severity: judgement.severity, notCharged: judgement.countedWith != nil)
    }

    /// A gatekeeping judgement in a few words.
    func summary(for kind: Judgement.Kind, step: Int?) -> String {
        switch kind {
        case .unmetExpectation, .unplannedRisk, .openRisk, .outcome:
            if let known = stepFreeSummaries[kind] { return known }
        default: break
        }
        switch kind {
        case .breach(let principle, let severity):
            return text(
                "score.gateShort.breach",
                [
                    "severity": text("score.severity.\(severity.rawValue)"), "principle": principleName(principle),
                    "step": step.map(String.init) ?? "",
                ])
        case .unmetExpectation(let name, _):
            let because = scenario.expectations.first { $0.name == name }?.because ?? name
            var sentence = Self.firstSentence(of: because)
            if sentence.hasSuffix(".") { sentence.removeLast() }
            return text("score.gateShort.expectation", ["because": sentence])
        case .unplannedRisk(let finding, let open):
            return text(open ? "score.gateShort.riskOpen" : "score.gateShort.risk", ["finding": Self.leadClause(of: findingText(finding))])
        case .openRisk(let finding):
            return text("score.gateShort.openRisk", ["finding": Self.leadClause(of: findingText(finding))])
        case .premature(let phase, let missing):
            return text("score.gateShort.premature", ["phase": phaseName(phase), "missing": phaseList(missing), "step": step.map(String.init) ?? ""])
        case .outcome(let outcome):
            let name = content.outcomes.first { $0.id == outcome }?.name(in: language) ?? outcome
            return text("score.gateShort.outcome", ["outcome": name.lowercased()])
        default:
            return reason(for: kind)
        }
    }

    /// What a gate does, in a sentence: "This caps the level at Developing."
    func sentence(for gate: Rubric.Gate) -> String? {
        let level = gate.cap.map { text("score.level.\($0.rawValue.lowercased())") } ?? ""
        switch (gate.cap, gate.review) {
        case (.some, true): return text("score.gate.capReview", ["level": level])
        case (.some, false): return text("score.gate.cap", ["level": level])
        case (nil, true): return text("score.gate.review")
        case (nil, false): return nil
        }
    }

    /// The sentence for a judgement.
    func reason(for kind: Judgement.Kind) -> String {
        switch kind {
        case .decision(let credit, let quality, let stronger, let strongerQuality):
            let arguments = [
                "quality": signed(quality), "strongerQuality": signed(strongerQuality),
                "stronger": stronger.map(choiceText) ?? "", "credit": percent(credit),
            ]
            if credit >= 1 - 1e-9 || stronger == nil { return text("score.practice.best", arguments) }
            return text(credit <= 1e-9 ? "score.practice.none" : "score.practice.partial", arguments)
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
        case .unsoundPhase(let phase):
            return text("score.lifecycle.unsound", ["phase": phaseName(phase)])
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
        case .unmetExpectation(let name, let severity):
            let because = scenario.expectations.first { $0.name == name }?.because ?? name
            return text(
                "score.expectation.unmet", ["severity": text("score.severity.\(severity.rawValue)"), "because": because])
        case .grounded(let finding, let kind):
            let key: String
            switch kind {
            case .need: key = "score.planning.grounded"
            case .risk: key = "score.planning.groundedRisk"
            case .strength: key = "score.planning.groundedStrength"
            }
            return text(key, ["finding": findingText(finding)])
        case .ungrounded(let finding):
            return text("score.planning.ungrounded", ["finding": findingText(finding)])
        case .unaddressed(let finding):
            return text("score.planning.unaddressed", ["finding": findingText(finding)])
        case .unplannedRisk(let finding, let open):
            return text(open ? "score.planning.unplannedRiskOpen" : "score.planning.unplannedRisk", ["finding": findingText(finding)])
        case .openRisk(let finding):
            return text("score.risk.open", ["finding": findingText(finding)])
        case .noPlan:
            return text("score.planning.noPlan")
        case .outcome(let outcome):
            let name = content.outcomes.first { $0.id == outcome }?.name(in: language) ?? outcome
            return text("score.outcome.ending", ["outcome": name, "value": String(rubric.outcomes[outcome] ?? 0)])
        case .incomplete:
            return text("score.outcome.incomplete")
        }
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        content.string(key, language: language, arguments)
    }

    private func signed(_ number: Int) -> String {
        number > 0 ? "+\(number)" : String(number)
    }

    /// `50%`, `67%`.
    private func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// A choice's whole text.
    func fullChoiceText(_ id: ChoiceID) -> String {
        guard let position = scenario.position(ofScene: id.scene),
            scenario.scenes[position].choices.indices.contains(id.index)
        else { return id.description }
        return scenario.scenes[position].choices[id.index].text
    }

    /// What moving ahead of the cycle was, in a few words: "premature: implementation before any planning".
    func prematureSummary(phase id: String) -> String {
        let missing = content.phase(named: id)?.requiresEarlier ?? []
        return text("debrief.improve.premature", ["phase": phaseName(id), "missing": phaseList(missing)])
    }

    /// A choice's text, cut at a word boundary to `quoteLimit` characters.
    func choiceText(_ id: ChoiceID) -> String {
        if let position = scenario.position(ofScene: id.scene), let quoted = quotedChoices[position][safe: id.index] {
            return quoted
        }
        return id.description
    }

    /// The first clause of a text, whole, for naming a finding in a few words: up to its first `;` or `:`, and
    /// up to its first comma when that is still longer than 80 characters; never cut inside a clause.
    static func leadClause(of text: String) -> String {
        var clause = Substring(text)
        if let stop = clause.firstIndex(where: { $0 == ";" || $0 == ":" }) { clause = clause[..<stop] }
        if clause.count > 80, let comma = clause.firstIndex(of: ",") { clause = clause[..<comma] }
        var result = String(clause).trimmingCharacters(in: .whitespaces)
        while let last = result.last, ".,".contains(last) { result.removeLast() }
        return result.isEmpty ? text : result
    }

    /// The first sentence of a text (up to its first `.`, `?` or `!` followed by a space or the end), whole.
    static func firstSentence(of text: String) -> String {
        // Scalars, not characters: the stops, the quotes and the spaces are all single scalars, and a class's
        // grading asks this of the same few sentences many times.
        let scalars = text.unicodeScalars
        var end = scalars.endIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "." || scalar == "?" || scalar == "!", next == scalars.endIndex || scalars[next] == " " {
                // A closing quote after the stop belongs to the sentence.
                if next < scalars.endIndex, ["\"", "”", "'", "’"].contains(scalars[next]) {
                    end = scalars.index(after: next)
                } else {
                    end = next
                }
                break
            }
            index = next
        }
        var start = scalars.startIndex
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\t" {
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }

    /// The text cut at the last space before `limit` characters, with "…", when it is longer.
    ///
    /// Only the end is trimmed (an opening quote stays), and a quotation left open by the cut is closed after
    /// the "…", so the words quoted still read as a quotation.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        var kept = String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut)
        let trailing = CharacterSet.punctuationCharacters.union(.whitespaces)
        while let last = kept.unicodeScalars.last, trailing.contains(last), !"\"“”".unicodeScalars.contains(last) {
            kept.unicodeScalars.removeLast()
        }
        var result = kept + "…"
        if kept.filter({ $0 == "\"" }).count % 2 == 1 { result += "\"" }
        if kept.filter({ $0 == "“" }).count > kept.filter({ $0 == "”" }).count { result += "”" }
        return result
    }

    /// A phase's name as it reads mid-sentence: `implementation`.
    func phaseName(_ id: String) -> String {
        (content.phase(named: id)?.name(in: language) ?? id).lowercased()
    }

    /// Phases joined with the language's "or": `engagement or assessment`.
    func phaseList(_ ids: [String]) -> String {
        ids.map(phaseName).joined(separator: " \(text("score.or")) ")
    }

    /// A principle's name as it reads mid-sentence: `confidentiality`, `informed consent`.
    func principleName(_ id: String) -> String {
        let name = content.principle(named: id)?.name(in: language) ?? id
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The sourced standards of a principle (without their own notes in parentheses), in
    /// parentheses with a leading space, or nothing.
    private func standards(of id: String) -> String {
        content.principle(named: id).flatMap { citedStandards[$0.id] } ?? ""
    }

    /// A reference as a reason cites it: up to its first note in parentheses, or its first colon for a
    /// long one ("Pasal 76C: no one may..." -> "Pasal 76C").
    static func citation(_ reference: String) -> String {
        var text = Substring(reference)
        if let note = zip(text.indices, text.indices.dropFirst()).first(where: { text[$0.0] == " " && text[$0.1] == "(" }) {
            text = text[..<note.0]
        }
        if text.count > 60, let colon = text.firstIndex(of: ":") { text = text[..<colon] }
        return String(text)
    }

    /// The finding as the case notes say it.
    private func findingText(_ id: String) -> String {
        scenario.finding(named: id)?.text ?? id
    }
}

extension Array {
    /// The element at the index, or nil when the index is out of range.
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

/// Reasons already written, by judgement and gate: the same judgement reads the same every time, and a class
/// of attempts at one case makes the same judgements over and over. Bounded by the judgements the case allows;
/// safe to share between threads.
final class ReasonCache: @unchecked Sendable {
    struct Key: Hashable {
        var kind: Judgement.Kind
        var gate: Rubric.Gate?
        /// For a reading counted with another: that reading, and the step (its words name the step).
        var countedWith: Judgement.Kind?
        var step: Int?
    }

    private let lock = NSLock()
    private var known: [Key: String] = [:]

    /// The reason for the key, written by `write` the first time it is asked for.
    func value(for key: Key, write: () -> String) -> String {
        lock.lock()
        if let reason = known[key] {
            lock.unlock()
            return reason
        }
        lock.unlock()
        let reason = write()
        lock.lock()
        known[key] = reason
        lock.unlock()
        return reason
    }
}
