import Foundation
import SiftCore
import SiftStore

/// A fresh workspace in a temporary directory, removed by `cleanUp()`.
struct TemporaryWorkspace {
    let directory: URL
    let workspace: Workspace

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-store-\(UUID().uuidString)")
        workspace = try Workspace.open(at: directory.appendingPathComponent("ws"))
    }

    var url: URL { directory.appendingPathComponent("ws") }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

/// Builds content versions and findings with fake secrets.
enum Samples {
    static func page(
        space: String = "ENG", id: String, version: Int, of latest: Int, title: String = "Deploy notes"
    ) -> Provenance {
        Provenance(
            spaceKey: space, spaceName: "Engineering", contentId: id,
            versionContentId: version == latest ? id : "\(id)-v\(version)", contentType: .page, title: title,
            version: version, createdWhen: "2024-03-0\(version)T10:00:00.000+01:00", isHistorical: version != latest,
            status: "current")
    }

    static func finding(
        _ match: String, rule: String = "AWS_CLIENT_ID", secret: String? = nil, in provenance: Provenance, line: Int = 1,
        offset: Int = 0, severity: Severity = .high
    ) -> Finding {
        Finding(
            ruleName: rule, severity: severity, matchText: match, secret: secret, provenance: provenance,
            part: Part(.paragraph), lineNumber: line, line: "value: \(match)", startOffset: offset,
            endOffset: offset + match.utf8.count)
    }

    static func result(_ provenance: Provenance, _ findings: [Finding]) -> ContentVersionResult {
        ContentVersionResult(provenance: provenance, findings: findings)
    }

    /// Records `batch` in a new scan of space ENG and finishes the scan.
    static func record(_ batch: [ContentVersionResult], in workspace: Workspace, rules: String = "rules-1") throws {
        let scan = try workspace.beginScan(scope: .space("ENG"), ruleSetFingerprint: rules, settingsFingerprint: "s-1")
        try workspace.record(batch, scan: scan)
        try workspace.finishScan(scan)
    }
}
