import Foundation
import PracticumCore

extension AttemptLog {
    /// What a streamed reading keeps of each step's reflection.
    public enum ReflectionKeeping: Sendable {
        /// Every reflection as written: the log `read(_:)` gives, for play to go on with or to sign.
        case asWritten
        /// Each standing step's reflection as `standing` shows it (within `ReflectionCaps`), and none for a step
        /// taken back: what grading keeps, so that an attempt costs the memory of what its reports show, not of
        /// what its file holds (a file at the caps holds 64 MB of reflections, a report shows 40,000 characters).
        case capped
    }

    /// Why a file cannot be read as an attempt by the streamed reader.
    public enum FileProblem: Error, Equatable, Sendable {
        /// The file is larger than an attempt can be (`AttemptStore.maximumFileSize`), or grew past it while
        /// being read: reading stopped there.
        case tooLarge
        /// The file cannot be opened (it is missing, or a symbolic link, which is never followed), is not a regular
        /// file (a FIFO, a device, a folder), or cannot be read.
        case unreadable
        /// The file's lines are not an attempt: the problem the whole-file reader, `read(_:)`, gives for them.
        case attempt(Problem)
    }

    /// A chain of macs for the streamed reader to check as the lines go by: the header the chain starts from (as
    /// read, or with another student named, to find whose attempt a copy is) and the keys any line may be signed by.
    public struct ChainToCheck: Sendable {
        public var header: Header
        public var keys: [AttemptKey]

        public init(header: Header, keys: [AttemptKey]) {
            self.header = header
            self.keys = keys
        }
    }

    /// How many bytes the streamed reader reads at a time.
    public static let readChunkSize = 65_536

    /// Reads an attempt file as a stream, `chunkSize` bytes at a time, keeping no line once it is read: memory
    /// holds one line (at most `maximumLineLength` bytes) and what the log keeps of the lines before it. The
    /// result, and every problem and its message, are those of the whole-file reader `read(_:)` for the same
    /// bytes; the caps are kept as the bytes come: more than `maximumEntries` lines after the header stop the
    /// reading at the first line beyond them, and a file of more than `maximumFileSize` bytes (or one that grows
    /// past it while being read) at the byte beyond.
    ///
    /// With `reflections: .capped`, the log keeps only the reflections `standing` shows. With `chains`, asked
    /// once the header is read, each chain of macs is checked as the lines go by (`Reading.signatures`, in the
    /// order given), since a capped log no longer has the lines to check afterwards. A symbolic link is never
    /// followed, and anything but a regular file (a FIFO, a device, a folder) is refused as unreadable without
    /// waiting on it. The reading's `stamp` is the file's, when it did not change while it was read.
    public static func read(
        file path: String, reflections: ReflectionKeeping = .asWritten, chains: (Header) -> [ChainToCheck] = { _ in [] },
        maximumEntries: Int = AttemptLog.maximumEntries, maximumFileSize: Int = AttemptStore.maximumFileSize,
        chunkSize: Int = readChunkSize
    ) throws(FileProblem) -> Reading {
        // Opened without waiting (a FIFO put in a file's place would block the open), then checked for what it is.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw .unreadable }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let before = FileStamp(status)
        let result = withoutActuallyEscaping(chains) { chains -> Result<Reading, FileProblem> in
            var reader = StreamReader(reflections: reflections, chains: chains, maximumEntries: maximumEntries)
            var chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
            var total = 0
            while true {
                let count = chunk.withUnsafeMutableBytes { readFile(descriptor, into: $0) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unreadable)
                }
                if count == 0 { break }
                total += count
                guard total <= maximumFileSize else { return .failure(.tooLarge) }
                let going = chunk.withUnsafeBufferPointer { reader.feed(UnsafeBufferPointer(rebasing: $0[0..<count])) }
                if !going { break }
            }
            return reader.finishing().mapError { .attempt($0) }
        }
        var reading = try result.get()
        // Changed while it was read (size or time): no stamp, so nothing takes these bytes for the file's.
        if FileStamp.of(descriptor: descriptor) == before { reading.stamp = before }
        return reading
    }

    /// `read(file:...)` for bytes that come in these pieces (how tests split a file's bytes wherever they like).
    static func read(
        pieces: [[UInt8]], reflections: ReflectionKeeping = .asWritten, chains: (Header) -> [ChainToCheck] = { _ in [] },
        maximumEntries: Int = AttemptLog.maximumEntries
    ) throws(Problem) -> Reading {
        let result = withoutActuallyEscaping(chains) { chains -> Result<Reading, Problem> in
            var reader = StreamReader(reflections: reflections, chains: chains, maximumEntries: maximumEntries)
            for piece in pieces {
                let going = piece.withUnsafeBufferPointer { reader.feed($0) }
                if !going { break }
            }
            return reader.finishing()
        }
        return try result.get()
    }

    /// The streamed reader: bytes in, one line at a time out to the log being built.
    ///
    /// It gives what `read(bytes:)` gives by doing the same checks in the same order: that reader splits the
    /// whole file first (refusing a file with too many lines before reading any line), drops a last line with no
    /// line break or of zero bytes only, then reads the lines in order and throws at the first problem. Here a
    /// line is read as soon as it ends, its problem kept, not thrown, while the lines after it are only counted
    /// (so too many lines still win); a line of zero bytes only is held back until another line follows it (as
    /// the last line it is dropped, unread).
    struct StreamReader {
        let reflections: ReflectionKeeping
        let chainsFor: (Header) -> [ChainToCheck]
        let maximumEntries: Int

        // Splitting the bytes into lines.
        /// The bytes of the line not yet ended (at most `maximumLineLength`).
        private var pending: [UInt8] = []
        /// A line found longer than `maximumLineLength`, skipped to its end: its length, and whether every byte
        /// was zero.
        private var overlong: (length: Int, allZero: Bool)?
        /// How many bytes have come.
        private var position = 0
        /// How many lines have ended.
        private var lineCount = 0
        /// Where the last line to end ended (past its line break).
        private var wholeLength = 0
        /// A line of zero bytes only, held back: read if another line follows, dropped if it is the last.
        private var zeroLine: (number: Int, length: Int)?
        /// The first problem with a line: kept, and thrown by `finish` unless the file proves to have too many lines.
        private var problem: Problem?
        /// A problem that stops the reading at once (too many lines).
        private var stop: Problem?

        // Building the log.
        private var header: Header?
        private var entries: [Entry] = []
        private var macs: [String?] = []
        private var standing = 0
        private var chains: [ChainCheck] = []
        /// With `.capped`: the reflection characters the standing steps have left, and for each standing step its
        /// entry and what was left before it (an undo gives back what the step took).
        private var reflectionLeft = ReflectionCaps.perAttempt
        private var standingSteps: [(entry: Int, leftBefore: Int)] = []

        init(reflections: ReflectionKeeping, chains: @escaping (Header) -> [ChainToCheck], maximumEntries: Int) {
            self.reflections = reflections
            self.chainsFor = chains
            self.maximumEntries = maximumEntries
            pending.reserveCapacity(4_096)
        }

        /// Takes the next bytes; false once the reading is over whatever follows (too many lines).
        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard stop == nil else { return false }
            guard let base = bytes.baseAddress else { return true }
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                    take(UnsafeBufferPointer(rebasing: bytes[start...]))
                    break
                }
                let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                take(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                wholeLength = position + end + 1
                endLine()
                if stop != nil { return false }
                start = end + 1
            }
            position += bytes.count
            return true
        }

        /// Adds bytes to the line not yet ended, or only counts them once it is too long to be read.
        private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>) {
            if var skipped = overlong {
                skipped.length += bytes.count
                skipped.allZero = skipped.allZero && bytes.allSatisfy { $0 == 0 }
                overlong = skipped
            } else if pending.count + bytes.count > AttemptLog.maximumLineLength {
                overlong = (pending.count + bytes.count, pending.allSatisfy { $0 == 0 } && bytes.allSatisfy { $0 == 0 })
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(contentsOf: bytes)
            }
        }

        /// A line has ended (its bytes are `pending`, or it was `overlong`).
        private mutating func endLine() {
            lineCount += 1
            let number = lineCount
            defer {
                pending.removeAll(keepingCapacity: true)
                overlong = nil
            }
            guard number - 1 <= maximumEntries else {
                stop = Problem(
                    line: number,
                    message: "the attempt is longer than an attempt can be: at most \(maximumEntries) steps and undos "
                        + "follow the header (no case is played that long); the file is not read further")
                return
            }
            if let held = zeroLine {
                zeroLine = nil
                readZeroLine(held)
            }
            let length = overlong?.length ?? pending.count
            let allZero = length > 0 && (overlong?.allZero ?? pending.allSatisfy { $0 == 0 })
            if allZero {
                zeroLine = (number, length)
            } else if overlong != nil {
                readOverlong(number)
            } else {
                read(pending[...], number: number)
            }
        }

        private mutating func readZeroLine(_ line: (number: Int, length: Int)) {
            if line.length > AttemptLog.maximumLineLength {
                readOverlong(line.number)
            } else {
                read([UInt8](repeating: 0, count: line.length)[...], number: line.number)
            }
        }

        /// A line too long to read: the problem `read(bytes:)` gives any such line, header or not.
        private mutating func readOverlong(_ number: Int) {
            guard problem == nil else { return }
            problem = Problem(line: number, message: "the line is longer than \(AttemptLog.maximumLineLength) bytes")
        }

        /// Reads one line into the log, keeping its problem if it has one (and reading no line after that).
        private mutating func read(_ line: ArraySlice<UInt8>, number: Int) {
            guard problem == nil else { return }
            do {
                if number == 1 {
                    try readHeader(line)
                } else {
                    try readEntry(line, number: number)
                }
            } catch {
                problem = error
            }
        }

        private mutating func readHeader(_ line: ArraySlice<UInt8>) throws(Problem) {
            let (header, mac) = try AttemptLog.header(line)
            try AttemptLog.requireTime(header.started, key: "started", line: 1)
            self.header = header
            if reflections == .asWritten { macs.append(mac) }
            chains = chainsFor(header).map { ChainCheck(header: $0.header, keys: $0.keys) }
            for index in chains.indices { chains[index].take(mac: mac, line: 1) }
        }

        private mutating func readEntry(_ line: ArraySlice<UInt8>, number: Int) throws(Problem) {
            let (entry, mac) = try AttemptLog.entry(line, number: number)
            try AttemptLog.follow(entry, standing: &standing, mode: header?.mode, line: number)
            // The chains are checked against the line as written, before its reflection is cut.
            for index in chains.indices { chains[index].take(entry: entry, mac: mac, line: number) }
            switch reflections {
            case .asWritten:
                macs.append(mac)
                entries.append(entry)
            case .capped:
                entries.append(capped(entry))
            }
        }

        /// The entry with its reflection as `standing` would show it (`ReflectionCaps.apply` over the standing
        /// steps, worked out as they come: an undo only ever takes back the last standing step, so it gives
        /// back exactly what that step took); an undo also takes the reflection of the step it undoes away.
        private mutating func capped(_ entry: Entry) -> Entry {
            switch entry {
            case .step(let step, let choice, let at, let reflection):
                standingSteps.append((entries.count, reflectionLeft))
                guard let reflection, !reflection.isEmpty else { return entry }
                guard reflectionLeft > 0 else {
                    return .step(step: step, choice: choice, at: at, reflection: ReflectionCaps.spentMarker)
                }
                let (text, kept) = ReflectionCaps.cutCounting(reflection, to: min(ReflectionCaps.perReflection, reflectionLeft))
                reflectionLeft -= kept
                return .step(step: step, choice: choice, at: at, reflection: text)
            case .undo:
                let undone = standingSteps.removeLast()
                reflectionLeft = undone.leftBefore
                if case .step(let step, let choice, let at, _) = entries[undone.entry] {
                    entries[undone.entry] = .step(step: step, choice: choice, at: at, reflection: nil)
                }
                return entry
            }
        }

        /// `finish()` as a result.
        mutating func finishing() -> Result<Reading, Problem> {
            do {
                return .success(try finish())
            } catch {
                return .failure(error)
            }
        }

        /// The attempt read, or the problem `read(bytes:)` gives for the same bytes.
        mutating func finish() throws(Problem) -> Reading {
            if let stop { throw stop }
            var dropped = overlong != nil || !pending.isEmpty
            var lines = lineCount
            var whole = wholeLength
            if let held = zeroLine {
                // A power cut can leave a line of zero bytes where the file grew but its data never arrived.
                dropped = true
                lines -= 1
                whole -= held.length + 1
            }
            guard lines > 0 else {
                throw Problem(line: 0, message: dropped ? "the file holds only a line cut short" : "the file is empty")
            }
            if let problem { throw problem }
            guard let header else { throw Problem(line: 1, message: "the first line is not an attempt header") }
            var log = AttemptLog(
                header: header, entries: entries, lineMACs: macs.contains { $0 != nil } ? macs : [])
            log.reflectionsAreCapped = reflections == .capped
            return Reading(log: log, droppedTornLine: dropped, wholeLength: whole, signatures: chains.map(\.signature))
        }
    }
}

/// read(2) into the buffer (named apart: inside `AttemptLog`, `read` is the attempt reader).
private func readFile(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress!, buffer.count)
}
