/// The checker's warnings that need no play: answer and vocabulary tells, one-sided dilemmas, a
/// missing content warning, unused definitions, findings never addressable, scenes never reached.
extension CheckRun {
    // MARK: Answer tells

    /// The share of telling scenes at which `answer-tell` warns, and the fewest scenes it needs.
    static let answerTellShare = 0.6
    static let answerTellMinimumScenes = 4

    /// Warns when, in most scenes with three or more choices, the best choice is the longest or sits at
    /// the same written place (counted from the first or from the last): a student could score well
    /// without reading.
    mutating func warnAboutAnswerTells(in scenes: [Scene]) {
        let tells = AnswerTells(scenes: scenes)
        guard tells.considered >= Self.answerTellMinimumScenes else { return }
        let needed = Self.answerTellShare * Double(tells.considered)
        var findings: [(message: String, scenes: [String])] = []
        if Double(tells.longestScenes.count) >= needed {
            findings.append(
                ("the best choice is the longest in \(tells.longestScenes.count) of \(tells.considered) scenes with three or more choices",
                    tells.longestScenes))
        }
        if let (place, scenesThere) = tells.commonestPlace, Double(scenesThere.count) >= needed {
            findings.append(
                ("the best choice is \(place) in \(scenesThere.count) of \(tells.considered) scenes with three or more choices",
                    scenesThere))
        }
        let at = syntax.header.first { $0.key == "title" }
        for finding in findings {
            let notes = finding.scenes.prefix(6).compactMap { name -> Diagnostic.Note? in
                guard let index = scene(named: name) else { return nil }
                return Diagnostic.Note("for example, scene '\(name)'", at: syntax.location(syntax.sceneDefinitions[index].name.span))
            }
            diagnostics.append(
                Diagnostic(
                    .answerTell, finding.message + ": a student could score well without reading",
                    at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                    length: at.map { Int($0.keySpan.length) } ?? 1,
                    hint: "vary the length and the written place of the strongest option; play shuffles choices, "
                        + "but pinned choices and scripted play keep their written place",
                    notes: Array(notes)))
        }
    }

    /// Warns when the strongest options sound stronger to a lazy reader than the weakest: more professional
    /// words, fewer warning words, more questions. Real mistakes speak the profession's language too.
    mutating func warnAboutVocabularyTells(in scenes: [Scene], language: String) {
        let tells = VocabularyTells(scenes: scenes, reader: NaiveReader(language: language))
        let at = syntax.header.first { $0.key == "title" }
        for finding in tells.findings {
            diagnostics.append(
                Diagnostic(
                    .vocabularyTell,
                    finding + " (over \(tells.considered) scenes): a student could pick by the words without reading the case",
                    at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                    length: at.map { Int($0.keySpan.length) } ?? 1,
                    hint: "let the weaker options speak the same professional language as the strongest, as real mistakes "
                        + "do, and let the strongest be a statement or an action as often as the situation allows"))
        }
    }

    /// Warns when a scene says `dilemma:` but does not offer two answers at its highest quality with no
    /// breach: a dilemma the model cannot credit both ways is a scene with a right answer.
    mutating func warnAboutOneSidedDilemmas(in scenes: [Scene]) {
        for (index, scene) in scenes.enumerated() {
            guard let dilemma = syntax.sceneDefinitions[index].dilemma, !scene.choices.isEmpty else { continue }
            let top = scene.choices.map(\.quality).max() ?? 0
            let defensible = scene.choices.filter { $0.quality == top && $0.violates.isEmpty }
            guard defensible.count < 2, !diagnostics.skips(.oneSidedDilemma) else { continue }
            diagnostics.append(
                Diagnostic(
                    .oneSidedDilemma,
                    "scene '\(scene.name)' states a dilemma but only \(defensible.count) of its choices "
                        + "\(defensible.count == 1 ? "is" : "are") at its highest quality (\(top)) with no breach",
                    at: syntax.location(dilemma.span), length: Int(dilemma.span.length),
                    hint: "give two answers that honour different values the same quality and no 'violates:', "
                        + "or drop 'dilemma:' if one answer is better"))
        }
    }

    /// Warns when the case's words touch suicide, self-harm, abuse or violence and the header has no
    /// `content-warning:` line to tell a student before they start.
    mutating func warnAboutMissingContentWarning(scenes: [Scene], findings: [Finding]) {
        var texts: [String] = findings.map(\.text)
        for scene in scenes {
            for paragraph in scene.paragraphs { texts += paragraph.map(\.text) }
            for choice in scene.choices {
                texts.append(choice.text)
                if let feedback = choice.feedback { texts.append(feedback) }
            }
        }
        let matches = SensitiveTopics().matches(in: texts)
        guard !matches.isEmpty else { return }
        let at = syntax.header.first { $0.key == "title" }
        let named = matches.map { "\($0.topic) ('\($0.words)')" }.joined(separator: ", ")
        diagnostics.append(
            Diagnostic(
                .missingContentWarning, "the case touches \(named) but has no content warning",
                at: at.map { syntax.location($0.keySpan) } ?? SourceLocation(file: syntax.file, line: 1, column: 1),
                length: at.map { Int($0.keySpan.length) } ?? 1,
                hint: "add a header line 'content-warning: \(matches.map(\.topic).joined(separator: ", "))' so a "
                    + "student knows before starting"))
    }

    // MARK: Warnings

    mutating func warnAboutUnusedDefinitions() {
        for variable in syntax.variables where !variableRead[key(variable.name.name)] {
            let spelling = string(variable.name)
            report(
                .unusedVariable, "variable '\(spelling)' is never read", at: variable.name.span,
                hint: "read it in a 'requires:' condition, an '[if ...]' line or a '{\(spelling)}' in text, or remove it")
        }
        // Every list item belongs to a choice, and choices are stored in scene order.
        var revealed = Array(repeating: false, count: syntax.names.count)
        for item in syntax.items where item.kind == .reveals { revealed[key(item.name.name)] = true }
        for finding in syntax.findings where !revealed[key(finding.id.name)] {
            let spelling = string(finding.id)
            if let kind = finding.kind, string(kind) == Finding.Kind.risk.rawValue {
                report(
                    .unrevealableRisk, "risk '\(spelling)' can never be revealed: no choice reveals it",
                    at: finding.id.span,
                    hint: "a risk the student cannot find cannot be judged; add 'reveals: \(spelling)' to the choice that asks about it")
                continue
            }
            report(
                .unrevealedFinding, "finding '\(spelling)' is never revealed", at: finding.id.span,
                hint: "add 'reveals: \(spelling)' to the assessment choice that brings it to light")
        }
        warnAboutUnaddressableFindings(revealed: revealed)
        var warned = Array(repeating: false, count: syntax.names.count)
        for item in syntax.items where item.kind == .addresses {
            let goal = key(item.name.name)
            guard isFinding(item.name.name) && !revealed[goal] && !warned[goal] else { continue }
            warned[goal] = true
            let spelling = string(item.name)
            report(
                .goalNeverRevealed, "'\(spelling)' is planned for but no choice reveals it", at: item.name.span,
                hint: "a goal should rest on assessment: reveal the finding before planning for it")
        }
        let endings = syntax.sceneDefinitions.lazy.compactMap(\.ending)
        if !endings.isEmpty && !endings.contains(where: { string($0) == "goals-met" }) {
            diagnostics.append(
                Diagnostic(
                    .noGoalsMetEnding, "no ending has the outcome 'goals-met'",
                    at: SourceLocation(file: syntax.file, line: 1, column: 1),
                    hint: "give students a path to '[ending: goals-met]' so the best practice can succeed"))
        }
    }

    /// Needs and risks that some choice reveals but no choice addresses: a student who finds one can never put
    /// it in the plan, and an attempt that reveals a risk is left with it open whatever it does. A `[strength]`
    /// is exempt: the plan may build on it, but a strength that stays a case note costs nothing.
    /// `revealed` is indexed by key, as in `warnAboutUnusedDefinitions`.
    mutating func warnAboutUnaddressableFindings(revealed: [Bool]) {
        var addressed = Array(repeating: false, count: syntax.names.count)
        var firstReveal: [Int32] = Array(repeating: -1, count: syntax.names.count)
        for (index, item) in syntax.items.enumerated() {
            let name = key(item.name.name)
            switch item.kind {
            case .addresses: addressed[name] = true
            case .reveals where firstReveal[name] < 0: firstReveal[name] = Int32(index)
            default: break
            }
        }
        var warned = Array(repeating: false, count: syntax.names.count)
        for finding in syntax.findings {
            let name = key(finding.id.name)
            guard revealed[name] && !addressed[name] && !warned[name] else { continue }
            // A kind the format does not know is an error already (unknown-finding-kind).
            let kind = finding.kind.map { Finding.Kind(rawValue: string($0)) } ?? .need
            guard let kind, kind != .strength else { continue }
            warned[name] = true
            let spelling = string(finding.id)
            var notes: [Diagnostic.Note] = []
            if firstReveal[name] >= 0 {
                notes.append(.init("revealed here", at: syntax.location(syntax.items[Int(firstReveal[name])].name.span)))
            }
            let message: String
            let hint: String
            if kind == .risk {
                message = "risk '\(spelling)' can be revealed but no choice addresses it: a student who finds it can never "
                    + "put it in the plan, so the risk stays open"
                hint = "add 'addresses: \(spelling)' to the choice that answers the risk (a safety plan, a referral, "
                    + "means put out of reach)"
            } else {
                message = "finding '\(spelling)' can be revealed but no choice addresses it: it can never become a goal "
                    + "of the plan"
                hint = "add 'addresses: \(spelling)' to the planning choice that responds to it; if it is a resource "
                    + "rather than a need, mark it '[strength]'"
            }
            diagnostics.append(
                Diagnostic(
                    .unaddressableFinding, message, at: syntax.location(finding.id.span),
                    length: Int(finding.id.span.length), hint: hint, notes: notes))
        }
    }

    /// Scenes no chain of choices and continuations reaches from the start, ignoring conditions.
    /// Runs only without errors, so every scene name is defined once and every target exists.
    mutating func warnAboutUnreachableScenes(start: String, startScene: Int?) {
        var reached = Array(repeating: false, count: syntax.sceneDefinitions.count)
        var queue: [Int] = []
        if let startScene {
            reached[startScene] = true
            queue.append(startScene)
        }
        while let scene = queue.popLast() {
            let syntaxScene = syntax.sceneDefinitions[scene]
            for choice in syntaxScene.choices.asIndices {
                if let target = syntax.choices[choice].target { reach(target.name, &reached, &queue) }
            }
            if let next = syntaxScene.next { reach(next.name, &reached, &queue) }
        }
        for (index, scene) in syntax.sceneDefinitions.enumerated() where !reached[index] {
            let spelling = string(scene.name)
            report(
                .unreachableScene, "scene '\(spelling)' cannot be reached from '\(start)'", at: scene.name.span,
                hint: "lead a choice or a '->' to it, or remove it")
        }
    }

    private func reach(_ target: NameID, _ reached: inout [Bool], _ queue: inout [Int]) {
        let scene = sceneIndex[key(target)]
        guard scene >= 0, !reached[Int(scene)] else { return }
        reached[Int(scene)] = true
        queue.append(Int(scene))
    }
}
