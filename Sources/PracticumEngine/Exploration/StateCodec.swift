import PracticumCore

/// A state packed into one array of integers, the form exploration stores and hashes.
///
/// Layout: the scene's index, then one integer per case variable (booleans as
/// 0 and 1), then bit words for the visited scenes, the used `once` choices,
/// the revealed findings and the addressed findings, in that order.
struct PackedState: Hashable, Sendable {
    var storage: [Int]
}

/// Packs states of one scenario into `PackedState`s and back, dropping the path
/// and every order (as `CaseState.Snapshot` does).
struct StateCodec: Sendable {
    let scenarioID: String
    /// Scene names in written order (first of each name), plus the start if the case lacks it.
    let sceneNames: [String]
    private let sceneIndex: [String: Int]
    /// The declared variables in written order, with their types.
    private let variableNames: [String]
    private let variableTypes: [ValueType]
    /// Every written choice, scene by scene; a choice's position here is its bit in the `once` range.
    let choiceIDs: [ChoiceID]
    private let choiceBase: [Int]
    /// Declared findings, then any other finding a choice reveals or addresses.
    private let findingNames: [String]
    private let findingIndex: [String: Int]
    /// Scene bits worth keeping: scenes some `requires:` asks about with `visited(...)`.
    private let visitedMatters: [Bool]
    /// Variables worth keeping: those some `requires:` reads. The rest change text only.
    private let variableMatters: [Bool]

    private let onceBit: Int
    private let revealedBit: Int
    private let addressedBit: Int
    private let wordCount: Int
    private var wordsStart: Int { 1 + variableNames.count }

    init(scenario: Scenario) {
        scenarioID = scenario.id
        var names: [String] = []
        var index: [String: Int] = [:]
        var choiceIDs: [ChoiceID] = []
        var choiceBase: [Int] = []
        var findings = scenario.findings.map { $0.id }
        for scene in scenario.scenes where index[scene.name] == nil {
            index[scene.name] = names.count
            names.append(scene.name)
            choiceBase.append(choiceIDs.count)
            for (position, choice) in scene.choices.enumerated() {
                choiceIDs.append(ChoiceID(scene: scene.name, index: position))
                findings += choice.reveals
                findings += choice.addresses
            }
        }
        if index[scenario.start] == nil {
            index[scenario.start] = names.count
            names.append(scenario.start)
            choiceBase.append(choiceIDs.count)
        }
        sceneNames = names
        sceneIndex = index
        self.choiceIDs = choiceIDs
        self.choiceBase = choiceBase

        var seenVariables: Set<String> = []
        let variables = scenario.variables.filter { seenVariables.insert($0.name).inserted }
        variableNames = variables.map { $0.name }
        variableTypes = variables.map { $0.initial.type }

        // Only what a `requires:` reads can change which choices are on offer; `[if]` lines change text only.
        var readVariables: Set<String> = []
        var askedScenes: Set<String> = []
        for scene in scenario.scenes {
            for choice in scene.choices {
                guard let condition = choice.requires else { continue }
                readVariables.formUnion(condition.variablesRead)
                askedScenes.formUnion(condition.scenesVisited)
            }
        }
        // Expectations are read over the state an attempt ends in, so what they read is kept too.
        for expectation in scenario.expectations {
            readVariables.formUnion(expectation.condition.variablesRead)
            askedScenes.formUnion(expectation.condition.scenesVisited)
        }
        visitedMatters = names.map { askedScenes.contains($0) }
        variableMatters = variables.map { readVariables.contains($0.name) }

        var seenFindings: Set<String> = []
        findingNames = findings.filter { seenFindings.insert($0).inserted }
        findingIndex = Dictionary(uniqueKeysWithValues: findingNames.enumerated().map { ($1, $0) })

        onceBit = names.count
        revealedBit = onceBit + choiceIDs.count
        addressedBit = revealedBit + findingNames.count
        wordCount = (addressedBit + findingNames.count + 63) / 64
    }

    /// The position of a written choice among all of the case's choices.
    func choiceNumber(_ id: ChoiceID) -> Int? {
        guard let scene = sceneIndex[id.scene] else { return nil }
        let base = choiceBase[scene]
        let end = scene + 1 < choiceBase.count ? choiceBase[scene + 1] : choiceIDs.count
        return id.index >= 0 && base + id.index < end ? base + id.index : nil
    }

    /// Packs a state; names the case does not know (which play from the start cannot produce) are dropped.
    func pack(_ state: CaseState) -> PackedState {
        var storage = [Int](repeating: 0, count: wordsStart + wordCount)
        storage[0] = sceneIndex[state.scene] ?? -1
        for (position, name) in variableNames.enumerated() where variableMatters[position] {
            switch state.variables[name] {
            case .int(let number)?: storage[1 + position] = number
            case .bool(let flag)?: storage[1 + position] = flag ? 1 : 0
            case nil: break
            }
        }
        func set(_ bit: Int) {
            storage[wordsStart + bit / 64] |= 1 << (bit % 64)
        }
        for scene in state.visitedScenes { if let bit = sceneIndex[scene], visitedMatters[bit] { set(bit) } }
        for id in state.usedOnceChoices { if let number = choiceNumber(id) { set(onceBit + number) } }
        for finding in state.revealedFindings { if let bit = findingIndex[finding] { set(revealedBit + bit) } }
        for finding in state.addressedFindings { if let bit = findingIndex[finding] { set(addressedBit + bit) } }
        return PackedState(storage: storage)
    }

    /// A state that behaves like the packed one, with an empty path and everything in written order.
    func unpack(_ packed: PackedState) -> CaseState {
        let storage = packed.storage
        func isSet(_ bit: Int) -> Bool {
            storage[wordsStart + bit / 64] & (1 << (bit % 64)) != 0
        }
        var variables: [String: Value] = [:]
        for (position, name) in variableNames.enumerated() {
            let raw = storage[1 + position]
            variables[name] = variableTypes[position] == .boolean ? .bool(raw != 0) : .int(raw)
        }
        return CaseState(
            scenarioID: scenarioID,
            scene: sceneName(of: packed),
            variables: variables,
            visitedScenes: sceneNames.indices.filter { isSet($0) }.map { sceneNames[$0] },
            usedOnceChoices: Set(choiceIDs.indices.filter { isSet(onceBit + $0) }.map { choiceIDs[$0] }),
            revealedFindings: findingNames.indices.filter { isSet(revealedBit + $0) }.map { findingNames[$0] },
            addressedFindings: findingNames.indices.filter { isSet(addressedBit + $0) }.map { findingNames[$0] }
        )
    }

    /// The name of the packed state's scene.
    func sceneName(of packed: PackedState) -> String {
        let index = packed.storage[0]
        return sceneNames.indices.contains(index) ? sceneNames[index] : ""
    }

    /// The given scene names in written order.
    func inWrittenOrder(_ scenes: Set<String>) -> [String] {
        sceneNames.filter { scenes.contains($0) }
    }
}
