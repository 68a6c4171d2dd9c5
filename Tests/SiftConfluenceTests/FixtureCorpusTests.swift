import Foundation
import SiftConfluence
import SiftCore
import Testing
import ZIPFoundation

/// Every real export under ../shared/fixtures reads, and what the reader counts matches what the
/// files contain (counted here independently, with regular expressions over the raw XML).
@Suite struct FixtureCorpusTests {
    static let root = Fixtures.shared("confluence-xwiki")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { $0 != "LICENSE" }.sorted()

    /// entities.xml of a fixture, from its directory or its zip.
    static func entities(_ name: String) throws -> String {
        let url = root.appendingPathComponent(name)
        if name.hasSuffix(".zip") {
            let archive = try Archive(url: url, accessMode: .read)
            var data = Data()
            _ = try archive.extract(try #require(archive["entities.xml"])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        return String(decoding: try Data(contentsOf: url.appendingPathComponent("entities.xml")), as: UTF8.self)
    }

    static func count(_ pattern: String, in text: String) -> Int {
        (try? NSRegularExpression(pattern: pattern)).map {
            $0.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        } ?? -1
    }

    @Test(arguments: names)
    func readsAndCountsMatchTheFile(_ name: String) throws {
        let export = try ConfluenceExport(url: Self.root.appendingPathComponent(name))
        let inventory = try export.inventory()
        let xml = try Self.entities(name)
        for className in ["Page", "BlogPost", "Comment", "Attachment", "CustomContentEntityObject", "SpaceDescription"] {
            let inFile = Self.distinctIDs(className, in: xml)
            #expect(inventory.objects[className, default: 0] == inFile, "\(className) objects")
        }
        #expect(inventory.spaces.count == Self.count(#"<object class="Space" package="#, in: xml), "spaces")
        let historicalPages = Self.count(#"<object class="Page"[^>]*>(?:(?!</object>)[\s\S])*name="originalVersion""#, in: xml)
        #expect(inventory.historical["Page", default: 0] == historicalPages, "historical page versions")

        // Everything in the export is handed out without an error-level diagnostic, except for the
        // fixtures that are broken on purpose.
        var items = 0
        var errors: [Diagnostic] = []
        try export.read { event in
            switch event {
            case .content: items += 1
            case .diagnostic(let diagnostic) where diagnostic.level == .error: errors.append(diagnostic)
            default: break
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(items >= inventory.withBodies, "every body is read")
    }

    /// Distinct ids of the objects of a class (linkmapping2 holds the same page object twice).
    static func distinctIDs(_ className: String, in xml: String) -> Int {
        guard let regex = try? NSRegularExpression(pattern: #"<object class="\#(className)" package="[^"]*">\s*<id name="id">(\d+)"#)
        else { return -1 }
        let matches = regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml))
        return Set(matches.compactMap { Range($0.range(at: 1), in: xml).map { xml[$0] } }).count
    }

    @Test func rawControlCharactersDoNotStopTheReader() throws {
        let directory = try Self.temporaryExport(from: Fixtures.shared("synthetic/quirks/control-chars-entities.xml"))
        var texts: [String] = []
        try ConfluenceExport(url: directory).read { event in
            if case .content(let item) = event { texts.append(String(decoding: item.text.bytes, as: UTF8.self)) }
        }
        #expect(texts.contains { $0.contains("ghp_EXAMPLEexampleEXAMPLEexample0000") && $0.contains(" Ops notes") })
        for name in ["asciichar28", "cdatazerowidthspace"] {
            var read = 0
            try ConfluenceExport(url: Self.root.appendingPathComponent(name)).read { if case .content = $0 { read += 1 } }
            #expect(read > 0, "\(name)")
        }
    }

    @Test func dataCenter8StringsWithoutCDATA() throws {
        let directory = try Self.temporaryExport(from: Fixtures.shared("synthetic/quirks/dc8-unquoted-strings-entities.xml"))
        var items: [ContentItem] = []
        try ConfluenceExport(url: directory).read { if case .content(let item) = $0 { items.append(item) } }
        let page = try #require(items.first { $0.provenance.contentType == .page })
        #expect(page.provenance.title == "Home Test")
        #expect(page.provenance.spaceKey == "HT")
        #expect(String(decoding: page.text.bytes, as: UTF8.self).contains("Café & bar"))
    }

    @Test func textNodesOverTenMegabytes() throws {
        let filler = String(repeating: "lorem ipsum ", count: 1_000_000)  // 12 MB
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <hibernate-generic datetime="2025-01-01 00:00:00">
            <object class="Page" package="com.atlassian.confluence.pages"><id name="id">1</id>
            <property name="title"><![CDATA[Big]]></property><property name="version">1</property></object>
            <object class="BodyContent" package="com.atlassian.confluence.core"><id name="id">2</id>
            <property name="body"><![CDATA[<p>\(filler) token FAKE-AFTER-TEN-MB</p>]]></property>
            <property name="content" class="Page" package="com.atlassian.confluence.pages"><id name="id">1</id></property>
            <property name="bodyType">2</property></object>
            </hibernate-generic>
            """
        let directory = try Self.temporaryExport(contents: Data(xml.utf8))
        var found = false
        try ConfluenceExport(url: directory).read { event in
            if case .content(let item) = event {
                found = found || String(decoding: item.text.bytes.suffix(200), as: UTF8.self).contains("FAKE-AFTER-TEN-MB")
            }
        }
        #expect(found)
    }

    @Test func missingAndEmptyAttachmentFilesAreReportedNotFatal() throws {
        let export = try ConfluenceExport(url: Self.root.appendingPathComponent("brokenattach"))
        var attachments: [AttachmentVersion] = []
        var diagnostics: [Diagnostic] = []
        try export.read { event in
            if case .attachment(let a) = event { attachments.append(a) }
            if case .diagnostic(let d) = event { diagnostics.append(d) }
        }
        #expect(attachments.count == 6)
        let loaded = try attachments.map { try $0.load() }
        #expect(loaded.contains { $0 == nil }, "a version without a file")
        #expect(loaded.contains { $0 == [] }, "a zero-byte file")
        #expect(diagnostics.contains { $0.code == "attachment-missing" && $0.location.object != nil })
    }

    @Test func bodiesOfMissingPagesAreStillScanned() throws {
        var diagnostics: [Diagnostic] = []
        var items = 0
        try ConfluenceExport(url: Self.root.appendingPathComponent("missingpage")).read { event in
            if case .diagnostic(let d) = event { diagnostics.append(d) }
            if case .content = event { items += 1 }
        }
        #expect(diagnostics.contains { $0.code == "missing-owner" && $0.message.contains("does not contain") })
        #expect(items > 0)
    }

    @Test func oldAndNewAttachmentSchemas() throws {
        // 5.3 (misc.xml.zip): fileName + attachmentVersion; DC 8.5.6: title + version.
        for name in ["misc.xml.zip", "confluence8.5.6"] {
            var attachments: [AttachmentVersion] = []
            try ConfluenceExport(url: Self.root.appendingPathComponent(name)).read {
                if case .attachment(let a) = $0 { attachments.append(a) }
            }
            #expect(!attachments.isEmpty, "\(name)")
            #expect(attachments.allSatisfy { !$0.fileName.hasPrefix("attachment-") && $0.provenance.version != nil }, "\(name)")
        }
    }

    @Test func siteBackupSecretsAreRead() throws {
        var siteObjects: [ContentItem] = []
        try ConfluenceExport(url: Self.root.appendingPathComponent("3.4.7.zip")).read {
            if case .content(let item) = $0, item.provenance.contentType == .siteObject { siteObjects.append(item) }
        }
        #expect(siteObjects.contains { String(decoding: $0.text.bytes, as: UTF8.self).contains("RSA private MII") })
    }

    static func temporaryExport(from entities: URL) throws -> URL {
        try temporaryExport(contents: try Data(contentsOf: entities))
    }

    static func temporaryExport(contents: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try contents.write(to: directory.appendingPathComponent("entities.xml"))
        return directory
    }
}
