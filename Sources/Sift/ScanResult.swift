/// What scanning one content version produced: its findings, the records of its attachment files,
/// and the problems met. The unit the workspace records in one transaction.
public struct ScanResult: Sendable {
    /// The content version (for an attachment: the attachment version).
    public var provenance: Provenance
    /// For plain files: an identity of the bytes scanned (size and modification time), so that an
    /// unchanged file is not scanned again.
    public var contentHash: String?
    public var findings: [Finding]
    public var attachments: [AttachmentScanRecord]
    public var diagnostics: [Diagnostic]
    /// Bytes of text scanned.
    public var bytes: Int
    /// Whether this result only carries diagnostics (of the reader), not a scanned content version.
    public var isDiagnosticOnly: Bool
    /// For a plain file read as its directory's listing gave it: whether the file still had the
    /// listed metadata once read (``SourceFile/load(checkpoints:enough:)``); `false` when it changed
    /// in between, `nil` when nothing was compared (not listed, or not read).
    public var matchesListing: Bool?

    public init(
        provenance: Provenance, contentHash: String? = nil, findings: [Finding] = [], attachments: [AttachmentScanRecord] = [],
        diagnostics: [Diagnostic] = [], bytes: Int = 0, isDiagnosticOnly: Bool = false
    ) {
        self.provenance = provenance
        self.contentHash = contentHash
        self.findings = findings
        self.attachments = attachments
        self.diagnostics = diagnostics
        self.bytes = bytes
        self.isDiagnosticOnly = isDiagnosticOnly
    }

    /// The workspace's key of this content version.
    public var key: ContentVersionKey { ContentVersionKey(provenance: provenance, contentHash: contentHash) }
}

extension ScanResult {
    /// What the workspace records of this result.
    public var contentVersionResult: ContentVersionResult {
        ContentVersionResult(provenance: provenance, contentHash: contentHash, findings: findings, attachments: attachments)
    }
}
