import PracticumCore
import PracticumEngine
import Testing

@Suite("Evaluating conditions")
struct ConditionTests {
    static func compare(_ lhs: Condition.Operand, _ op: Condition.ComparisonOperator, _ rhs: Condition.Operand)
        -> Condition
    {
        .comparison(lhs, op, rhs)
    }
    static let trust = Condition.Operand.variable("trust")
    static let called = Condition.Operand.variable("called")
    static func int(_ number: Int) -> Condition.Operand { .literal(.int(number)) }
    static func bool(_ flag: Bool) -> Condition.Operand { .literal(.bool(flag)) }

    /// In the state under test trust is 3, called is false, intake and story
    /// are visited and the eviction is revealed.
    static let table: [(Condition, Bool)] = [
        (compare(trust, .equal, int(3)), true),
        (compare(trust, .notEqual, int(3)), false),
        (compare(trust, .less, int(3)), false),
        (compare(trust, .lessOrEqual, int(3)), true),
        (compare(trust, .greater, int(2)), true),
        (compare(trust, .greaterOrEqual, int(4)), false),
        (compare(int(2), .less, trust), true),
        (compare(trust, .equal, trust), true),
        (compare(called, .equal, bool(false)), true),
        (compare(called, .notEqual, bool(true)), true),
        (compare(called, .notEqual, bool(false)), false),
        (compare(called, .less, bool(true)), false),
        (compare(called, .greaterOrEqual, bool(false)), false),
        (compare(trust, .equal, bool(true)), false),
        (compare(trust, .notEqual, bool(true)), false),
        (compare(.variable("nobody"), .notEqual, int(1)), false),
        (compare(.variable("nobody"), .equal, int(0)), false),
        (.variable("called"), false),
        (.variable("trust"), false),
        (.variable("nobody"), false),
        (.not(.variable("called")), true),
        (.visited("intake"), true),
        (.visited("closing"), false),
        (.revealed("eviction"), true),
        (.revealed("sister"), false),
        (.and(.visited("story"), .revealed("eviction")), true),
        (.and(.visited("story"), .revealed("sister")), false),
        (.or(.revealed("sister"), compare(trust, .greater, int(0))), true),
        (.or(.revealed("sister"), .variable("called")), false),
        (.not(.and(.revealed("sister"), .variable("called"))), true),
    ]

    @Test(arguments: table)
    func condition(_ condition: Condition, holds expected: Bool) throws {
        let engine = Engine(scenario: Cases.maria)
        let state = try engine.play([1, 1])
        #expect(state.variables == ["trust": .int(3), "called": .bool(false)])
        #expect(engine.evaluate(condition, in: state) == expected, "\(condition)")
    }

    @Test func aBareBooleanHoldsWhenTrue() throws {
        let engine = Engine(scenario: Cases.maria)
        let state = try engine.choose(number: 2, in: engine.start().state).state
        #expect(engine.evaluate(.variable("called"), in: state))
    }
}
