import Foundation
import PracticumCore
import PracticumScoring
import Testing

/// Content/rubric.json: what it holds, how a malformed one is reported, and that editing it changes scores.
@Suite struct RubricTests {
    @Test func shippedRubricHoldsTheBriefsDefaults() throws {
        let rubric = Support.rubric
        #expect(rubric.weights == [.practice: 30, .lifecycle: 25, .ethics: 25, .planning: 10, .outcome: 10])
        #expect(rubric.severities == Rubric.Severities(minor: 10, major: 25, critical: 50))
        #expect(rubric.levels.map(\.min) == [0, 60, 75, 90])
        #expect(rubric.outcomes == ["goals-met": 100, "referred": 70, "partial": 60, "disengaged": 20, "harm": 0])
        #expect(rubric.competencies[.ethics] == "epas-1")
        #expect(rubric.unplannedRisk == .major)
        #expect(rubric.gatekeeping == Rubric.Gatekeeping.standard)
        #expect(rubric.gatekeeping.breach[.critical] == Rubric.Gate(cap: .emerging, review: true))
        #expect(rubric.gatekeeping.expectation[.major] == Rubric.Gate(cap: .developing))
        #expect(rubric.gatekeeping.outcome["harm"] == Rubric.Gate(cap: .developing, review: true))
        try rubric.validate(against: Support.content)
    }

    @Test(arguments: [
        (59, Level.emerging), (60, .developing), (74, .developing), (75, .competent), (89, .competent),
        (90, .exemplary), (100, .exemplary), (0, .emerging),
    ])
    func levelBands(overall: Int, level: Level) {
        #expect(Support.rubric.level(for: overall) == level)
    }

    /// A malformed rubric, and words its error must contain.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: String
        let edit: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "missing key", expected: "(/): missing \"premature\"") { $0["premature"] = nil },
        Breakage(name: "missing weight", expected: "weights has no value for 'outcome'") {
            var weights = $0["weights"] as! [String: Any]
            weights["outcome"] = nil
            $0["weights"] = weights
        },
        Breakage(name: "negative weight", expected: "weight of 'ethics' is -5; weights cannot be negative") {
            var weights = $0["weights"] as! [String: Any]
            weights["ethics"] = -5
            $0["weights"] = weights
        },
        Breakage(name: "unknown dimension", expected: "unknown dimension 'practise' in weights") {
            var weights = $0["weights"] as! [String: Any]
            weights["practise"] = 10
            $0["weights"] = weights
        },
        Breakage(name: "all weights zero", expected: "the weights add up to 0") {
            $0["weights"] = ["practice": 0, "lifecycle": 0, "ethics": 0, "planning": 0, "outcome": 0]
        },
        Breakage(name: "bands out of order", expected: "level bands out of order: 'Competent' starts at 50") {
            $0["levels"] = [
                ["level": "Emerging", "min": 0], ["level": "Developing", "min": 60], ["level": "Competent", "min": 50],
                ["level": "Exemplary", "min": 90],
            ]
        },
        Breakage(
            name: "bands in the wrong order", expected: "levels must list Emerging, Developing, Competent, Exemplary"
        ) {
            $0["levels"] = [
                ["level": "Emerging", "min": 0], ["level": "Competent", "min": 60], ["level": "Developing", "min": 75],
                ["level": "Exemplary", "min": 90],
            ]
        },
        Breakage(name: "unknown level", expected: "unknown level 'Expert' at levels[3]") {
            $0["levels"] = [
                ["level": "Emerging", "min": 0], ["level": "Developing", "min": 60], ["level": "Competent", "min": 75],
                ["level": "Expert", "min": 90],
            ]
        },
        Breakage(name: "first band not at 0", expected: "must start at min 0") {
            $0["levels"] = [
                ["level": "Emerging", "min": 10], ["level": "Developing", "min": 60],
                ["level": "Competent", "min": 75],
                ["level": "Exemplary", "min": 90],
            ]
        },
        Breakage(name: "unknown severity", expected: "unknown severity 'severe'") {
            $0["severities"] = ["minor": 10, "major": 25, "critical": 50, "severe": 40]
        },
        Breakage(name: "missing severity", expected: "severities has no cost for 'critical'") {
            $0["severities"] = ["minor": 10, "major": 25]
        },
        Breakage(name: "unknown outcome", expected: "unknown outcome 'success' in outcomes") {
            var outcomes = $0["outcomes"] as! [String: Any]
            outcomes["success"] = 90
            $0["outcomes"] = outcomes
        },
        Breakage(name: "missing outcome", expected: "outcomes has no value for 'harm'") {
            var outcomes = $0["outcomes"] as! [String: Any]
            outcomes["harm"] = nil
            $0["outcomes"] = outcomes
        },
        Breakage(name: "negative penalty", expected: "'premature' is -10; write costs and credits as positive numbers")
        {
            $0["premature"] = -10
        },
        Breakage(name: "misspelt key", expected: "unknown key 'premture'") { $0["premture"] = 10 },
        Breakage(name: "wrong type", expected: "(/coverage): expected a whole number, found a string") { $0["coverage"] = "ten" },
        Breakage(name: "unknown competency dimension", expected: "unknown dimension 'ethic' in competencies") {
            $0["competencies"] = ["ethic": "epas-1"]
        },
        Breakage(name: "retired key", expected: "'groundedGoal' is no longer used") { $0["groundedGoal"] = 10 },
        Breakage(name: "unknown gate level", expected: "unknown level 'Novice' in gatekeeping.breach.major.cap") {
            $0["gatekeeping"] = ["breach": ["major": ["cap": "Novice"]]]
        },
        Breakage(name: "unknown gate severity", expected: "unknown severity 'grave' in gatekeeping.expectation") {
            $0["gatekeeping"] = ["expectation": ["grave": ["review": true]]]
        },
        Breakage(name: "unknown gate kind", expected: "unknown gatekeeping kind 'outcomes'") {
            $0["gatekeeping"] = ["outcomes": ["harm": ["review": true]]]
        },
        Breakage(name: "unknown gated outcome", expected: "unknown outcome 'disaster' in gatekeeping.outcome") {
            $0["gatekeeping"] = ["outcome": ["disaster": ["review": true]]]
        },
        Breakage(name: "unknown unplanned risk severity", expected: "unknown severity 'huge' in unplannedRisk") {
            $0["unplannedRisk"] = "huge"
        },
        Breakage(name: "absurd weight", expected: "weights are at most 1000") {
            var weights = $0["weights"] as! [String: Any]
            weights["ethics"] = 9_223_372_036_854_775_807
            $0["weights"] = weights
        },
    ]

    @Test(arguments: breakages)
    func malformedRubricIsAClearError(breakage: Breakage) throws {
        let folder = try Support.contentCopy(editingRubric: breakage.edit)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: RubricError.self) { try Rubric.load(from: folder) }
        #expect(error.problem.contains(breakage.expected), "\(error.problem)")
        #expect(error.description.contains(folder.appendingPathComponent("rubric.json").path))
        #expect(!error.isMissing)
    }

    @Test func notJSONIsAClearError() throws {
        let error = try #require(throws: RubricError.self) {
            try Rubric.decode(Data("{ \"weights\": ".utf8), file: "broken.json")
        }
        #expect(error.problem.hasPrefix("it is not valid JSON"))
        #expect(error.description.hasPrefix("Rubric file broken.json is malformed"))
    }

    @Test func missingFileIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "practicum-no-rubric-\(UUID().uuidString)")
        let error = try #require(throws: RubricError.self) { try Rubric.load(from: folder) }
        #expect(error.isMissing)
        #expect(error.description.hasPrefix("Rubric file not found:"))
    }

    @Test func editingTheRubricChangesScoresWithoutARebuild() throws {
        // The call to the landlord is premature and a major breach: one lapse, charged once at its most severe
        // reading. With a premature action costing 30 and a major breach 20 that neither caps nor reviews, the
        // premature reading is the most severe.
        let folder = try Support.contentCopy { rubric in
            rubric["weights"] = ["practice": 100, "lifecycle": 0, "ethics": 0, "planning": 0, "outcome": 0]
            rubric["premature"] = 30
            rubric["severities"] = ["minor": 10, "major": 20, "critical": 50]
            rubric["gatekeeping"] = ["breach": ["critical": ["cap": "Emerging", "review": true]]]
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let edited = try Rubric.load(from: folder)
        let scenario = try Support.scenario(Cases.maria())
        let path = Support.path("intake#2", "landlord#1", "story#1", "story#3", "act#1", "review#2", "closing#1")
        let before = try Scorer(scenario: scenario, rubric: Support.rubric, content: Support.content).score(path)
        let after = try Scorer(scenario: scenario, rubric: edited, content: Support.content).score(path)
        #expect(after.overall == after.dimensions[.practice])
        #expect(after.overall != before.overall || after.dimensions[.practice] != before.overall)
        #expect(after.items.first { $0.reason.contains("premature") }?.points == -30)
        #expect(after.dimensions[.lifecycle]! < before.dimensions[.lifecycle]!)
    }

    @Test func rubricRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(Support.rubric)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["weights"] is [String: Any], "weights encode as an object keyed by dimension")
        #expect(try JSONDecoder().decode(Rubric.self, from: data) == Support.rubric)
    }

    @Test func aRubricWithoutGatekeepingUsesTheStandardGates() throws {
        let folder = try Support.contentCopy { $0["gatekeeping"] = nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Rubric.load(from: folder).gatekeeping == .standard)
    }

    @Test func aCompetencyTheContentDoesNotListIsAClearError() throws {
        var rubric = Support.rubric
        rubric.competencies[.ethics] = "epas-99"
        let error = try #require(throws: RubricError.self) { try rubric.validate(against: Support.content) }
        #expect(error.problem.contains("'epas-99', which Content/competencies.json does not list"))
    }
}
