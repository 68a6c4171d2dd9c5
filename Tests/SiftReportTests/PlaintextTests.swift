import Foundation
import SiftCore
import SiftReport
import Testing

/// With `includePlaintextInExports` off, no planted secret appears in any output: not in the
/// match, the secret, the line, the SARIF message or snippet, nor JSON-escaped. With it on, they
/// do (so the search below can fail).
@Suite struct PlaintextTests {
    /// Every output of every kind, with the plaintext switch.
    static func outputs(plaintext: Bool) throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        for format in Format.allCases {
            let kinds: [(String, [UInt8])] = [
                ("findings", try export(Samples.findings, .findings(ExportOptions(plaintext: plaintext)), as: format)),
                ("dedupe", try export(Samples.deduplicated, .findings(ExportOptions(plaintext: plaintext, deduplicated: true)), as: format)),
                ("reviewed", try export(Samples.reviewedFindings, .findings(ExportOptions(plaintext: plaintext, reviews: true)), as: format)),
                ("reviews", try export(Samples.reviews, .reviews(plaintext: plaintext), as: format)),
            ]
            outputs += kinds.map { ("\($0.0).\(format.rawValue)", String(decoding: $0.1, as: UTF8.self)) }
        }
        outputs.append(("findings.sarif", String(decoding: try sarif(Samples.findings, ExportOptions(plaintext: plaintext)), as: UTF8.self)))
        outputs.append(("dedupe.sarif", String(decoding: try sarif(Samples.deduplicated, ExportOptions(plaintext: plaintext, deduplicated: true)), as: UTF8.self)))
        outputs.append(("reviewed.sarif", String(decoding: try sarif(Samples.reviewedFindings, ExportOptions(plaintext: plaintext, reviews: true)), as: UTF8.self)))
        return outputs
    }

    /// Each secret, plain and as JSON writes it.
    static var needles: [String] {
        Samples.secrets.flatMap { secret -> [String] in
            var escaped = ""
            for scalar in secret.unicodeScalars {
                switch scalar {
                case "\n": escaped += "\\n"
                case "\"": escaped += "\\\""
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return [secret, escaped, String(secret.dropFirst(4))]
        }
    }

    @Test func noSecretLeavesInPlaintextWhenPlaintextIsOff() throws {
        for (name, text) in try Self.outputs(plaintext: false) {
            for needle in Self.needles {
                #expect(!text.contains(needle), "\(name) contains \(needle)")
            }
            // A fingerprint identifies every finding instead (not in review lists, which have none).
            if !name.hasPrefix("reviews.") && !name.hasSuffix(".txt") {
                #expect(text.contains(Samples.findings[0].finding.fingerprint) || name.hasPrefix("reviewed"), "\(name)")
            }
        }
    }

    @Test func withPlaintextOnTheSecretsAreThere() throws {
        let outputs = try Self.outputs(plaintext: true)
        let findings = try #require(outputs.first { $0.0 == "findings.jsonl" }?.1)
        for secret in Samples.secrets {
            let escaped = secret.replacingOccurrences(of: "\n", with: "\\n")
            #expect(findings.contains(escaped), "plaintext export lacks \(secret)")
        }
        let log = try #require(outputs.first { $0.0 == "findings.sarif" }?.1)
        #expect(log.contains(Samples.awsSecret) && log.contains(Samples.dbPassword))
    }
}
