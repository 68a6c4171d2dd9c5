/// The kind of content a piece of text comes from, as the Confluence app names it.
///
/// The four kinds the app reports are ``page``, ``blogpost``, ``comment`` and ``attachment``; Sift
/// adds the other content-bearing objects of an export and ``file`` for plain files. The raw value
/// is what appears in every output (`contentType` in JSON and CSV).
public struct ContentType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let page = ContentType(rawValue: "page")
    public static let blogpost = ContentType(rawValue: "blogpost")
    public static let comment = ContentType(rawValue: "comment")
    public static let attachment = ContentType(rawValue: "attachment")
    /// Plugin content (`CustomContentEntityObject`): mail archives, content-property storage.
    public static let customContent = ContentType(rawValue: "custom")
    /// A page template (`PageTemplate`), global or of a space.
    public static let template = ContentType(rawValue: "template")
    /// A space's description body.
    public static let spaceDescription = ContentType(rawValue: "space-description")
    /// A user's personal information page.
    public static let personalInformation = ContentType(rawValue: "personal-information")
    /// A draft object (`Draft`, Confluence 5.x).
    public static let draft = ContentType(rawValue: "draft")
    /// Site-level objects of a site backup that carry secrets (users' credentials, keys, settings).
    public static let siteObject = ContentType(rawValue: "site-object")
    /// A plain file scanned outside any export.
    public static let file = ContentType(rawValue: "file")

    public var description: String { rawValue }
}
