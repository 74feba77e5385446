/// The checker's `expect` lines and objectives.
extension CheckRun {
    // MARK: Expectations and objectives

    /// Checks every `expect` line: a unique name, a known severity, a condition over known names,
    /// a `because:`, and at most one of a known principle or phase.
    mutating func resolveExpectations() -> [Expectation] {
        var expectations: [Expectation] = []
        var seen: [String: SourceSpan] = [:]
        for expectation in syntax.expectations {
            let name = string(expectation.name)
            if let first = seen[name] {
                reportDuplicate(
                    .duplicateExpectation, "expectation '\(name)' is defined twice", at: expectation.name.span,
                    first: first, hint: "give each expectation its own name")
                continue
            }
            seen[name] = expectation.name.span
            let spelling = string(expectation.severity)
            let severity = Violation.Severity(rawValue: spelling)
            if severity == nil {
                let suggestion = hint(for: spelling, among: Self.severityNames, listing: false)
                report(
                    .unknownSeverity, spelling.isEmpty ? "expectation '\(name)' has no severity" : "unknown severity '\(spelling)'",
                    at: expectation.severity.span,
                    hint: suggestion.text
                        ?? "the severities are minor, major and critical")
            }
            if let condition = expectation.condition { check(condition) }
            let because = expectation.because ?? ""
            if expectation.because == nil {
                report(
                    .missingAttribute, "expectation '\(name)' has no 'because:'", at: expectation.name.span,
                    hint: "add '  because: why a competent worker does this' under the expect line; students read it when it is not met")
            }
            var basis: Expectation.Basis?
            if let principle = expectation.principle {
                checkPrinciple(principle)
                basis = .principle(string(principle))
            }
            if let phaseName = expectation.phase {
                if let known = phase(phaseName.name) {
                    if expectation.principle != nil {
                        report(
                            .conflictingBasis, "expectation '\(name)' rests on a principle and a phase", at: phaseName.span,
                            hint: "give 'principle:' or 'phase:', not both: the unmet expectation counts in one dimension")
                    }
                    basis = .phase(known)
                } else {
                    let written = string(phaseName)
                    let suggestion = hint(for: written, among: phaseSpellings)
                    report(
                        .unknownPhase, "unknown phase '\(written)'", at: phaseName.span,
                        hint: suggestion.text)
                }
            }
            if let situation = expectation.situation { check(situation) }
            guard let severity, let condition = expectation.condition?.condition else { continue }
            if expectation.hasSituation && expectation.situation == nil { continue }
            expectations.append(
                Expectation(
                    name: name, severity: severity, condition: condition, because: because, basis: basis,
                    situation: expectation.situation?.condition))
        }
        return expectations
    }

    /// The objectives with the expectations that show them; every name must be an expectation of the case.
    mutating func resolveObjectives(expectations: Set<String>) -> [Objective] {
        let defined = syntax.expectations.map { string($0.name) }
        return syntax.objectives.map { objective in
            var names: [String] = []
            for written in objective.shownBy {
                let name = string(written)
                guard defined.contains(name) else {
                    let suggestion = hint(for: name, among: defined, listing: false)
                    report(
                        .unknownExpectation, "no expectation named '\(name)'", at: written.span,
                        hint: suggestion.text
                            ?? "define it in the header: 'expect \(name) (major): CONDITION'")
                    continue
                }
                if expectations.contains(name) && !names.contains(name) { names.append(name) }
            }
            return Objective(text: objective.text, shownBy: names)
        }
    }
}
