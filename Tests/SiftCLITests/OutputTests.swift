import Foundation
import Testing

/// What stdout and stderr carry: data on stdout (parseable in a pipe), people's text on stderr,
/// colours only on a terminal and never with NO_COLOR, secrets masked unless asked for.
@Suite("output streams, colours and masking")
struct OutputTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test("in a pipe, scan writes JSON Lines on stdout and the summary on stderr")
    func pipeIsMachineReadable() throws {
        let scan = try sandbox.sift("scan", sampleZip.path)
        #expect(scan.status == 1)
        let objects = try scan.jsonLines()
        #expect(objects.count == unreviewedCount(scan))
        #expect(objects.allSatisfy { $0["ruleName"] is String && $0["fingerprint"] is String })
        #expect(!scan.stdout.contains("unreviewed finding"))
        #expect(!scan.stdout.contains("scanned "))
        #expect(scan.stderr.contains("findings this run, by rule:"), "\(scan)")
        #expect(!scan.stdout.contains(escape) && !scan.stderr.contains(escape), "\(scan)")

        let findings = try sandbox.sift("findings", "--format", "jsonl")
        #expect(findings.status == 0)
        #expect(try findings.jsonLines().count == objects.count)
        #expect(findings.stderr.isEmpty, "\(findings)")
    }

    @Test("jsonl escapes what would break a line: every line parses")
    func jsonLinesAreLines() throws {
        // The SSH private key spans lines; its matchText must stay on one JSON line.
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        for arguments in [["findings", "--format", "jsonl", "--show-secrets"], ["export", "findings", "--format", "jsonl"]] {
            let run = try sandbox.sift(arguments)
            #expect(run.status == 0, "\(run)")
            let objects = try run.jsonLines()
            let key = try #require(objects.first { $0["ruleName"] as? String == "SSH_PRIVATE_KEY" })
            if arguments.contains("--show-secrets") { #expect((key["matchText"] as? String)?.contains("\n") == true) }
        }
    }

    @Test("no colour in a pipe, even for the pretty table and errors")
    func noColourInAPipe() throws {
        let pretty = try sandbox.sift("scan", sampleZip.path, "--format", "pretty")
        #expect(pretty.stdout.contains("SEVERITY"), "\(pretty)")
        #expect(!pretty.stdout.contains(escape) && !pretty.stderr.contains(escape))
        let error = try sandbox.sift("findings", "--space", "ops")
        #expect(error.status == 2)
        #expect(!error.stderr.contains(escape), "\(error)")
    }

    @Test("on a terminal: the pretty table by default, coloured unless NO_COLOR")
    func terminal() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        let coloured = try sandbox.sift("findings", environment: ["TERM": "xterm"], stdoutIsTerminal: true)
        #expect(coloured.status == 0, "\(coloured)")
        #expect(coloured.stdout.contains("SEVERITY"), "pretty is the default on a terminal: \(coloured)")
        #expect(coloured.stdout.contains(escape), "severities are coloured on a terminal: \(coloured)")

        let plain = try sandbox.sift("findings", environment: ["TERM": "xterm", "NO_COLOR": "1"], stdoutIsTerminal: true)
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("SEVERITY"))
        #expect(!plain.stdout.contains(escape), "NO_COLOR: \(plain)")
        #expect(plain.stdout == coloured.stdout.replacing(/\x1B\[[0-9;]*m/, with: ""))
    }

    /// The plaintext sensitive strings of the sample (each finding's secret, else its match; a
    /// multi-line one line by line).
    func plaintextSecrets() throws -> [String] {
        let findings = try sandbox.sift("findings", "--format", "json", "--show-secrets").jsonObjects()
        return findings.flatMap { finding -> [String] in
            let sensitive = (finding["secret"] as? String) ?? (finding["matchText"] as? String) ?? ""
            return sensitive.split(separator: "\n").map(String.init).filter { $0.count >= 12 && !$0.hasPrefix("-----") }
        }
    }

    @Test("pretty output masks secrets unless --show-secrets")
    func masking() throws {
        let scan = try sandbox.sift("scan", sampleZip.path, "--format", "pretty", environment: ["COLUMNS": "250"])
        #expect(scan.status == 1)
        let secrets = try plaintextSecrets()
        #expect(secrets.contains("AKIAZ7Q4FAKESAMPLE7Q"))
        #expect(secrets.count >= 10)

        let terminal = try sandbox.sift("findings", environment: ["COLUMNS": "250", "TERM": "xterm"], stdoutIsTerminal: true)
        let pretty = try sandbox.sift("findings", "--format", "pretty", environment: ["COLUMNS": "250"])
        let jsonl = try sandbox.sift("findings", "--format", "jsonl")
        let export = try sandbox.sift("export", "findings")
        for run in [scan, terminal, pretty, jsonl, export] {
            for secret in secrets {
                #expect(!run.stdout.contains(secret), "\(secret) in plaintext: \(run.arguments)")
            }
        }
        #expect(pretty.stdout.contains("AKIA****"), "\(pretty)")

        let shown = try sandbox.sift("findings", "--format", "pretty", "--show-secrets", environment: ["COLUMNS": "250"])
        #expect(shown.stdout.contains("AKIAZ7Q4FAKESAMPLE7Q"), "\(shown)")
        let shownOnScan = try sandbox.sift("scan", sampleZip.path, "--format", "pretty", "--show-secrets", environment: ["COLUMNS": "250"])
        #expect(shownOnScan.stdout.contains("AKIAZ7Q4FAKESAMPLE7Q"), "\(shownOnScan)")
    }
}
