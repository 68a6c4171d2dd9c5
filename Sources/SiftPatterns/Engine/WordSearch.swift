import SiftMatcher

/// Plain substring search for context words and keywords: ASCII-case-insensitive or exact, whole
/// words or anywhere. Runs only around matches (or once per item for keyword-gated patterns).
enum WordSearch {
    /// Whether `word` occurs in `text[range]`. With `caseless`, `word` must be lowercase.
    static func contains(
        _ word: [UInt8], in text: UnsafeRawBufferPointer, range: Range<Int>, caseless: Bool, wholeWord: Bool
    ) -> Bool {
        guard !word.isEmpty, word.count <= range.count else { return false }
        let first = word[0]
        var start = range.lowerBound
        let last = range.upperBound - word.count
        while start <= last {
            let byte = caseless ? fold(text[start]) : text[start]
            if byte == first, matches(word, text, at: start, caseless: caseless) {
                // The matcher gates keyword rules with the same test (the bytes at the occurrence's
                // ends fold to `word`'s, so they are word bytes exactly when `word`'s are).
                if !wholeWord || WordBoundary.isWholeWord(start..<(start + word.count), in: text) { return true }
            }
            start += 1
        }
        return false
    }

    private static func matches(_ word: [UInt8], _ text: UnsafeRawBufferPointer, at start: Int, caseless: Bool) -> Bool {
        for i in 1..<word.count {
            let byte = caseless ? fold(text[start + i]) : text[start + i]
            if byte != word[i] { return false }
        }
        return true
    }

    static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
