import PracticumCore
import Testing

@testable import PracticumEngine

/// Every operation on a case's whole numbers, driven through values around `Int.min`, `Int.max`, 0, -1 and 1
/// by a seeded generator: no trap, and the documented result. An update that would pass either end stops at
/// that end (docs/scenario-format.md, "Whole numbers"); comparisons are exact; a range is measured exactly.
/// The reference for each is worked out in 128 bits, where none of these can overflow.
@Suite("Arithmetic at the 64-bit limits")
struct ArithmeticLimitsTests {
    /// The values every property is driven through, each against each.
    static let edges: [Int] = [
        Int.min, Int.min + 1, Int.min + 2, Int.min / 2, -2, -1, 0, 1, 2, Int.max / 2, Int.max - 2, Int.max - 1, Int.max,
    ]

    /// `edges`, then `count` more from a seeded generator: half near an end or zero, half anywhere.
    static func values(count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var values = edges
        for _ in 0..<count {
            let offset = Int(generator.next(below: 1_000))
            switch generator.next(below: 4) {
            case 0: values.append(Int.min + offset)
            case 1: values.append(Int.max - offset)
            case 2: values.append(offset - 500)
            default: values.append(Int(bitPattern: UInt(generator.next())))
            }
        }
        return values
    }

    /// The sum, held at the ends of `Int`.
    static func saturated(_ value: Int, plus amount: Int) -> Int {
        let exact = Int128(value) + Int128(amount)
        return exact > Int128(Int.max) ? Int.max : exact < Int128(Int.min) ? Int.min : Int(exact)
    }

    @Test func anAddHoldsAtTheEndsInsteadOfOverflowing() {
        let values = Self.values(count: 120, seed: 16)
        for value in values {
            for amount in values {
                let applied = Assignment(variable: "x", operation: .add(amount)).applied(to: .int(value))
                #expect(applied == .int(Self.saturated(value, plus: amount)), "\(value) + \(amount)")
            }
        }
    }

    @Test func comparisonsAreExactAcrossTheWholeRange() {
        let values = Self.values(count: 60, seed: 17)
        let engine = Engine(scenario: Cases.counterLoop("compare", readsCounter: false))
        let state = engine.start().state
        for left in values {
            for right in values {
                for op in Condition.ComparisonOperator.allCases {
                    let expected: Bool
                    switch op {
                    case .equal: expected = Int128(left) == Int128(right)
                    case .notEqual: expected = Int128(left) != Int128(right)
                    case .less: expected = Int128(left) < Int128(right)
                    case .lessOrEqual: expected = Int128(left) <= Int128(right)
                    case .greater: expected = Int128(left) > Int128(right)
                    case .greaterOrEqual: expected = Int128(left) >= Int128(right)
                    }
                    #expect(op.holds(left, right) == expected)
                    let condition = Condition.comparison(.literal(.int(left)), op, .literal(.int(right)))
                    #expect(engine.evaluate(condition, in: state) == expected, "\(condition)")
                }
            }
        }
    }

    @Test func aRangeIsMeasuredExactlyWhereverItLies() {
        let values = Self.values(count: 120, seed: 18)
        for low in values {
            for high in values {
                let exact = (Int128(high) - Int128(low)).magnitude
                #expect(UInt128(ExplorationCheck.span(from: low, to: high)) == exact, "\(low) to \(high)")
            }
        }
        #expect(ExplorationCheck.span(from: Int.min, to: Int.max) == UInt.max)
    }

    @Test func literalsAreReadExactlyAndPrintAsWritten() {
        for value in Self.values(count: 200, seed: 19) {
            #expect(Value(literal: String(value)) == .int(value))
            #expect(Value(literal: "+\(value)") == .int(value) || value < 0)
            #expect(Value.int(value).description == String(value))
            #expect(!Value.isOutOfRangeWholeNumber(String(value)))
        }
        for past in [Int128(Int.max) + 1, Int128(Int.min) - 1, Int128(Int.max) * 4, Int128(Int.min) * 4] {
            #expect(Value(literal: String(past)) == nil)
            #expect(Value.isOutOfRangeWholeNumber(String(past)))
        }
    }

    /// A variable starting at `initial`, one scene whose choice applies `update` and moves on, and a second
    /// whose two choices are offered by `x OP bound` and its negation (and a third, once, goes back): the engine and the exploration kernel
    /// (its own compiled copy of the rules) must agree on every state and every offer.
    static func limitCase(initial: Int, update: Assignment.Operation, op: Condition.ComparisonOperator, bound: Int)
        -> Scenario
    {
        let test = Condition.comparison(.variable("x"), op, .literal(.int(bound)))
        return Scenario(
            header: Cases.header("limit"), findings: [], variables: [Variable(name: "x", initial: .int(initial))],
            scenes: [
                Scene(
                    name: "start",
                    choices: [
                        Choice(
                            text: "Change it.", phase: "engagement", quality: 1,
                            updates: [Assignment(variable: "x", operation: update)], target: "test"),
                        Choice(text: "Leave it.", phase: "engagement", quality: 0, target: "test"),
                    ]),
                Scene(
                    name: "test",
                    choices: [
                        Choice(text: "Holds.", phase: "termination", quality: 1, requires: test, target: "held"),
                        Choice(text: "Fails.", phase: "termination", quality: 0, requires: .not(test), target: "failed"),
                        // Once, so the update can apply twice (past an end and on from it) and the space stays small.
                        Choice(text: "Again.", phase: "engagement", quality: 0, once: true, target: "start"),
                    ]),
                Scene(name: "held", ending: "goals-met"),
                Scene(name: "failed", ending: "partial"),
            ],
            start: "start")
    }

    @Test func theExplorationKernelAgreesWithTheEngineAtTheLimits() throws {
        var generator = SplitMix64(seed: 20)
        let values = Self.values(count: 20, seed: 21)
        func pick() -> Int { values[Int(generator.next(below: UInt64(values.count)))] }
        for round in 0..<60 {
            let update: Assignment.Operation = generator.next(below: 3) == 0 ? .assign(.int(pick())) : .add(pick())
            let op = Condition.ComparisonOperator.allCases[Int(generator.next(below: 6))]
            let scenario = Self.limitCase(initial: pick(), update: update, op: op, bound: pick())
            ExplorationAgreementTests.checkAgreement(scenario)
            // And the values it reaches are the engine's, saturated.
            let engine = Engine(scenario: scenario)
            let changed = try engine.choose(number: 1, in: engine.start().state).state
            let expected = Assignment(variable: "x", operation: update).applied(to: scenario.variables[0].initial)
            #expect(changed.variables["x"] == expected, "round \(round)")
        }
    }

    /// The reproducer of issue 16: a counter that falls from `Int.max` and can be set to `Int.min` trapped
    /// `check` when the exploration limit was reached and the widest range (2^64 - 1) was measured.
    @Test func aRangeFromIntMinToIntMaxIsReportedNotTrapped() throws {
        let scenario = Scenario(
            header: Cases.header("runaway"), findings: [], variables: [Variable(name: "x", initial: .int(Int.max))],
            scenes: [
                Scene(
                    name: "a",
                    choices: [
                        Choice(
                            text: "Down.", phase: "engagement", quality: 1,
                            requires: .comparison(.variable("x"), .greaterOrEqual, .literal(.int(Int.min))),
                            updates: [Assignment(variable: "x", operation: .add(-1))], target: "a"),
                        Choice(
                            text: "Floor.", phase: "engagement", quality: 1,
                            updates: [Assignment(variable: "x", operation: .assign(.int(Int.min)))], target: "a"),
                        Choice(text: "Stop.", phase: "termination", quality: 1, target: "end"),
                    ]),
                Scene(name: "end", ending: "goals-met"),
            ],
            start: "a")
        let diagnostics = ExplorationCheck.diagnostics(
            for: scenario, locations: ExplorationCheck.Locations(file: "runaway.scenario"), limit: 200)
        let warning = try #require(diagnostics.first)
        #expect(warning.code == .explorationLimit)
        #expect(warning.hint?.contains("'x' (from -9223372036854775808 to 9223372036854775807)") == true)
    }
}
