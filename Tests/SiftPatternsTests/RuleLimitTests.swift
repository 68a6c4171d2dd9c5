import Foundation
import SiftCore
import SiftPatterns
import Testing

/// No built-in rule backtracks its way into PCRE2's limits on text that looks like its own
/// examples: a rule that reaches them is switched off for the rest of a scan, so every later
/// secret it would have found is lost.
@Suite struct RuleLimitTests {
    static let patterns = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Patterns")

    /// The built-in packs' own files (every example of every rule, side by side, in YAML), and
    /// YAML blocks that open a key the nested rules look under and hold many indented lines
    /// without the secret they look for.
    static func texts() throws -> [(String, String)] {
        var texts: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: patterns.path).sorted() where name.hasSuffix(".yaml") {
            texts.append((name, try String(contentsOf: patterns.appendingPathComponent(name), encoding: .utf8)))
        }
        for key in ["jwt", "database", "spring", "auth", "credentials"] {
            let lines = (0..<12).map { String(repeating: " ", count: 20) + "option_\($0): value with some words \($0)" }
            texts.append(("nested \(key)", "\(key):\n" + lines.joined(separator: "\n") + "\n"))
        }
        return texts
    }

    @Test func noRuleReachesPCRE2Limits() throws {
        let engine = try DetectionEngine(packs: BuiltinPacks.all())
        let scratch = engine.makeScratch()
        for (name, text) in try Self.texts() {
            let limits = engine.findings(in: text, using: scratch).diagnostics.filter { $0.code == "rule-limit" }
            #expect(limits.isEmpty, "\(name): \(limits.map(\.message))")
        }
    }
}
