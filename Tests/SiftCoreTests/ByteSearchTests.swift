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
}
