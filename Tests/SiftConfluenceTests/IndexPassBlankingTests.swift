import Foundation
import SiftConfluence
import SiftCore
import Testing

/// The index pass drops the bodies' text before libxml2 parses it (``CDATABlanker``): what is read
/// must be exactly what a read of every byte gives, and the filter must not depend on where the
/// file is cut into chunks.
@Suite struct IndexPassBlankingTests {
    /// Filters `input` in chunks of `sizes` (cycled), carrying undecided bytes as the reader does.
    static func blank(_ input: [UInt8], chunks sizes: [Int]) -> [UInt8] {
        var blanker = CDATABlanker(properties: ["body"])
        var output: [UInt8] = []
        var carry: [UInt8] = []
        var offset = 0
        var turn = 0
        while true {
            let size = sizes[turn % sizes.count]
            turn += 1
            let next = Array(input[offset..<min(input.count, offset + size)])
            offset += next.count
            let atEnd = offset >= input.count
            var buffer = carry + next
            let (count, consumed) = buffer.withUnsafeMutableBufferPointer { blanker.filter($0, atEnd: atEnd) }
            output += buffer[..<count]
            carry = Array(buffer[consumed...])
            if atEnd {
                #expect(carry.isEmpty)
                return output
            }
        }
    }

    static let sample = #"""
        <?xml version="1.0" encoding="UTF-8"?><hibernate-generic datetime="2024-01-01 00:00:00">
        <!-- a comment with <property name="body"><![CDATA[ inside, and ]]> -->
        <object class="BodyContent" package="p"><id name="id">1</id>
        <property name="body"><![CDATA[<p>line one</p>
        <p>two ]] > still body]] ]] ]x]</p>
        <p>three</p>]]></property>
        <property name="title"><![CDATA[keep <property name="body"><![CDATA[ this ]]></property>
        <?pi <property name="body"><![CDATA[ also kept ?>
        <property name="body"><![CDATA[]]></property><property name="body"/>
        <property name="body"><![CDATA[]]]]]></property>
        </object></hibernate-generic>
        """#

    @Test func bodiesAreBlankedToTheirLineFeedsAndNothingElseChanges() {
        let output = String(decoding: Self.blank(Array(Self.sample.utf8), chunks: [1 << 20]), as: UTF8.self)
        let expected = #"""
            <?xml version="1.0" encoding="UTF-8"?><hibernate-generic datetime="2024-01-01 00:00:00">
            <!-- a comment with <property name="body"><![CDATA[ inside, and ]]> -->
            <object class="BodyContent" package="p"><id name="id">1</id>
            <property name="body"><![CDATA[

            ]]></property>
            <property name="title"><![CDATA[keep <property name="body"><![CDATA[ this ]]></property>
            <?pi <property name="body"><![CDATA[ also kept ?>
            <property name="body"><![CDATA[]]></property><property name="body"/>
            <property name="body"><![CDATA[]]></property>
            </object></hibernate-generic>
            """#
        #expect(output == expected)
        #expect(output.filter { $0 == "\n" }.count == Self.sample.filter { $0 == "\n" }.count)
    }

    @Test func chunkBoundariesDoNotMatter() {
        let input = Array(Self.sample.utf8)
        let whole = Self.blank(input, chunks: [1 << 20])
        for size in 1...40 {
            #expect(Self.blank(input, chunks: [size]) == whole, "chunks of \(size)")
        }
        for cut in 0...input.count {
            #expect(Self.blank(input, chunks: [cut, 1 << 20]) == whole, "cut at \(cut)")
        }
    }

    @Test func aDoctypeSwitchesBlankingOff() {
        let input = Array(#"<!DOCTYPE h [<!ENTITY x "<property name="body"><![CDATA[">]><h><property name="body"><![CDATA[text]]></property></h>"#.utf8)
        #expect(Self.blank(input, chunks: [7]) == input)
    }

    /// What a read yields, comparable.
    struct Read: Equatable {
        var contents: [String] = []
        var attachments: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    static func read(_ url: URL, blanking: Bool) throws -> Read {
        var options = ReadOptions()
        options.blanksBodiesInIndexPass = blanking
        var read = Read()
        try ConfluenceExport(url: url, options: options).read(options: options) { event in
            switch event {
            case .content(let item):
                read.contents.append("\(item.provenance) \(item.text.parts) " + String(decoding: item.text.bytes, as: UTF8.self))
            case .attachment(let attachment):
                read.attachments.append("\(attachment.provenance) \(attachment.fileName) \(attachment.location)")
            case .diagnostic(let diagnostic):
                read.diagnostics.append(diagnostic)
            case .file:
                break
            }
        }
        return read
    }

    @Test(arguments: FixtureCorpusTests.names)
    func realExportsReadTheSame(_ name: String) throws {
        let url = FixtureCorpusTests.root.appendingPathComponent(name)
        #expect(try Self.read(url, blanking: true) == Self.read(url, blanking: false))
    }

    @Test func syntheticExportsReadTheSame() throws {
        let url = Fixtures.shared("synthetic/server-space-export")
        #expect(try Self.read(url, blanking: true) == Self.read(url, blanking: false))
        #expect(try Self.read(url, blanking: true).contents.count > 3)
        for quirk in ["control-chars-entities.xml", "dc8-unquoted-strings-entities.xml"] {
            let directory = try FixtureCorpusTests.temporaryExport(from: Fixtures.shared("synthetic/quirks/\(quirk)"))
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(try Self.read(directory, blanking: true) == Self.read(directory, blanking: false), "\(quirk)")
        }
        let planted = Fixtures.own.appendingPathComponent("planted-export")
        #expect(try Self.read(planted, blanking: true) == Self.read(planted, blanking: false))
    }

    @Test func malformedExportsReportTheSameDiagnostics() throws {
        let body = #"<object class="BodyContent" package="p"><id name="id">1</id><property name="body"><![CDATA[<p>a long body</p>]]></property>"#
            + #"<property name="content" class="Page" package="p"><id name="id">2</id></property><property name="bodyType">2</property></object>"#
        let page = #"<object class="Page" package="p"><id name="id">2</id><property name="title">T</property></object>"#
        for xml in [
            "<hibernate-generic>\(body) <broken attr=x> \(page)</hibernate-generic>",
            "<hibernate-generic>\(body)\(page)",
            "<hibernate-generic>\(page)\(body) & </hibernate-generic>",
        ] {
            let directory = try FixtureCorpusTests.temporaryExport(contents: Data(xml.utf8))
            defer { try? FileManager.default.removeItem(at: directory) }
            let blanked = try Self.read(directory, blanking: true)
            #expect(!blanked.diagnostics.isEmpty, "\(xml)")
            #expect(blanked == (try Self.read(directory, blanking: false)), "\(xml)")
        }
    }
}
