import SiftCore

/// Everything a scan learned about one content version: what the workspace records in one go.
///
/// The scanner hands results to ``Workspace/record(_:scan:)`` in batches; each batch is one
/// transaction, so a content version is either recorded with all its findings and attachment
/// records or not at all. One result per content version: an attachment and the files inside
/// it are one result.
public struct ContentVersionResult: Sendable {
    /// The content version (space, content id, version …).
    public var provenance: Provenance
    /// For plain files: the hex SHA-256 of the bytes (see ``ContentVersionKey``).
    public var contentHash: String?
    /// The findings, all located in this content version.
    public var findings: [Finding]
    /// For attachments: what was done with the attachment and the files inside it.
    public var attachments: [AttachmentScanRecord]

    /// A result to record.
    public init(
        provenance: Provenance, contentHash: String? = nil, findings: [Finding] = [],
        attachments: [AttachmentScanRecord] = []
    ) {
        self.provenance = provenance
        self.contentHash = contentHash
        self.findings = findings
        self.attachments = attachments
    }

    /// The key under which the version is recorded.
    public var key: ContentVersionKey { ContentVersionKey(provenance: provenance, contentHash: contentHash) }
}
