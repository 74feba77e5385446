import Foundation
import PracticumCore
import Testing

@testable import PracticumEngine

/// Exploration works on packed integers with its own compiled copy of the engine's rules. These tests
/// play every case with the engine itself, state by state, and require the explored graph to agree:
/// each played state has its explored state, which offers the same choices, has the same kind, and
/// whose edges lead where the engine's moves lead.
@Suite("Exploration agrees with the engine")
struct ExplorationAgreementTests {
    /// Plays the case breadth-first with the engine (up to `budget` distinct full states) and checks the
    /// explored graph against every state and move it sees.
    static func checkAgreement(_ scenario: Scenario, budget: Int = 3_000, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let engine = Engine(scenario: scenario)
        let graph = StateExplorer(engine: engine).explore()
        var explored: [CaseState.Snapshot: Int] = [:]
        for state in 0..<graph.stateCount { explored[graph.snapshot(of: state)] = state }
        #expect(explored.count == graph.stateCount, "two explored states pack alike", sourceLocation: sourceLocation)

        let (begun, begunEvents) = engine.start()
        let (first, firstEvents) = engine.autoContinue(begun)
        var entered = Set((begunEvents + firstEvents).compactMap(Self.scene(entered:)))
        var seen: Set<CaseState.Snapshot> = [first.memoryKey]
        var queue = [first]
        var hit: Set<Int> = []
        var offeredAnywhere: Set<ChoiceID> = []
        var head = 0
        while head < queue.count {
            let played = queue[head]
            head += 1
            guard let state = explored[graph.snapshot(for: played)] else {
                Issue.record("no explored state for \(played.memoryKey)", sourceLocation: sourceLocation)
                return
            }
            hit.insert(state)
            let offered = engine.availableChoices(in: played).map(\.id)
            let status = engine.status(of: played)
            switch status {
            case .ended: #expect(graph.kind(of: state) == .ended, sourceLocation: sourceLocation)
            case .stuck, .continuing: #expect(graph.kind(of: state) == .stuck, sourceLocation: sourceLocation)
            case .choosing:
                #expect(graph.kind(of: state) == .choosing, sourceLocation: sourceLocation)
                #expect(graph.offered(in: state) == offered, "at \(played.scene)", sourceLocation: sourceLocation)
            }
            guard case .choosing(let available) = status else { continue }
            offeredAnywhere.formUnion(offered)
            let edges = graph.edges(from: state)
            for pick in available {
                guard let (moved, events) = try? engine.choose(id: pick.id, in: played) else {
                    #expect(!edges.contains { $0.choice == pick.id }, sourceLocation: sourceLocation)
                    continue
                }
                let (next, more) = engine.autoContinue(moved)
                entered.formUnion((events + more).compactMap(Self.scene(entered:)))
                let edge = edges.first { $0.choice == pick.id }
                #expect(
                    edge.map { graph.snapshot(of: $0.to) } == graph.snapshot(for: next),
                    "\(pick.id) from \(played.scene)", sourceLocation: sourceLocation)
                if seen.count < budget, seen.insert(next.memoryKey).inserted { queue.append(next) }
            }
        }
        if seen.count < budget {
            // The whole case was played: every explored state was met, and the summaries agree.
            #expect(!graph.isTruncated, sourceLocation: sourceLocation)
            #expect(hit.count == graph.stateCount, sourceLocation: sourceLocation)
            #expect(Set(graph.reachableScenes) == entered, sourceLocation: sourceLocation)
            #expect(graph.availableChoices == offeredAnywhere, sourceLocation: sourceLocation)
        }
    }

    private static func scene(entered event: Event) -> String? {
        if case .entered(let scene) = event { return scene } else { return nil }
    }

    @Test(arguments: [
        Cases.maria, Cases.softLock, Cases.continuations, Cases.hub, Cases.unboundedUnread, Cases.extremes,
    ])
    func handWrittenCases(_ scenario: Scenario) {
        Self.checkAgreement(scenario)
    }

    @Test func theBundledCases() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("Scenarios")
        let loader = ScenarioLoader(content: try ContentLoader.load(from: root.appendingPathComponent("Content")))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".scenario")
        }
        #expect(!files.isEmpty)
        for file in files {
            let scenario = try #require(loader.load(path: folder.appendingPathComponent(file).path).scenario)
            Self.checkAgreement(scenario, budget: 400)
        }
    }

    /// Random small cases built to hit every rule: conditions on variables of both types (some
    /// mismatched), visits and findings, `once` choices, updates that saturate at the integer limit, continuation chains that
    /// lead out, loop or name no scene, and targets that do not exist.
    @Test(arguments: 0..<300)
    func randomCases(_ seed: Int) {
        Self.checkAgreement(RandomCase.make(seed: UInt64(seed)), budget: 1_500)
    }
}

/// A random case from a seed, reproducible (SplitMix64).
struct RandomCase {
    private var state: UInt64

    /// The case for a seed.
    static func make(seed: UInt64) -> Scenario {
        var generator = RandomCase(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        return generator.build()
    }

    private init(state: UInt64) {
        self.state = state
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    private mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    private mutating func build() -> Scenario {
        let sceneCount = 2 + below(7)
        let names = (0..<sceneCount).map { "s\($0)" }
        let variables = [
            Variable(name: "n", initial: .int(below(3))),
            Variable(name: "m", initial: .int(Int.max - 1)),
            Variable(name: "flag", initial: .bool(chance(50))),
            Variable(name: "other", initial: .bool(false)),
        ]
        let findings = ["f0", "f1", "f2"]
        var scenes: [Scene] = []
        for (number, name) in names.enumerated() {
            let roll = below(10)
            if roll == 0 {
                scenes.append(Scene(name: name, ending: "goals-met"))
            } else if roll == 1 {
                // A continuation: onward, back, or to a scene that does not exist.
                let next = chance(15) ? "nowhere" : names[below(sceneCount)]
                scenes.append(Scene(name: name, next: next))
            } else if roll == 2 && number > 0 {
                scenes.append(Scene(name: name))  // no way on
            } else {
                var choices: [Choice] = []
                for _ in 0..<(1 + below(4)) {
                    choices.append(
                        Choice(
                            text: "c", phase: "engagement", quality: below(3) - 1,
                            reveals: chance(30) ? [findings[below(3)]] : [],
                            addresses: chance(20) ? [findings[below(3)]] : [],
                            requires: chance(60) ? condition(depth: 0, names: names) : nil,
                            updates: chance(50) ? [update()] + (chance(20) ? [update()] : []) : [],
                            once: chance(30),
                            target: chance(5) ? "missing" : names[below(sceneCount)]))
                }
                scenes.append(Scene(name: name, choices: choices))
            }
        }
        if !scenes.contains(where: { $0.isEnding }) { scenes.append(Scene(name: "end", ending: "goals-met")) }
        let expectations =
            chance(50)
            ? [Expectation(name: "e", severity: .major, condition: condition(depth: 0, names: names), because: "b")]
            : []
        return Scenario(
            header: Header(title: "Random", id: "random", language: "en", level: "micro"),
            findings: findings.map { Finding(id: $0, text: $0) }, variables: variables, scenes: scenes,
            start: chance(5) ? "absent" : names[0], expectations: expectations)
    }

    private mutating func update() -> Assignment {
        switch below(6) {
        case 0: return Assignment(variable: "n", operation: .assign(.int(below(4))))
        case 1: return Assignment(variable: "m", operation: .add(1))
        case 2: return Assignment(variable: "m", operation: .add(5))
        case 3: return Assignment(variable: "flag", operation: .assign(.bool(chance(50))))
        case 4: return Assignment(variable: "flag", operation: .assign(.int(1)))  // wrong type: skipped
        default: return Assignment(variable: "ghost", operation: .add(1))  // unknown: skipped
        }
    }

    private mutating func condition(depth: Int, names: [String]) -> Condition {
        let kind = depth > 2 ? below(6) : below(9)
        switch kind {
        case 0: return .variable(chance(80) ? "flag" : "n")
        case 1:
            let op = Condition.ComparisonOperator.allCases[below(6)]
            return .comparison(.variable("n"), op, .literal(.int(below(4))))
        case 2: return .comparison(.variable("m"), .greaterOrEqual, .literal(.int(Int.max)))
        case 3:
            let op = Condition.ComparisonOperator.allCases[below(6)]
            return .comparison(.variable(chance(50) ? "flag" : "n"), op, .literal(.bool(chance(50))))
        case 4: return .visited(chance(90) ? names[below(names.count)] : "nowhere")
        case 5: return .revealed(chance(90) ? "f\(below(3))" : "unknown")
        case 6: return .not(condition(depth: depth + 1, names: names))
        case 7: return .and(condition(depth: depth + 1, names: names), condition(depth: depth + 1, names: names))
        default: return .or(condition(depth: depth + 1, names: names), condition(depth: depth + 1, names: names))
        }
    }
}
