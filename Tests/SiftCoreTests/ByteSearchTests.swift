import SiftCore
import Testing

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("password", "the password is", true),
        ("word is", "the password is", true),
        ("the password is", "the password is", true),
        ("the password is!", "the password is", false),
        ("Password", "the password is", false),
        ("aab", "aaaab", true),
        ("é", "caf\u{E9}", true),
        ("e\u{301}", "caf\u{E9}", false),
        ("", "anything", true),
        ("x", "", false),
    ])
    func findsExactBytes(needle: String, haystack: String, expected: Bool) {
        #expect(ByteSearch.contains(needle, in: haystack) == expected)
    }

    @Test func findsANeedleAtEveryOffset() {
        let haystack = String(repeating: "ab", count: 40) + "TOKEN"
        for cut in 0..<haystack.utf8.count {
            let suffix = String(haystack.utf8.dropFirst(cut))!
            #expect(ByteSearch.contains(suffix, in: haystack))
        }
        #expect(!ByteSearch.contains("TOKENS", in: haystack))
    }

    @Test(arguments: [
        ("aa", "X", "aaaaa", "XXa"),  // left to right, no overlaps
        ("pw", "**", "pw=1 pw=2", "**=1 **=2"),
        ("hunter2", "hu*****", "x hunter2", "x hu*****"),
        ("é", "e", "café é", "cafe e"),
        ("secret", "s*****", "my secret", "my s*****"),
    ])
    func replacesEveryOccurrence(needle: String, replacement: String, text: String, expected: String) {
        #expect(ByteSearch.replacing(needle, with: replacement, in: text) == expected)
    }

    @Test func replacingWhatDoesNotOccurIsNil() {
        #expect(ByteSearch.replacing("TOKEN", with: "T****", in: "no such thing") == nil)
        #expect(ByteSearch.replacing("", with: "x", in: "abc") == nil)
    }

    @Test func findsEachOccurrenceFromAnOffset() {
        let haystack = Array("ab TOKEN cd TOKEN".utf8)
        let needle = Array("TOKEN".utf8)
        haystack.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                #expect(ByteSearch.firstOffset(of: needle, in: haystack, from: 0) == 3)
                #expect(ByteSearch.firstOffset(of: needle, in: haystack, from: 4) == 12)
                #expect(ByteSearch.firstOffset(of: needle, in: haystack, from: 13) == nil)
                #expect(ByteSearch.firstOffset(of: needle, in: haystack, from: 99) == nil)
            }
        }
    }
}
