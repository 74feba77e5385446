import Testing
@testable import PracticumCore

/// Issue 17, round two: a diagnostic that is only counted is no longer built. The parser and the checker ask
/// the collector first (`DiagnosticCollector.skips`) and write the message and the hint, and look for a close
/// name, only for one that is kept. What is shown must not change: these tests compare the bounded run with
/// keeping everything and bounding afterwards.
@Suite("Diagnostics: only the kept ones are built")
struct CountedDiagnosticsTests {
    /// `skips` then `append` counts exactly as `append` alone, whatever the order, the severities and the
    /// overrides.
    @Test(arguments: [0, 1, 3, 7])
    func askingFirstCountsAsAppendingEverything(limit: Int) {
        let codes: [DiagnosticCode] = [
            .malformedLine, .unknownScene, .unusedVariable, .answerTell, .unreachableScene, .softLock,
        ]
        let overrides = SeverityOverrides([.unusedVariable: .error, .answerTell: .off, .softLock: .warning])
        var random = SplitMix64(state: UInt64(limit) + 17)
        for _ in 0..<50 {
            var appending = DiagnosticCollector(limit: limit, severities: overrides)
            var asking = appending
            for index in 0..<Int.random(in: 0...30, using: &random) {
                let code = codes.randomElement(using: &random)!
                let diagnostic = Diagnostic(code, "d\(index)", at: SourceLocation(file: "t", line: index + 1, column: 1))
                appending.append(diagnostic)
                if !asking.skips(code) { asking.append(diagnostic) }
            }
            #expect(asking.kept == appending.kept)
            #expect(asking.omitted == appending.omitted)
            #expect(asking.counts == appending.counts)
            #expect(asking.silenced == appending.silenced)
            #expect(asking.errorsByCode == appending.errorsByCode)
        }
    }

    /// A case with every kind of defect the parser and the checker build a message and a hint for, warnings
    /// among the first (tab indentation) so that later errors take their places, and enough misspelt scene
    /// names to use up the budget for "did you mean".
    static func manyDefects(scenes: Int) -> String {
        var text = "title: Defects\nid: defects\nlanguage: en\nlevel: micro\ncolour: red\n\n"
        for index in 0..<scenes {
            let tab = index % 3 == 0 ? "\t" : "  "
            text += "== scene-number-\(index)\nText {x\(index)} and {trust}.\n[if visited(scene-numbr-\(index))] More.\n"
            text += "* Go\n\(tab)phase: engagment\n  quality: 9\n  qualty: 1\n  upholds: dignty\n"
            text += "  violates: privacy (severe)\n  reveals: nede\n  intervention: counseling\n  set: trust = yes\n"
            text += "  -> scene-numbr-\(index)x\n"
        }
        return text + "== end [ending: goals-mett]\nx\n"
    }

    @Test(arguments: [300, 3_000])
    func whatIsKeptIsWhatKeepingEverythingThenBoundingKeeps(scenes: Int) {
        let text = Self.manyDefects(scenes: scenes)
        let bounded = TestSupport.load(text)
        let all = TestSupport.loadKeepingAll(text)
        var reference = DiagnosticCollector()
        reference.append(contentsOf: all.diagnostics)
        #expect(bounded.diagnostics == reference.kept)
        #expect(bounded.omitted == reference.omitted)
        #expect(bounded.scenario == nil && all.scenario == nil)
        // The file exercised what it is meant to: warnings gave way, hints were written, and the budget ran out.
        #expect(all.diagnostics.contains { $0.code == .tabIndentation })
        #expect(bounded.diagnostics.contains { $0.hint?.hasPrefix("did you mean") == true })
        let unknownScenes = all.diagnostics.filter { $0.code == .unknownScene }
        #expect(unknownScenes.count == 2 * scenes)
        if scenes >= 3_000 { #expect(unknownScenes.last?.hint?.hasPrefix("did you mean") == false) }
    }

    /// The same with the text output's renderer: the first hundred lines `check` prints are unchanged.
    @Test func theRenderedDiagnosticsAreTheSame() {
        let text = Self.manyDefects(scenes: 500)
        var reference = DiagnosticCollector()
        reference.append(contentsOf: TestSupport.loadKeepingAll(text).diagnostics)
        let renderer = DiagnosticRenderer(sources: ["test.scenario": text])
        #expect(
            renderer.render(TestSupport.load(text).diagnostics, limit: DiagnosticRenderer.defaultLimit)
                == renderer.render(reference.kept, limit: DiagnosticRenderer.defaultLimit))
    }
}

/// The sensitive-topic search reads ASCII text as bytes; it must find what the Unicode reading finds.
@Suite("Sensitive topics: bytes and Unicode agree")
struct SensitiveTopicsReadingTests {
    static let vocabulary = SensitiveTopics.terms.flatMap(\.words) + [
        "substance", "alcohol", "drug", "of", "process", "abuse", "abused", "abuser", "self-harming", "self-harm",
        "-abuse-", "--", "-", "Kill", "MYSELF", "Slapped", "overdosed", "rent", "flood", "child", "children",
        "2024", "a1b2", "x-y-z", "beat", "beating", "him", "her", "end", "life", "sexual", "assaulted",
    ]
    static let separators = [" ", ", ", ". ", "\n", "'", "(", ") ", "-", " -", "- ", "_", "/", "  "]

    @Test func theByteReadingFindsWhatTheUnicodeReadingFinds() {
        let topics = SensitiveTopics()
        var random = SplitMix64(state: 2026)
        var texts: [String] = []
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                var word = Self.vocabulary.randomElement(using: &random)!
                if Bool.random(using: &random) { word = word.uppercased() }
                text += word + Self.separators.randomElement(using: &random)!
            }
            texts.append(text)
            #expect(
                topics.matches(in: [text], readingASCIIAsBytes: true)
                    == topics.matches(in: [text], readingASCIIAsBytes: false), "\(text)")
        }
        #expect(topics.matches(in: texts, readingASCIIAsBytes: true) == topics.matches(in: texts, readingASCIIAsBytes: false))
        // Every topic was found somewhere, and the exceptions held somewhere: the texts tested something.
        #expect(topics.matches(in: texts).count == SensitiveTopics.topics.count)
        #expect(topics.matches(in: ["Alcohol-Abuse and substance abusers"]).isEmpty)
        #expect(topics.matches(in: ["She was ABUSED."]).map(\.words) == ["abus"])
        #expect(topics.matches(in: ["--Self-Harming--"]).map(\.words) == ["self-harm"])
    }

    /// Text with anything past ASCII takes the Unicode way, whole.
    @Test func textBeyondASCIIIsReadAsUnicode() {
        let topics = SensitiveTopics()
        #expect(topics.matches(in: ["Ａbuse is named with a fullwidth Ａ: café"]).isEmpty)
        #expect(topics.matches(in: ["café: she was abused"]).map(\.topic) == ["abuse"])
        #expect(topics.matches(in: ["KDRT di rumah — dipukuli"]).map(\.topic) == ["violence"])
    }
}

/// The renderer quotes a window of a long line without making an array of the whole line's characters
/// (a 32 MB line quoted 100 times took minutes); the window must be the one slicing that array gives.
@Suite("Rendering: the window around a caret")
struct RenderedWindowTests {
    /// The window as the renderer used to find it: the line's characters as an array, sliced.
    static func reference(_ line: String, caret wanted: Int, length: Int, size: Int) -> LineIndex.Window {
        let characters = Array(line)
        let caret = min(wanted, characters.count)
        let start = max(0, caret - size)
        let end = min(characters.count, caret + max(1, min(length, size)) + size)
        return LineIndex.Window(
            text: String(characters[start..<end]), caret: caret - start, characters: end - start, cutBefore: start > 0,
            cutAfter: end < characters.count)
    }

    static let pieces = ["a", "é", "e\u{301}", "🇫🇷", "🇩🇪", "👩‍⚕️", "\t", "{x}", " ", "\r", "\u{200B}", "한"]

    @Test func theWindowIsTheSliceOfTheLinesCharacters() {
        var random = SplitMix64(state: 17)
        for _ in 0..<200 {
            let lines = (0..<3).map { _ in
                (0..<Int.random(in: 0...80, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            }
            let index = LineIndex(lines.joined(separator: "\n"))
            // Carets in source order on each line, as the renderer asks for them, and some at random.
            for (number, written) in lines.enumerated() {
                // A line's end is "\n" or "\r\n": a last "\r" is part of the line ending.
                let line = written.hasSuffix("\r") ? String(written.dropLast()) : written
                var carets = (0..<6).map { _ in Int.random(in: 0...(line.count + 12), using: &random) }
                if Bool.random(using: &random) { carets.sort() }
                for caret in carets {
                    let length = Int.random(in: 1...8, using: &random)
                    let size = Int.random(in: 1...10, using: &random)
                    let window = index.window(line: number + 1, caret: caret, length: length, size: size)
                    let expected = Self.reference(line, caret: caret, length: length, size: size)
                    #expect(window?.text == expected.text, "line \(number + 1) caret \(caret) size \(size)")
                    #expect(window?.caret == expected.caret && window?.characters == expected.characters)
                    #expect(window?.cutBefore == expected.cutBefore && window?.cutAfter == expected.cutAfter)
                }
            }
            #expect(index.window(line: 4, caret: 0, length: 1, size: 5) == nil)
        }
    }
}
