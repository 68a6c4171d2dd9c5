/// What "a whole word" means for keywords, shared by the matcher's keyword gate and the pattern
/// engine's keyword and context-word checks so that the two always agree.
///
/// Word bytes are ASCII letters and digits, `_`, and every byte of a multibyte UTF-8 sequence (any
/// byte ≥ 0x80, so a non-ASCII letter next to a keyword joins it to the word, and so does any other
/// non-ASCII character). An occurrence `text[range]` is a whole word when, at each end, either the
/// neighbouring byte is not a word byte (the text's edges count as spaces) or the occurrence's own
/// byte at that end is not a word byte (a keyword such as `"-key"` has no boundary to respect there).
public enum WordBoundary {
    /// Whether `byte` is part of a word.
    @inline(__always)
    public static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// Whether the occurrence `text[range]` (non-empty) stands as a whole word in `text`.
    @inline(__always)
    public static func isWholeWord(_ range: Range<Int>, in text: UnsafeRawBufferPointer) -> Bool {
        let before: UInt8 = range.lowerBound == 0 ? 0x20 : text[range.lowerBound - 1]
        let after: UInt8 = range.upperBound < text.count ? text[range.upperBound] : 0x20
        return (!isWordByte(before) || !isWordByte(text[range.lowerBound]))
            && (!isWordByte(after) || !isWordByte(text[range.upperBound - 1]))
    }
}
