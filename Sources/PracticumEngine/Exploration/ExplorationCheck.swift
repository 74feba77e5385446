import PracticumCore

/// The checker's warnings that need every reachable state: choices that can never
/// be taken, endings no play reaches, soft locks, and cases too large to explore.
public enum ExplorationCheck {
    /// Where to point each warning: scene and choice locations from the source, and the file itself.
    public struct Locations: Sendable {
        public var file: String
        public var scenes: [String: Located<String>]
        public var choices: [ChoiceID: Located<String>]

        public init(file: String, scenes: [String: Located<String>] = [:], choices: [ChoiceID: Located<String>] = [:]) {
            self.file = file
            self.scenes = scenes
            self.choices = choices
        }

        /// The locations of every scene name and choice text in a parsed file.
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
            .filter { $0.high - $0.low >= 8 }
            .sorted { ($0.high - $0.low, $1.name) > ($1.high - $1.low, $0.name) }
        return Array(spans.prefix(3))
    }

    /// Explores the case and returns its warnings.
    public static func diagnostics(
        for scenario: Scenario, locations: Locations, limit: Int = StateExplorer.defaultLimit
    ) -> [Diagnostic] {
        let graph = StateExplorer(scenario: scenario, limit: limit).explore()
        var diagnostics: [Diagnostic] = []
        func at(_ located: Located<String>?) -> (SourceLocation, Int) {
            guard let located else { return (.file(locations.file), 1) }
            return (located.location, located.length)
        }
        if graph.isTruncated {
            let (location, length) = at(locations.scenes[scenario.start])
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
        let reachable = Set(graph.reachableScenes)
        for scene in scenario.scenes where reachable.contains(scene.name) {
            for index in scene.choices.indices {
                let id = ChoiceID(scene: scene.name, index: index)
                guard !graph.availableChoices.contains(id) else { continue }
                let (location, length) = at(locations.choices[id])
                diagnostics.append(
                    Diagnostic(
                        .impossibleChoice, "this choice is never on offer: its 'requires' does not hold in any reachable state",
                        at: location, length: length,
                        hint: scene.choices[index].requires.map { "no play makes '\($0)' true in scene '\(scene.name)'" }))
            }
        }
        let reachedEndings = Set(graph.endings.map(\.scene))
        for scene in scenario.scenes where scene.isEnding && reachable.isEmpty == false && !reachedEndings.contains(scene.name) {
            let (location, length) = at(locations.scenes[scene.name])
            diagnostics.append(
                Diagnostic(
                    .unreachableEnding, "no play reaches the ending '\(scene.name)'", at: location, length: length,
                    hint: "the choices leading here are never on offer together with the state they need"))
        }
        var reported: Set<String> = []
        for state in graph.stuckStates {
            let scene = graph.scene(of: state)
            guard reported.insert(scene).inserted else { continue }
            let path = graph.shortestPath(to: state).map(\.description).joined(separator: ", ")
            let (location, length) = at(locations.scenes[scene])
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
}
