import SiftCore
import Testing

/// ``LineIndex`` finds line feeds with `memchr` in contiguous bytes and one byte at a time in other
/// collections: both must give the same line starts.
@Suite struct LineIndexTests {
    @Test(arguments: ["", "\n", "\n\n", "one", "one\n", "one\ntwo", "a\r\nb\r\n\r\n", "x\ny\nz\n\nlast line without end"])
    func contiguousAndGenericIndexesAgree(_ text: String) {
        let bytes = Array(text.utf8)
        let contiguous = LineIndex(bytes)
        let generic = LineIndex(bytes.lazy.map { $0 })
        #expect(contiguous == generic)
        #expect(contiguous.count == bytes.count)
        #expect(contiguous.lineStarts.count == bytes.filter { $0 == 0x0A }.count + 1)
    }

    @Test func largeTextWithLongAndShortLines() {
        var text = ""
        for i in 0..<2_000 { text += String(repeating: "x", count: i % 97) + "\n" }
        let bytes = Array(text.utf8)
        let index = LineIndex(bytes)
        #expect(index == LineIndex(bytes.lazy.map { $0 }))
        #expect(index.lineNumber(at: bytes.count - 1) == 2_000)
        #expect(index.lineStarts.last == bytes.count)
    }
}
