import Foundation
import PracticumClassroom
import PracticumCore
import PracticumEngine
import PracticumTerminal

/// How play finds the attempt to go on with, and what it says about the ones it will not go on with.
extension PlayCommand {
    /// What the person at the terminal answered about an unfinished attempt.
    enum ResumeAnswer {
        case resume, startNew, leave
    }

    /// Asks whether to resume; only a confirmed "start a new one" starts a new attempt, and the end of
    /// input leaves everything as it is.
    static func askToResume(steps: Int, strings: Strings, listCommand: String, context: inout AppContext) -> ResumeAnswer {
        let yes = ["y", "yes", "ya"]
        let no = ["n", "no", "t", "tidak"]
        while true {
            context.output.write(
                strings(steps == 1 ? "play.resume.question.one" : "play.resume.question", ["steps": String(steps)]) + " ")
            guard let answer = context.input.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
                context.output.write("\n")
                return .leave
            }
            if answer.isEmpty || yes.contains(answer) { return .resume }
            guard no.contains(answer) else {
                context.output.writeLine(strings("play.resume.answer"))
                continue
            }
            context.output.write(strings("play.resume.confirmNew", ["command": listCommand]) + " ")
            guard let confirm = context.input.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
                context.output.write("\n")
                return .leave
            }
            if yes.contains(confirm) { return .startNew }
        }
    }

    /// A saved game from before attempt files (`saves/CASE.MODE.json`), turned into an attempt file so that
    /// resuming finds it; the old file is moved to `saves/migrated/`, never deleted.
    static func migrateSavedGame(scenario: Scenario, mode: PlayMode, store: AttemptStore, environment: [String: String]) {
        let saves = AttemptStore.stateDirectory(environment).appendingPathComponent("saves")
        let old = saves.appendingPathComponent("\(scenario.id).\(mode.rawValue).json")
        guard let data = FileManager.default.contents(atPath: old.path),
            let saved = try? AttemptFile(data: data), saved.scenario == scenario.id, !saved.choices.isEmpty
        else { return }
        let started = AttemptLog.timestamp()
        var log = AttemptLog(header: AttemptLog.Header(
            caseID: scenario.id, caseHash: saved.fingerprint ?? scenario.fingerprint, seed: saved.seed, mode: mode.rawValue,
            started: started))
        // Undone choices are kept as what they were: taken, then taken back, at the step they had.
        var standing: [ChoiceID] = []
        var undone = saved.undone.sorted { $0.step < $1.step }[...]
        for choice in saved.choices {
            while let next = undone.first, next.step == standing.count + 1 {
                log.entries.append(.step(step: next.step, choice: next.choice, at: started, reflection: nil))
                log.entries.append(.undo(step: next.step, at: started))
                undone = undone.dropFirst()
            }
            standing.append(choice)
            log.entries.append(.step(step: standing.count, choice: choice, at: started, reflection: nil))
        }
        while let next = undone.first, next.step == standing.count + 1 {
            log.entries.append(.step(step: next.step, choice: next.choice, at: started, reflection: nil))
            log.entries.append(.undo(step: next.step, at: started))
            undone = undone.dropFirst()
        }
        let url = store.newFileURL(caseID: scenario.id, mode: mode.rawValue)
        guard (try? AttemptWriter.create(at: url, header: log.header)).map({ writer in
            log.entries.allSatisfy { (try? writer.append($0)) != nil }
        }) == true else { return }
        let moved = saves.appendingPathComponent("migrated")
        try? FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try? FileManager.default.moveItem(at: old, to: moved.appendingPathComponent(old.lastPathComponent))
    }

    /// A word for a shell: as it is when it needs no quoting, otherwise in single quotes.
    static func shellWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./#:@".unicodeScalars.contains($0)
        }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
