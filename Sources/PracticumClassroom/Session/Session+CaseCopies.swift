import Foundation
import PracticumCore

extension Session {
    /// Why a session's copy of a case cannot be played.
    public enum CaseCopyProblem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The file is gone, or its bytes are not those the session was made with.
        case changed(caseID: String, file: String)
        /// The bytes are right but they no longer load to the same case (another Content/, another Practicum).
        case loadsDifferently(caseID: String)

        public var description: String {
            switch self {
            case .changed(let caseID, let file):
                "the session's copy of '\(caseID)' (\(file)) is missing or has changed since the session was made"
            case .loadsDifferently(let caseID):
                "the session's copy of '\(caseID)' does not load as it did when the session was made"
            }
        }
    }

    /// The session's own copy of one of its cases, loaded, once it is checked to be byte for byte the copy the
    /// session was made with and to load to the same case (its fingerprint). Every front end plays and serves
    /// only copies that pass.
    public func verifiedCopy(of sessionCase: Case, in folder: URL, loader: ScenarioLoader) throws(CaseCopyProblem) -> Scenario {
        try verifiedCopy(of: sessionCase, in: folder) { loader.load(path: $0.path).scenario }
    }

    /// The same, loading the file with `load` (for callers that load cases their own way).
    public func verifiedCopy(of sessionCase: Case, in folder: URL, load: (URL) -> Scenario?) throws(CaseCopyProblem) -> Scenario {
        let url = folder.appendingPathComponent(sessionCase.file)
        guard let source = FileManager.default.contents(atPath: url.path), Self.sha256(source) == sessionCase.sha256 else {
            throw .changed(caseID: sessionCase.id, file: sessionCase.file)
        }
        guard let scenario = load(url), scenario.fingerprint == sessionCase.fingerprint else {
            throw .loadsDifferently(caseID: sessionCase.id)
        }
        return scenario
    }
}
