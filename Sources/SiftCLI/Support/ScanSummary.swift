import Foundation
import Sift

/// The summary printed on standard error at the end of a scan: findings by rule and severity,
/// attachments skipped and why, problems met.
struct ScanSummary {
    private var byRule: [String: (severity: Severity, count: Int)] = [:]
    private var skipped: [String: Int] = [:]
    private var skippedInputs: [String] = []

    /// An input not read at all: unchanged since a scan that read it whole.
    mutating func skippedInput(_ path: String, since scan: ScanID?) {
        skippedInputs.append("\(path): unchanged since scan \(scan.map(String.init(describing:)) ?? "?"): skipped")
    }

    mutating func add(_ result: ScanResult) {
        for finding in result.findings {
            let entry = byRule[finding.ruleName] ?? (finding.severity, 0)
            byRule[finding.ruleName] = (max(entry.severity, finding.severity), entry.count + 1)
        }
        for record in result.attachments where record.status == .skipped || record.status == .failed {
            skipped[record.reason?.rawValue ?? "UNKNOWN", default: 0] += 1
        }
    }

    func report(totals: ScanTotals, unreviewed: Int, reviewed: Int, diagnostics: [Diagnostic], terminal: Terminal) {
        var lines: [String] = []
        let megabytes = Double(totals.bytes) / 1_048_576
        var head = String(format: "scanned %d content versions and files (%.1f MB) in %.1f s", totals.items, megabytes, totals.seconds)
        if totals.skippedUnchanged > 0 { head += "; \(totals.skippedUnchanged) unchanged since the last scan" }
        lines.append(head)
        lines += skippedInputs
        if !byRule.isEmpty {
            lines.append("findings this run, by rule:")
            for (rule, entry) in byRule.sorted(by: { ($0.value.severity, $0.value.count) > ($1.value.severity, $1.value.count) }) {
                lines.append("  \(entry.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(entry.count).leftPadded(6))  \(rule)")
            }
        }
        lines.append("\(unreviewed) unreviewed finding\(unreviewed == 1 ? "" : "s")"
                     + (reviewed > 0 ? ", \(reviewed) reviewed (hidden)" : ""))
        if totals.attachmentsScanned + totals.attachmentsSkipped + totals.attachmentsFailed > 0 {
            var attachments = "attachments: \(totals.attachmentsScanned) scanned"
            if !skipped.isEmpty {
                attachments += ", not scanned: " + skipped.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }
            lines.append(attachments + " (sift export attachments for the details)")
        }
        let errors = diagnostics.filter { $0.level == .error }
        let warnings = diagnostics.filter { $0.level == .warning }
        if !diagnostics.isEmpty {
            lines.append("\(errors.count) error\(errors.count == 1 ? "" : "s"), \(warnings.count) warning\(warnings.count == 1 ? "" : "s"):")
            for diagnostic in (errors + warnings).prefix(10) { lines.append("  " + diagnostic.description) }
            if diagnostics.count > 10 { lines.append("  … and \(diagnostics.count - 10) more") }
        }
        for line in lines { Terminal.diagnostic(line) }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
