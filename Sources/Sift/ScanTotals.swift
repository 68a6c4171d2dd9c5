/// What a scan did, in totals.
public struct ScanTotals: Sendable {
    /// Content versions and files scanned.
    public var items = 0
    /// Bytes of text scanned.
    public var bytes = 0
    public var findings = 0
    /// Attachment files by status.
    public var attachmentsScanned = 0
    public var attachmentsSkipped = 0
    public var attachmentsFailed = 0
    /// Diagnostics by level.
    public var warnings = 0
    public var errors = 0
    /// Content versions not scanned again (same rules, unchanged).
    public var skippedUnchanged = 0
    public var seconds = 0.0

    public init() {}

    /// Adds the totals of another scan (of other inputs) to these; the time is the sum of both.
    public mutating func add(_ other: ScanTotals) {
        items += other.items
        bytes += other.bytes
        findings += other.findings
        attachmentsScanned += other.attachmentsScanned
        attachmentsSkipped += other.attachmentsSkipped
        attachmentsFailed += other.attachmentsFailed
        warnings += other.warnings
        errors += other.errors
        skippedUnchanged += other.skippedUnchanged
        seconds += other.seconds
    }

    mutating func add(_ result: ScanResult) {
        if !result.isDiagnosticOnly { items += 1 }
        bytes += result.bytes
        findings += result.findings.count
        for record in result.attachments {
            switch record.status {
            case .scanned, .partial: attachmentsScanned += 1
            case .skipped: attachmentsSkipped += 1
            case .failed: attachmentsFailed += 1
            }
        }
        for diagnostic in result.diagnostics {
            if diagnostic.level == .error { errors += 1 } else { warnings += 1 }
        }
    }
}
