/// How far a scan has come, for a progress bar.
public struct ScanProgress: Sendable {
    /// Content versions (and files) scanned.
    public var items = 0
    /// Bytes of text scanned.
    public var bytesScanned = 0
    /// Content versions skipped because they were scanned before with the same rules.
    public var skippedUnchanged = 0
    /// For exports: bytes of entities.xml read in the current pass, and its size when known.
    public var exportBytesRead = 0
    public var exportBytesTotal: Int?
    /// `indexing` or `reading` for exports.
    public var phase: String?
    public var elapsedSeconds = 0.0

    public init() {}
}
