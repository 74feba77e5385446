import Foundation

/// Finds the Content/ and Scenarios/ folders from any working directory.
///
/// Order: an explicit folder (`--content DIR`), then the environment variable
/// (`PRACTICUM_CONTENT` / `PRACTICUM_SCENARIOS`), then walking up from the
/// working directory, then walking up from the executable.
public struct ContentLocator: Sendable {
    public var workingDirectory: URL
    public var executable: URL?
    public var environment: [String: String]

    public init(
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL?.resolvingSymlinksInPath(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.workingDirectory = workingDirectory
        self.executable = executable
        self.environment = environment
    }

    /// The Content/ folder: the one named, or the first found holding `lifecycle.json`.
    public func contentDirectory(explicit: String? = nil) throws(ContentError) -> URL {
        try locate(
            folder: "Content", marker: "lifecycle.json", option: "--content", variable: "PRACTICUM_CONTENT",
            explicit: explicit)
    }

    /// The Scenarios/ folder: the one named, or the first found.
    public func scenariosDirectory(explicit: String? = nil) throws(ContentError) -> URL {
        try locate(
            folder: "Scenarios", marker: nil, option: "--scenarios", variable: "PRACTICUM_SCENARIOS", explicit: explicit)
    }

    private func locate(
        folder: String, marker: String?, option: String, variable: String, explicit: String?
    ) throws(ContentError) -> URL {
        var searched: [String] = []
        if let named = explicit ?? environment[variable].flatMap({ $0.isEmpty ? nil : $0 }) {
            let url = URL(fileURLWithPath: named, relativeTo: workingDirectory).standardizedFileURL
            if isCandidate(url, marker: marker) { return url }
            throw .namedFolderUnusable(
                folder: folder, path: url.path, source: explicit == nil ? variable : option,
                reason: isCandidate(url, marker: nil) ? "it has no \(marker ?? "")" : "there is no such folder")
        }
        var starts = [workingDirectory]
        if let executable { starts.append(executable.deletingLastPathComponent()) }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent(folder)
                searched.append(candidate.path)
                if isCandidate(candidate, marker: marker) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw .notFound(folder: folder, searched: searched, option: option, variable: variable)
    }

    private func isCandidate(_ url: URL, marker: String?) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return false
        }
        guard let marker else { return true }
        return FileManager.default.fileExists(atPath: url.appendingPathComponent(marker).path)
    }
}
