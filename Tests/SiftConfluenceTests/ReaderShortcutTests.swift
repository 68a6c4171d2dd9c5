import Foundation
import SiftConfluence
import SiftCore
import Testing

/// The reader's fast paths: CDATA values without `]] ` are passed on without a copy, and attachment
/// files of unpacked exports are read with `open`/`read`; both must give what the slow paths gave.
@Suite struct ReaderShortcutTests {
    static func export(title: String, body: String) -> String {
        #"<?xml version="1.0"?><hibernate-generic>"#
            + #"<object class="Page" package="p"><id name="id">2</id><property name="title"><![CDATA[\#(title)]]></property>"#
            + #"<property name="version">1</property></object>"#
            + #"<object class="BodyContent" package="p"><id name="id">1</id>"#
            + #"<property name="body"><![CDATA[\#(body)]]></property>"#
            + #"<property name="content" class="Page" package="p"><id name="id">2</id></property>"#
            + #"<property name="bodyType">0</property></object></hibernate-generic>"#
    }

    @Test(arguments: [
        ("no brackets at all", "no brackets at all"),
        ("a]] b", "a]]b"),
        ("]] ", "]]"),
        ("]]] x", "]]]x"),
        ("x]] ]] y]] ", "x]]]]y]]"),
        ("]] ]] ]] ", "]]]]]]"),
        ("one ] two ]] three", "one ] two ]]three"),
        ("ends with ]]", "ends with ]]"),
        ("[[x]] ] ]] z", "[[x]]] ]]z"),
    ])
    func confluenceCDATAEscapingIsUndone(_ written: String, _ meant: String) throws {
        // The `]]>` that ends CDATA cannot appear inside it: Confluence writes `]] >`, as here.
        let texts = try HostileInputTests.read(Self.export(title: written, body: "body " + written))
        #expect(texts.count == 1)
        #expect(texts.first == meant + "\nbody " + meant, "\(texts)")
    }

    @Test func directoryAttachmentsAreReadWholeEmptyOrNotAtAll() throws {
        let directory = try FixtureCorpusTests.temporaryExport(contents: Data(#"""
            <?xml version="1.0"?><hibernate-generic>
            <object class="Page" package="p"><id name="id">10</id><property name="title">P</property></object>
            <object class="Attachment" package="p"><id name="id">20</id><property name="title">full.txt</property>
            <property name="version">1</property><property name="containerContent" class="Page" package="p"><id name="id">10</id></property></object>
            <object class="Attachment" package="p"><id name="id">21</id><property name="title">empty.txt</property>
            <property name="version">1</property><property name="containerContent" class="Page" package="p"><id name="id">10</id></property></object>
            <object class="Attachment" package="p"><id name="id">22</id><property name="title">missing.txt</property>
            <property name="version">1</property><property name="containerContent" class="Page" package="p"><id name="id">10</id></property></object>
            </hibernate-generic>
            """#.utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        let content = Array((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for (id, bytes) in [("20", content), ("21", [])] {
            let folder = directory.appendingPathComponent("attachments/10/\(id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent("1"))
        }
        var attachments: [String: AttachmentVersion] = [:]
        var missing: [String] = []
        try ConfluenceExport(url: directory).read { event in
            if case .attachment(let attachment) = event { attachments[attachment.fileName] = attachment }
            if case .diagnostic(let diagnostic) = event, diagnostic.code == "attachment-missing" { missing.append(diagnostic.message) }
        }
        #expect(try attachments["full.txt"]?.load() == content)
        #expect(try attachments["empty.txt"]?.load() == [])
        #expect(try attachments["missing.txt"]?.load() == nil)
        #expect(missing.count == 1)
        #expect(throws: AttachmentTooLarge.self) { try attachments["full.txt"]?.load(maxBytes: 1000) }
    }
}
