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
                if !wholeWord { return true }
                let before: UInt8 = start == 0 ? 0x20 : text[start - 1]
                let after: UInt8 = start + word.count < text.count ? text[start + word.count] : 0x20
                if (!isWordByte(before) || !isWordByte(first)), (!isWordByte(after) || !isWordByte(word[word.count - 1])) {
                    return true
                }
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

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
