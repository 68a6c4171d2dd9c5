import Foundation
import SiftConfluence
import SiftCore
import Testing

/// Storage-format bodies are parsed with only the HTML entities they reference declared (not all
/// 248): the text, parts and diagnostics must be exactly those of the full declaration.
@Suite struct StorageEntityDeclarationTests {
    /// Bodies whose entity references sit where a shortcut could miss them.
    static let edgeCases = [
        "<p>plain text, no entities at all</p>",
        "<p>Caf&eacute;&nbsp;&mdash; &hellip;</p>",
        "<p>at the very end&nbsp;",
        "<p>ends with an ampersand &</p>",
        "<p>&amp;nbsp; is escaped, not a reference</p>",
        "<p>&#160; &#xA0; &#x41; character references need no declaration</p>",
        #"<p><a href="https://x.fake/?a=1&amp;b=&copy;&reg;">attribute values</a></p>"#,
        "<p>case matters: &Alpha; &alpha; &ALPHA;</p>",
        "<p>the longest names: &thetasym; &alefsym; &epsilon;</p>",
        "<p>a name too long &abcdefghijklmnopqrstuvwxyzabcdefghijklmn; to be an entity</p>",
        "<p>undeclared &bogus; entity</p>",
        "<p>&nbsp</p>",
        #"<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a && b &nbsp; c]]></ac:plain-text-body></ac:structured-macro>"#,
        "<p>&nbsp;&nbsp;&nbsp;&zwnj;&zwj;&lrm;&rlm;</p><p>second &euro; block</p>",
        "<p>malformed &eacute;</td></tr>",
        "<p>malformed without entities</q>",
        "<p>line one</p>\n<p>line two &nbsp; broken</x>",
    ]

    /// Every `<property name="body">` in the XWiki fixtures' entities.xml files, escaping undone.
    static func realBodies() throws -> [String] {
        let root = Fixtures.shared("confluence-xwiki")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        let pattern = try NSRegularExpression(pattern: #"<property name="body"><!\[CDATA\[(.*?)\]\]></property>"#,
                                              options: [.dotMatchesLineSeparators])
        var bodies: [String] = []
        for name in names.sorted() {
            let url = root.appendingPathComponent(name).appendingPathComponent("entities.xml")
            guard let data = try? Data(contentsOf: url) else { continue }
            let xml = String(decoding: data, as: UTF8.self)
            for match in pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
                guard let range = Range(match.range(at: 1), in: xml) else { continue }
                bodies.append(xml[range].replacingOccurrences(of: "]] ", with: "]]"))
            }
        }
        return bodies
    }

    private func expectSameConversion(_ body: String, _ label: String) {
        var referenced = ExtractedTextBuilder()
        var every = ExtractedTextBuilder()
        let location = SourceLocation(file: "entities.xml", line: 7, object: "42")
        let a = StorageFormat.append(body, to: &referenced, location: location)
        let b = StorageFormat.appendDeclaringEveryEntity(body, to: &every, location: location)
        let textA = referenced.build()
        let textB = every.build()
        #expect(textA.bytes == textB.bytes, "\(label): text")
        #expect(textA.parts == textB.parts, "\(label): parts")
        #expect(a.degraded == b.degraded, "\(label): degraded")
        #expect(a.diagnostics.map(\.code) == b.diagnostics.map(\.code), "\(label): diagnostics")
        #expect(a.diagnostics.map(\.message) == b.diagnostics.map(\.message), "\(label): messages")
        #expect(a.diagnostics.map(\.location) == b.diagnostics.map(\.location), "\(label): positions")
    }

    @Test func edgeCasesConvertAsWithEveryEntityDeclared() {
        for (i, body) in Self.edgeCases.enumerated() { expectSameConversion(body, "edge case \(i): \(body)") }
    }

    @Test func realBodiesConvertAsWithEveryEntityDeclared() throws {
        let bodies = try Self.realBodies()
        #expect(bodies.count > 200, "the XWiki fixtures' bodies were not found")
        for (i, body) in bodies.enumerated() { expectSameConversion(body, "body \(i)") }
    }

    @Test func everyDeclaredEntityIsExpanded() {
        // One body referencing all 248 declared entities: none may be left undeclared.
        let names = HTMLEntities.declarations.split(separator: ">").compactMap { $0.split(separator: " ").dropFirst().first }
        #expect(names.count == 248)
        let body = "<p>" + names.map { "&\($0);" }.joined(separator: " ") + "</p>"
        var builder = ExtractedTextBuilder()
        let conversion = StorageFormat.append(body, to: &builder)
        #expect(!conversion.degraded, "\(conversion.diagnostics)")
        #expect(!String(decoding: builder.build().bytes, as: UTF8.self).contains("&"))
        expectSameConversion(body, "all entities")
    }

    @Test func onlyReferencedEntitiesAreDeclared() {
        func declared(_ body: String) -> String {
            var body = body
            return body.withUTF8 { String(decoding: HTMLEntities.declarations(referencedIn: $0), as: UTF8.self) }
        }
        #expect(declared("<p>no entities &amp; &lt;</p>") == "")
        #expect(declared("&nbsp;&eacute;&nbsp;") == #"<!ENTITY eacute "&#233;"><!ENTITY nbsp "&#160;">"#)
        #expect(declared("&bogus; &nbsp") == "")
    }
}
