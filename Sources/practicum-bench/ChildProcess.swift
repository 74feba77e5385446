import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What one run of a command cost: wall time start to exit, when a marker first appeared on its standard
/// output, its exit status and its own peak memory.
struct ChildRun {
    var seconds: Double
    var markerSeconds: Double?
    var exitCode: Int32
    var peakMegabytes: Double
    var timedOut: Bool
    var output: String
}

/// The argument that makes this executable a launcher: `practicum-bench --launch PROGRAM ARGS...`.
///
/// Why a launcher: `posix_spawn` starts a child in its parent's memory until it execs, and Linux carries
/// the parent's peak into the child's `ru_maxrss`, so every child of the bench (which holds large
/// generated cases) would report the bench's own peak. The launcher is started by the bench, is small,
/// and spawns the real program, whose peak is then its own (the launcher's few megabytes at most).
/// It writes `spawned exited maxrssKB status` to descriptor 3 and exits.
let launchArgument = "--launch"

/// Runs the launcher's side and exits; call first thing, before the bench allocates anything.
func runLauncherIfAsked() {
    let arguments = CommandLine.arguments
    guard arguments.count >= 3, arguments[1] == launchArgument else { return }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addclose(&actions, 3)
    let argv = arguments.dropFirst(2).map { strdup($0) } + [nil]
    var pid: pid_t = 0
    let spawned = monotonicNanoseconds()
    guard posix_spawn(&pid, arguments[2], &actions, nil, argv, environ) == 0 else { exit(127) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let exited = monotonicNanoseconds()
    let report = Array("\(spawned) \(exited) \(usage.ru_maxrss) \(status)\n".utf8)
    _ = report.withUnsafeBytes { write(3, $0.baseAddress, $0.count) }
    exit(0)
}

/// The system-wide monotonic clock, the same in the bench and its launcher.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Runs a program with arguments and extra environment, through the launcher, standard error discarded.
/// Standard input is a pipe kept open until `marker` appears on standard output (then closed, so an
/// interactive play saves and exits), or closed at once without a marker. Times count from the moment
/// the launcher starts the program. The program is killed after `timeout` seconds.
func runChild(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], marker: String? = nil,
    timeout: Double = 60
) -> ChildRun {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    var result: [Int32] = [0, 0]
    guard pipe(&input) == 0, pipe(&output) == 0, pipe(&result) == 0 else { fatalError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, result[1], 3)
    for descriptor in input + output + result where descriptor != 3 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { $1 }
    let launcher = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    let argv = ([launcher, launchArgument, executable] + arguments).map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
    }
    // The launcher leads a process group of its own, so a timeout kills it and the program together.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    defer { posix_spawnattr_destroy(&attributes) }
    var pid: pid_t = 0
    let start = monotonicNanoseconds()
    guard posix_spawn(&pid, launcher, &actions, &attributes, argv, envp) == 0 else { fatalError("cannot run \(launcher)") }
    close(input[0])
    close(output[1])
    close(result[1])
    var writeEnd: Int32 = input[1]
    if marker == nil {
        close(writeEnd)
        writeEnd = -1
    }
    func elapsed() -> Double { Double(monotonicNanoseconds() - start) / 1e9 }
    var collected: [UInt8] = []
    var markerAt: UInt64?
    var timedOut = false
    let markerBytes = marker.map { Array($0.utf8) }
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        var poller = pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)
        let remaining = timeout - elapsed()
        if remaining <= 0 {
            kill(-pid, SIGKILL)
            timedOut = true
            break
        }
        guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) >= 0 else { break }
        guard poller.revents != 0 else { continue }
        let count = read(output[0], &buffer, buffer.count)
        if count <= 0 { break }
        // Keep at most the last megabyte: some inputs print a lot, and only the marker matters.
        collected += buffer[0..<count]
        if collected.count > 1_048_576 { collected.removeFirst(collected.count - 1_048_576) }
        if markerAt == nil, let markerBytes, contains(collected, markerBytes) {
            markerAt = monotonicNanoseconds()
            close(writeEnd)
            writeEnd = -1
        }
    }
    if writeEnd >= 0 { close(writeEnd) }
    close(output[0])
    var report: [UInt8] = []
    while true {
        let count = read(result[0], &buffer, buffer.count)
        if count <= 0 { break }
        report += buffer[0..<count]
    }
    close(result[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let fields = String(decoding: report, as: UTF8.self).split(separator: " ").compactMap {
        Int64($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard fields.count == 4, !timedOut else {
        return ChildRun(
            seconds: elapsed(), markerSeconds: nil, exitCode: 137, peakMegabytes: 0, timedOut: true,
            output: String(decoding: collected, as: UTF8.self))
    }
    let spawned = UInt64(fields[0])
    let childStatus = Int32(truncatingIfNeeded: fields[3])
    let exitCode: Int32 =
        (childStatus & 0x7F) == 0 ? (childStatus >> 8) & 0xFF : 128 + (childStatus & 0x7F)
    return ChildRun(
        seconds: Double(UInt64(fields[1]) - spawned) / 1e9,
        markerSeconds: markerAt.map { Double($0 &- spawned) / 1e9 },
        exitCode: exitCode, peakMegabytes: Double(fields[2]) / 1024, timedOut: false,
        output: String(decoding: collected, as: UTF8.self))
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if Array(haystack[start..<start + needle.count]) == needle { return true }
    }
    return false
}

/// The fastest of `runs` child runs (`run` is given the run's number) and the most memory any of them reached.
/// `problem` says what is wrong with a run (nil when nothing is), which stops the bench: a time is worth
/// recording only for a run that did what it should.
func bestOf(
    _ runs: Int, _ run: (Int) -> ChildRun, problem: (ChildRun) -> String?
) -> (seconds: Double, peakMegabytes: Double) {
    var fastest = Double.infinity
    var peak = 0.0
    for number in 0..<runs {
        let child = run(number)
        if let message = problem(child) { fail(message) }
        fastest = min(fastest, child.seconds)
        peak = max(peak, child.peakMegabytes)
    }
    return (fastest, peak)
}
