import PracticumCore

/// A state packed into one array of integers, the form exploration stores and hashes.
///
/// Layout (see `StateCodec.Layout`): the scene's index; the values of the variables still worth keeping
/// in that scene (booleans as 0 and 1); the findings, two bits each (revealed, addressed); then bit words
/// for the kept visited scenes and for the used `once` choices of the scene's component.
struct PackedState: Hashable, Sendable {
    var storage: [Int]
}

struct StateCodec: Sendable {
    /// Where each part of a packed state lies, for the states of one component of the scene graph.
    struct Layout: Sendable {
        /// The number of kept variables; their values follow the scene's index.
        let variableCount: Int
        /// The first findings word, the first visits word and the first `once` word.
        let findingsStart: Int
        let visitsStart: Int
        let onceStart: Int
        /// The length of a packed state.
        let count: Int
    }

    let scenarioID: String
    let graph: SceneGraph
    /// The declared variables in written order (first of each name), with their initial values.
    let variableNames: [String]
    let initialValues: [Value]
    let variableIndex: [String: Int]
    /// Every variable at its initial value: where an unpacked state starts.
    private let initialDictionary: [String: Value]
    /// Declared findings, then any other finding a choice reveals or addresses.
    let findingNames: [String]
    let findingIndex: [String: Int]
    /// The words the findings take (two bits each: revealed at `2 i`, addressed at `2 i + 1`).
    let findingWords: Int
    /// Per component: the variables (indices) and visited scenes (indices) kept, its `once` choices, and
    /// its layout.
    let keptVariables: [[Int]]
    let keptVisits: [[Int]]
    let onceChoices: [[ChoiceID]]
    let layouts: [Layout]
    /// The bit of each `once` choice among its component's `once` choices.
    let onceBit: [ChoiceID: Int]
    /// Every written choice, scene by scene, and where each scene's choices start.
    let choiceIDs: [ChoiceID]
    let choiceBase: [Int]

    init(scenario: Scenario) {
        scenarioID = scenario.id
        let graph = SceneGraph(scenario: scenario)
        self.graph = graph
        var seenVariables: Set<String> = []
        let variables = scenario.variables.filter { seenVariables.insert($0.name).inserted }
        variableNames = variables.map(\.name)
        initialValues = variables.map(\.initial)
        initialDictionary = Dictionary(variables.map { ($0.name, $0.initial) }, uniquingKeysWith: { first, _ in first })
        let variableIndex = Dictionary(uniqueKeysWithValues: variableNames.enumerated().map { ($1, $0) })
        self.variableIndex = variableIndex

        var findings = scenario.findings.map(\.id)
        var choiceIDs: [ChoiceID] = []
        var choiceBase = [Int](repeating: 0, count: graph.names.count + 1)
        for (number, name) in graph.names.enumerated() {
            choiceBase[number] = choiceIDs.count
            guard let scene = scenario.scene(named: name) else { continue }
            for (position, choice) in scene.choices.enumerated() {
                choiceIDs.append(ChoiceID(scene: name, index: position))
                findings += choice.reveals
                findings += choice.addresses
            }
        }
        choiceBase[graph.names.count] = choiceIDs.count
        self.choiceIDs = choiceIDs
        self.choiceBase = choiceBase
        var seenFindings: Set<String> = []
        findingNames = findings.filter { seenFindings.insert($0).inserted }
        findingIndex = Dictionary(uniqueKeysWithValues: findingNames.enumerated().map { ($1, $0) })
        let findingWords = (2 * findingNames.count + 63) / 64
        self.findingWords = findingWords

        // What each component's own `requires:` read, then (sinks first) what it or anything after it reads.
        let componentCount = graph.members.count
        var readVariables = [Set<Int>](repeating: [], count: componentCount)
        var readVisits = [Set<Int>](repeating: [], count: componentCount)
        var once = [[ChoiceID]](repeating: [], count: componentCount)
        for (number, name) in graph.names.enumerated() {
            guard let scene = scenario.scene(named: name) else { continue }
            let component = graph.component[number]
            for (position, choice) in scene.choices.enumerated() {
                if let condition = choice.requires {
                    readVariables[component].formUnion(condition.variablesRead.compactMap { variableIndex[$0] })
                    readVisits[component].formUnion(condition.scenesVisited.compactMap { graph.index[$0] })
                }
                if choice.once { once[component].append(ChoiceID(scene: name, index: position)) }
            }
        }
        var alwaysVariables: Set<Int> = []
        var alwaysVisits: Set<Int> = []
        for expectation in scenario.expectations {
            alwaysVariables.formUnion(expectation.condition.variablesRead.compactMap { variableIndex[$0] })
            alwaysVisits.formUnion(expectation.condition.scenesVisited.compactMap { graph.index[$0] })
        }
        var keptVariables = [[Int]](repeating: [], count: componentCount)
        var keptVisits = [[Int]](repeating: [], count: componentCount)
        var downstreamVariables = [Set<Int>](repeating: [], count: componentCount)
        var downstreamVisits = [Set<Int>](repeating: [], count: componentCount)
        for component in 0..<componentCount {
            var variablesHere = readVariables[component]
            var visitsHere = readVisits[component]
            for scene in graph.members[component] {
                for next in graph.successors[scene] where graph.component[next] != component {
                    variablesHere.formUnion(downstreamVariables[graph.component[next]])
                    visitsHere.formUnion(downstreamVisits[graph.component[next]])
                }
            }
            downstreamVariables[component] = variablesHere
            downstreamVisits[component] = visitsHere
            keptVariables[component] = variablesHere.union(alwaysVariables).sorted()
            keptVisits[component] = visitsHere.union(alwaysVisits).sorted()
        }
        self.keptVariables = keptVariables
        self.keptVisits = keptVisits
        onceChoices = once
        var bits: [ChoiceID: Int] = [:]
        for list in once { for (bit, id) in list.enumerated() { bits[id] = bit } }
        onceBit = bits
        layouts = (0..<componentCount).map { component in
            let findingsStart = 1 + keptVariables[component].count
            let visitsStart = findingsStart + findingWords
            let onceStart = visitsStart + (keptVisits[component].count + 63) / 64
            return Layout(
                variableCount: keptVariables[component].count, findingsStart: findingsStart,
                visitsStart: visitsStart, onceStart: onceStart, count: onceStart + (once[component].count + 63) / 64)
        }
    }

    /// The scene names, in written order.
    var sceneNames: [String] { graph.names }

    /// The position of a written choice among all of the case's choices.
    func choiceNumber(_ id: ChoiceID) -> Int? {
        guard let scene = graph.index[id.scene] else { return nil }
        let base = choiceBase[scene]
        return id.index >= 0 && base + id.index < choiceBase[scene + 1] ? base + id.index : nil
    }

    /// Packs a state; names the case does not know (which play from the start cannot produce) are dropped.
    func pack(_ state: CaseState) -> PackedState {
        guard let scene = graph.index[state.scene] else { return PackedState(storage: [-1]) }
        let component = graph.component[scene]
        let layout = layouts[component]
        let variables = keptVariables[component]
        let visits = keptVisits[component]
        var storage = [Int](repeating: 0, count: layout.count)
        storage[0] = scene
        for (slot, variable) in variables.enumerated() {
            switch state.variables[variableNames[variable]] {
            case .int(let number)?: storage[1 + slot] = number
            case .bool(let flag)?: storage[1 + slot] = flag ? 1 : 0
            case nil: break
            }
        }
        func set(_ bit: Int, from start: Int) {
            storage[start + bit / 64] |= 1 << (bit % 64)
        }
        for finding in state.revealedFindings {
            if let bit = findingIndex[finding] { set(2 * bit, from: layout.findingsStart) }
        }
        for finding in state.addressedFindings {
            if let bit = findingIndex[finding] { set(2 * bit + 1, from: layout.findingsStart) }
        }
        for (bit, visit) in visits.enumerated() where state.hasVisited(graph.names[visit]) {
            set(bit, from: layout.visitsStart)
        }
        if !onceChoices[component].isEmpty {
            for id in state.usedOnceChoices {
                if let bit = onceBit[id], graph.index[id.scene].map({ graph.component[$0] }) == component {
                    set(bit, from: layout.onceStart)
                }
            }
        }
        return PackedState(storage: storage)
    }

    /// A state that behaves like the packed one from here on: an empty path, every kept variable, visit,
    /// `once` mark and finding as packed, and every other variable at its initial value.
    func unpack(_ packed: PackedState) -> CaseState {
        let storage = packed.storage
        let scene = storage[0]
        guard scene >= 0 else {
            return CaseState(scenarioID: scenarioID, scene: "", variables: [:])
        }
        let component = graph.component[scene]
        let layout = layouts[component]
        let variables = keptVariables[component]
        let visits = keptVisits[component]
        let once = onceChoices[component]
        func isSet(_ bit: Int, from start: Int) -> Bool {
            storage[start + bit / 64] & (1 << (bit % 64)) != 0
        }
        var values = initialDictionary
        for (slot, variable) in variables.enumerated() {
            let raw = storage[1 + slot]
            values[variableNames[variable]] = initialValues[variable].type == .boolean ? .bool(raw != 0) : .int(raw)
        }
        return CaseState(
            scenarioID: scenarioID, scene: graph.names[scene], variables: values,
            visitedScenes: visits.indices.filter { isSet($0, from: layout.visitsStart) }.map { graph.names[visits[$0]] },
            usedOnceChoices: Set(once.indices.filter { isSet($0, from: layout.onceStart) }.map { once[$0] }),
            revealedFindings: findingNames.indices.filter { isSet(2 * $0, from: layout.findingsStart) }.map {
                findingNames[$0]
            },
            addressedFindings: findingNames.indices.filter { isSet(2 * $0 + 1, from: layout.findingsStart) }.map {
                findingNames[$0]
            })
    }

    /// The name of the packed state's scene.
    func sceneName(of packed: PackedState) -> String {
        let index = packed.storage[0]
        return graph.names.indices.contains(index) ? graph.names[index] : ""
    }

    /// The given scene names in written order.
    func inWrittenOrder(_ scenes: Set<String>) -> [String] {
        graph.names.filter { scenes.contains($0) }
    }
}
