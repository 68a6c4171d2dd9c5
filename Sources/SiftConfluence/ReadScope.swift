import SiftCore

/// Which content to read, as the Confluence app's scan operations scope it: all spaces, one space
/// (the key is case-sensitive), one content's full history, or one content version.
public struct ReadScope: Sendable, Hashable {
    /// Only this space.
    public var spaceKey: String?
    /// Only this content (the id of any of its versions): every version.
    public var contentID: String?
    /// With ``contentID``: only the version created then (ISO 8601 with offset, as findings show it).
    public var createdWhen: String?
    /// Only current versions (no history).
    public var latestOnly: Bool

    public init(spaceKey: String? = nil, contentID: String? = nil, createdWhen: String? = nil, latestOnly: Bool = false) {
        self.spaceKey = spaceKey
        self.contentID = contentID
        self.createdWhen = createdWhen
        self.latestOnly = latestOnly
    }

    /// Everything.
    public static let all = ReadScope()

    /// Whether a content version with this provenance is in scope.
    public func includes(_ provenance: Provenance) -> Bool {
        if let spaceKey, provenance.spaceKey != spaceKey { return false }
        if latestOnly, provenance.isHistorical { return false }
        if let contentID, provenance.contentId != contentID, provenance.versionContentId != contentID,
            provenance.containerId != contentID
        {
            return false
        }
        if let createdWhen, provenance.createdWhen != createdWhen { return false }
        return true
    }
}
