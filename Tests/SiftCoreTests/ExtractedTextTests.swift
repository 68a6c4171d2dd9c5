import SiftCore
import Testing

@Suite struct ExtractedTextTests {
    @Test func builderMergesAdjacentSpansOfOnePart() {
        var builder = ExtractedTextBuilder()
        builder.append("Title", as: Part(.title))
        builder.newline()
        builder.append("first ", as: Part(.paragraph))
        builder.append("second", as: Part(.paragraph))
        builder.newline()
        builder.append("export KEY=1", as: Part(.code, "bash"))
        let text = builder.build()
        #expect(String(decoding: text.bytes, as: UTF8.self) == "Title\nfirst second\nexport KEY=1")
        #expect(text.parts.count == 3)
        #expect(text.parts[1].range == 6..<18)
        #expect(text.part(at: 0) == Part(.title))
        #expect(text.part(at: 7) == Part(.paragraph))
        #expect(text.part(at: 25)?.description == "code:bash")
        // The separator between parts belongs to the part before it.
        #expect(text.part(at: 5) == Part(.title))
    }

    @Test func partDescriptionRoundTrips() {
        for text in ["title", "code:python", "macro-parameter:url", "attachment:Sheet3!C7"] {
            #expect(Part(parsing: text).description == text)
        }
    }

    @Test func lineIndexFindsLinesAndColumns() {
        let bytes = Array("one\r\ntwo\nthré x\n".utf8)
        let index = LineIndex(bytes)
        #expect(index.lineNumber(at: 0) == 1)
        #expect(index.lineNumber(at: 4) == 1)
        #expect(index.lineNumber(at: 5) == 2)
        #expect(index.lineNumber(at: 9) == 3)
        #expect(index.lineNumber(at: bytes.count) == 4)
        let line1 = index.lineRange(1, in: bytes)
        #expect(String(decoding: bytes[line1], as: UTF8.self) == "one")
        let line3 = index.lineRange(3, in: bytes)
        #expect(String(decoding: bytes[line3], as: UTF8.self) == "thré x")
        // "x" is the 6th scalar of line 3 although it is its 7th byte.
        let x = bytes.lastIndex(of: UInt8(ascii: "x"))!
        #expect(index.column(at: x, in: bytes) == 6)
    }

    @Test func diagnosticsNameTheirPlace() {
        let d = Diagnostic(.error, code: "xml-malformed", "unexpected end", at: SourceLocation(file: "entities.xml", line: 3, column: 9, object: "42"))
        #expect(d.description == "error[xml-malformed]: entities.xml:3:9, object 42: unexpected end")
        #expect(Severity.low < Severity.critical)
        #expect(Confidence.low.raised == .medium)
    }
}
