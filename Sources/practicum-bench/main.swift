import Foundation
import PracticumCore
import PracticumEngine

// practicum-bench: measures parse+check throughput (`ScenarioLoader.load(text:file:)`) on a
// generated case of tens of thousands of scenes, and the peak memory. Run in release:
//     swift build -c release --product practicum-bench && .build/release/practicum-bench [--scenes N] [--runs N]
// docs/performance.md explains the figures and how to count instructions with callgrind.

/// Builds a `.scenario` text with `scenes` scenes, each with text, an [if] line and three choices.
func generateCase(scenes: Int) -> String {
    var text = """
        title: Generated benchmark case
        id: bench-case
        language: en
        level: mezzo
        client: A generated family used to measure the parser
        minutes: 600
        objectives:
          - Measure the parser

        finding need: A generated need // revealed in every scene
        finding strength: A generated strength
        var trust = 1
        var called = false

        """
    let phases = ["engagement", "assessment", "planning", "implementation", "evaluation", "termination"]
    for index in 0..<scenes {
        let next = index + 1 < scenes ? "scene-\(index + 1)" : "end"
        text += """

            == scene-\(index)
            The family arrives for session \(index). The room is quiet; the youngest child draws while the adults
            talk about the week, the rent, the school letters and the hospital appointment on Thursday.

            [if trust >= 2 and not called] The mother meets your eyes and says the week was hard. Trust is {trust}.

            * Reflect what you heard and ask what they would like from today's session,
              in their own words.
              phase: \(phases[index % phases.count])
              quality: +2
              upholds: dignity, client-centered
              reveals: need
              set: trust + 1
              feedback: Reflecting first keeps the family at the centre of the work.
              -> \(next)
            * Tell them what the agency will do next.
              phase: implementation
              intervention: case-management
              quality: -1
              violates: self-determination (minor)
              requires: trust < 5 or visited(scene-0)
              -> \(next)
            * Ask about the strengths they have drawn on before.
              phase: assessment
              quality: 1
              reveals: strength
              addresses: need
              once
              set: called = true
              -> \(next)

            """
    }
    text += "\n== end [ending: goals-met]\nThe work ends well.\n"
    return text
}

func argument(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let number = Int(arguments[index + 1]), number > 0
    else { return value }
    return number
}

func peakResidentMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return nil
}

let sceneCount = argument("--scenes", default: 40_000)
let runs = argument("--runs", default: 5)

let content: ContentLibrary
do {
    content = try ContentLoader.load(from: ContentLocator().contentDirectory())
} catch {
    FileHandle.standardError.write(Data("practicum-bench: \(error)\n".utf8))
    exit(1)
}

let source = generateCase(scenes: sceneCount)
let megabytes = Double(source.utf8.count) / 1_000_000
let loader = ScenarioLoader(content: content)
print("Generated case: \(sceneCount) scenes, \(String(format: "%.1f", megabytes)) MB")

/// Loads the case once and returns the seconds it took. The result is released when this returns,
/// so that the next run does not start with the previous case still in memory and the peak
/// below is the peak of one load (plus the generated text).
func timedLoad() -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = loader.load(text: source, file: "bench.scenario")
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard let loaded = result.scenario, loaded.scenes.count == sceneCount + 1 else {
        print("the generated case did not load: \(result.diagnostics.prefix(3).map(\.message))")
        exit(1)
    }
    return seconds
}

let baseline = peakResidentMegabytes()
var best = Double.infinity
for run in 1...runs {
    let seconds = timedLoad()
    best = min(best, seconds)
    print("  run \(run): \(String(format: "%.3f", seconds)) s, \(String(format: "%.1f", megabytes / seconds)) MB/s")
}
print("Parse + check: best \(String(format: "%.1f", megabytes / best)) MB/s (target >= 50 MB/s)")

if let peak = peakResidentMegabytes() {
    let before = baseline.map { " (\(String(format: "%.0f", $0)) MB before the first load: the generated text and Content/)" } ?? ""
    print("Peak memory: \(String(format: "%.0f", peak)) MB\(before)")
}
