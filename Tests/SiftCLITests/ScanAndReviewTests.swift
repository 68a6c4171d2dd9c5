import Foundation
import Testing

/// The rules the README and Samples/README.md promise for the sample export.
let sampleRules: Set<String> = [
    "AWS_CLIENT_ID", "AWS_SECRET_ACCESS_KEY", "AWS_CREDENTIAL_PAIR", "GITHUB_TOKEN", "PASSWORD_IN_CONFIG", "SSH_PRIVATE_KEY",
    "CREDIT_CARD", "PCI_CARD_BUNDLE", "IBAN", "EMAIL_ADDRESS",
]

/// The number in the summary line "N unreviewed finding(s)" on stderr.
func unreviewedCount(_ run: SiftRun) -> Int? {
    guard let match = run.stderr.firstMatch(of: /(\d+) unreviewed findings?/) else { return nil }
    return Int(match.1)
}

@Suite("scan, findings and reviews")
struct ScanAndReviewTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test("scan exits 1 and `findings` lists what it found, with space, content and version")
    func scanThenFindings() throws {
        let scan = try sandbox.sift("scan", sampleZip.path)
        #expect(scan.status == 1, "\(scan)")
        let reported = try #require(unreviewedCount(scan), "no count in the summary:\n\(scan)")
        #expect(reported >= 13)
        #expect(try scan.jsonLines().count == reported)

        let listing = try sandbox.sift("findings", "--space", "OPS", "--format", "json")
        #expect(listing.status == 0, "\(listing)")
        let findings = try listing.jsonObjects()
        #expect(findings.count == reported)
        #expect(Set(findings.compactMap { $0["ruleName"] as? String }).isSuperset(of: sampleRules))
        for finding in findings {
            #expect(finding["spaceKey"] as? String == "OPS")
            #expect((finding["contentId"] as? String)?.isEmpty == false, "\(finding)")
            #expect((finding["versionContentId"] as? String)?.isEmpty == false, "\(finding)")
            #expect((finding["version"] as? Int ?? 0) >= 1, "\(finding)")
            #expect((finding["createdWhen"] as? String)?.isEmpty == false, "\(finding)")
            #expect((finding["title"] as? String)?.isEmpty == false, "\(finding)")
            #expect(finding["reviewed"] as? Bool == false)
        }

        // The GitHub token is in version 2 of "Deploy runbook", an old version (Samples/README.md).
        let github = try #require(findings.first { $0["ruleName"] as? String == "GITHUB_TOKEN" })
        #expect(github["title"] as? String == "Deploy runbook")
        #expect(github["contentId"] as? String == "20001")
        #expect(github["versionContentId"] as? String == "20012")
        #expect(github["version"] as? Int == 2)
        #expect(github["contentType"] as? String == "page")
        #expect(github["createdWhen"] as? String == "2025-06-18T16:30:00.500+02:00")
        #expect(github["historical"] as? Bool == true)

        // The database password of version 1 of the attachment deploy.env.
        let attachment = try #require(findings.first { $0["attachmentName"] as? String == "deploy.env" })
        #expect(attachment["contentType"] as? String == "attachment")
        #expect(attachment["version"] as? Int == 1)
        #expect(attachment["historical"] as? Bool == true)
    }

    @Test("the unpacked export gives the same findings as the zip")
    func directoryAndZipAgree() throws {
        let zip = try sandbox.sift("scan", sampleZip.path, "--workspace", "zip-ws", "--format", "jsonl")
        let directory = try sandbox.sift("scan", sampleDirectory.path, "--workspace", "dir-ws", "--format", "jsonl")
        #expect(zip.status == 1 && directory.status == 1, "\(zip)\n\(directory)")
        func key(_ finding: [String: Any]) -> String {
            ["ruleName", "fingerprint", "versionContentId", "part", "startOffset"].map { "\(finding[$0] ?? "nil")" }.joined(separator: "|")
        }
        #expect(try zip.jsonLines().map(key) == directory.jsonLines().map(key))
    }

    @Test("a reviewed match is hidden from unreviewed findings, now and after a rescan")
    func reviewHidesAFinding() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        // The review needs the exact match text: the user gets it with --show-secrets.
        let all = try sandbox.sift("findings", "--space", "OPS", "--format", "json", "--show-secrets").jsonObjects()
        let github = try #require(all.first { $0["ruleName"] as? String == "GITHUB_TOKEN" })
        let matchText = try #require(github["matchText"] as? String)
        let fingerprint = try #require(github["fingerprint"] as? String)

        let review = try sandbox.sift("review", "add", "--space", "OPS", "--match-text", matchText, "--rule", "GITHUB_TOKEN",
                                      "--by", "tester", "--comment", "revoked")
        #expect(review.status == 0, "\(review)")
        #expect(review.stderr.contains("1 finding hidden"), "\(review)")

        let rescan = try sandbox.sift("scan", sampleZip.path, "--format", "jsonl")
        #expect(rescan.status == 1, "others remain unreviewed: \(rescan)")
        #expect(unreviewedCount(rescan) == all.count - 1, "\(rescan)")
        #expect(rescan.stderr.contains("1 reviewed (hidden)"), "\(rescan)")
        // Nothing changed: every content version is skipped, and its findings still count.
        #expect(rescan.stderr.contains("scanned 0 content versions"), "\(rescan)")
        #expect(rescan.stderr.contains("unchanged since the last scan"), "\(rescan)")
        #expect(try rescan.jsonLines().filter { $0["reviewed"] as? Bool == true }.map { $0["fingerprint"] as? String } == [fingerprint])

        // The pretty table of a scan shows only unreviewed findings.
        let pretty = try sandbox.sift("scan", sampleZip.path, "--format", "pretty")
        #expect(pretty.stdout.contains("AWS_CLIENT_ID"), "\(pretty)")
        #expect(!pretty.stdout.contains("GITHUB_TOKEN"), "\(pretty)")

        let unreviewed = try sandbox.sift("findings", "--space", "OPS", "--reviewed", "false", "--format", "jsonl").jsonLines()
        #expect(unreviewed.count == all.count - 1)
        #expect(!unreviewed.contains { $0["fingerprint"] as? String == fingerprint })

        let reviewed = try sandbox.sift("findings", "--space", "OPS", "--reviewed", "true", "--format", "jsonl").jsonLines()
        #expect(reviewed.map { $0["fingerprint"] as? String } == [fingerprint])
        #expect(reviewed.first?["reviewed"] as? Bool == true)

        let list = try sandbox.sift("review", "list", "--space", "OPS", "--format", "jsonl").jsonLines()
        #expect(list.count == 1)
        #expect(list.first?["ruleName"] as? String == "GITHUB_TOKEN")
        #expect(list.first?["reviewedBy"] as? String == "tester")
        #expect(list.first?["comment"] as? String == "revoked")
    }

    @Test("a match text that starts with dashes (a private key) is reviewed with --match-text=VALUE")
    func reviewPrivateKey() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        let all = try sandbox.sift("findings", "--format", "json", "--show-secrets").jsonObjects()
        let key = try #require(all.first { $0["ruleName"] as? String == "SSH_PRIVATE_KEY" }?["matchText"] as? String)
        #expect(key.hasPrefix("-----BEGIN"))

        // ArgumentParser takes "-----BEGIN…" for an option: the error says how to pass it.
        let separate = try sandbox.sift("review", "add", "--space", "OPS", "--match-text", key, "--rule", "SSH_PRIVATE_KEY")
        #expect(separate.status == 2, "\(separate)")
        #expect(separate.stderr.contains("--match-text='-----BEGIN"), "\(separate)")
        expectNoStackTrace(separate)

        let add = try sandbox.sift("review", "add", "--space", "OPS", "--match-text=" + key, "--rule", "SSH_PRIVATE_KEY")
        #expect(add.status == 0, "\(add)")
        #expect(add.stderr.contains("1 finding hidden"), "\(add)")
        let reviewed = try sandbox.sift("findings", "--reviewed", "true", "--format", "jsonl").jsonLines()
        #expect(reviewed.map { $0["ruleName"] as? String } == ["SSH_PRIVATE_KEY"])

        let remove = try sandbox.sift("review", "remove", "--space", "OPS", "--match-text=" + key)
        #expect(remove.status == 0, "\(remove)")
        #expect(try sandbox.sift("findings", "--reviewed", "true", "--format", "jsonl").lines.isEmpty)
    }

    @Test("--full rescans what autoScan would skip")
    func fullRescan() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        let again = try sandbox.sift("scan", sampleZip.path)
        #expect(again.stderr.contains("scanned 0 content versions"), "\(again)")
        let full = try sandbox.sift("scan", sampleZip.path, "--full")
        #expect(full.status == 1)
        #expect(!full.stderr.contains("unchanged since the last scan"), "\(full)")
        #expect(!full.stderr.contains("scanned 0 content versions"), "\(full)")
        #expect(unreviewedCount(full) == unreviewedCount(again))
    }
}
