import Foundation
import PracticumCore
import PracticumScoring

extension ClassReport {
    /// What the class report shows of the attempts that count beyond their numbers, gathered one attempt at a
    /// time: the ethics breaches and the lifecycle phases where points were lost, the choices taken scene by
    /// scene, and the reflections. `grade` adds each attempt while its report is in full (with its items and its
    /// log) and then keeps only its numbers, so a class of long attempts never holds all their reports at once.
    public struct Tally: Sendable {
        /// One case's counts.
        struct Case: Sendable {
            /// Counted attempts graded, the denominator of the common problems.
            var reports = 0
            /// How many counted attempts lost points on each ethics principle (by id), and in each phase.
            var breaches: [String: Int] = [:]
            var phases: [String: Int] = [:]
            /// By scene: how many counted attempts took each choice (by its index), and how many reached it.
            var taken: [String: [Int: Int]] = [:]
            var reached: [String: Int] = [:]
        }

        var cases: [String: Case] = [:]
        /// The reflections section's items, in the order the entries were added.
        var reflections = ""

        public init() {}

        /// The tally of every entry of a gradebook whose counted attempts are in full (`completeCounted`).
        public init(_ book: Gradebook) {
            for entry in book.entries { add(entry) }
        }

        /// Adds an entry, its counted attempt in full: a graded report with its items, and its log for the
        /// reflections. An entry with no graded attempt adds nothing.
        public mutating func add(_ entry: Gradebook.Entry) {
            guard let counted = entry.counted, case .graded(let report, let path, _, _) = counted.verdict else { return }
            var tally = cases[entry.caseID] ?? Case()
            tally.reports += 1
            var seenBreach: Set<String> = []
            var seenPhase: Set<String> = []
            for item in report.items where item.points < 0 {
                switch (item.dimension, item.basis) {
                case (.ethics, .principle(let id)): seenBreach.insert(id)
                case (.lifecycle, .phase(let id)): seenPhase.insert(id)
                default: break
                }
            }
            for id in seenBreach { tally.breaches[id, default: 0] += 1 }
            for id in seenPhase { tally.phases[id, default: 0] += 1 }
            var seenScene: Set<String> = []
            for choice in path {
                tally.taken[choice.scene, default: [:]][choice.index, default: 0] += 1
                if seenScene.insert(choice.scene).inserted { tally.reached[choice.scene, default: 0] += 1 }
            }
            cases[entry.caseID] = tally
            if let log = counted.log {
                let written = log.standing.enumerated().compactMap { index, step in step.reflection.map { (index + 1, $0) } }
                if !written.isEmpty {
                    reflections += "<h3>\(HTML.escaped(name(entry.student))), \(HTML.escaped(entry.caseID))</h3><ul>"
                    for (step, text) in written { reflections += "<li><b>Step \(step):</b> \(HTML.escaped(text))</li>" }
                    reflections += "</ul>"
                }
            }
        }
    }
}
