// Fuzz target: CSV as the roster (and later the ratings) reader takes it: the records or an error with its
// line and column, never a crash; and whatever fields are read, written out again they read back the same
// (after a formula-like cell gets its neutralising quote).
import Foundation
import PracticumClassroom

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    _ = try? Roster(csv: bytes)
    guard let records = try? CSVReader.records(bytes) else { return 0 }
    var writer = CSVWriter()
    for record in records { writer.append(texts: record.fields) }
    guard let back = try? CSVReader.records(writer.text) else { fatalError("written CSV did not read back") }
    let expected = records.map { $0.fields.map(CSVWriter.neutralised) }.filter { $0 != [""] }
    precondition(back.map(\.fields) == expected, "CSV did not read back as written")
    return 0
}
