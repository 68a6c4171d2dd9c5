import SiftCore

/// What extracting one attachment produced: one content item per extracted file (an archive gives
/// one per inner file), one scan record per file (scanned, partial, skipped or failed, with why),
/// and diagnostics.
public struct AttachmentExtraction: Sendable {
    public var items: [ContentItem] = []
    public var records: [AttachmentScanRecord] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}
}
