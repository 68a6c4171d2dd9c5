import Foundation
import SiftConfluence
import SiftCore
import Testing

/// Exports and bodies written to hurt the reader: entity expansion, external entities, ids that
/// climb out of the export, deep nesting. See docs/hostile-input.md.
@Suite struct HostileInputTests {
    /// An internal DTD subset whose entity `j` expands to 10⁹ bytes ("billion laughs").
    static let laughs = "<!DOCTYPE h [<!ENTITY a \"lol\">"
        + (0..<9).map { i in
            let name = Character(Unicode.Scalar(UInt8(ascii: "b") + UInt8(i)))
            let previous = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(i)))
            return "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }.joined() + "]>"

    static let page = #"<object class="Page" package="p"><id name="id">2</id><property name="title">T&j;&x;</property>"#
        + #"<property name="version">1</property></object>"#
    static let body = #"<object class="BodyContent" package="p"><id name="id">1</id>"#
        + #"<property name="body"><![CDATA[<p>body FAKE-BODY-SECRET</p>]]></property>"#
        + #"<property name="content" class="Page" package="p"><id name="id">2</id></property>"#
        + #"<property name="bodyType">2</property></object>"#

    /// The texts of an export whose entities.xml is `xml`.
    static func read(_ xml: String) throws -> [String] {
        let directory = try FixtureCorpusTests.temporaryExport(contents: Data(xml.utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var texts: [String] = []
        try ConfluenceExport(url: directory).read { event in
            if case .content(let item) = event { texts.append(String(decoding: item.text.bytes, as: UTF8.self)) }
        }
        return texts
    }

    @Test func billionLaughsInEntitiesXMLIsNotExpanded() throws {
        // The SAX reader declares no entity handlers: `&j;` is an undeclared-entity error, not 1 GB.
        let clock = ContinuousClock()
        let start = clock.now
        let xml = #"<?xml version="1.0"?>"# + Self.laughs + "<hibernate-generic>\(Self.page)\(Self.body)</hibernate-generic>"
        let texts = try Self.read(xml)
        #expect(clock.now - start < .seconds(5))
        #expect(texts.joined().utf8.count < 10_000)
        #expect(!texts.joined().contains("lollol"))
        #expect(texts.contains { $0.contains("FAKE-BODY-SECRET") }, "objects after the DTD are still read")
    }

    @Test func externalEntitiesInEntitiesXMLAreNeverLoaded() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>"#
            + "<hibernate-generic>\(Self.page)\(Self.body)</hibernate-generic>"
        let texts = try Self.read(xml)
        #expect(!texts.joined().contains("root:"))
        #expect(texts.contains { $0.contains("FAKE-BODY-SECRET") })
    }

    @Test func billionLaughsInAStorageFormatBodyIsRejectedQuickly() {
        // A body cannot declare entities: the DOCTYPE is Sift's own, and a second one is an error.
        let clock = ContinuousClock()
        let start = clock.now
        var builder = ExtractedTextBuilder()
        let conversion = StorageFormat.append(Self.laughs + "<p>&j; FAKE-AFTER-DTD</p>", to: &builder)
        let text = String(decoding: builder.build().bytes, as: UTF8.self)
        #expect(clock.now - start < .seconds(5))
        #expect(conversion.degraded)
        #expect(text.utf8.count < 10_000)
        #expect(!text.contains("lollol"))
    }

    @Test func deeplyNestedStorageFormatIsReadToTheEnd() {
        let body = String(repeating: "<div>", count: 100_000) + "FAKE-DEEP" + String(repeating: "</div>", count: 100_000)
        var builder = ExtractedTextBuilder()
        StorageFormat.append(body, to: &builder)
        #expect(String(decoding: builder.build().bytes, as: UTF8.self).contains("FAKE-DEEP"))
    }

    @Test func deeplyNestedElementsInEntitiesXMLDoNotStopTheRead() throws {
        let junk = #"<object class="Junk" package="p">"# + String(repeating: "<a>", count: 100_000)
            + String(repeating: "</a>", count: 100_000) + "</object>"
        let texts = try Self.read("<hibernate-generic>\(junk)\(Self.page)\(Self.body)</hibernate-generic>")
        #expect(texts.contains { $0.contains("FAKE-BODY-SECRET") })
    }

    @Test func attachmentIdsThatClimbOutOfTheExportAreNotFollowed() throws {
        // attachments/<container>/<id>/<version>, with a container id of `../../…`: before the fix
        // the loader read `<outside>/passwd/1`, a file next to the export.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sift-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("passwd"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("FAKE-OUTSIDE-SECRET".utf8).write(to: outside.appendingPathComponent("passwd/1"))
        let xml = #"<hibernate-generic><object class="Attachment" package="p"><id name="id">passwd</id>"#
            + #"<property name="title">f.txt</property><property name="version">1</property>"#
            + #"<property name="containerContent" class="Page" package="p"><id name="id">../../../../../../../../..\#(outside.path)</id></property>"#
            + "</object></hibernate-generic>"
        let export = try FixtureCorpusTests.temporaryExport(contents: Data(xml.utf8))
        defer { try? FileManager.default.removeItem(at: export) }
        // Real exports have the folder, and `attachments/..` only resolves when it exists.
        try FileManager.default.createDirectory(at: export.appendingPathComponent("attachments"), withIntermediateDirectories: true)
        var loaded: [[UInt8]?] = []
        var codes: [String] = []
        try ConfluenceExport(url: export).read { event in
            if case .attachment(let attachment) = event { loaded.append(try attachment.load()) }
            if case .diagnostic(let diagnostic) = event { codes.append(diagnostic.code) }
        }
        #expect(loaded.allSatisfy { $0 == nil })
        #expect(codes.contains("attachment-unsafe-path"))
    }

    @Test func invalidUTF8InEntitiesXMLDoesNotEndTheRead() throws {
        // Latin-1 bytes, a stray continuation byte, a truncated sequence, a surrogate and U+FFFF in
        // the CDATA of the first body. libxml2 stopped there ("Input is not proper UTF-8"): the rest
        // of the export went unscanned — 0 findings instead of 13 for the sample export with
        // "caf\xE9" in its first body.
        let bad: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x20, 0xE2, 0x82, 0x20, 0xED, 0xA0, 0x80, 0x20, 0xEF, 0xBF, 0xBF]
        var xml = Array(#"<hibernate-generic><object class="Page" package="p"><id name="id">3</id><property name="title">P3</property></object>"#.utf8)
        xml += Array(#"<object class="BodyContent" package="p"><id name="id">4</id><property name="body"><![CDATA[<p>"#.utf8) + bad
        xml += Array(#"</p>]]></property><property name="content" class="Page" package="p"><id name="id">3</id></property>"#.utf8)
        xml += Array(#"<property name="bodyType">2</property></object>"#.utf8)
        xml += Array("\(Self.page)\(Self.body)</hibernate-generic>".utf8)
        let directory = try FixtureCorpusTests.temporaryExport(contents: Data(xml))
        defer { try? FileManager.default.removeItem(at: directory) }
        var texts: [String] = []
        try ConfluenceExport(url: directory).read { event in
            if case .content(let item) = event { texts.append(String(decoding: item.text.bytes, as: UTF8.self)) }
        }
        #expect(texts.contains { $0.contains("FAKE-BODY-SECRET") }, "the objects after the bad bytes are read")
        #expect(texts.contains { $0.contains("caf? ? ?? ??? ???") }, "\(texts)")
    }

    @Test func aCharacterCutByTheReadBufferIsKept() throws {
        // The reader pulls 256 KiB at a time: an "é" across that boundary must not become "??".
        let head = #"<hibernate-generic><object class="Page" package="p"><id name="id">2</id><property name="title">T</property></object>"#
            + #"<object class="BodyContent" package="p"><id name="id">1</id><property name="body"><![CDATA["#
        let filler = String(repeating: "x", count: 256 * 1024 - head.utf8.count - 1)
        let xml = head + filler + "é FAKE-ACCENT]]></property>"
            + #"<property name="content" class="Page" package="p"><id name="id">2</id></property><property name="bodyType">1</property></object></hibernate-generic>"#
        let texts = try Self.read(xml)
        #expect(texts.contains { $0.contains("xé FAKE-ACCENT") })
    }

    @Test func aTruncatedOrCorruptExportZipIsAnErrorNotACrash() throws {
        let sample = Fixtures.repositoryRoot.appendingPathComponent("Samples/sample-space-export.zip")
        let bytes = try Data(contentsOf: sample)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // Cut in half: no central directory.
        let truncated = directory.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        #expect(throws: ExportReadError.self) { try ConfluenceExport(url: truncated) }

        // The deflate stream of entities.xml (the first entry, 1433 bytes from offset 42) garbled:
        // the read stops with an error or a diagnostic, whatever it managed to read before.
        var garbled = [UInt8](bytes)
        for i in 300..<900 { garbled[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let corrupt = directory.appendingPathComponent("corrupt.zip")
        try Data(garbled).write(to: corrupt)
        var problems: [String] = []
        do {
            try ConfluenceExport(url: corrupt).read { event in
                if case .diagnostic(let diagnostic) = event, diagnostic.level == .error { problems.append(diagnostic.code) }
            }
        } catch {
            problems.append("\(error)")
        }
        #expect(!problems.isEmpty)
    }
}
