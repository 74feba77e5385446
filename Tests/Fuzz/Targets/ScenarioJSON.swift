// Fuzz target: bytes through the JSON reader, the JSON form's loader and checker, the renderer, and, when a
// case loads, exploration, the JSON form again, the fingerprint and scoring.
import Foundation
import PracticumCore
import PracticumEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let result = Fuzz.loader.loadJSON(bytes, file: "fuzz.json")
    _ = DiagnosticRenderer(sources: result.source.map { ["fuzz.json": $0] } ?? [:]).render(result.diagnostics, limit: 100)
    if let scenario = result.scenario {
        Fuzz.exercise(scenario, locations: ExplorationCheck.Locations(file: "fuzz.json"))
    }
    return 0
}
