import PracticumCore

/// The engine's rules compiled for exploration: which choices a packed state offers and the packed state
/// each one leads to, worked out on the packed integers themselves, without building a `CaseState`,
/// events or names.
///
/// It follows `Engine` exactly (a test compares the two on every case of the test suite): a choice is on
/// offer when it is not a used `once` choice and its `requires:` holds; taking it applies its `set:`
/// updates, marks it used when it is `once`, adds its findings to the notes and the plan, and enters its
/// target and every continuation scene after it. What a packed state does not keep (a variable nothing
/// ahead reads, say) is neither read nor written.
struct ExplorationKernel: Sendable {
    /// What a scene asks of a state resting in it.
    enum Role: Sendable {
        case ending
        /// Its choices are these positions in `StateCodec.choiceIDs`.
        case choosing(Range<Int>)
        /// Nothing to choose: no choices and no way on (or a continuation that only loops).
        case stuck
    }

    /// A compiled condition: storage positions instead of names, with types resolved.
    indirect enum Test: Sendable {
        case constant(Bool)
        /// A boolean variable's slot holds 1.
        case flag(Int)
        case compare(Operand, Condition.ComparisonOperator, Operand)
        /// A bit of the storage is set: (word position, mask).
        case bit(Int, Int)
        case not(Test)
        case and(Test, Test)
        case or(Test, Test)

        enum Operand: Sendable {
            case slot(Int)
            case literal(Int)
        }
    }

    /// One `set:` update, on a slot of the target's layout.
    enum Update: Sendable {
        case add(slot: Int, amount: Int)
        case assign(slot: Int, value: Int)
    }

    /// What moving from one component of scenes to a target scene does to the shape of a state: where it
    /// lands, where each kept value comes from, which visits it records. Shared by every choice that makes
    /// that move.
    final class Transfer: Sendable {
        /// The scene the state rests in afterwards (after continuations).
        let landing: Int
        /// The scene the choice names (where continuations start).
        let target: Int
        /// For each kept variable of the landing scene, its slot in the source state, or (negative) `-1 - v`
        /// for variable `v`, which starts at its initial value (never needed: what a scene ahead reads is
        /// kept in every scene before it).
        let variableSources: [Int]
        /// For each kept visit bit of the landing scene, its bit in the source state (-1: none).
        let visitSources: [Int]
        /// The visit bits of the landing scene that the move sets.
        let visitsSet: [Int]
        /// Whether the landing scene is in the source scene's component (so `once` marks carry over).
        let keepsOnce: Bool
        /// The layouts of the source component and of the landing scene's.
        let from: StateCodec.Layout
        let to: StateCodec.Layout

        init(
            landing: Int, target: Int, variableSources: [Int], visitSources: [Int], visitsSet: [Int],
            keepsOnce: Bool, from: StateCodec.Layout, to: StateCodec.Layout
        ) {
            self.landing = landing
            self.target = target
            self.variableSources = variableSources
            self.visitSources = visitSources
            self.visitsSet = visitsSet
            self.keepsOnce = keepsOnce
            self.from = from
            self.to = to
        }
    }

    struct TransferKey: Hashable {
        var component: Int
        var target: Int
    }

    /// Everything taking one choice does: its move's transfer, its updates and findings, its `once` mark.
    /// A class, so that following an edge costs one reference count, not one per array.
    final class Move: Sendable {
        let transfer: Transfer
        /// The updates, on the landing scene's slots (an update of a variable nothing ahead reads is dropped).
        let updates: [Update]
        /// The finding bits set (word offset from the findings start, mask).
        let findingBits: [(word: Int, mask: Int)]
        /// This choice's own `once` bit, when it is `once` and lands in its own component (-1: none).
        let ownOnceBit: Int

        /// The scene the choice names.
        var target: Int { transfer.target }

        init(transfer: Transfer, updates: [Update], findingBits: [(word: Int, mask: Int)], ownOnceBit: Int) {
            self.transfer = transfer
            self.updates = updates
            self.findingBits = findingBits
            self.ownOnceBit = ownOnceBit
        }
    }

    let codec: StateCodec
    /// Per scene (the codec's numbering).
    let roles: [Role]
    /// Per choice (the codec's numbering): its condition, its `once` bit in its component (-1: not `once`),
    /// and its move (nil when its target is not a scene of the case).
    let tests: [Test?]
    let onceBits: [Int]
    /// Where in a state of its scene each `once` choice's bit lies (-1: not `once`).
    let onceWords: [Int]
    let moves: [Move?]
    /// For each continuation scene that leads out, the scene it continues to (-1 for the other scenes).
    let onward: [Int]
    /// Each variable's initial value as packed.
    let initialSlots: [Int]
    /// The start state, at rest, packed.
    let start: [Int]

    init(engine: Engine, codec: StateCodec) {
        self.codec = codec
        let scenario = engine.scenario
        let graph = codec.graph
        let sceneCount = graph.names.count
        // Each scene's definition (the first of its name), without copying scenes.
        let defined = codec.sceneDefinition
        func scene(_ number: Int) -> Scene? { defined[number] >= 0 ? scenario.scenes[defined[number]] : nil }

        // Where each scene's continuations lead (`Engine.continuations`, in the graph's numbering): the scene a
        // state comes to rest in, and the first scene on the way that a state records.
        let chains = engine.continuations
        var onward = [Int](repeating: -1, count: sceneCount)
        var rest = Array(0..<sceneCount)
        for (name, next) in chains.onward {
            guard let number = graph.index[name], defined[number] >= 0, let following = graph.index[next],
                let landing = chains.landing[name].flatMap({ graph.index[$0] })
            else { continue }
            onward[number] = following
            rest[number] = landing
        }
        let recorded = graph.names.map { engine.recordedScenes.contains($0) }
        var firstRecorded = (0..<sceneCount).map { recorded[$0] ? $0 : -1 }
        for name in chains.restingFirst {
            guard let number = graph.index[name], onward[number] >= 0, !recorded[number] else { continue }
            firstRecorded[number] = firstRecorded[onward[number]]
        }
        self.onward = onward

        roles = (0..<sceneCount).map { number in
            guard let scene = scene(number) else { return .stuck }
            if scene.isEnding { return .ending }
            if scene.choices.isEmpty { return .stuck }
            return .choosing(codec.choiceBase[number]..<codec.choiceBase[number + 1])
        }

        let variableTypes = codec.initialValues.map(\.type)
        var tests: [Test?] = []
        var onceBits: [Int] = []
        var onceWords: [Int] = []
        var moves: [Move?] = []
        var transfers: [TransferKey: Transfer] = [:]
        // A component's slot of a kept variable and bit of a kept visit: its kept lists are sorted, so a
        // binary search finds them without a table per component.
        func position(of item: Int, in sorted: [Int]) -> Int? {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < item { low = middle + 1 } else { high = middle }
            }
            return low < sorted.count && sorted[low] == item ? low : nil
        }
        for (number, id) in codec.choiceIDs.enumerated() {
            let source = codec.choiceScene[number]
            let component = graph.component[source]
            let layout = codec.layouts[component]
            let choices = scenario.scenes[codec.sceneDefinition[source]].choices
            let written = id.index
            let kept = codec.keptVariables[component]
            let keptVisits = codec.keptVisits[component]
            if let condition = choices[written].requires {
                tests.append(
                    Self.compile(
                        condition, codec: codec, types: variableTypes,
                        slots: { variable in position(of: variable, in: kept).map { 1 + $0 } },
                        visitBits: { scene in position(of: scene, in: keptVisits) }, layout: layout))
            } else {
                tests.append(nil)
            }
            let ownBit = codec.onceBitOfChoice[number]
            onceBits.append(ownBit)
            onceWords.append(ownBit >= 0 ? layout.onceStart + ownBit / 64 : -1)
            guard let target = graph.index[choices[written].target], defined[target] >= 0 else {
                moves.append(nil)
                continue
            }
            let landing = rest[target]
            let landingComponent = graph.component[landing]
            let landingVariables = codec.keptVariables[landingComponent]
            // What moving from this component to this target does to a state's shape, shared by every
            // choice that makes the same move (often all of a scene's choices).
            let transferKey = TransferKey(component: component, target: target)
            let transfer: Transfer
            if let known = transfers[transferKey] {
                transfer = known
            } else {
                var entered: Set<Int> = []
                var step = firstRecorded[target]
                while step >= 0, entered.insert(step).inserted, onward[step] >= 0 {
                    step = firstRecorded[onward[step]]
                }
                let landingVisits = codec.keptVisits[landingComponent]
                transfer = Transfer(
                    landing: landing, target: target,
                    variableSources: landingVariables.map { position(of: $0, in: kept).map { 1 + $0 } ?? -1 - $0 },
                    visitSources: landingVisits.map { position(of: $0, in: keptVisits) ?? -1 },
                    visitsSet: landingVisits.indices.filter { entered.contains(landingVisits[$0]) },
                    keepsOnce: landingComponent == component, from: layout, to: codec.layouts[landingComponent])
                transfers[transferKey] = transfer
            }
            var updates: [Update] = []
            for update in choices[written].updates {
                guard let variable = codec.variableIndex[update.variable],
                    let slot = position(of: variable, in: landingVariables).map({ 1 + $0 })
                else { continue }
                let type = variableTypes[variable]
                switch update.operation {
                case .add(let amount) where type == .integer:
                    updates.append(.add(slot: slot, amount: amount))
                case .assign(.int(let value)) where type == .integer:
                    updates.append(.assign(slot: slot, value: value))
                case .assign(.bool(let flag)) where type == .boolean:
                    updates.append(.assign(slot: slot, value: flag ? 1 : 0))
                default:
                    continue  // The engine skips an update whose types do not fit.
                }
            }
            var findingBits: [(word: Int, mask: Int)] = []
            for finding in choices[written].reveals {
                if let number = codec.findingIndex[finding] {
                    findingBits.append(StateCodec.FindingBits.position(of: number, addressed: false))
                }
            }
            for finding in choices[written].addresses {
                if let number = codec.findingIndex[finding] {
                    findingBits.append(StateCodec.FindingBits.position(of: number, addressed: true))
                }
            }
            moves.append(
                Move(
                    transfer: transfer, updates: updates, findingBits: findingBits,
                    ownOnceBit: landingComponent == component ? ownBit : -1))
        }
        self.tests = tests
        self.onceBits = onceBits
        self.onceWords = onceWords
        self.moves = moves

        let (begun, _) = engine.start()
        let opening = engine.autoContinue(begun).state
        start = codec.pack(opening).storage
        initialSlots = codec.initialValues.map {
            switch $0 {
            case .int(let number): return number
            case .bool(let flag): return flag ? 1 : 0
            }
        }
    }

    /// Compiles a condition against one component's layout; what the engine would find false (an unknown
    /// name, a type mismatch, an ordering of booleans) compiles to `false`.
    private static func compile(
        _ condition: Condition, codec: StateCodec, types: [ValueType], slots: (Int) -> Int?, visitBits: (Int) -> Int?,
        layout: StateCodec.Layout
    ) -> Test {
        func operand(_ operand: Condition.Operand) -> (Test.Operand, ValueType)? {
            switch operand {
            case .literal(.int(let number)): return (.literal(number), .integer)
            case .literal(.bool(let flag)): return (.literal(flag ? 1 : 0), .boolean)
            case .variable(let name):
                guard let variable = codec.variableIndex[name], let slot = slots(variable) else { return nil }
                return (.slot(slot), types[variable])
            }
        }
        func compile(_ condition: Condition) -> Test {
            switch condition {
            case .variable(let name):
                guard let variable = codec.variableIndex[name], types[variable] == .boolean,
                    let slot = slots(variable)
                else { return .constant(false) }
                return .flag(slot)
            case .comparison(let lhs, let op, let rhs):
                guard let left = operand(lhs), let right = operand(rhs), left.1 == right.1,
                    left.1 == .integer || !op.isOrdering
                else { return .constant(false) }
                return .compare(left.0, op, right.0)
            case .visited(let scene):
                guard let number = codec.graph.index[scene], let bit = visitBits(number) else { return .constant(false) }
                return .bit(layout.visitsStart + bit / 64, 1 << (bit % 64))
            case .revealed(let finding):
                guard let number = codec.findingIndex[finding] else { return .constant(false) }
                let (word, mask) = StateCodec.FindingBits.position(of: number, addressed: false)
                return .bit(layout.findingsStart + word, mask)
            case .not(let inner):
                return .not(compile(inner))
            case .and(let lhs, let rhs):
                return .and(compile(lhs), compile(rhs))
            case .or(let lhs, let rhs):
                return .or(compile(lhs), compile(rhs))
            }
        }
        return compile(condition)
    }
}
