import SiftConfluence
import SiftCore
import Testing

@Suite struct StorageFormatTests {
    private func lines(_ text: ExtractedText) -> [String] {
        String(decoding: text.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func part(of needle: String, in text: ExtractedText) -> Part? {
        let haystack = String(decoding: text.bytes, as: UTF8.self)
        guard let range = haystack.range(of: needle) else { return nil }
        return text.part(at: haystack.utf8.distance(from: haystack.startIndex, to: range.lowerBound))
    }

    @Test func codeMacroCDATAComesOutVerbatimWithItsLanguage() {
        let body = """
            <p>Connect with:</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter>\
            <ac:plain-text-body><![CDATA[export DB_PASSWORD='p<a>ss&word' # ]]></ac:plain-text-body></ac:structured-macro>
            """
        let text = StorageFormat.text(body)
        #expect(lines(text).contains("export DB_PASSWORD='p<a>ss&word' # "))
        #expect(part(of: "export DB_PASSWORD", in: text) == Part(.code, "bash"))
        #expect(part(of: "Connect", in: text) == Part(.paragraph))
        #expect(part(of: "bash", in: text) == Part(.macroParameter, "code.language"))
    }

    @Test func entitiesPrefixesLinksAndParameters() {
        let body = """
            <p>Caf&eacute;&nbsp;&mdash; <a href="https://user:FAKEpass@intranet.example.com/x">the wiki</a></p>\
            <ac:structured-macro ac:name="jira"><ac:parameter ac:name="server">https://jira.fake/?token=FAKE123</ac:parameter></ac:structured-macro>\
            <ac:link><ri:attachment ri:filename="creds.env"/><ac:plain-text-link-body><![CDATA[download]]></ac:plain-text-link-body></ac:link>\
            <ac:image><ri:url ri:value="https://img.fake/a.png?sig=FAKESIG"/></ac:image>
            """
        let text = StorageFormat.text(body)
        let all = lines(text)
        #expect(all.contains("Café\u{00A0}— the wiki"))
        #expect(part(of: "https://user:FAKEpass@", in: text) == Part(.link, "href"))
        #expect(part(of: "https://jira.fake", in: text) == Part(.macroParameter, "jira.server"))
        #expect(part(of: "creds.env", in: text) == Part(.reference, "attachment"))
        #expect(part(of: "download", in: text) == Part(.paragraph))
        #expect(part(of: "sig=FAKESIG", in: text) == Part(.link, "ri:url"))
    }

    @Test func tablesAndHeadingsAreParts() {
        let text = StorageFormat.text("<h2>Keys</h2><table><tbody><tr><th>name</th><td>AKIAFAKE</td></tr></tbody></table>")
        #expect(part(of: "Keys", in: text) == Part(.heading))
        #expect(part(of: "AKIAFAKE", in: text) == Part(.tableCell))
        #expect(lines(text).first == "Keys")
    }

    @Test func cloudFallbackIsNotRepeated() {
        let body = """
            <ac:adf-extension><ac:adf-node type="panel"><ac:adf-attribute key="panel-type">note</ac:adf-attribute>\
            <ac:adf-content><p>token FAKE-ADF-42</p></ac:adf-content></ac:adf-node>\
            <ac:adf-fallback><div><p>token FAKE-ADF-42</p></div></ac:adf-fallback></ac:adf-extension>
            """
        let text = String(decoding: StorageFormat.text(body).bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "FAKE-ADF-42").count == 2, "once: \(text)")
        #expect(!text.contains("note"))
    }

    @Test func malformedBodyIsRecoveredAndFlagged() {
        var builder = ExtractedTextBuilder()
        let conversion = StorageFormat.append("<p>secret FAKE-RECOVER</td></tr>", to: &builder,
                                              location: SourceLocation(object: "42"))
        #expect(conversion.degraded)
        #expect(conversion.diagnostics.first?.code == "storage-format-recovered")
        #expect(conversion.diagnostics.first?.location.object == "42")
        #expect(String(decoding: builder.build().bytes, as: UTF8.self).contains("FAKE-RECOVER"))
    }

    @Test func externalEntitiesAreNeverLoaded() {
        // A body cannot declare entities (the DOCTYPE is Sift's), and references to undeclared ones fail.
        var builder = ExtractedTextBuilder()
        let conversion = StorageFormat.append(#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><p>&xxe;</p>"#, to: &builder)
        #expect(conversion.degraded)
        #expect(!String(decoding: builder.build().bytes, as: UTF8.self).contains("root:"))
    }

    @Test(arguments: ["cloud-adf-and-tasks.xhtml", "code-macro-with-secret.xhtml", "entities-and-prefixes.xhtml", "legacy-ac-macro.xhtml"])
    func syntheticFragmentsParseStrictly(_ name: String) throws {
        var builder = ExtractedTextBuilder()
        let conversion = StorageFormat.append(try Fixtures.text(Fixtures.shared("synthetic/storage/\(name)")), to: &builder)
        #expect(!conversion.degraded, "\(conversion.diagnostics)")
        #expect(builder.build().count > 0)
    }
}
