import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumHTTP
import Testing

@testable import PracticumWeb

/// Escaping of every string a case, a roster or a student brings; the colours' contrast; library mode.
@Suite("Web app: escaping, contrast and library mode")
struct PagesTests {
    static let hostile = "<script>alert(\"x\")</script> & 'q'"
    static let escapedHostile = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"

    /// A case whose every string a page shows is markup: title, warning, paragraphs, choices, finding, prompt,
    /// objective.
    static let scenario = scenario(with: hostile)

    /// The case with `hostile` in every string a page shows.
    static func scenario(with hostile: String) -> Scenario {
        Scenario(
        header: .init(
            title: "Title " + hostile, id: "hostile", language: "id", level: "mezzo", minutes: 5,
            objectives: [Objective(text: "Objective " + hostile, shownBy: [])], contentWarning: "Warning " + hostile),
        findings: [Finding(id: "rent", text: "Finding " + hostile)], variables: [],
        scenes: [
            Scene(
                name: "start", paragraphs: [[TextLine(text: "Paragraph " + hostile)]],
                choices: [
                    Choice(text: "Choice " + hostile, phase: "engagement", quality: 1, reveals: ["rent"], feedback: "Feedback " + hostile, target: "second"),
                    Choice(text: "Other choice", phase: "engagement", quality: -1, target: "second"),
                ]),
            Scene(
                name: "second", paragraphs: [[TextLine(text: "She comes back.")]],
                choices: [
                    Choice(text: "Plan with her " + hostile, phase: "planning", quality: 1, addresses: ["rent"], target: "end"),
                    Choice(text: "Plan for her.", phase: "planning", quality: -1, target: "end"),
                ],
                reflect: "Prompt " + hostile),
            Scene(name: "end", ending: "goals-met", paragraphs: [[TextLine(text: "Ending " + hostile)]]),
        ], start: "start")
    }

    @Test func markupEscapesEveryInterpolatedStringAndNothingElse() {
        let text = Self.hostile
        let made: Markup = "<p title=\"\(text)\">\(text)</p>"
        #expect(made.html == "<p title=\"\(Self.escapedHostile)\">\(Self.escapedHostile)</p>")
        let inner: Markup = "<b>\(text)</b>"
        let outer: Markup = "<div>\(inner)</div>"
        #expect(outer.html == "<div><b>\(Self.escapedHostile)</b></div>")
        #expect(Markup.escaped("a\u{1}b\u{85}c\nd\te") == "a␁b\u{FFFD}c\nd e")
        #expect(Markup.escaped("Ana \u{202E}1\u{200B}") == "Ana &lt;U+202E&gt;1&lt;U+200B&gt;")
    }

    @Test func everyCaseRosterAndReflectionStringIsEscapedOnEveryPage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("attempts"), withIntermediateDirectories: true)
        let session = Session(
            id: "week3", created: "2026-11-20T08:00:00Z", mode: "practice", attempts: 1, policy: .best, feedback: .immediate,
            passMark: 60, due: nil, homePage: "https://lms.example/",
            cases: [.init(id: "hostile", file: "cases/hostile.scenario", sha256: "x", fingerprint: Self.scenario.fingerprint)])
        let roster = try Roster(csv: Data("id,name\ns1,\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))\n".utf8))
        let app = WebFixture.app(folder: folder, session: session, roster: roster, scenario: Self.scenario)
        let browser = Browser(app)
        // What a student types into the sign-in form comes back escaped.
        browser.get("/signin")
        let typed = browser.post("/signin", [("id", "<script>\"'"), ("code", "x")])
        #expect(typed.text.contains("value=\"&lt;script&gt;&quot;&#39;\""))
        browser.signIn("s1", code: "code-one")
        let base = "/cases/hostile"
        let front = browser.get(base).text
        #expect(front.contains("Warning " + Self.escapedHostile) && front.contains("Title " + Self.escapedHostile))
        browser.post(base + "/start")
        let first = browser.get(base + "/play").text
        #expect(first.contains("Paragraph " + Self.escapedHostile) && first.contains("Choice " + Self.escapedHostile))
        browser.post(base + "/choose", [("step", "0"), ("choice", "start#1")])
        let second = browser.get(base + "/play").text
        #expect(second.contains("Finding " + Self.escapedHostile) && second.contains("Prompt " + Self.escapedHostile))
        #expect(second.contains("Feedback " + Self.escapedHostile))
        browser.post(base + "/choose", [("step", "1"), ("choice", "second#1"), ("reflection", "Reflection " + Self.hostile)])
        let debrief = browser.get(base + "/debrief").text
        #expect(debrief.contains("Ending " + Self.escapedHostile))
        #expect(debrief.contains("Reflection " + Self.escapedHostile))
        #expect(debrief.contains("Objective " + Self.escapedHostile))
        // The reflection went to the attempt file as written.
        let log = try AttemptLog.read(Data(contentsOf: folder.appendingPathComponent("attempts/s1--hostile--1.jsonl"))).log
        #expect(log.standing.last?.reflection == "Reflection " + Self.hostile)
        for response in browser.received {
            #expect(!response.text.contains("<script>") && !response.text.contains("alert(\""))
        }
    }

    /// Issue 17: direction controls, zero-width characters and controls in a case, a roster name and a
    /// reflection show as their codes on every page a student or the instructor opens, never raw.
    @Test func hiddenCharactersShowAsCodesOnEveryPage() throws {
        let hidden = "\u{202E}\u{2066}\u{2069}\u{202C}\u{200B}\u{FEFF}\u{1B}\u{07}\u{9B}"
        let shown = "&lt;U+202E&gt;&lt;U+2066&gt;&lt;U+2069&gt;&lt;U+202C&gt;&lt;U+200B&gt;&lt;U+FEFF&gt;␛␇\u{FFFD}"
        let scenario = Self.scenario(with: hidden)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-hidden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("attempts"), withIntermediateDirectories: true)
        let session = Session(
            id: "week3", created: "2026-11-20T08:00:00Z", mode: "practice", attempts: 1, policy: .best, feedback: .immediate,
            passMark: 60, due: nil, homePage: "https://lms.example/",
            cases: [.init(id: "hostile", file: "cases/hostile.scenario", sha256: "x", fingerprint: scenario.fingerprint)])
        let roster = try Roster(csv: Data("id,name\ns1,Ana \(hidden) Budi\n".utf8))
        let app = WebFixture.app(folder: folder, session: session, roster: roster, scenario: scenario) {
            $0.instructorToken = "0123456789abcdef0123456789abcdef"
        }
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        let base = "/cases/hostile"
        #expect(browser.get(base).text.contains("Title " + shown))
        browser.post(base + "/start")
        #expect(browser.get(base + "/play").text.contains("Choice " + shown))
        browser.post(base + "/choose", [("step", "0"), ("choice", "start#1")])
        #expect(browser.get(base + "/play").text.contains("Feedback " + shown))
        browser.post(base + "/choose", [("step", "1"), ("choice", "second#1"), ("reflection", "Reflection " + hidden)])
        let debrief = browser.get(base + "/debrief").text
        #expect(debrief.contains("Reflection " + shown) && debrief.contains("Ending " + shown))
        let instructor = Browser(app, peer: "10.0.0.9")
        instructor.get("/instructor")
        instructor.post("/instructor/signin", [("token", "0123456789abcdef0123456789abcdef")])
        let desk = instructor.get("/instructor").text
        #expect(desk.contains("Ana " + shown + " Budi"), "\(desk)")
        for name in ["gradebook.csv", "report.html"] {
            #expect(instructor.get("/instructor/download/\(name)").status == 200)
        }
        let raw = Set(hidden.unicodeScalars)
        for response in browser.received + instructor.received {
            #expect(!response.text.unicodeScalars.contains { raw.contains($0) })
        }
    }

    @Test func aReflectionTooLongOrMissingIsRefusedAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("attempts"), withIntermediateDirectories: true)
        let session = Session(
            id: "week3", created: "2026-11-20T08:00:00Z", mode: "graded", attempts: 1, policy: .best, feedback: .debrief,
            passMark: 60, due: nil, homePage: "https://lms.example/",
            cases: [.init(id: "hostile", file: "cases/hostile.scenario", sha256: "x", fingerprint: Self.scenario.fingerprint)])
        let roster = try Roster(csv: Data("id,name\ns1,Ana\n".utf8))
        let app = WebFixture.app(folder: folder, session: session, roster: roster, scenario: Self.scenario)
        let browser = Browser(app)
        browser.signIn("s1", code: "code-one")
        browser.post("/cases/hostile/start")
        browser.get("/cases/hostile/play")
        browser.post("/cases/hostile/choose", [("step", "0"), ("choice", "start#2")])
        browser.get("/cases/hostile/play")
        browser.post("/cases/hostile/choose", [("step", "1"), ("choice", "second#1"), ("reflection", String(repeating: "a", count: 4001))])
        #expect(browser.get("/cases/hostile/play").text.contains("longer than 4000 characters"))
        // Where the scene asks for one, a choice without a reflection is not taken either.
        browser.post("/cases/hostile/choose", [("step", "1"), ("choice", "second#1"), ("reflection", "  ")])
        #expect(browser.get("/cases/hostile/play").text.contains("Write a sentence or two first"))
        browser.post("/cases/hostile/choose", [("step", "1"), ("choice", "second#1")])
        let log = try AttemptLog.read(Data(contentsOf: folder.appendingPathComponent("attempts/s1--hostile--1.jsonl"))).log
        #expect(log.choices.count == 1)
    }

    // MARK: Contrast

    /// WCAG 2's contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func everyColourPairMeetsWCAGAA() {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.contrast("#767676", "#ffffff") - 4.54) < 0.01)
        for pair in Stylesheet.colourPairs {
            let ratio = Self.contrast(pair.foreground, pair.background)
            #expect(ratio >= pair.needs, "\(pair.name): \(ratio)")
        }
        // Every colour the sheet uses is one of the checked ones.
        let used = Set(Stylesheet.css.matches(of: /#[0-9a-fA-F]{6}/).map { String($0.output) })
        let checked = Set(Stylesheet.colourPairs.flatMap { [$0.foreground, $0.background] })
        #expect(used.isSubset(of: checked), "\(used.subtracting(checked))")
    }

    @Test func theSheetIsReadableOnA360PixelScreen() {
        let css = Stylesheet.css
        #expect(css.contains("font-size: 1.0625rem"))  // 17 px
        #expect(css.contains("min-height: 44px"))
        #expect(css.contains("overflow-wrap: anywhere"))
        #expect(css.contains(":focus-visible"))
        // No fixed width in pixels that a 360-pixel screen would have to scroll for.
        let fixed = css.matches(of: /width:\s*(\d+)px/).compactMap { Int($0.output.1) }
        #expect(fixed.allSatisfy { $0 <= 360 }, "\(fixed)")
        #expect(css.contains("width=device-width") || Layout.viewport.contains("width=device-width"))
    }

    // MARK: Library mode

    func libraryApp(clock: WebFixture.Clock = .init(), capacity: Int = 1000) throws -> WebApp {
        let okafor = try #require(ScenarioLoader(content: WebFixture.content).load(path: WebFixture.caseSource.path).scenario)
        var configuration = WebApp.Configuration(
            libraryCases: [Self.scenario, okafor], content: WebFixture.content, rubric: WebFixture.rubric)
        configuration.now = { clock.now }
        configuration.libraryPlayCapacity = capacity
        return WebApp(configuration)
    }

    @Test func theLibraryListsCasesByLevelAndLanguageWithTheirWarnings() throws {
        let app = try libraryApp()
        let browser = Browser(app)
        let list = browser.get("/")
        #expect(list.status == 200)
        let text = list.text
        let micro = try #require(text.range(of: "<h2>Level: Micro</h2>"))
        let mezzo = try #require(text.range(of: "<h2>Level: Mezzo</h2>"))
        #expect(micro.lowerBound < mezzo.lowerBound)
        #expect(text.contains("<h3>English</h3>") && text.contains("<h3>Bahasa Indonesia</h3>"))
        #expect(text.contains("Warning " + Self.escapedHostile))
        #expect(text.contains("href=\"/cases/okafor-referral\""))
        #expect(browser.get("/signin").status == 404)
        #expect(browser.get("/nowhere").status == 404)
    }

    @Test func aLibraryPlayIsPracticeInMemoryWithFeedbackUndoAndTheDebrief() throws {
        let app = try libraryApp()
        let browser = Browser(app)
        let front = browser.get("/cases/hostile").text
        #expect(front.contains("<h2 id=\"warning\">Content warning</h2>"))
        #expect(browser.get("/cases/hostile/play").location == "/cases/hostile")
        #expect(browser.post("/cases/hostile/start").location == "/cases/hostile/play")
        browser.get("/cases/hostile/play")
        browser.post("/cases/hostile/choose", [("step", "0"), ("choice", "start#1")])
        let second = browser.get("/cases/hostile/play").text
        #expect(second.contains("<h2 id=\"feedback\">Feedback on your last choice</h2>") && second.contains("Feedback " + Self.escapedHostile))
        // The feedback and what the choice added answer the choice just made: they come before the scene it led to.
        let feedbackAt = try #require(second.range(of: "Feedback on your last choice"))
        let sceneAt = try #require(second.range(of: "She comes back."))
        #expect(feedbackAt.lowerBound < sceneAt.lowerBound)
        #expect(try #require(second.range(of: "Added to the case notes")).lowerBound < sceneAt.lowerBound)
        #expect(second.contains("action=\"/cases/hostile/undo\""))
        browser.post("/cases/hostile/undo")
        let back = browser.get("/cases/hostile/play").text
        #expect(back.contains("Paragraph " + Self.escapedHostile))
        // A stale form is refused.
        #expect(browser.post("/cases/hostile/choose", [("step", "1"), ("choice", "second#1")]).location == "/cases/hostile/play")
        #expect(browser.get("/cases/hostile/play").text.contains("out of date"))
        browser.post("/cases/hostile/choose", [("step", "0"), ("choice", "start#2")])
        browser.get("/cases/hostile/play")
        #expect(browser.post("/cases/hostile/choose", [("step", "1"), ("choice", "second#1"), ("reflection", "Because.")]).location == "/cases/hostile/debrief")
        let debrief = browser.get("/cases/hostile/debrief").text
        #expect(debrief.contains("Overall ") && debrief.contains("Undone choices"))
        #expect(debrief.contains(">Play again</button>"))
        // Without the CSRF token: 403.
        #expect(browser.send("POST", "/cases/hostile/start", form: []).status == 403)
    }

    @Test func libraryPlaysAreCappedAndIdleOnesAreDropped() throws {
        let clock = WebFixture.Clock()
        let app = try libraryApp(clock: clock, capacity: 1)
        let first = Browser(app)
        first.get("/cases/hostile")
        #expect(first.post("/cases/hostile/start").location == "/cases/hostile/play")
        let second = Browser(app)
        second.get("/cases/hostile")
        #expect(second.post("/cases/hostile/start").location == "/cases/hostile")
        #expect(second.get("/cases/hostile").text.contains("too many plays"))
        clock.advance(3601)
        #expect(second.post("/cases/hostile/start").location == "/cases/hostile/play")
        #expect(first.get("/cases/hostile/play").location == "/cases/hostile")
        #expect(first.get("/cases/hostile").text.contains("no longer there"))

        // Below the cap too, plays unused for an hour are dropped when another starts.
        let roomy = try libraryApp(clock: clock, capacity: 10)
        for _ in 0..<3 {
            let browser = Browser(roomy)
            browser.get("/cases/okafor-referral")
            browser.post("/cases/okafor-referral/start")
        }
        #expect(roomy.locked { roomy.practice.count } == 3)
        clock.advance(3601)
        let late = Browser(roomy)
        late.get("/cases/okafor-referral")
        late.post("/cases/okafor-referral/start")
        #expect(roomy.locked { roomy.practice.count } == 1)
    }
}
