/// What the first pass over entities.xml learns: every space and every content object (all
/// versions), without their bodies, so that the second pass can give each body its full
/// provenance however the objects are ordered. A few hundred bytes per content version.
struct ExportIndex {
    struct Space {
        var key: String
        var name: String?
        var status: String?
    }

    /// One content object: a page, blog post, comment, attachment … in one version.
    struct Content {
        var className: String
        var title: String?
        var version: Int?
        var creationDate: String?
        var lastModificationDate: String?
        var status: String?
        var spaceID: String?
        /// The current version's id, for historical versions (`originalVersionId` / `originalVersion`).
        var originalID: String?
        /// The page, blog post or attachment a comment or attachment belongs to.
        var containerID: String?
        /// Attachments: file name, declared media type and size.
        var fileName: String?
        var mediaType: String?
        var fileSize: Int?
        var line: Int
    }

    var spaces: [String: Space] = [:]
    var contents: [String: Content] = [:]
    /// Content ids that own at least one BodyContent.
    var withBodies: Set<String> = []
    /// ContentProperty values of attachments (MEDIA_TYPE, FILESIZE), by owner id.
    var mediaTypes: [String: String] = [:]
    var fileSizes: [String: Int] = [:]

    /// Classes whose objects are content versions.
    static let contentClasses: Set<String> = [
        "Page", "BlogPost", "Comment", "Attachment", "CustomContentEntityObject", "SpaceDescription",
        "PersonalInformation", "Draft",
    ]

    /// The current version's id of `id` (itself when it is current or its original is unknown).
    func currentID(of id: String) -> String {
        guard let original = contents[id]?.originalID, !original.isEmpty else { return id }
        return original
    }

    /// The space of a content, following containers (a comment's page, an attachment's page).
    func spaceID(of id: String) -> String? {
        var current: String? = id
        var hops = 0
        while let key = current, hops < 8 {
            guard let content = contents[key] else { return nil }
            if let space = content.spaceID { return space }
            if let original = content.originalID, original != key, contents[original]?.spaceID != nil {
                return contents[original]?.spaceID
            }
            current = content.containerID
            hops += 1
        }
        return nil
    }

    mutating func add(_ object: ExportObject) {
        switch object.className {
        case "Space":
            spaces[object.id] = Space(key: object.text("key") ?? "", name: object.text("name"),
                                      status: object.text("spaceStatus"))
        case "BodyContent":
            if let owner = object.reference("content") { withBodies.insert(owner) }
        case "ContentProperty":
            guard let owner = object.reference("content") else { return }
            switch object.text("name") {
            case "MEDIA_TYPE": if let value = object.text("stringValue") { mediaTypes[owner] = value }
            case "FILESIZE": if let value = object.int("longValue") { fileSizes[owner] = value }
            default: break
            }
        default:
            guard Self.contentClasses.contains(object.className) else { return }
            let original = object.text("originalVersionId").flatMap { $0.isEmpty ? nil : $0 } ?? object.reference("originalVersion")
            contents[object.id] = Content(
                className: object.className,
                title: object.text("title") ?? object.text("fileName"),
                version: object.int("version") ?? object.int("attachmentVersion"),
                creationDate: object.text("creationDate"),
                lastModificationDate: object.text("lastModificationDate"),
                status: object.text("contentStatus"),
                spaceID: object.reference("space"),
                originalID: original,
                containerID: object.reference("containerContent") ?? object.reference("content") ?? object.reference("owner"),
                fileName: object.className == "Attachment" ? (object.text("title") ?? object.text("fileName")) : nil,
                mediaType: object.text("contentType"),
                fileSize: object.int("fileSize"),
                line: object.line)
        }
    }
}
