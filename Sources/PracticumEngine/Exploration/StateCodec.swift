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

    /// Where a finding's marks lie among the findings words, the one place that says so: two bits a finding,
    /// revealed at bit `2 n` and addressed at bit `2 n + 1` for finding `n` (in `findingNames` order).
    enum FindingBits {
        /// The word (from the first findings word) and the mask of finding `finding`'s mark.
        static func position(of finding: Int, addressed: Bool) -> (word: Int, mask: Int) {
            let bit = 2 * finding + (addressed ? 1 : 0)
            return (bit / 64, 1 << (bit % 64))
        }

        /// Whether the mark is set in a state's integers, whose findings words start at `start`.
        static func isSet<Words: RandomAccessCollection<Int>>(
            _ finding: Int, addressed: Bool, in words: Words, from start: Words.Index
        ) -> Bool {
            let (word, mask) = position(of: finding, addressed: addressed)
            return words[words.index(start, offsetBy: word)] & mask != 0
        }

        /// The number of words `count` findings take.
        static func words(for count: Int) -> Int { (2 * count + 63) / 64 }
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
    /// The words the findings take (see `FindingBits`).
    let findingWords: Int
    /// Per component: the variables (indices) and visited scenes (indices) kept, its `once` choices, and
    /// its layout.
    let keptVariables: [[Int]]
    let keptVisits: [[Int]]
    let onceChoices: [[ChoiceID]]
    let layouts: [Layout]
    /// The bit of each choice (by number) among its component's `once` choices, or -1 when it is not `once`.
    let onceBitOfChoice: [Int]
    /// Every written choice, scene by scene, and where each scene's choices start.
    let choiceIDs: [ChoiceID]
    let choiceBase: [Int]
    /// The scene (number) of each choice.
    let choiceScene: [Int]
    /// For each scene (number), the position in `scenario.scenes` of its definition (the first of its
    /// name), or -1 when the case has none (a start that names no scene).
    let sceneDefinition: [Int]

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

        var definition = [Int](repeating: -1, count: graph.names.count)
        for (position, scene) in scenario.scenes.enumerated() {
            if let number = graph.index[scene.name], definition[number] < 0 { definition[number] = position }
        }
        sceneDefinition = definition

        // One pass over the choices (read field by field: copying a choice costs a reference count per field):
        // their ids, the findings they name, what their conditions read, and the `once` ones, by component.
        let componentCount = graph.members.count
        var readVariables = [[Int]](repeating: [], count: componentCount)
        var readVisits = [[Int]](repeating: [], count: componentCount)
        var onceCount = [Int](repeating: 0, count: componentCount)
        var onceChoices = [[ChoiceID]](repeating: [], count: componentCount)
        var findings = scenario.findings.map(\.id)
        var choiceIDs: [ChoiceID] = []
        var choiceScene: [Int] = []
        var onceBits: [Int] = []
        var choiceBase = [Int](repeating: 0, count: graph.names.count + 1)
        var variableNamesRead: [String] = []
        var scenesRead: [String] = []
        for (number, name) in graph.names.enumerated() {
            choiceBase[number] = choiceIDs.count
            guard definition[number] >= 0 else { continue }
            let component = graph.component[number]
            let choices = scenario.scenes[definition[number]].choices
            for position in choices.indices {
                let id = ChoiceID(scene: name, index: position)
                choiceIDs.append(id)
                choiceScene.append(number)
                findings += choices[position].reveals
                findings += choices[position].addresses
                if let condition = choices[position].requires {
                    variableNamesRead.removeAll(keepingCapacity: true)
                    scenesRead.removeAll(keepingCapacity: true)
                    condition.collectReads(variables: &variableNamesRead, scenes: &scenesRead)
                    readVariables[component] += variableNamesRead.compactMap { variableIndex[$0] }
                    readVisits[component] += scenesRead.compactMap { graph.index[$0] }
                }
                if choices[position].once {
                    onceBits.append(onceCount[component])
                    onceCount[component] += 1
                    onceChoices[component].append(id)
                } else {
                    onceBits.append(-1)
                }
            }
        }
        choiceBase[graph.names.count] = choiceIDs.count
        self.choiceIDs = choiceIDs
        self.choiceBase = choiceBase
        self.choiceScene = choiceScene
        self.onceBitOfChoice = onceBits
        self.onceChoices = onceChoices
        var seenFindings: Set<String> = []
        findingNames = findings.filter { seenFindings.insert($0).inserted }
        findingIndex = Dictionary(uniqueKeysWithValues: findingNames.enumerated().map { ($1, $0) })
        let findingWords = FindingBits.words(for: findingNames.count)
        self.findingWords = findingWords

        // What each component or anything after it reads (sinks first), as sorted lists; a component that
        // reads nothing itself and leads to one other shares that one's list.
        var alwaysVariables: [Int] = []
        var alwaysVisits: [Int] = []
        for condition in scenario.endConditions {
            alwaysVariables += condition.variablesRead.compactMap { variableIndex[$0] }
            alwaysVisits += condition.scenesVisited.compactMap { graph.index[$0] }
        }
        alwaysVariables = Self.sortedUnique(alwaysVariables)
        alwaysVisits = Self.sortedUnique(alwaysVisits)
        var downstreamVariables = [[Int]](repeating: [], count: componentCount)
        var downstreamVisits = [[Int]](repeating: [], count: componentCount)
        var keptVariables = [[Int]](repeating: [], count: componentCount)
        var keptVisits = [[Int]](repeating: [], count: componentCount)
        // The component whose merge last took in each component, so each successor is merged once.
        var mergedInto = [Int](repeating: -1, count: componentCount)
        for component in 0..<componentCount {
            var variablesHere = Self.sortedUnique(readVariables[component])
            var visitsHere = Self.sortedUnique(readVisits[component])
            mergedInto[component] = component
            for scene in graph.members[component] {
                for next in graph.successors[scene] where mergedInto[graph.component[next]] != component {
                    mergedInto[graph.component[next]] = component
                    variablesHere = Self.union(variablesHere, downstreamVariables[graph.component[next]])
                    visitsHere = Self.union(visitsHere, downstreamVisits[graph.component[next]])
                }
            }
            downstreamVariables[component] = variablesHere
            downstreamVisits[component] = visitsHere
            keptVariables[component] = Self.union(variablesHere, alwaysVariables)
            keptVisits[component] = Self.union(visitsHere, alwaysVisits)
        }
        self.keptVariables = keptVariables
        self.keptVisits = keptVisits
        layouts = (0..<componentCount).map { component in
            let findingsStart = 1 + keptVariables[component].count
            let visitsStart = findingsStart + findingWords
            let onceStart = visitsStart + (keptVisits[component].count + 63) / 64
            return Layout(
                variableCount: keptVariables[component].count, findingsStart: findingsStart,
                visitsStart: visitsStart, onceStart: onceStart,
                count: onceStart + (onceCount[component] + 63) / 64)
        }
    }

    /// The distinct values, sorted.
    private static func sortedUnique(_ values: [Int]) -> [Int] {
        guard values.count > 1 else { return values }
        var sorted = values.sorted()
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// The union of two sorted lists of distinct values; either list itself when the other adds nothing.
    private static func union(_ lhs: [Int], _ rhs: [Int]) -> [Int] {
        if rhs.isEmpty || lhs == rhs { return lhs }
        if lhs.isEmpty { return rhs }
        var result: [Int] = []
        result.reserveCapacity(lhs.count + rhs.count)
        var left = 0
        var right = 0
        while left < lhs.count || right < rhs.count {
            if right == rhs.count || (left < lhs.count && lhs[left] < rhs[right]) {
                result.append(lhs[left])
                left += 1
            } else if left == lhs.count || rhs[right] < lhs[left] {
                result.append(rhs[right])
                right += 1
            } else {
                result.append(lhs[left])
                left += 1
                right += 1
            }
        }
        return result.count == lhs.count ? lhs : result
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
        for (findings, addressed) in [(state.revealedFindings, false), (state.addressedFindings, true)] {
            for finding in findings {
                guard let number = findingIndex[finding] else { continue }
                let (word, mask) = FindingBits.position(of: number, addressed: addressed)
                storage[layout.findingsStart + word] |= mask
            }
        }
        for (bit, visit) in visits.enumerated() where state.hasVisited(graph.names[visit]) {
            set(bit, from: layout.visitsStart)
        }
        if !onceChoices[component].isEmpty {
            for id in state.usedOnceChoices {
                guard let number = choiceNumber(id), graph.component[choiceScene[number]] == component else { continue }
                let bit = onceBitOfChoice[number]
                if bit >= 0 { set(bit, from: layout.onceStart) }
            }
        }
        return PackedState(storage: storage)
    }

    /// A state that behaves like the packed one from here on: an empty path, every kept variable, visit,
    /// `once` mark and finding as packed, and every other variable at its initial value.
    func unpack(_ packed: PackedState) -> CaseState {
        unpack(packed.storage[...])
    }

    /// `unpack(_:)` for a state's integers as the store keeps them.
    func unpack(_ words: ArraySlice<Int>) -> CaseState {
        let storage = Array(words)
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
            revealedFindings: findingNames.indices.filter {
                FindingBits.isSet($0, addressed: false, in: storage, from: layout.findingsStart)
            }.map { findingNames[$0] },
            addressedFindings: findingNames.indices.filter {
                FindingBits.isSet($0, addressed: true, in: storage, from: layout.findingsStart)
            }.map { findingNames[$0] })
    }

    /// The name of a scene (by number), or "" for none.
    func sceneName(_ index: Int) -> String {
        graph.names.indices.contains(index) ? graph.names[index] : ""
    }

    /// The given scene names in written order.
    func inWrittenOrder(_ scenes: Set<String>) -> [String] {
        graph.names.filter { scenes.contains($0) }
    }
}
