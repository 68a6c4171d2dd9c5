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

    @Test func capturedValuesComeBackFromTheirStandIns() {
        let value = "<p>a body long enough for its stand-in</p>\n<p>second line</p>"
        let input = Array((#"<object><property name="body"><![CDATA["# + value + #"]]></property>"#
            + #"<property name="body"><![CDATA[short]]></property></object>"#).utf8)
        var blanker = CDATABlanker(properties: ["body"], capturing: true)
        var buffer = input
        let (count, consumed) = buffer.withUnsafeMutableBufferPointer { blanker.filter($0, atEnd: true) }
        #expect(consumed == input.count)
        let output = String(decoding: buffer[..<count], as: UTF8.self)
        #expect(output.contains("<![CDATA[\n#sift-") && output.contains(#"<![CDATA[short]]>"#), "\(output)")
        let standIn = output.components(separatedBy: "<![CDATA[")[1].components(separatedBy: "]]>")[0]
        #expect(blanker.takeCapture(replacing: Array((standIn + " after").utf8)) == Array((value + " after").utf8))
        #expect(blanker.takeCapture(replacing: Array(standIn.utf8)) == nil, "taken once")
        #expect(blanker.takeCapture(replacing: Array("\n#sift-1-0#".utf8)) == nil)
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

    @Test func keptBodiesArePutBackWhereTheyWere() throws {
        func body(_ id: Int, _ text: String, after: String = "") -> String {
            #"<object class="BodyContent" package="p"><id name="id">\#(id)</id><property name="body"><![CDATA[\#(text)]]>\#(after)</property>"#
                + #"<property name="content" class="Page" package="p"><id name="id">\#(id + 100)</id></property>"#
                + #"<property name="bodyType">\#(id % 2 == 0 ? 2 : 0)</property></object>"#
                + #"<object class="Page" package="p"><id name="id">\#(id + 100)</id><property name="title">T\#(id)</property></object>"#
        }
        let long = String(repeating: "<p>filler text FAKE-SECRET-\u{E9}</p>\n", count: 40)
        let objects = [
            body(1, ""), body(2, "<p>x</p>"), body(3, "tiny"), body(4, long),
            body(5, "<p>windows\r\nline ends\r\n</p>" + long), body(6, long + "<p>escaped ]] > cdata ]] </p>"),
            body(7, long, after: " and text after the CDATA"), body(8, long + "#sift-1-0# a forged stand-in"),
            body(9, "\n\n\n" + long + "\n\n"), body(10, String(repeating: "é", count: 3_000)),
            #"<object class="PageTemplate" package="p"><id name="id">50</id><property name="name">tpl</property>"#
                + #"<property name="content"><![CDATA[<p>template \#(long)</p>]]></property></object>"#,
        ]
        let xml = #"<?xml version="1.0"?><hibernate-generic>"# + objects.joined(separator: "\n") + "</hibernate-generic>"
        let directory = try FixtureCorpusTests.temporaryExport(contents: Data(xml.utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        let bypassed = try Self.read(directory, blanking: true)
        #expect(bypassed.contents.count == 11)
        #expect(bypassed == (try Self.read(directory, blanking: false)))
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
