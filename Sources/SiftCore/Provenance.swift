/// Where a piece of text comes from: which space, which content, which version of it.
///
/// For Confluence content this identifies a content version the way the Confluence app does:
/// the id of the current version (``contentId``), the id of this version's own object
/// (``versionContentId``), the version number and ``createdWhen``. For plain files only ``path``
/// is set (and ``contentType`` is ``ContentType/file``).
///
/// A value type whose fields live in one shared, copy-on-write box: a provenance is copied into
/// every finding, attachment record and result of its content, and copying thirteen fields
/// (eleven of them strings, a retain each) was the largest of the value-witness copies that took
/// 7 % of a source-tree scan's samples. A copy is now one retain; a change copies the box first.
public struct Provenance: Hashable, Sendable, Codable {
    // Mutated only through `unique()`, that is when no other value shares it: values never see
    // each other's changes, so sharing the box between threads is as safe as sharing the fields.
    private final class Storage: @unchecked Sendable {
        var spaceKey: String?
        var spaceName: String?
        var contentId: String?
        var versionContentId: String?
        var contentType: ContentType
        var title: String?
        var version: Int?
        var createdWhen: String?
        var isHistorical: Bool
        var status: String?
        var containerId: String?
        var attachmentName: String?
        var path: String?

        init(
            spaceKey: String?, spaceName: String?, contentId: String?, versionContentId: String?, contentType: ContentType,
            title: String?, version: Int?, createdWhen: String?, isHistorical: Bool, status: String?, containerId: String?,
            attachmentName: String?, path: String?
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

        func copy() -> Storage {
            Storage(
                spaceKey: spaceKey, spaceName: spaceName, contentId: contentId, versionContentId: versionContentId,
                contentType: contentType, title: title, version: version, createdWhen: createdWhen,
                isHistorical: isHistorical, status: status, containerId: containerId, attachmentName: attachmentName,
                path: path)
        }
    }

    private var storage: Storage

    /// The box, copied first if another value shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The space key, case-sensitive as Confluence has it.
    public var spaceKey: String? {
        get { storage.spaceKey }
        set { unique().spaceKey = newValue }
    }
    /// The space's display name.
    public var spaceName: String? {
        get { storage.spaceName }
        set { unique().spaceName = newValue }
    }
    /// The id of the current version of the content (the object that holds the history).
    public var contentId: String? {
        get { storage.contentId }
        set { unique().contentId = newValue }
    }
    /// The id of this version's own object; equal to ``contentId`` for the current version.
    public var versionContentId: String? {
        get { storage.versionContentId }
        set { unique().versionContentId = newValue }
    }
    public var contentType: ContentType {
        get { storage.contentType }
        set { unique().contentType = newValue }
    }
    public var title: String? {
        get { storage.title }
        set { unique().title = newValue }
    }
    /// The version number, 1-based.
    public var version: Int? {
        get { storage.version }
        set { unique().version = newValue }
    }
    /// When this version was created, ISO 8601 with offset: `2021-08-15T17:54:36.860-05:00`.
    public var createdWhen: String? {
        get { storage.createdWhen }
        set { unique().createdWhen = newValue }
    }
    /// Whether this is an old version of the content (not the current one).
    public var isHistorical: Bool {
        get { storage.isHistorical }
        set { unique().isHistorical = newValue }
    }
    /// The content's status in the export: `current`, `draft`, `deleted`, `archived` …
    public var status: String? {
        get { storage.status }
        set { unique().status = newValue }
    }
    /// For comments and attachments: the id of the page or blog post (or attachment) they belong to.
    public var containerId: String? {
        get { storage.containerId }
        set { unique().containerId = newValue }
    }
    /// For attachments: the file name.
    public var attachmentName: String? {
        get { storage.attachmentName }
        set { unique().attachmentName = newValue }
    }
    /// For plain files: the path as given; for an entry inside an archive, `archive!inner/path`.
    public var path: String? {
        get { storage.path }
        set { unique().path = newValue }
    }

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
        storage = Storage(
            spaceKey: spaceKey, spaceName: spaceName, contentId: contentId, versionContentId: versionContentId,
            contentType: contentType, title: title, version: version, createdWhen: createdWhen,
            isHistorical: isHistorical, status: status, containerId: containerId, attachmentName: attachmentName,
            path: path)
    }

    /// The provenance of a plain file.
    public static func file(_ path: String) -> Provenance {
        Provenance(contentType: .file, title: path, path: path)
    }

    public static func == (lhs: Provenance, rhs: Provenance) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let a = lhs.storage, b = rhs.storage
        return a.spaceKey == b.spaceKey
            && a.spaceName == b.spaceName
            && a.contentId == b.contentId
            && a.versionContentId == b.versionContentId
            && a.contentType == b.contentType
            && a.title == b.title
            && a.version == b.version
            && a.createdWhen == b.createdWhen
            && a.isHistorical == b.isHistorical
            && a.status == b.status
            && a.containerId == b.containerId
            && a.attachmentName == b.attachmentName
            && a.path == b.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.spaceKey)
        hasher.combine(storage.spaceName)
        hasher.combine(storage.contentId)
        hasher.combine(storage.versionContentId)
        hasher.combine(storage.contentType)
        hasher.combine(storage.title)
        hasher.combine(storage.version)
        hasher.combine(storage.createdWhen)
        hasher.combine(storage.isHistorical)
        hasher.combine(storage.status)
        hasher.combine(storage.containerId)
        hasher.combine(storage.attachmentName)
        hasher.combine(storage.path)
    }

    // The keys and the rules (absent when nil) of the synthesized coding the fields had before.
    private enum CodingKeys: String, CodingKey {
        case spaceKey, spaceName, contentId, versionContentId, contentType, title, version, createdWhen, isHistorical, status
        case containerId, attachmentName, path
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        storage = Storage(
            spaceKey: try c.decodeIfPresent(String.self, forKey: .spaceKey),
            spaceName: try c.decodeIfPresent(String.self, forKey: .spaceName),
            contentId: try c.decodeIfPresent(String.self, forKey: .contentId),
            versionContentId: try c.decodeIfPresent(String.self, forKey: .versionContentId),
            contentType: try c.decode(ContentType.self, forKey: .contentType),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            version: try c.decodeIfPresent(Int.self, forKey: .version),
            createdWhen: try c.decodeIfPresent(String.self, forKey: .createdWhen),
            isHistorical: try c.decode(Bool.self, forKey: .isHistorical),
            status: try c.decodeIfPresent(String.self, forKey: .status),
            containerId: try c.decodeIfPresent(String.self, forKey: .containerId),
            attachmentName: try c.decodeIfPresent(String.self, forKey: .attachmentName),
            path: try c.decodeIfPresent(String.self, forKey: .path))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(storage.spaceKey, forKey: .spaceKey)
        try c.encodeIfPresent(storage.spaceName, forKey: .spaceName)
        try c.encodeIfPresent(storage.contentId, forKey: .contentId)
        try c.encodeIfPresent(storage.versionContentId, forKey: .versionContentId)
        try c.encode(storage.contentType, forKey: .contentType)
        try c.encodeIfPresent(storage.title, forKey: .title)
        try c.encodeIfPresent(storage.version, forKey: .version)
        try c.encodeIfPresent(storage.createdWhen, forKey: .createdWhen)
        try c.encode(storage.isHistorical, forKey: .isHistorical)
        try c.encodeIfPresent(storage.status, forKey: .status)
        try c.encodeIfPresent(storage.containerId, forKey: .containerId)
        try c.encodeIfPresent(storage.attachmentName, forKey: .attachmentName)
        try c.encodeIfPresent(storage.path, forKey: .path)
    }
}
