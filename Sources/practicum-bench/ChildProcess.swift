import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What one run of a command cost: wall time start to exit, when a marker first appeared on its standard
/// output, its exit status and its own peak memory (from `wait4`, so each child is measured alone).
struct ChildRun {
    var seconds: Double
    var markerSeconds: Double?
    var exitCode: Int32
    var peakMegabytes: Double
    var timedOut: Bool
    var output: String
}

/// Runs a program with arguments and extra environment, standard error discarded. Standard input is a pipe
/// kept open until `marker` appears on standard output (then closed, so an interactive play saves and
/// exits), or closed at once without a marker. The child is killed after `timeout` seconds.
func runChild(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], marker: String? = nil,
    timeout: Double = 60
) -> ChildRun {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    guard pipe(&input) == 0, pipe(&output) == 0 else { fatalError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    for descriptor in input + output { posix_spawn_file_actions_addclose(&actions, descriptor) }
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { $1 }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
    }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { fatalError("cannot run \(executable)") }
    close(input[0])
    close(output[1])
    var writeEnd: Int32 = input[1]
    if marker == nil {
        close(writeEnd)
        writeEnd = -1
    }
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var collected: [UInt8] = []
    var markerSeconds: Double?
    var timedOut = false
    let markerBytes = marker.map { Array($0.utf8) }
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        var poller = pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)
        let remaining = timeout - elapsed()
        if remaining <= 0 {
            kill(pid, SIGKILL)
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
        if markerSeconds == nil, let markerBytes, contains(collected, markerBytes) {
            markerSeconds = elapsed()
            close(writeEnd)
            writeEnd = -1
        }
    }
    if writeEnd >= 0 { close(writeEnd) }
    close(output[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = elapsed()
    let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ChildRun(
        seconds: seconds, markerSeconds: markerSeconds, exitCode: exitCode,
        peakMegabytes: Double(usage.ru_maxrss) / 1024, timedOut: timedOut,
        output: String(decoding: collected, as: UTF8.self))
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if Array(haystack[start..<start + needle.count]) == needle { return true }
    }
    return false
}
