// swift-tools-version:6.0
import PackageDescription

/// Practicum: a training simulator for social work students.
///
/// Dependencies flow one way:
/// PracticumCore <- PracticumEngine <- PracticumScoring <- PracticumClassroom <- PracticumWeb <- PracticumApp <- practicum
/// PracticumTerminal (argument scanning, terminal control, wrapping, "did you mean") and PracticumHTTP (a small
/// HTTP/1.1 server on POSIX sockets) are domain-free; PracticumCore uses PracticumTerminal for its one rule of
/// "did you mean".
let package = Package(
    name: "Practicum",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "practicum", targets: ["practicum"]),
        .executable(name: "practicum-bench", targets: ["practicum-bench"]),
        .library(name: "PracticumCore", targets: ["PracticumCore"]),
        .library(name: "PracticumEngine", targets: ["PracticumEngine"]),
        .library(name: "PracticumScoring", targets: ["PracticumScoring"]),
        .library(name: "PracticumClassroom", targets: ["PracticumClassroom"]),
    ],
    targets: [
        .target(name: "PracticumCore", dependencies: ["PracticumTerminal"]),
        .target(name: "PracticumEngine", dependencies: ["PracticumCore"]),
        .target(name: "PracticumScoring", dependencies: ["PracticumCore", "PracticumEngine"]),
        .target(name: "PracticumClassroom", dependencies: ["PracticumCore", "PracticumEngine", "PracticumScoring"]),
        .target(name: "PracticumTerminal"),
        .target(name: "PracticumHTTP"),
        .target(
            name: "PracticumApp",
            dependencies: [
                "PracticumCore", "PracticumEngine", "PracticumScoring", "PracticumClassroom", "PracticumTerminal", "PracticumHTTP",
                "PracticumWeb",
            ]
        ),
        .target(
            name: "PracticumWeb",
            dependencies: ["PracticumHTTP", "PracticumClassroom", "PracticumScoring", "PracticumEngine", "PracticumCore"]),
        .executableTarget(name: "practicum", dependencies: ["PracticumApp"]),
        .executableTarget(
            name: "practicum-bench", dependencies: ["PracticumCore", "PracticumEngine", "PracticumScoring", "PracticumClassroom", "PracticumHTTP"]),
        .testTarget(name: "PracticumCoreTests", dependencies: ["PracticumCore", "PracticumTerminal"]),
        .testTarget(name: "PracticumEngineTests", dependencies: ["PracticumCore", "PracticumEngine"]),
        .testTarget(
            name: "PracticumScoringTests", dependencies: ["PracticumCore", "PracticumEngine", "PracticumScoring"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "PracticumClassroomTests",
            dependencies: ["PracticumClassroom", "PracticumCore", "PracticumEngine", "PracticumScoring"]),
        .testTarget(name: "PracticumTerminalTests", dependencies: ["PracticumTerminal"]),
        .testTarget(name: "PracticumHTTPTests", dependencies: ["PracticumHTTP"]),
        .testTarget(
            name: "PracticumWebTests",
            dependencies: ["PracticumWeb", "PracticumHTTP", "PracticumClassroom", "PracticumScoring", "PracticumEngine", "PracticumCore"]),
        .testTarget(
            name: "PracticumAppTests",
            // `practicum` too: one test kills the real executable mid-play.
            dependencies: ["PracticumApp", "PracticumClassroom", "PracticumCore", "PracticumEngine", "PracticumHTTP", "practicum"],
            exclude: ["Fixtures"]),
    ]
)
