import Foundation
import SiftCore
import SiftReport
import SiftStore
import Testing

/// The store and the exporters together, as `sift export` will use them.
@Suite struct StoreExportTests {
    static let keyID = "AKIAFAKEEXAMPLE7TEST"
    static let secret = "wJalrFAKEEXAMPLEsecretKEYtest0000000000X"

    @Test func twoSecretsOnOneLineLeaveNoPlaintextInAnyFormat() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "1", version: 1, of: 1)
        let line = "aws_access_key_id = \(Self.keyID), aws_secret_access_key = \(Self.secret)"
        var first = Samples.finding(Self.keyID, in: page, offset: 20)
        first.line = line
        var second = Samples.finding("aws_secret_access_key = \(Self.secret)", rule: "AWS_SECRET_ACCESS_KEY", secret: Self.secret, in: page, offset: 42)
        second.line = line
        try Samples.record([Samples.result(page, [first, second])], in: ws)

        var csv = CSVExporter(sink: MemorySink(), schema: .findings(ExportOptions()))
        var jsonl = JSONLinesExporter(sink: MemorySink(), schema: .findings(ExportOptions(deduplicated: true)))
        var sarif = SARIFExporter(sink: MemorySink(), options: ExportOptions(), toolVersion: "test")
        var table = TableRenderer(sink: MemorySink(), schema: .findings(ExportOptions()))
        try ws.forEachFinding(.space("ENG")) { record in
            try csv.write(record)
            try sarif.write(record)
            try table.write(record)
        }
        try ws.forEachFinding(.space("ENG"), dedupe: true) { try jsonl.write($0) }
        try csv.finish()
        try jsonl.finish()
        try sarif.finish()
        try table.finish()
        for output in [csv.sink.text, jsonl.sink.text, sarif.sink.text, table.sink.text] {
            #expect(!output.contains(Self.keyID) && !output.contains(Self.secret), "\(output)")
        }
        #expect(csv.sink.text.contains("aws_access_key_id = AKIA****************, aws_secret_access_key = wJal****"))
    }

    @Test func aPlaintextExportOfGlobalReviewsImportsBack() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let csv = Array("matchText,ruleName,reviewedBy,reviewedWhen,comment\n\"a,\"\"b\"\"\nc\",R1,ana,2024-05-01T09:30:00Z,why\nplain,R2,,,\n".utf8)
        try temp.workspace.importGlobalReviews(csv: csv, by: "importer", now: Date(timeIntervalSince1970: 0))
        let reviews = try temp.workspace.globalReviews()
        var exporter = CSVExporter(sink: MemorySink(), schema: .reviews(plaintext: true))
        for review in reviews { try exporter.write(review) }
        try exporter.finish()

        let other = try TemporaryWorkspace()
        defer { other.cleanUp() }
        try other.workspace.importGlobalReviews(csv: exporter.sink.bytes, by: "someone-else")
        #expect(try other.workspace.globalReviews() == reviews)
    }

    @Test func reviewedFalsePositivesAndAttachmentsExportPerSpace() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let eng = Samples.page(id: "1", version: 1, of: 1)
        let ops = Samples.page(space: "OPS", id: "2", version: 1, of: 1)
        try Samples.record([
            Samples.result(eng, [Samples.finding(Self.keyID, in: eng)]),
            Samples.result(ops, [Samples.finding(Self.keyID, in: ops)]),
        ], in: ws)
        try ws.review(space: "OPS", matchText: Self.keyID, ruleName: "AWS_CLIENT_ID", by: "bob", comment: "revoked")
        var exporter = JSONLinesExporter(sink: MemorySink(), schema: .findings(ExportOptions(reviews: true)))
        try ws.forEachFinding(FindingFilter(reviewed: true)) { try exporter.write($0) }
        try exporter.finish()
        let lines = exporter.sink.text.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["spaceKey"] as? String == "OPS")
        #expect(object["reviewedBy"] as? String == "bob")
        #expect(object["reviewScope"] as? String == "space:OPS")
        #expect(object["reviewComment"] as? String == "revoked")
    }
}
