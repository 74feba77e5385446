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

    /// Letters past ASCII, each one scalar that lowercases to one scalar, so that a word compared by its
    /// bytes and by its characters is the same word.
    static let beyond = ["é", "Ü", "ñ", "ş", "ё", "Ж", "—", "\u{00A0}", "½", "٣"]

    /// Texts of 0-8 words of the vocabulary, some in capitals, some with a letter beyond ASCII.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                var word = Self.vocabulary.randomElement(using: &random)!
                if Bool.random(using: &random) { word = word.uppercased() }
                if Int.random(in: 0..<6, using: &random) == 0 {
                    word.insert(contentsOf: Self.beyond.randomElement(using: &random)!, at: word.startIndex)
                }
                text += word + Self.separators.randomElement(using: &random)!
            }
            return text
        }
    }

    @Test func theBytesFindWhatTheUnicodeReadingFinds() {
        let topics = SensitiveTopics()
        let texts = Self.texts(4_000, seed: 2026)
        for text in texts {
            #expect(topics.matches(in: [text]) == SensitiveTopics.reference(in: [text]), "\(text)")
        }
        #expect(topics.matches(in: texts) == SensitiveTopics.reference(in: texts))
        #expect(texts.contains { !$0.utf8.allSatisfy { $0 < 0x80 } } && texts.contains { $0.utf8.allSatisfy { $0 < 0x80 } })
        // Every topic was found somewhere, and the exceptions held somewhere: the texts tested something.
        #expect(topics.matches(in: texts).count == SensitiveTopics.topics.count)
        #expect(topics.matches(in: ["Alcohol-Abuse and substance abusers"]).isEmpty)
        #expect(topics.matches(in: ["She was ABUSED."]).map(\.words) == ["abus"])
        #expect(topics.matches(in: ["--Self-Harming--"]).map(\.words) == ["self-harm"])
    }

    /// A text of more words than a window is matched a window at a time: a phrase or an exception across the
    /// edge of two windows is found (or excepted) as in one reading of the whole text, at every edge.
    @Test func aLongTextIsMatchedAcrossTheEdgesOfItsWindows() {
        let topics = SensitiveTopics()
        let window = SensitiveTopics.WordScan.window
        for phrase in ["kill myself", "substance abuse", "drug abuse then beat her", "bunuh diri", "sexual assault"] {
            for beyondASCII in [false, true] {
                for shift in 0..<(SensitiveTopics.reach + 3) {
                    // The phrase's first word at each place around the first and the second window's edge.
                    for edge in [window, 2 * window] {
                        let filler = Array(repeating: beyondASCII ? "é" : "x", count: edge - shift).joined(separator: " ")
                        let text = filler + " " + phrase + " " + Array(repeating: "y", count: shift + 2 * window).joined(separator: " ")
                        #expect(topics.matches(in: [text]) == SensitiveTopics.reference(in: [text]), "\(phrase) \(shift) \(edge)")
                    }
                }
            }
        }
        #expect(topics.matches(in: [Array(repeating: "x", count: 3 * window).joined(separator: " ") + " kill myself"]).map(\.topic) == ["suicide"])
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

extension SensitiveTopics {
    /// The topics as the checker found them before it read bytes (issue 17): the text's words as strings, every
    /// term tried at every word in the order the lists give them; the reference the byte reading is held to.
    static func reference(in texts: [String]) -> [Match] {
        var found: [Int: String] = [:]
        let byFirstWord = Dictionary(grouping: terms.filter { !$0.isStem }, by: { $0.words[0] })
        for text in texts where found.count < topics.count {
            let words = words(of: text)
            for index in words.indices {
                let word = words[index]
                var candidates = byFirstWord[word] ?? []
                for stem in stems where word.hasPrefix(stem.words[0]) { candidates.append(stem) }
                for term in candidates where found[term.topic] == nil && matches(term, in: words, at: index) {
                    found[term.topic] = term.spelling
                }
            }
        }
        return topics.indices.compactMap { topic in found[topic].map { Match(topic: topics[topic].topic, words: $0) } }
    }

    /// The text's words, lowercased; letters, digits and inner hyphens kept, everything else a break.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            while current.last == "-" { current.removeLast() }
            while current.first == "-" { current.removeFirst() }
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar == "-" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    /// Whether `term` starts at `start` in `words`, and is not part of an exception ("substance abuse").
    static func matches(_ term: Term, in words: [String], at start: Int) -> Bool {
        guard start + term.words.count <= words.count else { return false }
        for (offset, part) in term.words.enumerated() {
            let word = words[start + offset]
            let isLast = offset == term.words.count - 1
            if isLast && term.prefix ? !word.hasPrefix(part) : word != part { return false }
        }
        let end = start + term.words.count
        return !exceptions.contains { exception in
            // The exception ends at the matched term ("substance abuse" ends at "abuse").
            let exceptionWords = exception.split(separator: " ")
            let begin = end - exceptionWords.count
            guard begin >= 0 else { return false }
            return zip(words[begin..<end], exceptionWords).allSatisfy { $0 == $1 || $0.hasPrefix($1) }
        }
    }
}
