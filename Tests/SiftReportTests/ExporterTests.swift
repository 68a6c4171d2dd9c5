import Foundation
import SiftCore
import SiftReport
import Testing

@Suite struct ExporterTests {
    @Test func csvQuotesOnlyWhatNeedsIt() throws {
        let reviews = [
            Review(matchText: "a,b", ruleName: "R", scope: .global, reviewedBy: "say \"hi\"", comment: "line\nbreak"),
            Review(matchText: "plain", ruleName: "R", scope: .global, reviewedBy: "", reviewedWhen: nil),
        ]
        let text = String(decoding: try export(reviews, .reviews(plaintext: true), as: .csv), as: UTF8.self)
        #expect(text == "matchText,ruleName,reviewedBy,reviewedWhen,comment\r\n\"a,b\",R,\"say \"\"hi\"\"\",,\"line\nbreak\"\r\nplain,R,\"\",,\r\n")
    }

    @Test func jsonLinesEscapeControlCharactersAndKeepUnicode() throws {
        let review = Review(matchText: "tab\there \u{1} é \u{2028}", ruleName: "R", scope: .global)
        let text = String(decoding: try export([review], .reviews(plaintext: true), as: .jsonl), as: UTF8.self)
        #expect(text == #"{"matchText":"tab\there \u0001 é \u2028","ruleName":"R","reviewedBy":null,"reviewedWhen":null,"comment":null}"# + "\n")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test func jsonLinesEscapeEveryCharacterJSONForbidsAndNothingElse() throws {
        let raw = "\"q\" back\\slash \u{7F}\u{1F}\u{0}\r\n\u{8}\u{C} \u{2029}\u{2027}→✓"
        let review = Review(matchText: raw, ruleName: "\"", scope: .global, comment: "no escapes at all")
        let text = String(decoding: try export([review], .reviews(plaintext: true), as: .jsonl), as: UTF8.self)
        #expect(text.hasPrefix(#"{"matchText":"\"q\" back\\slash \u007f\u001f\u0000\r\n\b\f \u2029\#u{2027}→✓","ruleName":"\"""#))
        #expect(text.hasSuffix(#""comment":"no escapes at all"}"# + "\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["matchText"] as? String == raw, "reads back as the original text")
    }

    @Test func jsonLinesHaveTheDocumentedFieldsInOrder() throws {
        #expect(ExportSchema<FindingRecord>.findings(ExportOptions()).fieldNames == [
            "ruleName", "severity", "matchText", "secret", "spaceKey", "contentId", "versionContentId", "contentType",
            "title", "version", "createdWhen", "part", "attachmentName", "lineNumber", "line", "startOffset",
            "endOffset", "reviewed", "fingerprint", "path", "confidence", "historical",
        ])
        let dedupe = ExportSchema<FindingRecord>.findings(ExportOptions(deduplicated: true, reviews: true)).fieldNames
        #expect(dedupe.suffix(7) == ["firstVersion", "lastVersion", "versionCount", "reviewedBy", "reviewedWhen", "reviewScope", "reviewComment"])
        let line = String(decoding: try export([Samples.findings[0]], .findings(ExportOptions()), as: .jsonl), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(ExportSchema<FindingRecord>.findings(ExportOptions()).fieldNames))
    }

    @Test func aGlobalReviewsExportImportsBack() throws {
        // The review-list CSV is the import format: header and quoting read back by the store's parser
        // are covered in SiftStoreTests; here, the header is exactly the documented one.
        #expect(ExportSchema<Review>.reviews(plaintext: true).fieldNames == ["matchText", "ruleName", "reviewedBy", "reviewedWhen", "comment"])
    }

    @Test func theTableFitsItsWidthAndStreamsPastItsSample() throws {
        var renderer = TableRenderer(sink: MemorySink(), schema: .findings(ExportOptions()), width: 80)
        for _ in 0..<150 { try renderer.write(Samples.findings[1]) }
        try renderer.finish()
        let lines = renderer.sink.text.split(separator: "\n")
        #expect(lines.count == 2 + 150 + 1)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.last == "150 rows")
        #expect(!renderer.sink.text.contains("\u{1B}["))
        var colored = TableRenderer(sink: MemorySink(), schema: .findings(ExportOptions()), color: true)
        try colored.write(Samples.findings[1])
        try colored.finish()
        #expect(colored.sink.text.contains("\u{1B}[1;31mcritical\u{1B}[0m"))
    }

    @Test func exportersStreamInChunks() throws {
        struct CountingSink: ByteSink {
            var writes = 0
            var bytes = 0
            mutating func write(_ chunk: [UInt8]) throws {
                writes += 1
                bytes += chunk.count
            }
        }
        var exporter = JSONLinesExporter(sink: CountingSink(), schema: .findings(ExportOptions()))
        for _ in 0..<2000 { try exporter.write(Samples.findings[0]) }
        #expect(exporter.sink.writes > 1, "a large export reaches the sink before finish")
        try exporter.finish()
        #expect(exporter.sink.bytes > 64 * 1024)
    }
}
