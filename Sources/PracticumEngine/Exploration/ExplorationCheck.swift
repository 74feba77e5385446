import PracticumCore

/// The checker's warnings that need every reachable state: choices that can never
/// be taken, endings no play reaches, soft locks, and cases too large to explore.
public enum ExplorationCheck {
    /// Where to point each warning: scene and choice locations from the source, and the file itself.
    public struct Locations: Sendable {
        public var file: String
        public var scenes: [String: Located<String>]
        public var choices: [ChoiceID: Located<String>]
        /// Where each expectation's name and each finding's id is written.
        public var expectations: [String: Located<String>]
        public var findings: [String: Located<String>]

        public init(
            file: String, scenes: [String: Located<String>] = [:], choices: [ChoiceID: Located<String>] = [:],
            expectations: [String: Located<String>] = [:], findings: [String: Located<String>] = [:]
        ) {
            self.file = file
            self.scenes = scenes
            self.choices = choices
            self.expectations = expectations
            self.findings = findings
        }

        /// The locations of every scene name, choice text, expectation and finding in a parsed file.
        public init(syntax: ScenarioSyntax) {
            file = syntax.file
            scenes = [:]
            choices = [:]
            for scene in syntax.scenes where scenes[scene.name.value] == nil {
                scenes[scene.name.value] = scene.name
                for (index, choice) in scene.choices.enumerated() {
                    choices[ChoiceID(scene: scene.name.value, index: index)] = choice.text
                }
            }
            expectations = [:]
            for name in syntax.expectationNames where expectations[name.value] == nil {
                expectations[name.value] = name
            }
            findings = [:]
            for id in syntax.findingIDs where findings[id.value] == nil {
                findings[id.value] = id
            }
        }
    }

    /// Integer variables whose explored range is widest: the likely cause of an endless state space.
    static func runawayVariables(in graph: StateGraph, scenario: Scenario) -> [(name: String, low: Int, high: Int)] {
        var ranges: [String: (low: Int, high: Int)] = [:]
        for state in 0..<graph.stateCount {
            for (name, value) in graph.snapshot(of: state).variables {
                guard case .int(let number) = value else { continue }
                let range = ranges[name] ?? (number, number)
                ranges[name] = (min(range.low, number), max(range.high, number))
            }
        }
        let spans = ranges.map { (name: $0.key, low: $0.value.low, high: $0.value.high) }
            .filter { span(from: $0.low, to: $0.high) >= 8 }
            .sorted { (span(from: $0.low, to: $0.high), $1.name) > (span(from: $1.low, to: $1.high), $0.name) }
        return Array(spans.prefix(3))
    }

    /// The distance between two whole numbers, exactly: `high - low` can pass `Int.max` (from `Int.min` to
    /// `Int.max` is 2^64 - 1) but never `UInt.max`, so it is worked out on the bit patterns, where the
    /// wrapping subtraction of the smaller from the larger is the true difference.
    static func span(from low: Int, to high: Int) -> UInt {
        let (smaller, larger) = low <= high ? (low, high) : (high, low)
        return UInt(bitPattern: larger) &- UInt(bitPattern: smaller)
    }

    /// Explores the case and returns its warnings. The locations are worked out only if there is a warning
    /// to place (for a large case, building them costs more than a clean exploration).
    ///
    /// `keeping` receives the explored graph before it would be freed, for a process about to exit to keep.
    public static func diagnostics(
        for scenario: Scenario, locations makeLocations: @autoclosure () -> Locations,
        limit: Int = StateExplorer.defaultLimit, keeping: (Any) -> Void = { _ in }
    ) -> [Diagnostic] {
        let graph = StateExplorer(scenario: scenario, limit: limit).explore()
        defer { keeping(graph) }
        var diagnostics: [Diagnostic] = []
        var made: Locations?
        func locations() -> Locations {
            if let made { return made }
            let built = makeLocations()
            made = built
            return built
        }
        func at(_ located: Located<String>?) -> (SourceLocation, Int) {
            guard let located else { return (.file(locations().file), 1) }
            return (located.location, located.length)
        }
        if graph.isTruncated {
            let (location, length) = at(locations().scenes[scenario.start])
            let runaway = runawayVariables(in: graph, scenario: scenario)
            let widest = runaway.map { "'\($0.name)' (from \($0.low) to \($0.high))" }.joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    .explorationLimit,
                    "the case has more than \(limit) reachable states; choices, endings and soft locks were not all checked",
                    at: location, length: length,
                    hint: "states multiply with every 'once' choice and every value of a variable that a 'requires:' reads"
                        + (widest.isEmpty ? "" : "; the widest-ranging variables are \(widest)")
                        + "; a counter raised around a loop makes them endless. Use --explore-limit to look further"))
            return diagnostics
        }
        // By number, in written order: no name is hashed for the choices that are offered (nearly all).
        let codec = graph.codec
        for number in graph.offeredSomewhere.indices where !graph.offeredSomewhere[number] {
            let scene = codec.choiceScene[number]
            guard graph.entered[scene] else { continue }
            let id = codec.choiceIDs[number]
            let (location, length) = at(locations().choices[id])
            let requires = scenario.scenes[codec.sceneDefinition[scene]].choices[id.index].requires
            diagnostics.append(
                Diagnostic(
                    .impossibleChoice, "this choice is never on offer: its 'requires' does not hold in any reachable state",
                    at: location, length: length,
                    hint: requires.map { "no play makes '\($0)' true in scene '\(id.scene)'" }))
        }
        let anyReachable = graph.entered.contains(true)
        let reachedEndings = Set(graph.endings.map(\.scene))
        for scene in scenario.scenes where scene.isEnding && anyReachable && !reachedEndings.contains(scene.name) {
            let (location, length) = at(locations().scenes[scene.name])
            diagnostics.append(
                Diagnostic(
                    .unreachableEnding, "no play reaches the ending '\(scene.name)'", at: location, length: length,
                    hint: "the choices leading here are never on offer together with the state they need"))
        }
        diagnostics += expectationDiagnostics(graph: graph, scenario: scenario, locations: locations, at: at)
        diagnostics += riskDiagnostics(graph: graph, scenario: scenario, locations: locations, at: at)
        var reported: Set<String> = []
        for state in graph.stuckStates {
            let scene = graph.scene(of: state)
            guard reported.insert(scene).inserted else { continue }
            let path = graph.shortestPath(to: state).map(\.description).joined(separator: ", ")
            let (location, length) = at(locations().scenes[scene])
            diagnostics.append(
                Diagnostic(
                    .softLock, "a play can get stuck in scene '\(scene)' with no choice on offer", at: location,
                    length: length,
                    hint: path.isEmpty
                        ? "give the scene a choice with no 'requires'"
                        : "reached by the choices \(path); give the scene a choice that is always on offer"))
        }
        return diagnostics
    }

    /// Expectations no ending meets (an error), that every ending meets or never calls for (a warning: they
    /// test nothing), whose situation never arises (a warning), that hold somewhere only because their situation
    /// never arose (a warning: write the situation as `when:`), and expectations that no single ending meets
    /// together (an error: no attempt can meet them all).
    static func expectationDiagnostics(
        graph: StateGraph, scenario: Scenario, locations: () -> Locations,
        at: (Located<String>?) -> (SourceLocation, Int)
    ) -> [Diagnostic] {
        let expectations = scenario.expectations
        guard !expectations.isEmpty else { return [] }
        let engine = Engine(scenario: scenario)
        let endings = (0..<graph.stateCount).filter { graph.kind(of: $0) == .ended }
        guard !endings.isEmpty else { return [] }
        var metCount = [Int](repeating: 0, count: expectations.count)
        var satisfiedCount = [Int](repeating: 0, count: expectations.count)
        var arisenCount = [Int](repeating: 0, count: expectations.count)
        // For an expectation written "not A or B" with no `when:`: the endings where only "not A" made it hold.
        var vacuousCount = [Int](repeating: 0, count: expectations.count)
        let implied = expectations.map { expectation -> (situations: [Condition], demands: [Condition])? in
            guard expectation.situation == nil else { return nil }
            let parts = expectation.condition.disjuncts
            var situations: [Condition] = []
            var demands: [Condition] = []
            for part in parts {
                if case .not(let inner) = part { situations.append(inner) } else { demands.append(part) }
            }
            return situations.isEmpty || demands.isEmpty ? nil : (situations, demands)
        }
        var allSatisfiedSomewhere = false
        for ending in endings {
            let state = graph.representative(of: ending)
            var all = true
            for (index, expectation) in expectations.enumerated() {
                let outcome = engine.outcome(of: expectation, in: state)
                if outcome != .didNotArise { arisenCount[index] += 1 }
                if outcome == .met { metCount[index] += 1 }
                if outcome.isSatisfied { satisfiedCount[index] += 1 } else { all = false }
                if outcome == .met, let (_, demands) = implied[index],
                    !demands.contains(where: { engine.evaluate($0, in: state) })
                {
                    vacuousCount[index] += 1
                }
            }
            allSatisfiedSomewhere = allSatisfiedSomewhere || all
        }
        var diagnostics: [Diagnostic] = []
        for (index, expectation) in expectations.enumerated() {
            let (location, length) = at(locations().expectations[expectation.name])
            if let situation = expectation.situation, arisenCount[index] == 0 {
                diagnostics.append(
                    Diagnostic(
                        .situationNeverArises,
                        "the situation of expectation '\(expectation.name)' never arises where a play ends",
                        at: location, length: length,
                        hint: "no ending state makes 'when: \(situation)' true, so no attempt is ever held to it"))
            } else if metCount[index] == 0 {
                diagnostics.append(
                    Diagnostic(
                        .unmeetableExpectation,
                        "no play that reaches an ending meets expectation '\(expectation.name)'",
                        at: location, length: length,
                        hint: expectation.situation == nil
                            ? "no ending state makes '\(expectation.condition)' true; the best path cannot meet it"
                            : "wherever its situation arises, no ending state makes '\(expectation.condition)' true"))
            } else if satisfiedCount[index] == endings.count {
                diagnostics.append(
                    Diagnostic(
                        .vacuousExpectation,
                        "every play that reaches an ending meets expectation '\(expectation.name)': it tests nothing",
                        at: location, length: length,
                        hint: "an expectation names what a student could fail to do; make its condition one that a weak attempt misses"))
            }
            if vacuousCount[index] > 0, let (situations, demands) = implied[index] {
                let situation = situations.count == 1 ? situations[0] : situations.dropFirst().reduce(situations[0]) { .and($0, $1) }
                let demand = demands.dropFirst().reduce(demands[0]) { .or($0, $1) }
                diagnostics.append(
                    Diagnostic(
                        .unstatedSituation,
                        "expectation '\(expectation.name)' holds at \(vacuousCount[index]) of \(endings.count) endings only because '\(situation)' never happened; the debrief would tick its objective for a situation that never arose",
                        at: location, length: length,
                        hint: "name the situation: 'expect \(expectation.name) (\(expectation.severity.rawValue)): \(demand)' with '  when: \(situation)' under it"))
            }
        }
        if !allSatisfiedSomewhere && metCount.allSatisfy({ $0 > 0 }) {
            let (location, length) = at(expectations.first.flatMap { locations().expectations[$0.name] })
            diagnostics.append(
                Diagnostic(
                    .conflictingExpectations,
                    "no play that reaches an ending meets all \(expectations.count) expectations together",
                    at: location, length: length,
                    hint: "each can be met, but never all in one attempt; the best path cannot meet them, so no attempt can be exemplary"))
        }
        return diagnostics
    }

    /// Risk findings that no reachable state reveals: a student can never find them.
    static func riskDiagnostics(
        graph: StateGraph, scenario: Scenario, locations: () -> Locations,
        at: (Located<String>?) -> (SourceLocation, Int)
    ) -> [Diagnostic] {
        let risks = scenario.findings.filter { $0.kind == .risk }
        guard !risks.isEmpty else { return [] }
        var unseen = Set(risks.map(\.id))
        for state in 0..<graph.stateCount where !unseen.isEmpty {
            unseen.subtract(graph.notes(of: state).revealed)
        }
        var diagnostics = risks.filter { unseen.contains($0.id) }.map { risk in
            let (location, length) = at(locations().findings[risk.id])
            return Diagnostic(
                .unrevealableRisk, "no play reveals risk '\(risk.id)'", at: location, length: length,
                hint: "the choices that reveal it are never on offer; a risk the student cannot find cannot be judged")
        }
        // A risk some play reveals, but no ending that reveals it leaves it safe: every such attempt is flagged.
        let engine = Engine(scenario: scenario)
        let endings = (0..<graph.stateCount).filter { graph.kind(of: $0) == .ended }.map { graph.representative(of: $0) }
        for risk in risks where !unseen.contains(risk.id) {
            let revealing = endings.filter { $0.revealedFindings.contains(risk.id) }
            guard !revealing.isEmpty, revealing.allSatisfy({ engine.isOpen(risk, in: $0) }) else { continue }
            let (location, length) = at(locations().findings[risk.id])
            diagnostics.append(
                Diagnostic(
                    .riskNeverSafe, "no play that reveals risk '\(risk.id)' ends with it safe", at: location,
                    length: length,
                    hint: risk.safeWhen.map { "no ending where it is revealed makes 'safe when: \($0)' true" }
                        ?? "no ending where it is revealed has it in the plan; every such attempt is marked for review"))
        }
        return diagnostics
    }
}
