import SiftCore

/// An attachment (or a plain file) to extract text from.
public struct AttachmentInput: Sendable {
    public var bytes: [UInt8]
    /// The file name, for type detection by extension and for messages.
    public var fileName: String
    /// The media type the export declares, if any.
    public var declaredMediaType: String?
    /// Where it comes from; every extracted item carries it (with the inner path for archives).
    public var provenance: Provenance

    public init(bytes: [UInt8], fileName: String, declaredMediaType: String? = nil, provenance: Provenance) {
        self.bytes = bytes
        self.fileName = fileName
        self.declaredMediaType = declaredMediaType
        self.provenance = provenance
    }
}
