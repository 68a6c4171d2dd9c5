// sift-store-torture: a test helper for SiftStoreTests' SIGKILL test, not a user tool.
//
// Usage: sift-store-torture WORKSPACE VERSIONS BATCH
//
// Starts (or resumes) a scan of space TORTURE and records VERSIONS content versions in batches
// of BATCH, each version with 7 findings and one attachment record; after each batch it also
// reviews one match. It prints a line after each commit — `batch N` (the first version of the
// batch), `review MATCH` — so that the test knows what was committed before it killed the
// process; then it records the input as read whole (`input recorded`) and `finished` when the
// scan is complete. Versions already recorded are skipped.
import Foundation
import SiftCore
import SiftStore

/// Writes a line to standard output unbuffered: once it is printed, the write before it committed.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let total = Int(arguments[2]), let batchSize = Int(arguments[3]), batchSize > 0 else {
    FileHandle.standardError.write(Data("usage: sift-store-torture WORKSPACE VERSIONS BATCH\n".utf8))
    exit(2)
}

let findingsPerVersion = 7
let tortureInput = InputRecord(
    path: "/torture/export.zip", state: "state-1", scope: "all", ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")

func result(_ number: Int) -> ContentVersionResult {
    let provenance = Provenance(
        spaceKey: "TORTURE", contentId: "c\(number / 3)", versionContentId: "v\(number)", contentType: .page,
        title: "Torture page \(number / 3)", version: number % 3 + 1, createdWhen: "2024-01-01T00:00:00.000Z",
        isHistorical: number % 3 != 2)
    let findings = (0..<findingsPerVersion).map { index in
        let match = "TORTURE-FAKE-\(number)-\(index)"
        return Finding(
            ruleName: "TORTURE_RULE", severity: .high, matchText: match, provenance: provenance, lineNumber: index + 1,
            line: "key = \(match)", startOffset: index * 40 + 6, endOffset: index * 40 + 6 + match.utf8.count)
    }
    let attachment = AttachmentScanRecord(provenance: provenance, fileName: "file-\(number).txt", size: number, status: .scanned)
    return ContentVersionResult(provenance: provenance, findings: findings, attachments: [attachment])
}

do {
    let workspace = try Workspace.open(at: URL(fileURLWithPath: arguments[1]))
    let scan = try workspace.beginScan(scope: .space("TORTURE"), ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")
    let resumed = try workspace.scan(scan)?.resumeCount ?? 0
    say("scan \(scan) resumed \(resumed)")
    let done = try workspace.scannedVersions(ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")
    for start in stride(from: 0, to: total, by: batchSize) {
        let batch = (start..<min(start + batchSize, total)).map(result).filter { !done.contains($0.key) }
        guard !batch.isEmpty else { continue }
        try workspace.record(batch, scan: scan)
        say("batch \(start)")
        let match = "TORTURE-FAKE-\(start)-0"
        try workspace.review(space: "TORTURE", matchText: match, ruleName: "TORTURE_RULE", by: "torture")
        say("review \(match)")
    }
    // Only a run that got here read its input whole: a killed one must leave no such record.
    let keys = (0..<total).map { result($0).key }
    try workspace.recordCompletedInput(tortureInput, versions: keys, scan: scan)
    say("input recorded")
    try workspace.finishScan(scan)
    say("finished")
} catch {
    FileHandle.standardError.write(Data("sift-store-torture: \(error)\n".utf8))
    exit(1)
}
