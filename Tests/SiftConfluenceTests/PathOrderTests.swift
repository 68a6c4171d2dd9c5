import SiftConfluence
import Testing

@Suite struct PathOrderTests {
    @Test("paths sort by their UTF-8 bytes, as String's < sorts NFC paths")
    func theOrderIsStringOrderForNFCPaths() {
        let paths = [
            "a", "a/b", "a.txt", "a/b/c.py", "A", "Z", "_", "a b", "", "é.txt", "e.txt", "f.txt", "日本/x", "ü/a",
            "test/test_a.py", "test/test_ab.py", "test/test_a/b.py", "test/testa.py", "x\u{7F}", "x~", "😀", "ÿ",
        ]
        for a in paths {
            for b in paths {
                #expect(PathOrder.precedes(a, b) == (a < b), "\(a) vs \(b)")
            }
        }
        #expect(paths.sorted(by: PathOrder.precedes) == paths.sorted())
    }

    @Test func aProperPrefixComesFirst() {
        #expect(PathOrder.precedes("dir", "dir/file"))
        #expect(!PathOrder.precedes("dir/file", "dir"))
        #expect(!PathOrder.precedes("same", "same"))
    }
}
