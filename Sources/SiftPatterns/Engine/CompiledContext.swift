/// Context words ready for searching: lowercase bytes, whole-word, within a byte window.
struct CompiledContext: Sendable {
    let within: Int
    let require: [[UInt8]]
    let raise: [[UInt8]]
    let lower: [[UInt8]]

    init(_ words: ContextWords) {
        within = words.within
        func fold(_ list: [String]) -> [[UInt8]] { list.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty } }
        require = fold(words.require)
        raise = fold(words.raise)
        lower = fold(words.lower)
    }

    /// Whether one of `words` occurs as a whole word (ASCII-case-insensitively) in `text`'s bytes
    /// `[range.lowerBound - within, range.upperBound + within)`, outside the match itself.
    func occurs(_ words: [[UInt8]], around range: Range<Int>, in text: UnsafeRawBufferPointer) -> Bool {
        guard !words.isEmpty else { return false }
        let windows = [max(0, range.lowerBound - within)..<range.lowerBound,
                       range.upperBound..<min(text.count, range.upperBound + within)]
        for window in windows where !window.isEmpty {
            for word in words
            where WordSearch.contains(word, in: text, range: window, caseless: true, wholeWord: true) {
                return true
            }
        }
        return false
    }
}
