/// What Sift did with one attachment (or one file inside an archive attachment): the row of the
/// "attachment scan information" export.
///
/// Every attachment version the reader finds gets a record, whether it was scanned, skipped or
/// failed, so that nothing is silently left out.
public struct AttachmentScanRecord: Hashable, Sendable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Text was extracted and scanned.
        case scanned
        /// Some text was extracted and scanned, but a limit cut it short (see ``reason``).
        case partial
        /// Deliberately not scanned: unsupported format, encrypted, too large, attachments off …
        case skipped
        /// Could not be read: corrupt, missing file, extraction error.
        case failed
    }

    /// Why an attachment was skipped, failed or only partly scanned. Raw values are stable and
    /// written to exports (upper snake case, as the Confluence app's `skipReason`/`failureReason`).
    public struct Reason: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let unsupportedFormat = Reason(rawValue: "UNSUPPORTED_FORMAT")
        public static let tooLarge = Reason(rawValue: "TOO_LARGE")
        public static let encrypted = Reason(rawValue: "ENCRYPTED")
        public static let corrupt = Reason(rawValue: "CORRUPT")
        public static let missingFile = Reason(rawValue: "MISSING_FILE")
        public static let emptyFile = Reason(rawValue: "EMPTY_FILE")
        public static let textLimitReached = Reason(rawValue: "TEXT_LIMIT_REACHED")
        public static let archiveDepthLimit = Reason(rawValue: "ARCHIVE_DEPTH_LIMIT")
        public static let entryLimit = Reason(rawValue: "ENTRY_LIMIT")
        public static let compressionRatioLimit = Reason(rawValue: "COMPRESSION_RATIO_LIMIT")
        public static let pageLimit = Reason(rawValue: "PAGE_LIMIT")
        public static let unsafePath = Reason(rawValue: "UNSAFE_PATH")
        public static let attachmentsDisabled = Reason(rawValue: "ATTACHMENTS_DISABLED")
        public static let tooManyFindings = Reason(rawValue: "TOO_MANY_FINDINGS")
        public static let unknown = Reason(rawValue: "UNKNOWN")

        public var description: String { rawValue }
    }

    /// The attachment's content version (space, content id, version, container, file name).
    public var provenance: Provenance
    /// The attachment's file name; for a file inside an archive, `outer.zip!inner/path`.
    public var fileName: String
    /// Size of the attachment's bytes (or of the inner file), in bytes.
    public var size: Int
    /// The media type the export declares, if any.
    public var declaredType: String?
    /// The type detected from the bytes (magic numbers first, then the name), e.g. `docx`, `pdf`, `text`.
    public var detectedType: String?
    public var status: Status
    public var reason: Reason?
    /// A human-readable detail: the error message, the limit that was hit.
    public var detail: String?
    /// Bytes of text extracted and scanned.
    public var textBytes: Int
    /// Wall time spent extracting, in milliseconds.
    public var durationMilliseconds: Double

    public init(
        provenance: Provenance, fileName: String, size: Int, declaredType: String? = nil, detectedType: String? = nil,
        status: Status, reason: Reason? = nil, detail: String? = nil, textBytes: Int = 0, durationMilliseconds: Double = 0
    ) {
        self.provenance = provenance
        self.fileName = fileName
        self.size = size
        self.declaredType = declaredType
        self.detectedType = detectedType
        self.status = status
        self.reason = reason
        self.detail = detail
        self.textBytes = textBytes
        self.durationMilliseconds = durationMilliseconds
    }
}
