import Foundation
import SiftConfluence
import SiftCore
import Testing

@Suite struct ExportReadingTests {
    struct Collected {
        var items: [ContentItem] = []
        var attachments: [AttachmentVersion] = []
        var diagnostics: [Diagnostic] = []

        func text(_ item: ContentItem) -> String { String(decoding: item.text.bytes, as: UTF8.self) }

        func item(version id: String) -> ContentItem? { items.first { $0.provenance.versionContentId == id } }

        func items(containing needle: String) -> [ContentItem] { items.filter { text($0).contains(needle) } }
    }

    static func read(_ url: URL, scope: ReadScope = .all) throws -> Collected {
        var collected = Collected()
        let export = try ConfluenceExport(url: url)
        try export.read(scope: scope) { event in
            switch event {
            case .content(let item): collected.items.append(item)
            case .attachment(let attachment): collected.attachments.append(attachment)
            case .diagnostic(let diagnostic): collected.diagnostics.append(diagnostic)
            case .file: break
            }
        }
        return collected
    }

    /// The part of `needle`'s first occurrence in an item.
    static func part(of needle: String, in item: ContentItem) -> Part? {
        let text = String(decoding: item.text.bytes, as: UTF8.self)
        guard let range = text.range(of: needle) else { return nil }
        return item.text.part(at: text.utf8.distance(from: text.startIndex, to: range.lowerBound))
    }

    @Test func plantedSecretsComeOutWithTheirProvenance() throws {
        let c = try Self.read(Fixtures.own.appendingPathComponent("planted-export"))
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")

        let history = try #require(c.items(containing: "FAKE-HISTORY-SECRET-1").first)
        #expect(c.items(containing: "FAKE-HISTORY-SECRET-1").count == 1)
        #expect(history.provenance.contentId == "100")
        #expect(history.provenance.versionContentId == "101")
        #expect(history.provenance.version == 1)
        #expect(history.provenance.isHistorical)
        #expect(history.provenance.spaceKey == "PLANT")
        #expect(history.provenance.title == "Planted page")
        // The export's time zone (America/Chicago, daylight saving time in August) gives the offset.
        #expect(history.provenance.createdWhen == "2021-08-15T17:54:36.860-05:00")
        #expect(Self.part(of: "FAKE-HISTORY-SECRET-1", in: history) == Part(.paragraph))

        let comment = try #require(c.items(containing: "FAKE-COMMENT-SECRET-2").first)
        #expect(comment.provenance.contentType == .comment)
        #expect(comment.provenance.contentId == "200")
        #expect(comment.provenance.containerId == "100")
        #expect(comment.provenance.spaceKey == "PLANT")
        #expect(comment.provenance.createdWhen == "2021-12-02T08:00:00.000-06:00")

        let parameter = try #require(c.items(containing: "FAKE-PARAM-SECRET-3").first)
        #expect(parameter.provenance.versionContentId == "100")
        #expect(parameter.provenance.version == 2)
        #expect(!parameter.provenance.isHistorical)
        #expect(Self.part(of: "FAKE-PARAM-SECRET-3", in: parameter) == Part(.macroParameter, "widget.url"))
        // The title is content too, and the code macro's ]] survived Confluence's CDATA escaping.
        #expect(Self.part(of: "Planted page", in: parameter) == Part(.title))
        #expect(c.text(parameter).contains(#"echo "[[x]]""#))

        #expect(c.attachments.count == 2)
        let old = try #require(c.attachments.first { $0.provenance.versionContentId == "301" })
        #expect(old.provenance.contentId == "300")
        #expect(old.provenance.version == 1)
        #expect(old.provenance.isHistorical)
        #expect(old.provenance.containerId == "100")
        #expect(old.declaredMediaType == "text/plain")
        #expect(old.location == "attachments/100/300/1")
        #expect(String(decoding: try #require(try old.load()), as: UTF8.self).contains("FAKE-ATTACHMENT-SECRET-4"))
        let current = try #require(c.attachments.first { $0.provenance.versionContentId == "300" })
        #expect(!String(decoding: try #require(try current.load()), as: UTF8.self).contains("FAKE-ATTACHMENT-SECRET-4"))
    }

    @Test func syntheticSpaceExportCounts() throws {
        let c = try Self.read(Fixtures.shared("synthetic/server-space-export"))
        let byType = Dictionary(grouping: c.items, by: \.provenance.contentType).mapValues(\.count)
        #expect(byType[.page] == 2, "page 1001 v2 and its historical v1 (1002)")
        #expect(byType[.blogpost] == 1)
        #expect(byType[.comment] == 1)
        #expect(byType[.template] == 1)
        #expect(byType[.spaceDescription] == 1)
        #expect(c.attachments.count == 3, "config.env v1 and v2, notes.txt v1")
        #expect(Set(c.items.compactMap(\.provenance.spaceKey)) == ["ENG"])
        let old = try #require(c.item(version: "1002"))
        #expect(c.text(old).contains("hunter2-EXAMPLE-NOT-REAL"))
        #expect(!c.text(try #require(c.item(version: "1001"))).contains("hunter2-EXAMPLE-NOT-REAL"))
        let blog = try #require(c.items(containing: "ghp_EXAMPLE").first)
        #expect(Self.part(of: "ghp_EXAMPLE", in: blog) == Part(.tableCell))
        #expect(c.text(blog).hasPrefix("Release notes – January\nCafé release – highlights:"))
    }

    @Test func scopesSelectSpaceContentVersionAndLatest() throws {
        let url = Fixtures.own.appendingPathComponent("planted-export")
        #expect(try Self.read(url, scope: ReadScope(spaceKey: "plant")).items.isEmpty, "space keys are case-sensitive")
        let latest = try Self.read(url, scope: ReadScope(latestOnly: true))
        #expect(latest.items(containing: "FAKE-HISTORY-SECRET-1").isEmpty)
        #expect(latest.attachments.map(\.provenance.versionContentId) == ["300"])
        let history = try Self.read(url, scope: ReadScope(contentID: "100"))
        #expect(Set(history.items.compactMap(\.provenance.versionContentId)) == ["100", "101", "200"],
                "a content's full history includes its comments")
        let version = try Self.read(url, scope: ReadScope(contentID: "100", createdWhen: "2021-08-15T17:54:36.860-05:00"))
        #expect(version.items.map(\.provenance.versionContentId) == ["101"])
    }

    @Test func theZipAndTheDirectoryReadTheSame() throws {
        let directory = Fixtures.own.appendingPathComponent("planted-export")
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UInt64.random(in: 0...UInt64.max)).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile, os
            root, out = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
                for base, _, files in os.walk(root):
                    for f in files:
                        p = os.path.join(base, f)
                        z.write(p, os.path.relpath(p, root))
            """, directory.path, zip.path]
        try process.run()
        process.waitUntilExit()
        let fromZip = try Self.read(zip)
        let fromDirectory = try Self.read(directory)
        #expect(fromZip.items.map(\.text.bytes) == fromDirectory.items.map(\.text.bytes))
        #expect(fromZip.items.map(\.provenance) == fromDirectory.items.map(\.provenance))
        #expect(try fromZip.attachments.map { try $0.load() } == fromDirectory.attachments.map { try $0.load() })
    }
}
