import Foundation
import Testing
@testable import PracticumCore

@Suite("The learner's guide: Content/guide in English and Indonesian")
struct LearnerGuideTests {
    static func guide(_ language: String) throws -> LearnerGuide {
        try LearnerGuide.load(
            language: language, content: TestSupport.content, directory: TestSupport.root.appendingPathComponent("Content"))
    }

    @Test func bothLanguagesHaveTheSameSectionsInTheSameOrder() throws {
        let english = try Self.guide("en")
        let indonesian = try Self.guide("id")
        #expect(english.sections.map(\.id) == ["cycle", "ethics", "interventions", "scoring"])
        #expect(indonesian.sections.map(\.id) == english.sections.map(\.id))
        #expect(indonesian.section("siklus")?.id == "cycle" && indonesian.section("PENILAIAN")?.id == "scoring")
        #expect(!english.title.isEmpty && !indonesian.title.isEmpty)
    }

    /// The cycle, phase by phase: each phase of Content/lifecycle.json has its own heading, in the guide's
    /// language, with what good practice looks like and the common mistakes.
    @Test(arguments: ["en", "id"])
    func theCycleHasEveryPhaseWithGoodPracticeAndMistakes(_ language: String) throws {
        let cycle = try #require(try Self.guide(language).section("cycle"))
        let headings = cycle.blocks.compactMap { block -> String? in
            if case .heading(let text) = block { return text }
            return nil
        }
        #expect(headings == TestSupport.content.phases.sorted { $0.order < $1.order }.map { $0.name(in: language) })
        let paragraphs = cycle.blocks.compactMap { block -> String? in
            if case .paragraph(let text) = block { return text }
            return nil
        }
        let good = language == "en" ? "Good practice:" : "Praktik yang baik:"
        let mistakes = language == "en" ? "Common mistakes:" : "Kesalahan yang sering terjadi:"
        #expect(paragraphs.filter { $0.hasPrefix(good) }.count == TestSupport.content.phases.count)
        #expect(paragraphs.filter { $0.hasPrefix(mistakes) }.count == TestSupport.content.phases.count)
    }

    /// The ethics and the intervention kinds come from Content/, so they name what the model scores.
    @Test(arguments: ["en", "id"])
    func ethicsAndInterventionsComeFromContent(_ language: String) throws {
        let guide = try Self.guide(language)
        let ethics = try #require(guide.section("ethics")).blocks
        for principle in TestSupport.content.principles {
            #expect(ethics.contains(.heading(principle.name(in: language))))
            for standard in principle.standards {
                #expect(ethics.contains(.item("\(standard.code): \(standard.reference)")))
            }
        }
        let kinds = try #require(guide.section("interventions")).blocks
        for kind in TestSupport.content.interventions {
            #expect(kinds.contains(.heading(kind.name(in: language))))
            #expect(kinds.contains(.paragraph(kind.description(in: language))))
        }
    }

    @Test func aMalformedGuideSaysWhere() {
        #expect(throws: LearnerGuide.LoadError.malformed(path: "g", line: 3, reason: "a section needs an id: '## Title {#id}'")) {
            try LearnerGuide.parse("# T\n\n## No id\n", language: "en", content: TestSupport.content, path: "g")
        }
        #expect(throws: LearnerGuide.LoadError.self) {
            try LearnerGuide.parse("# T\n## A {#a}\n## B {#a}\n", language: "en", content: TestSupport.content)
        }
        #expect(throws: LearnerGuide.LoadError.self) {
            try LearnerGuide.parse("# T\n## A {#a}\n{{principels}}\n", language: "en", content: TestSupport.content)
        }
        #expect(throws: LearnerGuide.LoadError.missing(path: "/nonexistent/guide/xx.md")) {
            try LearnerGuide.load(language: "xx", content: TestSupport.content, directory: URL(fileURLWithPath: "/nonexistent"))
        }
    }

    @Test func listsAndParagraphsAreRead() throws {
        let guide = try LearnerGuide.parse(
            "# Title\nIntro line one\nline two.\n\n## A {#a #alias}\n### Sub\n- one\n  goes on\n- two\nAfter.\n",
            language: "en", content: TestSupport.content)
        #expect(guide.introduction == [.paragraph("Intro line one line two.")])
        #expect(guide.sections == [
            .init(id: "a", aliases: ["alias"], title: "A", blocks: [.heading("Sub"), .item("one goes on"), .item("two"), .paragraph("After.")])
        ])
    }
}
