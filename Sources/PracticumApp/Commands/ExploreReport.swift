import PracticumCore
import PracticumEngine
import PracticumScoring
import PracticumTerminal

/// What `practicum explore` reports, as JSON (`--json`, documented in docs/cli.md) and as text.
struct ExploreReport: Encodable {
    /// One choice of a path: its id (`scene#n`, n counted in written order from 1), scene, number and text.
    struct Step: Encodable {
        var id: String
        var scene: String
        var number: Int
        var text: String
    }

    /// Path counts are written as decimal strings: they pass every fixed-size number.
    struct Tally: Encodable {
        /// The paths that enter no state on a loop.
        var loopFree: String
        /// Whether some path goes through a loop, so that there are endlessly many.
        var unbounded: Bool
    }

    struct Ending: Encodable {
        var scene: String
        var outcome: String
        var states: Int
        var paths: Tally
        var shortest: [Step]
    }

    struct Loop: Encodable {
        var scenes: [String]
        var states: Int
        var leadsToEnding: Bool
        var qualityPerRound: Int
        var farmsQuality: Bool
        var entry: [Step]
        var round: [Step]
    }

    struct SoftLock: Encodable {
        var scene: String
        var path: [Step]
    }

    struct Untaken: Encodable {
        var choice: Step
        var reason: String
    }

    struct EarlyAddress: Encodable {
        var finding: String
        var path: [Step]
    }

    struct ScoredPath: Encodable {
        var overall: Int
        var level: String
        /// For the worst path: whether no path can score lower (false when a loop carries a cost).
        var exact: Bool
        var path: [Step]
    }

    var scenario: String
    var title: String
    var maxStates: Int
    /// Whether the exploration found every state (false: it stopped at `maxStates`).
    var complete: Bool
    var states: Int
    var edges: Int
    var paths: Tally
    var stuckPaths: Tally
    var endings: [Ending]
    var loops: [Loop]
    var softLocks: [SoftLock]
    var untakenChoices: [Untaken]
    var earlyAddresses: [EarlyAddress]
    var best: ScoredPath?
    var worst: ScoredPath?
    /// Why there is no best or worst path, when there is none.
    var scoring: String?

    init(scenario: Scenario, limit: Int, survey: StateSurvey) {
        func steps(_ path: [ChoiceID]) -> [Step] { path.map { Self.step($0, in: scenario) } }
        func tally(_ paths: StateSurvey.PathTally) -> Tally {
            Tally(loopFree: paths.loopFree.description, unbounded: paths.isUnbounded)
        }
        self.scenario = scenario.id
        title = VisibleText.make(scenario.header.title, keepNewlines: false)
        maxStates = limit
        complete = !survey.isTruncated
        states = survey.states
        edges = survey.edges
        paths = tally(survey.total)
        stuckPaths = tally(survey.stuckPaths)
        endings = survey.endings.map {
            Ending(scene: $0.scene, outcome: $0.outcome, states: $0.states, paths: tally($0.paths), shortest: steps($0.witness))
        }
        loops = survey.loops.map {
            Loop(
                scenes: $0.scenes, states: $0.states, leadsToEnding: $0.leadsToEnding, qualityPerRound: $0.qualityPerRound,
                farmsQuality: $0.qualityPerRound > 0, entry: steps($0.entry), round: steps($0.round))
        }
        softLocks = survey.softLocks.map { SoftLock(scene: $0.scene, path: steps($0.path)) }
        // A choice not taken by the states found may be taken beyond them: listed only when the exploration finished.
        untakenChoices = survey.isTruncated ? [] : survey.untakenChoices.map { Untaken(choice: Self.step($0.choice, in: scenario), reason: $0.reason.rawValue) }
        earlyAddresses = survey.earlyAddresses.map { EarlyAddress(finding: $0.finding, path: steps($0.path)) }
    }

    static func step(_ id: ChoiceID, in scenario: Scenario) -> Step {
        let text = scenario.scene(named: id.scene).flatMap { id.index < $0.choices.count ? $0.choices[id.index].text : nil }
        return Step(id: id.description, scene: id.scene, number: id.index + 1, text: VisibleText.make(text ?? "", keepNewlines: false))
    }

    /// Finds and scores the best and the worst path.
    mutating func addScores(scorer: Scorer, scenario: Scenario) {
        let bestPath = scorer.bestPath()
        let worst = scorer.worstPath()
        guard !bestPath.isEmpty || !worst.path.isEmpty, let bestReport = try? scorer.score(bestPath),
            let worstReport = try? scorer.score(worst.path)
        else {
            scoring = "no path reaches an ending"
            return
        }
        let steps = { (path: [ChoiceID]) in path.map { Self.step($0, in: scenario) } }
        best = ScoredPath(overall: bestReport.overall, level: bestReport.level.rawValue, exact: true, path: steps(bestPath))
        self.worst = ScoredPath(
            overall: worstReport.overall, level: worstReport.level.rawValue, exact: worst.isExact, path: steps(worst.path))
        if scorer.isExplorationTruncated {
            scoring = "the scoring search stopped at \(maxStates) nodes: the best and worst paths are of what it found"
        }
    }

    // MARK: Text

    /// The report as lines of at most `width` columns.
    func lines(width: Int) -> [String] {
        var out: [String] = []
        func wrap(_ text: String, indent: String = "  ", first: String? = nil) {
            out += TextWrapper.wrap(text, width: width, indent: indent, firstIndent: first ?? indent)
        }
        // A path one choice a line; a choice taken several times in a row is one line, "n-m.", with the count.
        func path(_ steps: [Step], indent: String = "    ") {
            guard !steps.isEmpty else {
                out.append(indent + "(at the start)")
                return
            }
            var runs: [(first: Int, last: Int, step: Step)] = []
            for (position, step) in steps.enumerated() {
                if let last = runs.last, last.step.id == step.id { runs[runs.count - 1].last = position } else { runs.append((position, position, step)) }
            }
            let labels = runs.map { $0.first == $0.last ? "\($0.first + 1)." : "\($0.first + 1)-\($0.last + 1)." }
            let labelWidth = labels.map(\.count).max() ?? 0
            let idWidth = steps.map(\.id.count).max() ?? 0
            for (run, label) in zip(runs, labels) {
                let lead = indent + String(repeating: " ", count: labelWidth - label.count) + label + " "
                    + run.step.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                let times = run.last > run.first ? " (\(run.last - run.first + 1) times)" : ""
                wrap(run.step.text + times, indent: String(repeating: " ", count: lead.count), first: lead)
            }
        }
        func count(_ tally: Tally, noun: String) -> String {
            let plural = tally.loopFree == "1" ? noun : noun + "s"
            return tally.unbounded
                ? "endless (through a loop); \(tally.loopFree) loop-free \(plural)"
                : "\(tally.loopFree) \(plural)"
        }
        out.append("\(title) (\(scenario))")
        wrap(
            complete
                ? "\(states) states and \(edges) choices between them: explored completely."
                : "stopped at \(maxStates) states (\(edges) choices between them found): the counts below cover only these states and are lower bounds.",
            indent: "", first: "")
        out.append("")
        wrap("Paths to an ending: " + count(paths, noun: "path"), indent: "  ", first: "")
        if stuckPaths.unbounded || stuckPaths.loopFree != "0" {
            wrap("Paths to a soft lock: " + count(stuckPaths, noun: "path"), indent: "  ", first: "")
        }
        out.append("")
        out.append("Endings:")
        if endings.isEmpty { out.append("  none reached") }
        for ending in endings {
            let states = ending.states == 1 ? "1 state" : "\(ending.states) states"
            wrap("\(ending.scene) (\(ending.outcome)), \(states): " + count(ending.paths, noun: "path"), indent: "    ", first: "  ")
        }
        for (label, scored) in [("Best path", best), ("Worst path", worst)] {
            guard let scored else { continue }
            out.append("")
            let note = label == "Worst path" && !scored.exact
                ? " (not exact: a loop that costs points could be gone round again and again; this path stops short of that)"
                : ""
            wrap("\(label): overall \(scored.overall), \(scored.level)\(note)", indent: "  ", first: "")
            path(scored.path, indent: "  ")
        }
        if let scoring {
            out.append("")
            wrap("Best and worst path: \(scoring)", indent: "  ", first: "")
        }
        // When the exploration stopped, the lists cover only the states it found.
        let found = complete ? "" : " (among the states found)"
        out.append("")
        out.append("Loops\(found):" + (loops.isEmpty ? " none" : ""))
        for loop in loops {
            let states = loop.states == 1 ? "1 state" : "\(loop.states) states"
            var facts = [states, loop.leadsToEnding ? "leads on to an ending" : "no ending can be reached from it: a play that enters never ends"]
            if loop.farmsQuality { facts.append("farms quality +\(loop.qualityPerRound) a round") }
            wrap(loop.scenes.joined(separator: ", ") + " (" + facts.joined(separator: "; ") + ")", indent: "    ", first: "  ")
            out.append("    reached by:")
            path(loop.entry, indent: "      ")
            out.append("    once round:")
            path(loop.round, indent: "      ")
        }
        out.append("")
        out.append("Soft locks\(found):" + (softLocks.isEmpty ? " none" : ""))
        for lock in softLocks {
            out.append("  \(lock.scene), reached by:")
            path(lock.path, indent: "    ")
        }
        out.append("")
        out.append(
            "Choices no path can take:"
                + (complete ? (untakenChoices.isEmpty ? " none" : "") : " not known, the exploration stopped first"))
        for untaken in untakenChoices {
            let why = switch untaken.reason {
            case "scene-never-entered": "its scene is never entered"
            case "never-offered": "its 'requires:' never holds there"
            default: "it is offered but cannot be taken"
            }
            wrap("\(untaken.choice.id) (\(why)): \(untaken.choice.text)", indent: "    ", first: "  ")
        }
        out.append("")
        out.append("Findings a plan can address before they are revealed\(found):" + (earlyAddresses.isEmpty ? " none" : ""))
        for early in earlyAddresses {
            out.append("  \(early.finding), addressed by \(early.path.last?.id ?? "") before it is revealed:")
            path(early.path, indent: "    ")
        }
        return out
    }
}
