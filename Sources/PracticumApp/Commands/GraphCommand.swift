import Foundation
import PracticumCore
import PracticumEngine
import PracticumTerminal

/// `practicum graph CASE`: the case as a picture, in Graphviz dot or Mermaid.
enum GraphCommand: Command {
    static let name = "graph"
    static let summary = "Draw a case as a graph of its scenes and choices, in Graphviz dot or Mermaid."
    static let usage = "graph CASE [--format dot|mermaid] [--path 1,3,2] [--output FILE]"
    static let discussion = """
        Each scene is a node: a rounded box, a crisis scene with a red double border, an ending shaped and \
        coloured by its outcome (goals met a green double ellipse, partly met a yellow ellipse, referred a blue \
        parallelogram, disengaged an upside-down grey trapezium, harm a red hexagon). Each choice is an arrow labelled with its \
        number and phase, 'once' and the condition it requires; a scene that only continues has a dashed arrow. \
        The start scene has a thicker border. --path draws one way through the case in blue: the same list as \
        'play --choices' (numbers as shown at each step in written order, or ids such as intake#2). The picture \
        goes to standard output, or to --output FILE. Draw dot with 'dot -Tsvg case.dot -o case.svg'; paste \
        Mermaid into a ```mermaid block. CASE is a library id or a path.
        """
    static let options: [OptionSpec] = [
        .option("format", valueName: "dot|mermaid", help: "The picture's language (default dot)."),
        .option("path", valueName: "list", help: "Draw this way through the case in blue: choices by shown number (1,3,2) or id (intake#2)."),
        .option("output", short: "o", valueName: "file", help: "Write the picture to this file instead of standard output."),
        CommonOptions.content, CommonOptions.scenarios,
    ]

    /// The picture languages.
    enum Format: String, CaseIterable {
        case dot, mermaid
    }

    static func run(_ arguments: ScannedArguments, context: inout AppContext) throws(CommandError) -> Int32 {
        guard arguments.positionals.count == 1, let named = arguments.positionals.first else {
            throw .usage("name one case to draw", hint: "for example: practicum graph Scenarios/my-case.scenario --format dot")
        }
        let formatName = arguments.value("format") ?? Format.dot.rawValue
        guard let format = Format(rawValue: formatName) else {
            throw .usage("unknown format '\(formatName)'; use 'dot' or 'mermaid'")
        }
        let steps = try arguments.value("path").map { text throws(CommandError) in try parsePath(text) }
        if arguments.value("output")?.isEmpty == true { throw .usage("--output needs a file name") }
        let content = try context.loadContent(explicit: arguments.value("content"))
        let loader = ScenarioLoader(content: content)
        let path = try PlayCommand.resolve(named, loader: loader, scenarios: arguments.value("scenarios"), context: context)
        let loaded = loader.load(path: path)
        guard let scenario = loaded.scenario else {
            context.report(loaded.diagnostics, source: loaded.source, file: path)
            throw CommandError("'\(named)' has errors and cannot be drawn", hint: "run 'practicum check \(named)'")
        }
        var diagram = CaseDiagram(scenario)
        if let steps {
            do {
                diagram = diagram.marking(try DiagramPath(steps, engine: Engine(scenario: scenario)))
            } catch {
                throw CommandError(describe(error))
            }
        }
        let language = scenario.header.language
        let labels = DiagramLabels(
            outcomeNames: Dictionary(content.outcomes.map { ($0.id, $0.name(in: language)) }, uniquingKeysWith: { first, _ in first }),
            phaseNames: Dictionary(content.phases.map { ($0.id, $0.name(in: language)) }, uniquingKeysWith: { first, _ in first }))
        let picture: String
        switch format {
        case .dot: picture = DotRendering.render(diagram, labels: labels)
        case .mermaid: picture = MermaidRendering.render(diagram, labels: labels)
        }
        guard let output = arguments.value("output") else {
            context.output.write(picture)
            return ExitCode.success
        }
        let url = context.url(forPath: output)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandError("'\(output)' is a folder; name a file for --output")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandError("cannot write '\(output)': no such folder '\(folder.path)'")
        }
        do {
            try Data(picture.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandError("cannot write '\(output)': \(error.localizedDescription)")
        }
        context.errors.writeLine(
            "Wrote \(format.rawValue) for \(scenario.id) (\(diagram.nodes.count) scenes, \(diagram.edges.count) arrows) to \(output)")
        return ExitCode.success
    }

    /// `--path`: the same list as `play --choices`.
    static func parsePath(_ text: String) throws(CommandError) -> [DiagramPath.Step] {
        do {
            return try PlayCommand.parseChoices(text)
        } catch {
            throw .usage(error.message.replacingOccurrences(of: "--choices", with: "--path"), hint: error.hint?.replacingOccurrences(of: "--choices", with: "--path"))
        }
    }

    /// Why a `--path` cannot be drawn: which step, and what was on offer there.
    static func describe(_ failure: DiagramPath.Failure) -> String {
        switch failure {
        case .notOffered(let step, let scene, let asked, let offered):
            let what: String
            switch asked {
            case .number(let number):
                what = "there is no choice \(number); \(offered.count == 1 ? "only 1 is" : "1-\(offered.count) are") on offer"
            case .id(let id):
                what = "choice \(id) is not on offer here; these are"
            }
            let list = offered.map { "  \($0.number). \(VisibleText.make($0.choice.text, keepNewlines: false)) [\($0.id)]" }
            return "--path step \(step) (scene '\(scene)'): \(what):\n" + list.joined(separator: "\n")
        case .ended(let step, let scene, let outcome, let remaining):
            return "--path step \(step): the case has already ended in scene '\(scene)' (outcome \(outcome)); "
                + "\(remaining == 1 ? "the last item is" : "the last \(remaining) items are") not used"
        case .stuck(let step, let scene):
            return "--path step \(step): the case is stuck in scene '\(scene)' (no choice is on offer); run 'practicum check' on it"
        }
    }
}
