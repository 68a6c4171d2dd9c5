/// Which findings a query returns.
///
/// Mirrors the Confluence app's result queries: a space, or a content (every version, or the
/// version created at `createdWhen`), and the `reviewed` switch.
public struct FindingFilter: Hashable, Sendable {
    /// A space key (case-sensitive); `nil` for every space. Plain files are in the space `""`.
    public var spaceKey: String?
    /// A content id: the id of the content (current version) or of one of its versions.
    public var contentId: String?
    /// With ``contentId``: only the version created at this instant (exact string, as exported).
    public var createdWhen: String?
    /// `true`: only reviewed findings; `false`: only unreviewed ones; `nil`: both.
    public var reviewed: Bool?
    /// Only the content versions a scan covered (scanned, or found unchanged and touched).
    public var scan: ScanID?

    /// A filter; every part is optional.
    public init(spaceKey: String? = nil, contentId: String? = nil, createdWhen: String? = nil, reviewed: Bool? = nil) {
        self.spaceKey = spaceKey
        self.contentId = contentId
        self.createdWhen = createdWhen
        self.reviewed = reviewed
    }

    /// The findings of one space.
    public static func space(_ key: String, reviewed: Bool? = nil) -> FindingFilter {
        FindingFilter(spaceKey: key, reviewed: reviewed)
    }

    /// The findings of one content, or of one of its versions.
    public static func content(_ id: String, createdWhen: String? = nil, reviewed: Bool? = nil) -> FindingFilter {
        FindingFilter(contentId: id, createdWhen: createdWhen, reviewed: reviewed)
    }
}

extension FindingFilter {
    /// The findings of the content versions a scan covered.
    public static func scan(_ id: ScanID, reviewed: Bool? = nil) -> FindingFilter {
        var filter = FindingFilter(reviewed: reviewed)
        filter.scan = id
        return filter
    }
}
