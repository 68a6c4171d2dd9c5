import SiftCore
import SiftReport
import Testing

/// Every export format of every export kind, compared byte for byte with `Snapshots/`.
@Suite struct GoldenTests {
    @Test(arguments: Format.allCases)
    func findings(format: Format) throws {
        expectSnapshot(try export(Samples.findings, .findings(ExportOptions()), as: format), named: "findings.\(format.rawValue)")
    }

    @Test(arguments: Format.allCases)
    func deduplicatedFindings(format: Format) throws {
        let bytes = try export(Samples.deduplicated, .findings(ExportOptions(deduplicated: true)), as: format)
        expectSnapshot(bytes, named: "findings-dedupe.\(format.rawValue)")
    }

    @Test(arguments: Format.allCases)
    func reviewedFalsePositives(format: Format) throws {
        let bytes = try export(Samples.reviewedFindings, .findings(ExportOptions(reviews: true)), as: format)
        expectSnapshot(bytes, named: "reviewed.\(format.rawValue)")
    }

    @Test(arguments: Format.allCases)
    func attachmentScanInformation(format: Format) throws {
        expectSnapshot(try export(Samples.attachments, .attachments, as: format), named: "attachments.\(format.rawValue)")
    }

    @Test(arguments: Format.allCases)
    func reviewLists(format: Format) throws {
        expectSnapshot(try export(Samples.reviews, .reviews(plaintext: false), as: format), named: "reviews.\(format.rawValue)")
    }

    @Test func plaintextFindings() throws {
        let options = ExportOptions(plaintext: true)
        expectSnapshot(try export(Samples.findings, .findings(options), as: .jsonl), named: "findings-plaintext.jsonl")
        expectSnapshot(try export(Samples.findings, .findings(options), as: .csv), named: "findings-plaintext.csv")
    }

    @Test func sarifLogs() throws {
        expectSnapshot(try sarif(Samples.findings, ExportOptions()), named: "findings.sarif")
        expectSnapshot(try sarif(Samples.deduplicated, ExportOptions(deduplicated: true)), named: "findings-dedupe.sarif")
        expectSnapshot(try sarif(Samples.reviewedFindings, ExportOptions(reviews: true)), named: "reviewed.sarif")
        expectSnapshot(try sarif([], ExportOptions()), named: "empty.sarif")
    }

    @Test func emptyExportsAreCompleteDocuments() throws {
        expectSnapshot(try export([], .findings(ExportOptions()), as: .csv), named: "empty.csv")
        #expect(try export([], .findings(ExportOptions()), as: .jsonl).isEmpty)
        #expect(String(decoding: try export([], .findings(ExportOptions()), as: .txt), as: UTF8.self).hasSuffix("0 rows\n"))
    }
}
