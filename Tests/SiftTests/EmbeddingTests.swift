import Foundation
import Sift
import Testing

/// The README's embedding example, through the public API only (no @testable).
@Suite struct EmbeddingTests {
    @Test func compileOnceScanAString() throws {
        let engine = try DetectionEngine(packs: BuiltinPacks.all())
        let scratch = engine.makeScratch()
        let findings = engine.findings(in: "aws_access_key_id = AKIAZ7Q4FAKEEXMPL3QX", using: scratch).findings
        #expect(findings.map(\.ruleName) == ["AWS_CLIENT_ID"])
        #expect(findings.first?.matchText == "AKIAZ7Q4FAKEEXMPL3QX")
    }

    @Test func scanFromSeveralThreadsWithOneEngine() throws {
        let engine = try DetectionEngine(packs: BuiltinPacks.all())
        let texts = (0..<64).map { "line \($0)\ntoken: ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE\($0 % 10)\($0 % 10)\($0 % 10)\($0 % 10)\n" }
        let counts = ManagedCounter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let scratch = engine.makeScratch()
            for (index, text) in texts.enumerated() where index % 4 == worker {
                counts.add(engine.findings(in: text, using: scratch).findings.filter { $0.ruleName == "GITHUB_TOKEN" }.count)
            }
        }
        #expect(counts.value == 64)
    }

    @Test func scanAnExportWithTheScanner() throws {
        let engine = try DetectionEngine(packs: BuiltinPacks.all())
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/sample-space-export.zip")
        var findings: [Finding] = []
        var attachmentRecords = 0
        let totals = try Scanner(engine: engine, options: Scanner.Options(workers: 2)).scan([sample]) { result in
            findings += result.findings
            attachmentRecords += result.attachments.count
        }
        #expect(totals.items >= 8)
        #expect(attachmentRecords >= 3)
        let github = try #require(findings.first { $0.ruleName == "GITHUB_TOKEN" })
        #expect(github.provenance.title == "Deploy runbook")
        #expect(github.provenance.version == 2)
        #expect(github.provenance.isHistorical)
        #expect(findings.contains { $0.ruleName == "SSH_PRIVATE_KEY" && $0.provenance.attachmentName == "id_ed25519" })
        #expect(findings.contains { $0.ruleName == "PASSWORD_IN_CONFIG" && $0.provenance.contentType == .comment })
    }
}

extension ManagedCounter {
    func add(_ n: Int) { for _ in 0..<n { increment() } }
}
