import Foundation
import Testing

/// A scripted path through a library case and what it must lead to, read from `Fixtures/*.testplan`.
struct TestPlan: CustomTestStringConvertible, Sendable {
    var file: String
    var fields: [String: String]
    var testDescription: String { file }

    static let all: [TestPlan] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".testplan") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("//") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return TestPlan(file: name, fields: fields)
        }
    }()
}

@Suite("Test plans: scripted paths through the library")
struct TestPlanTests {
    @Test func thereArePlansForEveryStarterCase() {
        #expect(Set(TestPlan.all.compactMap { $0.fields["case"] }).isSuperset(of: ["rent-arrears-intake", "keluarga-dimas"]))
    }

    @Test(arguments: TestPlan.all)
    func thePathLeadsWhereThePlanSays(_ plan: TestPlan) throws {
        let caseID = try #require(plan.fields["case"])
        let choices = try #require(plan.fields["choices"])
        let run = AppTestSupport.run(["play", caseID, "--choices", choices, "--json"])
        #expect(run.exitCode == 0, "\(run.errors)")
        let result = try #require(AppTestSupport.json(run.output))
        let ending = result["ending"] as? [String: Any]
        #expect(ending?["scene"] as? String == plan.fields["ending"])
        #expect(ending?["outcome"] as? String == plan.fields["outcome"])
        let score = try #require(result["score"] as? [String: Any])
        #expect(score["overall"] as? Int == plan.fields["overall"].flatMap(Int.init))
        #expect(score["level"] as? String == plan.fields["level"])
        #expect((score["needsReview"] as? Bool).map(String.init) == plan.fields["needs-review"])
        let dimensions = try #require(score["dimensions"] as? [String: Int])
        #expect(Set(dimensions.keys) == ["practice", "lifecycle", "ethics", "planning", "outcome"])
        let items = try #require(score["items"] as? [[String: Any]])
        for item in items {
            for key in ["dimension", "points", "reason"] { #expect(item[key] != nil, "an item lacks \(key)") }
        }
        // The same path in the text transcript reaches the same debrief.
        let transcript = AppTestSupport.run(["play", caseID, "--choices", choices, "--lang", "en"])
        #expect(transcript.output.contains("Overall \(plan.fields["overall"] ?? "?")/100 · \(plan.fields["level"] ?? "?")"))
    }
}
