import Testing

@testable import SiftExtract

@Suite struct RTFTextTests {
    private func text(_ rtf: String) -> String {
        RTFText.text(Array(rtf.utf8))
    }

    @Test func unicodeEscapesGiveTheirCharacters() {
        #expect(text(#"{\rtf1 caf\u233?"# + #" \u-3913?x}"#).contains("café"))
        #expect(text(#"{\rtf1 \u-3913?x}"#).contains("\u{F0B7}"))
    }

    /// Found by fuzz-attachment: a parameter beyond UInt32 stopped the process.
    @Test func outOfRangeUnicodeEscapesAreDropped() {
        let out = text(#"{\rtf1 a\u88888888888888888?b\u-70000?c\u1114112?d}"#)
        #expect(out.contains("a") && out.contains("b") && out.contains("c") && out.contains("d"))
        #expect(!out.contains("?"))
    }
}
