/// What an export holds, counted by the first pass alone: for summaries ("1 space, 12 pages in 30
/// versions …") and for checking a reader against a file.
public struct ExportInventory: Sendable, Hashable {
    /// Space keys.
    public var spaces: [String]
    /// Content objects (every version) by class: `Page`, `BlogPost`, `Comment`, `Attachment` …
    public var objects: [String: Int]
    /// Of those, the historical versions, by class.
    public var historical: [String: Int]
    /// Content objects that own a body.
    public var withBodies: Int
    /// Attachment versions whose file is missing from the export.
    public var missingAttachmentFiles: Int
}

extension ConfluenceExport {
    /// Counts what the export holds (one streaming pass over entities.xml).
    public func inventory() throws -> ExportInventory {
        var index = ExportIndex()
        let reader = EntitiesReader(source: try entitiesSource(), file: entitiesPath)
        try reader.forEachObject(EntitiesReader.Selection(
            classes: ExportIndex.contentClasses.union(["Space", "BodyContent", "ContentProperty"]),
            skippedProperties: ["BodyContent": ["body"]])) { index.add($0) }
        var objects: [String: Int] = [:]
        var historical: [String: Int] = [:]
        var missing = 0
        let context = ReadContext(export: self, index: index, scope: .all, options: ReadOptions())
        for (id, content) in index.contents {
            objects[content.className, default: 0] += 1
            if let original = content.originalID, original != id { historical[content.className, default: 0] += 1 }
        }
        try context.attachments { event in
            if case .attachment(let attachment) = event, !hasFile(attachment.location) { missing += 1 }
        }
        return ExportInventory(
            spaces: index.spaces.values.map(\.key).sorted(), objects: objects, historical: historical,
            withBodies: index.withBodies.filter { index.contents[$0] != nil }.count, missingAttachmentFiles: missing)
    }
}
