import Foundation
import SiftCore

extension ConfluenceExport {
    /// Progress of a read: which pass, and how much of entities.xml it has consumed.
    public struct Progress: Sendable {
        public enum Phase: String, Sendable {
            case indexing
            case reading
        }

        public var phase: Phase
        public var bytesRead: Int
        public var totalBytes: Int?
    }

    /// Classes of site backups whose objects hold secrets.
    static let siteObjectClasses: Set<String> = [
        "InternalUser", "DefaultHibernateUser", "ConfluenceRememberMeToken", "AliasedKey", "ConfluenceBandanaRecord",
    ]

    /// Reads the export and hands out, one at a time: the text of every content version in scope
    /// (title first, then body), every attachment version (bytes on demand), and diagnostics.
    ///
    /// - Parameters:
    ///   - progress: called now and then on the reading thread.
    ///   - handler: called for each event; throwing stops the read and rethrows.
    public func read(
        scope: ReadScope = .all, options: ReadOptions = ReadOptions(),
        progress: ((Progress) -> Void)? = nil, _ handler: (SourceEvent) throws -> Void
    ) throws {
        // Pass 1: the index. The bodies' text is dropped before libxml2 parses it (it is skipped
        // here anyway); if that read reports anything, it is read again as it is, so that
        // diagnostics keep their columns.
        var index = ExportIndex()
        let indexSelection = EntitiesReader.Selection(
            classes: ExportIndex.contentClasses.union(["Space", "BodyContent", "ContentProperty"]),
            skippedProperties: ["BodyContent": ["body"]])
        var objects = 0
        func indexPass(blanking: [String]) throws -> (reader: EntitiesReader, completed: Bool) {
            index = ExportIndex()
            let reader = EntitiesReader(source: try entitiesSource(), file: entitiesPath, blanking: blanking)
            let completed = try reader.forEachObject(indexSelection) { object in
                index.add(object)
                objects += 1
                if objects % 4096 == 0 {
                    progress?(Progress(phase: .indexing, bytesRead: reader.bytesRead, totalBytes: nil))
                }
            }
            return (reader, completed)
        }
        var (indexReader, indexed) = try indexPass(blanking: options.blanksBodiesInIndexPass ? ["body"] : [])
        if options.blanksBodiesInIndexPass, !indexed || !indexReader.diagnostics.isEmpty {
            (indexReader, indexed) = try indexPass(blanking: [])
        }
        for diagnostic in indexReader.diagnostics where diagnostic.level == .error {
            try handler(.diagnostic(diagnostic))
        }

        // Pass 2: bodies, templates, site objects.
        var context = ReadContext(export: self, index: index, scope: scope, options: options)
        var classes: Set<String> = ["BodyContent", "PageTemplate"]
        if options.includeSiteObjects { classes.formUnion(Self.siteObjectClasses) }
        // The bodies' text goes around libxml2 too (kept aside and put back when the reader takes
        // the property), unless the file has something to report: then every byte is parsed.
        let source = try entitiesSource()
        let bypass = options.blanksBodiesInIndexPass && indexed && indexReader.diagnostics.isEmpty
        let bodyReader = EntitiesReader(source: source, file: entitiesPath, blanking: bypass ? ["body"] : [],
                                        capturing: true)
        objects = 0
        let completed = try bodyReader.forEachObject(EntitiesReader.Selection(classes: classes)) { object in
            objects += 1
            if objects % 256 == 0 {
                progress?(Progress(phase: .reading, bytesRead: bodyReader.bytesRead, totalBytes: source.totalBytes))
            }
            switch object.className {
            case "BodyContent": try context.body(object, handler)
            case "PageTemplate": try context.template(object, handler)
            default: try context.siteObject(object, handler)
            }
        }
        // The first pass reported XML errors already; report the second pass's only if it stopped early.
        if !completed, indexReader.diagnostics.isEmpty {
            for diagnostic in bodyReader.diagnostics { try handler(.diagnostic(diagnostic)) }
        }

        // Content versions without a body still have a title; then every attachment version.
        try context.titlesWithoutBodies(handler)
        try context.attachments(handler)
        progress?(Progress(phase: .reading, bytesRead: bodyReader.bytesRead, totalBytes: source.totalBytes))
    }

}

/// The state of the second pass: the index, the scope, what has been handed out.
struct ReadContext {
    let export: ConfluenceExport
    let index: ExportIndex
    let scope: ReadScope
    let options: ReadOptions
    /// Content versions handed out with a body.
    private var emitted = Set<String>()
    private var reportedMissing = Set<String>()

    init(export: ConfluenceExport, index: ExportIndex, scope: ReadScope, options: ReadOptions) {
        self.export = export
        self.index = index
        self.scope = scope
        self.options = options
    }

    static let contentTypes: [String: ContentType] = [
        "Page": .page, "BlogPost": .blogpost, "Comment": .comment, "Attachment": .attachment,
        "CustomContentEntityObject": .customContent, "SpaceDescription": .spaceDescription,
        "PersonalInformation": .personalInformation, "Draft": .draft,
    ]

    /// The provenance of content version `id`.
    func provenance(of id: String) -> Provenance? {
        guard let content = index.contents[id] else { return nil }
        let current = index.currentID(of: id)
        let currentContent = index.contents[current]
        let spaceID = index.spaceID(of: id) ?? index.spaceID(of: current)
        let space = spaceID.flatMap { index.spaces[$0] }
        var container = content.containerID ?? currentContent?.containerID
        if let raw = container { container = index.currentID(of: raw) }
        var title = content.title ?? currentContent?.title
        if content.className == "Comment" || (title?.isEmpty ?? true), let container {
            title = index.contents[container]?.title ?? title
        }
        let date = content.lastModificationDate ?? content.creationDate
        return Provenance(
            spaceKey: space?.key, spaceName: space?.name, contentId: current, versionContentId: id,
            contentType: Self.contentTypes[content.className] ?? ContentType(rawValue: content.className.lowercased()),
            title: title, version: content.version,
            createdWhen: date.flatMap { ConfluenceDate.iso8601($0, timeZone: export.timeZone) },
            isHistorical: content.originalID != nil && content.originalID != id,
            status: content.status ?? currentContent?.status, containerId: container,
            attachmentName: content.className == "Attachment" ? content.fileName : nil)
    }

    mutating func body(_ object: ExportObject, _ handler: (SourceEvent) throws -> Void) throws {
        let location = SourceLocation(file: export.entitiesPath, line: object.line, object: object.id)
        guard let owner = object.reference("content") else {
            try handler(.diagnostic(Diagnostic(.warning, code: "orphan-body", "a body without an owner was skipped", at: location)))
            return
        }
        guard var provenance = provenance(of: owner) else {
            if reportedMissing.insert(owner).inserted {
                try handler(.diagnostic(Diagnostic(
                    .warning, code: "missing-owner",
                    "body \(object.id) belongs to content \(owner), which the export does not contain; its text was scanned without page details",
                    at: location)))
            }
            let orphan = Provenance(contentId: owner, versionContentId: owner, contentType: .page, title: nil)
            guard scope.spaceKey == nil, scope.includes(orphan) else { return }
            try emitBody(object, provenance: orphan, location: location, handler)
            return
        }
        guard scope.includes(provenance) else { return }
        provenance.status = provenance.status ?? "current"
        emitted.insert(owner)
        try emitBody(object, provenance: provenance, location: location, handler)
    }

    private func emitBody(
        _ object: ExportObject, provenance: Provenance, location: SourceLocation, _ handler: (SourceEvent) throws -> Void
    ) throws {
        var builder = ExtractedTextBuilder()
        if let title = provenance.title, !title.isEmpty, provenance.contentType != .comment {
            builder.append(title, as: Part(.title))
            builder.newline()
        }
        var body = object.text("body") ?? ""
        if body.utf8.count > options.maxBodyBytes {
            try handler(.diagnostic(Diagnostic(.warning, code: "body-too-large",
                                               "the body has \(body.utf8.count) bytes; only the first \(options.maxBodyBytes) were scanned",
                                               at: location)))
            body = String(decoding: body.utf8.prefix(options.maxBodyBytes), as: UTF8.self)
        }
        switch object.text("bodyType")?.trimmingWhitespace {
        case "2":
            let conversion = StorageFormat.append(body, to: &builder, location: location)
            for diagnostic in conversion.diagnostics { try handler(.diagnostic(diagnostic)) }
        case "1":
            builder.append(body, as: Part(.body, "raw"))
        default:
            // 0, or absent in 3.x exports: wiki markup, scanned as written.
            builder.append(body, as: Part(.body, "wiki"))
        }
        try handler(.content(ContentItem(provenance: provenance, text: builder.build())))
    }

    /// A page template: its body is the `content` property (storage format with `at:` variables).
    func template(_ object: ExportObject, _ handler: (SourceEvent) throws -> Void) throws {
        let space = object.reference("space").flatMap { index.spaces[$0] }
        let provenance = Provenance(
            spaceKey: space?.key, spaceName: space?.name, contentId: object.id, versionContentId: object.id,
            contentType: .template, title: object.text("name") ?? object.text("title"), version: object.int("version"),
            createdWhen: (object.text("lastModificationDate") ?? object.text("creationDate"))
                .flatMap { ConfluenceDate.iso8601($0, timeZone: export.timeZone) },
            status: "current")
        guard scope.includes(provenance) else { return }
        var builder = ExtractedTextBuilder()
        if let title = provenance.title, !title.isEmpty {
            builder.append(title, as: Part(.title))
            builder.newline()
        }
        if let description = object.text("description"), !description.isEmpty {
            builder.append(description, as: Part(.property, "description"))
            builder.newline()
        }
        let location = SourceLocation(file: export.entitiesPath, line: object.line, object: object.id)
        let conversion = StorageFormat.append(object.text("content") ?? "", to: &builder, location: location)
        for diagnostic in conversion.diagnostics { try handler(.diagnostic(diagnostic)) }
        try handler(.content(ContentItem(provenance: provenance, text: builder.build())))
    }

    /// Site backups: user credentials, trusted-application keys, remember-me tokens, settings.
    func siteObject(_ object: ExportObject, _ handler: (SourceEvent) throws -> Void) throws {
        guard scope.spaceKey == nil, scope.contentID == nil || scope.contentID == object.id else { return }
        var builder = ExtractedTextBuilder()
        var label = object.className
        func add(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            builder.append(value, as: Part(.property, name))
            builder.newline()
        }
        switch object.className {
        case "InternalUser":
            label = "InternalUser \(object.text("name") ?? object.id)"
            add("credential", object.components["credential"])
            add("emailAddress", object.text("emailAddress"))
        case "DefaultHibernateUser":
            label = "DefaultHibernateUser \(object.text("name") ?? object.id)"
            add("password", object.text("password"))
            add("email", object.text("email"))
        case "ConfluenceRememberMeToken":
            label = "ConfluenceRememberMeToken \(object.text("username") ?? object.id)"
            add("token", object.text("token"))
        case "AliasedKey":
            label = "AliasedKey \(object.text("alias") ?? object.id)"
            add("key", object.text("key"))
        default:
            label = "ConfluenceBandanaRecord \(object.text("key") ?? object.id)"
            add(object.text("key") ?? "value", object.text("value"))
        }
        guard !builder.isEmpty else { return }
        let provenance = Provenance(contentId: "\(object.className):\(object.id)", versionContentId: object.id,
                                    contentType: .siteObject, title: label, status: "current")
        try handler(.content(ContentItem(provenance: provenance, text: builder.build())))
    }

    /// Titles of content versions that had no body (titles are content too).
    func titlesWithoutBodies(_ handler: (SourceEvent) throws -> Void) throws {
        for (id, content) in index.contents.sorted(by: { $0.value.line < $1.value.line })
        where content.className != "Attachment" && !emitted.contains(id) && !index.withBodies.contains(id) {
            guard let title = content.title, !title.isEmpty, let provenance = provenance(of: id),
                scope.includes(provenance)
            else { continue }
            var builder = ExtractedTextBuilder()
            builder.append(title, as: Part(.title))
            try handler(.content(ContentItem(provenance: provenance, text: builder.build())))
        }
    }

    /// Every attachment version in scope, with a loader for its file
    /// (`attachments/<container>/<current attachment id>/<version>`).
    func attachments(_ handler: (SourceEvent) throws -> Void) throws {
        for (id, content) in index.contents.sorted(by: { $0.value.line < $1.value.line }) where content.className == "Attachment" {
            guard let provenance = provenance(of: id), scope.includes(provenance) else { continue }
            let current = index.currentID(of: id)
            let container = content.containerID.map { index.currentID(of: $0) } ?? index.contents[current]?.containerID
            let version = content.version ?? 1
            // Old exports file attachments under the container; some under the version's own id.
            let candidates = [container.map { "attachments/\($0)/\(current)/\(version)" },
                              container.map { "attachments/\($0)/\(id)/\(version)" }].compactMap { $0 }
            let path = candidates.first(where: export.hasFile) ?? candidates.first ?? "attachments/?/\(current)/\(version)"
            // Ids come from entities.xml: `../../..` in one would read a file outside the export.
            guard ConfluenceExport.isInsideExport(path) else {
                try handler(.diagnostic(Diagnostic(
                    .warning, code: "attachment-unsafe-path",
                    "attachment \(content.fileName ?? current) would be read from \(path), outside the export; skipped",
                    at: SourceLocation(file: export.url.path, object: id))))
                continue
            }
            if !export.hasFile(path) {
                try handler(.diagnostic(Diagnostic(
                    .warning, code: "attachment-missing",
                    "no file for version \(version) of attachment \(content.fileName ?? current) (expected \(path))",
                    at: SourceLocation(file: export.url.path, object: id))))
            }
            let export = self.export
            let declaredSize = index.fileSizes[id] ?? content.fileSize
            try handler(.attachment(AttachmentVersion(
                provenance: provenance, fileName: content.fileName ?? "attachment-\(id)",
                declaredMediaType: index.mediaTypes[id] ?? content.mediaType, declaredSize: declaredSize, location: path,
                loader: { maxBytes in try export.attachmentBytes(path, maxBytes: maxBytes) })))
        }
    }
}
