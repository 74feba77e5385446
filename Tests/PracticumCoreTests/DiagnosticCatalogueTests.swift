import Foundation
import Testing
@testable import PracticumCore

/// The catalogue in `DiagnosticCatalogue.swift` is the one source: `practicum explain` prints it, and
/// docs/diagnostics.md must say the same, word for word, in the table of each code's severity.
@Suite("Diagnostic catalogue")
struct DiagnosticCatalogueTests {
    /// The rows of docs/diagnostics.md's tables, by code: the table's heading and the cells after the code.
    static func documentedRows() throws -> [String: (section: String, cells: [String])] {
        let text = try DocumentationTests.read("docs/diagnostics.md")
        var rows: [String: (section: String, cells: [String])] = [:]
        var section = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            let code = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows[code] = (section, Array(cells.dropFirst()))
        }
        return rows
    }

    @Test(arguments: DiagnosticCode.allCases)
    func everyCodeHasACompleteEntryInTheFileOfItsSeverity(code: DiagnosticCode) {
        let entry = code.catalogueEntry
        #expect(entry.code == code)
        #expect(code.severity == .error ? code.errorEntry != nil : code.warningEntry != nil)
        #expect(code.errorEntry == nil || code.warningEntry == nil, "\(code.rawValue) is in both files")
        for (part, text) in [("title", entry.title), ("explanation", entry.explanation), ("example", entry.example), ("fix", entry.fix)] {
            #expect(!text.isEmpty, "\(code.rawValue) has no \(part)")
            #expect(!text.contains("|") && !text.contains("\n"), "\(code.rawValue)'s \(part) would break the table")
        }
    }

    @Test func titlesAreDistinct() {
        let titles = DiagnosticCode.allCases.map(\.catalogueEntry.title)
        #expect(Set(titles).count == titles.count)
    }

    @Test func theDocumentedTablesSayWhatTheCatalogueSays() throws {
        let rows = try Self.documentedRows()
        for code in DiagnosticCode.allCases {
            let entry = code.catalogueEntry
            guard let row = rows[code.rawValue] else {
                Issue.record("docs/diagnostics.md has no row for \(code.rawValue)")
                continue
            }
            #expect(row.section == (code.severity == .error ? "Errors" : "Warnings"), "\(code.rawValue) is under \(row.section)")
            #expect(row.cells == [entry.explanation, entry.example, entry.fix], "\(code.rawValue): the row differs from the catalogue")
        }
        #expect(rows.count == DiagnosticCode.allCases.count)
    }
}
