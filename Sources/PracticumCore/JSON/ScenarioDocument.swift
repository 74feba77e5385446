import Foundation

/// The JSON form of a case (`practicum export --json`): the model as plain data,
/// conditions written in the format's own syntax, everything else structured.
///
/// Loading a document goes through the same checker as a `.scenario` file, so a
/// hand-edited JSON case gets the same diagnostics, located by JSON pointer.
public struct ScenarioDocument: Codable, Sendable, Equatable {
    public var formatVersion: Int
    public var header: Header
    public var start: String
    public var findings: [FindingDocument]
    public var variables: [Variable]
    /// The expectations (format version 2); absent in version 1 documents.
    public var expectations: [ExpectationDocument]?
    public var scenes: [SceneDocument]

    /// `{"id", "text", "kind"?, "safeWhen"?}`: a finding without a kind is a need; `safeWhen` (format
    /// version 3) is a risk's `safe when:` condition in the format's syntax.
    public struct FindingDocument: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public var kind: String?
        public var safeWhen: String?
    }

    /// `{"name", "severity", "condition", "because", "principle"?, "phase"?, "when"?}`; the conditions in the
    /// format's syntax (`when`, the situation, is format version 3).
    public struct ExpectationDocument: Codable, Sendable, Equatable {
        public var name: String
        public var severity: String
        public var condition: String
        public var because: String?
        public var principle: String?
        public var phase: String?
        public var when: String?
    }

    public struct SceneDocument: Codable, Sendable, Equatable {
        public var name: String
        public var crisis: Bool?
        public var ending: String?
        public var paragraphs: [[LineDocument]]
        public var choices: [ChoiceDocument]?
        public var next: String?
        /// The `reflect:` prompt (format v1.2); absent when the scene asks none.
        public var reflect: String?
        /// The `dilemma:` trade-off (format version 4); absent for other scenes.
        public var dilemma: String?
    }

    public struct LineDocument: Codable, Sendable, Equatable {
        /// The `[if ...]` condition, in the format's syntax.
        public var `if`: String?
        public var text: String
    }

    public struct ChoiceDocument: Codable, Sendable, Equatable {
        public var text: String
        public var phase: String?
        public var quality: Int?
        public var intervention: String?
        public var upholds: [String]?
        public var violates: [Violation]?
        public var reveals: [String]?
        public var addresses: [String]?
        /// The `requires:` condition, in the format's syntax.
        public var requires: String?
        public var set: [UpdateDocument]?
        public var once: Bool?
        public var pinned: Bool?
        public var feedback: String?
        public var target: String?
    }

    /// `{"variable": "trust", "add": -1}` or `{"variable": "called", "value": true}`.
    public struct UpdateDocument: Codable, Sendable, Equatable {
        public var variable: String
        public var add: Int?
        public var value: Value?
    }

    /// The document for a checked case.
    public init(_ scenario: Scenario) {
        formatVersion = scenario.formatVersionNeeded
        header = scenario.header
        start = scenario.start
        findings = scenario.findings.map {
            FindingDocument(
                id: $0.id, text: $0.text, kind: $0.kind == .need ? nil : $0.kind.rawValue,
                safeWhen: $0.safeWhen?.description)
        }
        variables = scenario.variables
        expectations = scenario.expectations.isEmpty ? nil : scenario.expectations.map { expectation in
            var principle: String?
            var phase: String?
            switch expectation.basis {
            case .principle(let id)?: principle = id
            case .phase(let id)?: phase = id
            case nil: break
            }
            return ExpectationDocument(
                name: expectation.name, severity: expectation.severity.rawValue,
                condition: expectation.condition.description, because: expectation.because, principle: principle,
                phase: phase, when: expectation.situation?.description)
        }
        scenes = scenario.scenes.map { scene in
            SceneDocument(
                name: scene.name, crisis: scene.isCrisis ? true : nil, ending: scene.ending,
                paragraphs: scene.paragraphs.map { $0.map { LineDocument(if: $0.condition?.description, text: $0.text) } },
                choices: scene.choices.isEmpty ? nil : scene.choices.map(ChoiceDocument.init), next: scene.next,
                reflect: scene.reflect, dilemma: scene.dilemma)
        }
    }

    /// Pretty, key-sorted JSON, so exports diff cleanly, with every hidden character escaped (`JSONText`).
    /// The compact form fingerprints are taken of stays as `JSONEncoder` writes it, so no fingerprint changes.
    public func encoded() -> Data {
        JSONText.escapingHidden(encoded(pretty: true))
    }

    /// Key-sorted JSON, pretty or compact (one line, no spaces: the form fingerprints are taken of).
    func encoded(pretty: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and arrays cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension ScenarioDocument.ChoiceDocument {
    init(_ choice: Choice) {
        text = choice.text
        phase = choice.phase
        quality = choice.quality
        intervention = choice.intervention
        upholds = choice.upholds.isEmpty ? nil : choice.upholds
        violates = choice.violates.isEmpty ? nil : choice.violates
        reveals = choice.reveals.isEmpty ? nil : choice.reveals
        addresses = choice.addresses.isEmpty ? nil : choice.addresses
        requires = choice.requires?.description
        set = choice.updates.isEmpty ? nil : choice.updates.map { update in
            switch update.operation {
            case .add(let amount): return .init(variable: update.variable, add: amount, value: nil)
            case .assign(let value): return .init(variable: update.variable, add: nil, value: value)
            }
        }
        once = choice.once ? true : nil
        pinned = choice.pinned ? true : nil
        feedback = choice.feedback
        target = choice.target
    }
}
