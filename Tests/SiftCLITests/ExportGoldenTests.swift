import Foundation
import Testing

/// `sift export …` files compared with the golden files in Golden/. `SIFT_UPDATE_GOLDEN=1 swift test
/// --filter SiftCLITests` rewrites them (then review the diff).
///
/// The workspace: the sample export and a directory with one plain file, with the GitHub token
/// reviewed. What is not stable from run to run is replaced before comparing, and nothing else: the
/// time of the review, the sandbox's path (a plain file is named by its full path) and the SARIF
/// contentFingerprint of the plain file's finding, which hashes that path.
@Suite("export golden files")
struct ExportGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let sandbox: Sandbox
    /// Unstable strings and what they become.
    var replacements: [(String, String)] = []

    init() throws {
        sandbox = try Sandbox()
        try sandbox.write("configs/service.env", "# service settings\napi_password = \"Tr0ub4dor-Fake-Value\"\n")
        let scan = try sandbox.sift("scan", sampleZip.path, "configs")
        try #require(scan.status == 1, "\(scan)")
        let findings = try sandbox.sift("findings", "--format", "json", "--show-secrets").jsonObjects()
        let github = try #require(findings.first { $0["ruleName"] as? String == "GITHUB_TOKEN" }?["matchText"] as? String)
        let review = try sandbox.sift("review", "add", "--space", "OPS", "--match-text", github, "--rule", "GITHUB_TOKEN",
                                      "--by", "tester", "--comment", "revoked, see INC-42")
        try #require(review.status == 0, "\(review)")

        let reviews = try sandbox.sift("review", "list", "--format", "jsonl").jsonLines()
        for case let when as String in reviews.map({ $0["reviewedWhen"] }) { replacements.append((when, "<reviewedWhen>")) }
        let sarif = try #require(try sandbox.sift("findings", "--format", "sarif").json() as? [String: Any])
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        var hashed = 0
        for result in results {
            let locations = result["locations"] as? [[String: Any]] ?? []
            let physical = locations.first?["physicalLocation"] as? [String: Any]
            guard let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String, uri.contains(sandbox.directory.path),
                case let hash as String = (result["partialFingerprints"] as? [String: Any])?["contentFingerprint/v1"]
            else { continue }
            replacements.append((hash, "<contentFingerprint of a path in the sandbox>"))
            hashed += 1
        }
        try #require(hashed == 1, "the plain file's one finding: \(results.count) results")
        replacements.append((sandbox.directory.path, "<sandbox>"))
    }

    func normalised(_ data: Data) -> String {
        replacements.reduce(String(decoding: data, as: UTF8.self)) { text, pair in text.replacingOccurrences(of: pair.0, with: pair.1) }
    }

    /// Runs `sift export <arguments> --output FILE`, checks that stdout stays empty, and compares
    /// the file with Golden/<name>.
    func expectGolden(_ name: String, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = sandbox.directory.appendingPathComponent(name)
        let run = try sandbox.sift(["export"] + arguments + ["--output", output.path])
        #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "--output leaves stdout empty: \(run)", sourceLocation: sourceLocation)
        let actual = normalised(try Data(contentsOf: output))

        let golden = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SIFT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
            return
        }
        guard let expected = FileManager.default.contents(atPath: golden.path).map({ String(decoding: $0, as: UTF8.self) }) else {
            Issue.record("no golden file \(name): run SIFT_UPDATE_GOLDEN=1 swift test --filter SiftCLITests", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 } ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(name) differs from Golden/\(name) at line \(line + 1) \
                (SIFT_UPDATE_GOLDEN=1 rewrites it):
                expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end>")
                actual:   \(line < actualLines.count ? String(actualLines[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }

    @Test("findings as CSV") func findingsCSV() throws { try expectGolden("findings.csv", "findings", "--format", "csv") }
    @Test("findings as JSON Lines") func findingsJSONL() throws { try expectGolden("findings.jsonl", "findings", "--format", "jsonl") }
    @Test("findings as SARIF") func findingsSARIF() throws { try expectGolden("findings.sarif", "findings", "--format", "sarif") }
    @Test("deduplicated findings of OPS") func dedupe() throws {
        try expectGolden("findings-OPS-dedupe.csv", "findings", "--space", "OPS", "--dedupe", "true")
    }
    @Test("reviewed false positives, with who and when") func reviewed() throws {
        try expectGolden("reviewed.csv", "reviewed", "--space", "OPS")
    }

    @Test("CSV is the default export format")
    func csvByDefault() throws {
        let run = try sandbox.sift("export", "findings")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("ruleName,severity,matchText,secret,spaceKey,contentId,versionContentId,"), "\(run)")
        #expect(run.stdout.hasSuffix("\r\n"))
    }
}
