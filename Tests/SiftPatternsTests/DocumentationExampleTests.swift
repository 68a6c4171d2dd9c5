import Foundation
import SiftPatterns
import Testing

/// The worked example of docs/pattern-packs.md loads and behaves as the page says: docs cannot rot.
@Suite struct DocumentationExampleTests {
    @Test func workedExampleOfThePackFormat() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/pattern-packs.md")
        let markdown = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(markdown.range(of: "```yaml\npack: acme"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let yaml = String(markdown[markdown.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
        let pack = try PackLoader.load(yaml: yaml, file: "docs/pattern-packs.md")
        #expect(pack.patterns.map(\.id) == ["ACME_INTERNAL_TOKEN", "ACME_GATEWAY_HOST"])
        #expect(try PackLinter.lint([pack]).isEmpty)
        let engine = try DetectionEngine(packs: [pack])
        let findings = engine.findings(
            in: #"curl -H "Authorization: Bearer itk_Q9v2FAKEfake7Tok3nDoNotUse0w1x2y" https://api-gw.acme.internal/v1"#,
            using: engine.makeScratch()).findings
        #expect(findings.map(\.ruleName).sorted() == ["ACME_INTERNAL_TOKEN", "ACME_TOKEN_WITH_ENDPOINT"])
        #expect(findings.first { $0.ruleName == "ACME_INTERNAL_TOKEN" }?.confidence == .high)
    }
}
