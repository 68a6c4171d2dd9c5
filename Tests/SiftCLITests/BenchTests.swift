import Foundation
import Testing

@Suite("sift bench")
struct BenchTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test("a rule author sees each rule's cost, strategy and literals, and the unfiltered ones stand out")
    func reportsEveryRule() throws {
        let pack = try sandbox.write("acme.yaml", """
            pack: acme
            version: 1
            description: ACME rules.
            patterns:
              - id: ACME_TOKEN
                name: ACME token
                description: An ACME token.
                category: internal
                severity: high
                regex: '\\bacme_[a-z0-9]{12}\\b'
                examples: ['acme_fake12test34']
                negativeExamples: ['acme_short']
              - id: ACME_SLOW
                name: A rule without a literal
                description: Any long word.
                category: internal
                severity: low
                regex: '\\b[a-z]{30}\\b'
                examples: ['abcdefghijklmnopqrstuvwxyzabcd']
                negativeExamples: ['abc']
            """)
        let corpus = try sandbox.write("corpus/notes.txt", "token acme_fake12test34 here\n" + String(repeating: "plain words only\n", count: 200))
        let run = try sandbox.sift("bench", "--rules", pack.path, corpus.deletingLastPathComponent().path, "--format", "json")
        #expect(run.status == 0, "\(run)")
        let report = try #require(try run.json() as? [String: Any])
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["items"] as? Int == 1)
        #expect((totals["bytes"] as? Int ?? 0) > 3000)
        #expect(totals["patterns"] as? Int == 2)
        let rules = try #require(report["rules"] as? [[String: Any]])
        let token = try #require(rules.first { $0["id"] as? String == "ACME_TOKEN" })
        #expect(token["strategy"] as? String == "windowed")
        #expect(token["findings"] as? Int == 1)
        #expect((token["literals"] as? [String])?.contains("acme_") == true)
        let slow = try #require(rules.first { $0["id"] as? String == "ACME_SLOW" })
        #expect(slow["strategy"] as? String == "unfiltered")
        #expect(slow["reason"] as? String != nil)

        let table = try sandbox.sift("bench", "--rules", pack.path, corpus.path, "--format", "table")
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("unfiltered (run over every text): ACME_SLOW"), "\(table)")
        #expect(table.stdout.contains("MB/s"))
    }

    @Test("a rule file that does not compile is an error that names it")
    func badRules() throws {
        let pack = try sandbox.write("bad.yaml", "pack: bad\nversion: 1\npatterns:\n  - id: BAD\n    regex: '(unclosed'\n")
        let run = try sandbox.sift("bench", "--rules", pack.path, pack.path)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bad.yaml"), "\(run)")
    }
}
