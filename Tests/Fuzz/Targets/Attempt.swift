// Fuzz target: an attempt file as `replay` reads it (a `play --json` result or a saved game), then the
// replay itself against the bundled case it names: the fingerprint check, every step checked against what
// was on offer, the score and the rendered debrief.
import Foundation
import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

@testable import PracticumApp

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttempt(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let attempt = try? AttemptFile(data: Data(bytes: data, count: size)) else { return 0 }
    guard let (scenario, scorer) = Fuzz.cases.first(where: { $0.scenario.id == attempt.scenario }) else { return 0 }
    if let recorded = attempt.fingerprint, recorded != scenario.fingerprint { return 0 }
    let engine = Engine(scenario: scenario, order: attempt.seed.map { .shuffled(seed: $0) } ?? .written)
    guard let state = try? engine.replay(attempt.choices) else { return 0 }
    let report = scorer.score(state, undone: attempt.undone)
    let strings = Strings(content: Fuzz.content, language: scenario.header.language)
    let screen = PlayScreen(strings: strings, width: 80, colored: false)
    let pages = Debrief(strings: strings, screen: screen, content: Fuzz.content)
        .render(state: state, engine: engine, report: report, stronger: scorer.strongerAlternative(for: state.choicesTaken))
    precondition(!pages.summary.contains("\u{1B}"), "an escape sequence in the debrief")
    _ = JSONOutput.string(PlayResult(scenario: scenario, state: state, mode: attempt.mode, engine: engine, score: report))
    return 0
}
