import Foundation
import SiftCore
import SiftReport
import Testing

/// The SARIF logs validate against the OASIS SARIF 2.1.0 schema (Fixtures/), through
/// `scripts/validate-sarif` (Python `jsonschema`, installed by `scripts/bootstrap`).
@Suite struct SARIFSchemaTests {
    @Test func everySARIFLogValidatesAgainstTheSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs: [(String, [UInt8])] = [
            ("findings.sarif", try sarif(Samples.findings, ExportOptions())),
            ("plaintext.sarif", try sarif(Samples.findings, ExportOptions(plaintext: true))),
            ("dedupe.sarif", try sarif(Samples.deduplicated, ExportOptions(deduplicated: true))),
            ("reviewed.sarif", try sarif(Samples.reviewedFindings, ExportOptions(reviews: true))),
            ("empty.sarif", try sarif([], ExportOptions())),
        ]
        var paths: [String] = []
        for (name, bytes) in logs {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/validate-sarif")
        process.arguments = paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            Issue.record("SARIF schema validation needs python3 with jsonschema: run scripts/bootstrap. \(output)")
            return
        }
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.components(separatedBy: "valid SARIF 2.1.0").count - 1 == logs.count, "\(output)")
    }

    @Test func theSchemaRejectsABrokenLog() throws {
        // The validator is real: a log without a tool and with a numeric ruleId fails.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-broken-\(UUID().uuidString).sarif")
        try Data(#"{"version":"2.1.0","runs":[{"results":[{"ruleId":1,"message":{"text":"x"}}]}]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/validate-sarif")
        process.arguments = [url.path]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
    }

    @Test func artifactURIsAreValidAndStable() throws {
        let log = try JSONSerialization.jsonObject(with: Data(try sarif(Samples.findings, ExportOptions()))) as? [String: Any]
        let run = try #require((log?["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let uris = results.compactMap { result -> String? in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris == [
            "confluence://ENG/content/1001?version=3", "confluence://ENG/content/1001?version=3",
            "confluence://ENG/content/1001?version=3", "confluence://OPS/content/2001?version=1",
            "config/db%20settings.env", "confluence://ENG/content/1050?version=2",
        ])
        for uri in uris { #expect(URL(string: uri) != nil, "\(uri) is not a URI reference") }
        let personal = Provenance(spaceKey: "~jane doe", contentId: "5", contentType: .page, createdWhen: "2024-01-01T10:00:00.000+01:00")
        var finding = Samples.findings[0]
        finding.finding.provenance = personal
        let text = String(decoding: try sarif([finding], ExportOptions()), as: UTF8.self)
        #expect(text.contains(#""uri": "confluence://~jane%20doe/content/5?createdWhen=2024-01-01T10:00:00.000%2B01:00""#))
    }
}
