// Fuzz target: a `.scenario` text through the parser, the checker, the diagnostics renderer, and, when it
// loads, exploration, the JSON form, the fingerprint and scoring.
import Foundation
import PracticumCore
import PracticumEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = Fuzz.loader.load(text: text, file: "fuzz.scenario")
    _ = DiagnosticRenderer(sources: ["fuzz.scenario": text]).render(result.diagnostics, limit: 100)
    if let scenario = result.scenario {
        let syntax = ScenarioParser.parse(text, file: "fuzz.scenario").syntax
        Fuzz.exercise(scenario, locations: ExplorationCheck.Locations(syntax: syntax))
    }
    return 0
}
