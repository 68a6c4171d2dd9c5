import SiftCore

/// What a source yields, one at a time, in the order it reads them.
public enum SourceEvent: Sendable {
    /// The text of one content version (its title first), ready to scan.
    case content(ContentItem)
    /// One version of an attachment: its bytes are loaded on demand by whoever extracts its text.
    case attachment(AttachmentVersion)
    /// A plain file of a directory tree (or a file given directly): bytes on demand.
    case file(SourceFile)
    /// A problem with one object or file; reading goes on.
    case diagnostic(Diagnostic)
}
