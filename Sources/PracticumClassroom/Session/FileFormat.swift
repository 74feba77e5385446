/// The format numbers the classroom's files carry (`session.json`, `codes.json`, attempt files), and why one is
/// not read.
enum FileFormat {
    /// Why a file of format `found` is not read by a Practicum that reads format `current`; nil when it is.
    /// Formats start at 1: a 0 or a negative number was never written by any Practicum, and is not called newer.
    static func mismatch(_ found: Int, reads current: Int) -> String? {
        if found == current { return nil }
        if found < 1 {
            return "format \(found) is not one Practicum ever wrote (formats start at 1; this Practicum reads \(current))"
        }
        if found > current {
            return "format \(found) is not one this Practicum reads (it reads \(current)); a newer Practicum wrote it"
        }
        return "format \(found) is older than this Practicum reads (it reads \(current))"
    }
}
