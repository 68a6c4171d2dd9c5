/// A file type, as detected from the bytes first, then the name, then the declared media type.
public enum DetectedType: String, Sendable, Hashable, CaseIterable {
    case text
    case utf16Text = "text-utf16"
    case zip, gzip, tar
    case docx, xlsx, pptx
    case odt, ods, odp
    case pdf, rtf
    case ipynb
    /// An OLE compound file: legacy Office (.doc, .xls, .ppt) or an encrypted OOXML document.
    case ole
    case image
    case binary
    case empty
}
