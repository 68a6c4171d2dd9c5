import SiftCore

/// The identity of one scanned content version in the workspace: what "already scanned" means.
///
/// - Confluence content: ``contentId`` is the id of the current version of the content (the object
///   that holds the history) and ``version`` is the version's own object id (`versionContentId`),
///   else its `createdWhen`, else `v` and its version number.
/// - Plain files: ``contentId`` is the full path and ``version`` is `sha256:` and the caller's
///   `contentHash`: whatever tells the file's bytes apart (`sift scan` gives the size and the
///   modification and status-change times, without reading the bytes), so a changed file is a new
///   version and an unchanged one is skipped. A file has no history: recording a new version of a
///   path replaces the older ones.
public struct ContentVersionKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The content id (Confluence) or the path (plain files).
    public var contentId: String
    /// The version's own id, creation time, number, or `sha256:` content hash.
    public var version: String

    /// A key from its parts.
    public init(contentId: String, version: String) {
        self.contentId = contentId
        self.version = version
    }

    /// The key of a content version from its provenance; `contentHash` (a digest of the bytes, or
    /// a stamp that changes with them) identifies versions of plain files.
    public init(provenance: Provenance, contentHash: String? = nil) {
        if provenance.contentType == .file || provenance.contentId == nil {
            contentId = provenance.path ?? provenance.title ?? ""
            version = contentHash.map { "sha256:\($0)" } ?? provenance.versionContentId ?? provenance.createdWhen ?? ""
        } else {
            contentId = provenance.contentId ?? ""
            if let id = provenance.versionContentId {
                version = id
            } else if let when = provenance.createdWhen {
                version = when
            } else {
                version = provenance.version.map { "v\($0)" } ?? ""
            }
        }
    }

    /// `contentId@version`.
    public var description: String { "\(contentId)@\(version)" }
}
