/// Bounds on what extracting one attachment may cost. Hitting one is recorded in the attachment's
/// scan record (status `partial` or `skipped`, with the reason), never silent.
public struct ExtractionLimits: Sendable, Hashable {
    /// Attachments (and archive entries) larger than this are skipped (`TOO_LARGE`).
    public var maxAttachmentBytes: Int
    /// Text extracted from one attachment, archives included, stops here (`TEXT_LIMIT_REACHED`).
    public var maxTextBytes: Int
    /// Archives nested deeper than this are not opened (`ARCHIVE_DEPTH_LIMIT`).
    public var maxArchiveDepth: Int
    /// Entries of one archive beyond this are not read (`ENTRY_LIMIT`).
    public var maxEntries: Int
    /// An entry whose uncompressed size exceeds its compressed size this many times is a zip bomb
    /// (`COMPRESSION_RATIO_LIMIT`); checked before inflating and while inflating.
    public var maxCompressionRatio: Int
    /// Bytes inflated from one attachment, all entries and nested archives together.
    public var maxTotalUncompressedBytes: Int
    /// PDF pages beyond this are not read (`PAGE_LIMIT`).
    public var maxPDFPages: Int

    public init(
        maxAttachmentBytes: Int = 100 << 20, maxTextBytes: Int = 64 << 20, maxArchiveDepth: Int = 4,
        maxEntries: Int = 10_000, maxCompressionRatio: Int = 200, maxTotalUncompressedBytes: Int = 1 << 30,
        maxPDFPages: Int = 1000
    ) {
        self.maxAttachmentBytes = maxAttachmentBytes
        self.maxTextBytes = maxTextBytes
        self.maxArchiveDepth = maxArchiveDepth
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxPDFPages = maxPDFPages
    }
}
