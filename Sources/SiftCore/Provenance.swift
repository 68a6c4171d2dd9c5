/// Where a piece of text comes from: which space, which content, which version of it.
///
/// For Confluence content this identifies a content version the way the Confluence app does:
/// the id of the current version (``contentId``), the id of this version's own object
/// (``versionContentId``), the version number and ``createdWhen``. For plain files only ``path``
/// is set (and ``contentType`` is ``ContentType/file``).
public struct Provenance: Hashable, Sendable, Codable {
    /// The space key, case-sensitive as Confluence has it.
    public var spaceKey: String?
    /// The space's display name.
    public var spaceName: String?
    /// The id of the current version of the content (the object that holds the history).
    public var contentId: String?
    /// The id of this version's own object; equal to ``contentId`` for the current version.
    public var versionContentId: String?
    public var contentType: ContentType
    public var title: String?
    /// The version number, 1-based.
    public var version: Int?
    /// When this version was created, ISO 8601 with offset: `2021-08-15T17:54:36.860-05:00`.
    public var createdWhen: String?
    /// Whether this is an old version of the content (not the current one).
    public var isHistorical: Bool
    /// The content's status in the export: `current`, `draft`, `deleted`, `archived` …
    public var status: String?
    /// For comments and attachments: the id of the page or blog post (or attachment) they belong to.
    public var containerId: String?
    /// For attachments: the file name.
    public var attachmentName: String?
    /// For plain files: the path as given; for an entry inside an archive, `archive!inner/path`.
    public var path: String?

    public init(
        spaceKey: String? = nil,
        spaceName: String? = nil,
        contentId: String? = nil,
        versionContentId: String? = nil,
        contentType: ContentType,
        title: String? = nil,
        version: Int? = nil,
        createdWhen: String? = nil,
        isHistorical: Bool = false,
        status: String? = nil,
        containerId: String? = nil,
        attachmentName: String? = nil,
        path: String? = nil
    ) {
        self.spaceKey = spaceKey
        self.spaceName = spaceName
        self.contentId = contentId
        self.versionContentId = versionContentId
        self.contentType = contentType
        self.title = title
        self.version = version
        self.createdWhen = createdWhen
        self.isHistorical = isHistorical
        self.status = status
        self.containerId = containerId
        self.attachmentName = attachmentName
        self.path = path
    }

    /// The provenance of a plain file.
    public static func file(_ path: String) -> Provenance {
        Provenance(contentType: .file, title: path, path: path)
    }
}
